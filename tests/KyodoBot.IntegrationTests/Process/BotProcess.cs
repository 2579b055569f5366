using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KyodoBot.IntegrationTests.Fakes;

namespace KyodoBot.IntegrationTests.Process;

/// <summary>The bot as an operator runs it: <c>dotnet KyodoBot.dll</c> in its own process, configured by environment.</summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _output = new();

    private BotProcess(System.Diagnostics.Process process, int port, IReadOnlyDictionary<string, string?> environment)
    {
        _process = process;
        Port = port;
        Environment = environment;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>
    /// The configuration the bot was given (all but its URL): what a CLI verb of the same executable needs to work on the
    /// same database and content.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public bool HasExited => _process.HasExited;
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static BotProcess Start(IReadOnlyDictionary<string, string?> environment, string[]? args = null, string? workingDirectory = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(RepoPaths.BotAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepoPaths.BotAssembly);
        foreach (var arg in args ?? [])
        {
            start.ArgumentList.Add(arg);
        }

        var configuration = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kyodo__ContentRoot"] = RepoPaths.Root,
        };
        foreach (var (key, value) in environment)
        {
            configuration[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in configuration)
        {
            start.Environment[key] = value;
        }

        return new BotProcess(System.Diagnostics.Process.Start(start)!, port, configuration);
    }

    /// <summary>Polls /readyz until it answers 200 (bounded); false if the process exits or time runs out.</summary>
    public async Task<bool> WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(BaseUrl + "/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            using var pause = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await pause.Token.WhenCanceled();
        }

        return false;
    }

    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            _process.WaitForExit();
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

internal static class CancellationTokenExtensions
{
    public static Task WhenCanceled(this CancellationToken token)
    {
        var completion = new TaskCompletionSource();
        token.Register(() => completion.TrySetResult());
        return completion.Task;
    }
}
