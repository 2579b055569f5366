using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KyodoBot.IntegrationTests.Fakes;

/// <summary>
/// A local HTTP server standing in for the SharePoint/OneDrive download URLs Teams puts in a file attachment:
/// <c>/files/{name}</c> serves what the test put there, <see cref="EndlessUrl"/> streams zeros with no length until the client
/// stops reading, <c>/missing</c> is 404, <c>/slow</c> answers after 30 s. Records every path requested.
/// </summary>
public sealed class FileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private long _endlessBytesSent;

    private FileServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>How many bytes <c>/endless</c> got to write before the client hung up.</summary>
    public long EndlessBytesSent => Interlocked.Read(ref _endlessBytesSent);

    public string Put(string name, byte[] content)
    {
        _files[name] = content;
        return $"{BaseUrl}/files/{Uri.EscapeDataString(name)}";
    }

    public static async Task<FileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FileServer(app);
        app.Use(async (context, next) =>
        {
            server._requests.Enqueue(context.Request.Path.Value ?? "");
            await next(context);
        });
        app.MapGet("/files/{name}", async (string name, HttpContext context) =>
        {
            if (!server._files.TryGetValue(name, out var content))
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(content, context.RequestAborted);
        });
        app.MapGet("/missing", () => Results.NotFound());
        app.MapGet("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Ok();
        });
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        server.StartEndless();
        return server;
    }

    /// <summary>A URL whose body never ends (no Content-Length), served from a raw socket so that what was sent is what the peer accepted.</summary>
    public string EndlessUrl { get; private set; } = "";

    private readonly System.Net.Sockets.TcpListener _endless = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();

    private void StartEndless()
    {
        _endless.Start();
        EndlessUrl = $"http://127.0.0.1:{((IPEndPoint)_endless.LocalEndpoint).Port}/endless";
        _ = Task.Run(async () =>
        {
            while (!_stopping.IsCancellationRequested)
            {
                System.Net.Sockets.TcpClient client;
                try
                {
                    client = await _endless.AcceptTcpClientAsync(_stopping.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
                {
                    return;
                }

                _requests.Enqueue("/endless");
                using (client)
                {
                    await SendEndlessAsync(client.GetStream());
                }
            }
        });
    }

    private async Task SendEndlessAsync(Stream stream)
    {
        try
        {
            var header = new byte[4096];
            _ = await stream.ReadAsync(header, _stopping.Token); // the request line and headers; their content does not matter
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nConnection: close\r\n\r\n"u8.ToArray(), _stopping.Token);
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 16 * 1024; i++) // 1 GB at most
            {
                await stream.WriteAsync(chunk, _stopping.Token);
                Interlocked.Add(ref _endlessBytesSent, chunk.Length);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client stopped reading and closed the connection: that is the point.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _endless.Stop();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
