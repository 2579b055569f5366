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

    /// <param name="Origin">The <see cref="Stopwatch.GetTimestamp"/> (one clock for all processes) that arrivals count from.</param>
    /// <param name="Refused">Requests the fake answered 429 as they came.</param>
    /// <param name="Violations">The re-check of every window in arrival order (<see cref="FakeBotConnector.WindowViolations"/>).</param>
    public sealed record Report(long Origin, int Refused, int Violations, List<ConnectorCall> Calls);

    /// <summary>The child's side: <c>KyodoBot.Bench fake-connector --delay-ms N</c>.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        await using var fake = await FakeBotConnector.StartAsync(inlineScheduling: true);
        await WarmUpAsync(fake);
        fake.Clear();
        fake.ResponseDelay = TimeSpan.FromMilliseconds(Args.Int(args, "--delay-ms", 20));
        fake.EnforceTeamsLimits();
        Console.WriteLine($"URL {fake.ServiceUrl}");
        while (await Console.In.ReadLineAsync() is { } line && line != "quit")
        {
            if (line.StartsWith("report", StringComparison.Ordinal))
            {
                var calls = fake.Calls.Select(c => line == "report bodies" ? c : c with { Body = [] }).ToList();
                Console.WriteLine(JsonSerializer.Serialize(new Report(fake.ClockOrigin, fake.Violations, fake.WindowViolations(), calls)));
            }
        }

        return 0;
    }

    private const string WarmUp = "warm-up";

    /// <summary>
    /// Every route a few hundred times before the bench starts: a cold fake would stamp its first arrivals only after
    /// its JIT (half a second and more on a busy machine), bunching requests that came spread out.
    /// </summary>
    private static async Task WarmUpAsync(FakeBotConnector fake)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ReminderFanOut.TrustsTestCertificate },
        });
        const string Activity = """{"type":"message","text":"warm-up"}""";
        const string Create = """{"isGroup":true,"channelData":{"channel":{"id":"warm-up"}},"activity":{"type":"message","text":"warm-up"}}""";
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = 0; i < 40; i++)
            {
                using var reply = await http.PostAsync($"{fake.BaseUrl}/v3/conversations/{WarmUp}/activities/{i}", Json(Activity));
                using var create = await http.PostAsync($"{fake.BaseUrl}/v3/conversations", Json(Create));
                using var update = await http.PutAsync($"{fake.BaseUrl}/v3/conversations/{WarmUp}/activities/{i}", Json(Activity));
            }
        }));

        static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
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

    /// <summary>Every call so far; with <paramref name="bodies"/> their JSON bodies too.</summary>
    public async Task<Report> ReportAsync(bool bodies = false)
    {
        await _process.StandardInput.WriteLineAsync(bodies ? "report bodies" : "report");
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
