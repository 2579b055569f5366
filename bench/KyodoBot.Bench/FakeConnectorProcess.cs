using System.Diagnostics;
using System.Text.Json;
using KyodoBot.IntegrationTests.Fakes;

namespace KyodoBot.Bench;

/// <summary>
/// The integration tests' <see cref="FakeBotConnector"/> in a process of its own, enforcing Teams' limits. In the
/// bot's process its arrival stamps would wait for that process's thread pool and garbage collections: a reply
/// flushed just before a pause would be stamped after it, as no real connector, on machines of its own, would do.
/// The child prints <c>URL …</c>, then answers each <c>report</c> line on stdin with one JSON line, and exits on
/// <c>quit</c> or when stdin closes (so it never outlives the bench).
/// </summary>
internal sealed class FakeConnectorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private FakeConnectorProcess(Process process, string serviceUrl)
    {
        _process = process;
        ServiceUrl = serviceUrl;
    }

    public string ServiceUrl { get; }

    public sealed record Call(string Method, string ConversationId, string? ActivityId, int Status, long Ticks)
    {
        public TimeSpan ReceivedAt => TimeSpan.FromTicks(Ticks);
        public bool Accepted => Status is >= 200 and < 300;
    }

    public sealed record Report(long Origin, int Violations, List<Call> Calls);

    /// <summary>The child's side: <c>KyodoBot.Bench fake-connector --delay-ms N</c>.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        await using var fake = await FakeBotConnector.StartAsync(inlineScheduling: true);
        fake.ResponseDelay = TimeSpan.FromMilliseconds(Args.Int(args, "--delay-ms", 20));
        fake.EnforceTeamsLimits();
        Console.WriteLine($"URL {fake.ServiceUrl}");
        while (await Console.In.ReadLineAsync() is { } line && line != "quit")
        {
            if (line == "report")
            {
                var calls = fake.Calls.Select(c => new Call(c.Method, c.ConversationId, c.ActivityId, c.Status, c.ReceivedAt.Ticks)).ToList();
                Console.WriteLine(JsonSerializer.Serialize(new Report(fake.ClockOrigin, fake.WindowViolations(), calls)));
            }
        }

        return 0;
    }

    public static async Task<FakeConnectorProcess> StartAsync(int delayMs)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FakeConnectorProcess).Assembly.Location);
        }

        foreach (var arg in new[] { "fake-connector", "--delay-ms", delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("URL ", StringComparison.Ordinal))
                {
                    return new FakeConnectorProcess(process, line[4..]);
                }
            }

            throw new InvalidOperationException("the fake connector process exited before it listened");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async Task<Report> ReportAsync()
    {
        await _process.StandardInput.WriteLineAsync("report");
        await _process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the fake connector process exited");
        return JsonSerializer.Deserialize<Report>(line)!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync("quit");
            await _process.StandardInput.FlushAsync();
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
