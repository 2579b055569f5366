using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KyodoBot.Bot;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KyodoBot.Bench;

/// <summary>
/// Turns per second and latency of a turn through the real /api/messages (expectReplies) under concurrent clients,
/// for KyodoBot and for a bare echo bot on the same adapter and pipeline, measured in the same run and process.
/// </summary>
internal static class HostThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Args.Int(args, "--seconds", 10);
        var clients = Args.Int(args, "--clients", 32);
        var rounds = Args.Int(args, "--rounds", 3);
        var text = args.SkipWhile(a => a != "--text").Skip(1).FirstOrDefault() ?? "ヘルプ";
        Console.WriteLine($"{clients} clients, {rounds} alternating rounds of {seconds} s per bot, text \"{text}\", {Environment.ProcessorCount} cores");

        await using var echo = await BenchHost.StartAsync("echo bot", echoBot: true);
        await using var kyodo = await BenchHost.StartAsync("KyodoBot", echoBot: false);
        // Warm-up both (JIT, connection pools, one conversation reference per client), then alternate so that
        // neither bot profits from going second.
        await echo.MeasureAsync(text, clients, 3);
        await kyodo.MeasureAsync(text, clients, 3);
        for (var round = 0; round < rounds; round++)
        {
            echo.Add(await echo.MeasureAsync(text, clients, seconds));
            kyodo.Add(await kyodo.MeasureAsync(text, clients, seconds));
        }

        Console.WriteLine();
        Console.WriteLine("| bot | turns/s | p50 ms | p95 ms | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var host in new[] { echo, kyodo })
        {
            var r = host.Summary();
            Console.WriteLine($"| {host.Name} | {r.TurnsPerSecond:F0} | {r.P50:F2} | {r.P95:F2} | {r.Errors} |");
        }

        Console.WriteLine($"ratio KyodoBot/echo throughput: {kyodo.Summary().TurnsPerSecond / echo.Summary().TurnsPerSecond:F2}");
        return 0;
    }

    private sealed class BenchHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http;
        private readonly List<double> _latencies = [];
        private double _seconds;
        private int _errors;

        private BenchHost(string name, WebApplication app, HttpClient http)
        {
            Name = name;
            _app = app;
            _http = http;
        }

        public string Name { get; }

        public static async Task<BenchHost> StartAsync(string name, bool echoBot)
        {
            var directory = Directory.CreateTempSubdirectory("kyodobot-bench-");
            var port = FreePort();
            var builder = WebApplication.CreateBuilder(["--urls", $"http://127.0.0.1:{port}", "--environment", "Development"]);
            builder.Configuration["ConnectionStrings:KyodoBot"] = $"Data Source={Path.Combine(directory.FullName, "bench.db")}";
            builder.Logging.ClearProviders();
            builder.AddKyodoHost();
            if (echoBot)
            {
                builder.Services.RemoveAll<IBot>();
                builder.Services.AddSingleton<IBot, EchoBot>();
            }

            var app = builder.Build();
            app.MapKyodoEndpoints();
            await app.StartAsync();
            var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            return new BenchHost(name, app, http);
        }

        public async Task<Result> MeasureAsync(string text, int clients, int seconds)
        {
            var latencies = Enumerable.Range(0, clients).Select(_ => new List<double>(50_000)).ToArray();
            var clock = Stopwatch.StartNew();
            var errors = await RunClientsAsync(_http, text, clients, TimeSpan.FromSeconds(seconds), latencies);
            return new Result(clock.Elapsed.TotalSeconds, latencies.SelectMany(l => l).ToList(), errors);
        }

        public void Add(Result result)
        {
            _seconds += result.Seconds;
            _latencies.AddRange(result.Latencies);
            _errors += result.Errors;
        }

        public (double TurnsPerSecond, double P50, double P95, int Errors) Summary()
        {
            var sorted = _latencies.OrderBy(l => l).ToArray();
            return (sorted.Length / _seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.95), _errors);
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static async Task<int> RunClientsAsync(HttpClient http, string text, int clients, TimeSpan duration, List<double>[]? latencies)
    {
        var errors = 0;
        var deadline = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var sequence = 0;
            while (deadline.Elapsed < duration)
            {
                var body = Activity(client, sequence++, text);
                var start = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
                var reply = await response.Content.ReadAsStringAsync();
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!response.IsSuccessStatusCode || !reply.Contains("\"activities\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref errors);
                }

                latencies?[client].Add(elapsed);
            }
        }));
        return errors;
    }

    private static string Activity(int client, int sequence, string text) => new JsonObject
    {
        ["type"] = "message",
        ["id"] = $"bench-{client}-{sequence}",
        ["channelId"] = "msteams",
        ["serviceUrl"] = "http://127.0.0.1:9/",
        ["locale"] = "ja-JP",
        ["text"] = text,
        ["deliveryMode"] = "expectReplies",
        ["from"] = new JsonObject { ["id"] = $"29:bench-user-{client}", ["aadObjectId"] = $"aad-{client}" },
        ["recipient"] = new JsonObject { ["id"] = "28:kyodobot" },
        ["conversation"] = new JsonObject { ["id"] = $"a:bench-{client}", ["conversationType"] = "personal", ["tenantId"] = "t" },
    }.ToJsonString();

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Result(double Seconds, List<double> Latencies, int Errors);

    /// <summary>The baseline: the same adapter and endpoint, a bot that only echoes.</summary>
    internal sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<Microsoft.Bot.Schema.IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text(turnContext.Activity.Text), cancellationToken);
    }
}
