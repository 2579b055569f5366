using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Text;
using System.Text.Json.Nodes;
using KyodoBot.Bot;
using KyodoBot.Bot.Throttling;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KyodoBot.Bench;

/// <summary>
/// Replies at scale, as Teams delivers them: N users, each in a personal chat of their own, each posting M messages
/// to <c>/api/messages</c> (no expectReplies: the bot posts every reply to the serviceUrl, through the throttling
/// handler and the limiter), the next one a think time after the previous turn has completed. The serviceUrl is the
/// integration tests' <see cref="FakeBotConnector"/>, enforcing Teams' limits with exact sliding windows and answering
/// after a fixed delay. Reported per N and per bot (KyodoBot and the stock echo bot on the same adapter, the anchor):
/// replies per second as a ratio to the tenant's 50/s, turn time (the HTTP request to /api/messages, which ends when
/// the reply has been accepted) p50/p95/max, 429s, window violations, lost replies, and the process's memory. The
/// fake runs in a child process (<see cref="FakeConnectorProcess"/>), so the bot's pauses do not delay its stamps.
/// <para>
/// <c>--instances 2</c> runs two hosts (two DI containers: two limiters, as two processes would have) on one
/// database, users split between them as a load balancer would; the fake counts their calls together.
/// </para>
/// </summary>
internal static class ReplyLoad
{
    private const string TenantId = "tenant-load";
    private const int TenantBound = 50;

    private sealed record Settings(int[] Conversations, int Messages, int DelayMs, int ThinkMs, string Text, string[] Bots, int Instances,
        string? Postgres, IReadOnlyList<KeyValuePair<string, string>> Overrides, int TimeoutSeconds);

    private sealed record Result(string Bot, int Conversations, int Turns, int Accepted, int Refused, int Violations, int Lost, int Errors,
        double RepliesPerSecond, double P50, double P95, double Max, TimeSpan Wall, TimeSpan Cpu, long WorkingSet, long PeakWorkingSet, TimeSpan LongestReplyWait,
        double[] Lags, TimeSpan LargestArrivalBound, string Load);

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new Settings(
            Conversations: [.. (Args.Text(args, "--conversations") ?? "10,50,100,200,500").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))],
            Messages: Args.Int(args, "--messages", 20),
            DelayMs: Args.Int(args, "--delay-ms", 20),
            ThinkMs: Args.Int(args, "--think-ms", 1000),
            Text: Args.Text(args, "--text") ?? "ヘルプ",
            Bots: (Args.Text(args, "--bots") ?? "kyodo,echo").Split(','),
            Instances: Args.Int(args, "--instances", 1),
            Postgres: Args.Text(args, "--postgres"),
            Overrides: [.. Args.All(args, "--set").Select(ReminderFanOut.Setting)],
            TimeoutSeconds: Args.Int(args, "--timeout-seconds", 600));
        Console.WriteLine($"replies: {string.Join("/", settings.Conversations)} conversations × {settings.Messages} messages \"{settings.Text}\", think {settings.ThinkMs} ms, " +
            $"fake connector delay {settings.DelayMs} ms with Teams' limits, {settings.Instances} instance(s) on {(settings.Postgres is null ? "SQLite" : "PostgreSQL")}, " +
            $"{Environment.ProcessorCount} cores{string.Concat(settings.Overrides.Select(o => $", {o.Key}={o.Value}"))}");

        var results = new List<Result>();
        foreach (var conversations in settings.Conversations)
        {
            foreach (var bot in settings.Bots)
            {
                var result = await RunOnceAsync(settings, conversations, bot);
                results.Add(result);
                Console.WriteLine($"{bot,-5} N={conversations,3}: {Row(result)}");
            }
        }

        Console.WriteLine();
        Console.WriteLine("| bot | conversations | replies | replies/s (÷ 50) | p50 s | p95 s | max s | 429 | violations | lost | errors | longest reply wait s | arrival − flush p99 / max ms | largest bound ms | RSS / peak MB | load avg |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            Console.WriteLine($"| {r.Bot} | {r.Conversations} | {r.Accepted}/{r.Turns} | {r.RepliesPerSecond:F1} ({r.RepliesPerSecond / TenantBound:F2}) | {r.P50 / 1000:F3} | {r.P95 / 1000:F3} | {r.Max / 1000:F3} | " +
                $"{r.Refused} | {r.Violations} | {r.Lost} | {r.Errors} | {r.LongestReplyWait.TotalSeconds:F2} | {Percentile(r.Lags, 0.99):F0} / {(r.Lags.Length > 0 ? r.Lags[^1] : double.NaN):F0} | " +
                $"{r.LargestArrivalBound.TotalMilliseconds:F0} | {r.WorkingSet / 1048576} / {r.PeakWorkingSet / 1048576} | {r.Load} |");
        }

        return results.All(r => r.Violations == 0 && r.Lost == 0 && r.Errors == 0) ? 0 : 1;
    }

    private static string Row(Result r) =>
        $"{r.Accepted}/{r.Turns} replies, {r.RepliesPerSecond:F1}/s = {r.RepliesPerSecond / TenantBound:F2} × 50/s; turn p50 {r.P50:F0} ms, p95 {r.P95:F0} ms, max {r.Max:F0} ms; " +
        $"429 {r.Refused}, violations {r.Violations}, lost {r.Lost}, errors {r.Errors}; wall {r.Wall.TotalSeconds:F1} s, CPU {r.Cpu.TotalSeconds:F1} s; " +
        $"longest reply wait in the limiter {r.LongestReplyWait.TotalSeconds:F2} s; " +
        $"arrival − flush (ms, replies sent once) p50 {Percentile(r.Lags, 0.5):F1}, p99 {Percentile(r.Lags, 0.99):F1}, max {(r.Lags.Length > 0 ? r.Lags[^1] : double.NaN):F1}, " +
        $"largest bound the limiter used {r.LargestArrivalBound.TotalMilliseconds:F0}; load average {r.Load}; RSS {r.WorkingSet / 1048576} MB (peak {r.PeakWorkingSet / 1048576} MB)";

    private static async Task<Result> RunOnceAsync(Settings settings, int conversations, string bot)
    {
        await using var warmConnector = await FakeBotConnector.StartAsync();
        await using var connector = await FakeConnectorProcess.StartAsync(settings.DelayMs);
        warmConnector.ResponseDelay = TimeSpan.FromMilliseconds(settings.DelayMs);
        await using var database = await ReminderFanOut.BenchDatabase.CreateAsync(settings.Postgres);
        var hosts = new List<ReplyHost>();
        try
        {
            for (var i = 0; i < settings.Instances; i++)
            {
                hosts.Add(await ReplyHost.StartAsync(settings, database, echo: bot == "echo"));
            }

            // Warm-up against another fake (JIT, pools, the bot's first database writes), so that nothing of it
            // counts in the measured connector's windows.
            await Task.WhenAll(hosts.SelectMany(h => Enumerable.Range(0, 8).Select(async w =>
            {
                for (var m = 0; m < 5; m++)
                {
                    await h.PostAsync(Message($"warm-{hosts.IndexOf(h)}-{w}", m, settings.Text, warmConnector.ServiceUrl), CancellationToken.None);
                }
            })));

            GC.Collect();
            var loadBefore = LoadAverage.Now();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            var latencies = Enumerable.Range(0, conversations).Select(_ => new List<double>(settings.Messages)).ToArray();
            var errors = 0;
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var random = new Random(conversations);
            var staggers = Enumerable.Range(0, conversations).Select(_ => random.Next(0, Math.Max(1, settings.ThinkMs))).ToArray();
            await Task.WhenAll(Enumerable.Range(0, conversations).Select(async c =>
            {
                // Users start within one think time of each other, then each waits for the reply before thinking again.
                await Task.Delay(staggers[c], timeout.Token);
                var host = hosts[c % hosts.Count];
                for (var m = 0; m < settings.Messages; m++)
                {
                    var start = Stopwatch.GetTimestamp();
                    var ok = await host.PostAsync(Message($"load-{c}", m, settings.Text, connector.ServiceUrl), timeout.Token);
                    latencies[c].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    if (!ok)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    if (m + 1 < settings.Messages)
                    {
                        await Task.Delay(settings.ThinkMs, timeout.Token);
                    }
                }
            }));
            var elapsed = wall.Elapsed;
            process.Refresh();
            var used = process.TotalProcessorTime - cpu;

            var report = await connector.ReportAsync();
            var calls = report.Calls.Where(c => c.ConversationId.StartsWith("a:load-", StringComparison.Ordinal)).OrderBy(c => c.ReceivedAt).ToList();
            var accepted = calls.Where(c => c.Method == "POST" && c.Accepted).ToList();
            var answered = accepted.Select(c => (c.ConversationId, c.ActivityId)).Distinct().Count();
            var turns = conversations * settings.Messages;
            var span = accepted.Count > 1 ? accepted[^1].ReceivedAt - accepted[0].ReceivedAt : TimeSpan.Zero;
            var sorted = latencies.SelectMany(l => l).Order().ToArray();
            var longestReplyWait = hosts.Select(h => h.Limiter.Statistics.LongestReplyWait).Max();
            var lags = ArrivalLags(report.Origin, calls, hosts);
            return new Result(bot, conversations, turns, accepted.Count, calls.Count(c => c.Status == 429), report.Violations, turns - answered, errors,
                span > TimeSpan.Zero ? (accepted.Count - 1) / span.TotalSeconds : 0, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted.Length == 0 ? double.NaN : sorted[^1],
                elapsed, used, process.WorkingSet64, process.PeakWorkingSet64, longestReplyWait, lags,
                hosts.Select(h => h.Limiter.Statistics.LargestArrivalBound).Max(), $"{loadBefore} → {LoadAverage.Now()}");
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// How long after the bot flushed a reply's bytes the fake stamped its arrival — what the limiter's arrival
    /// allowance must cover — for the replies that were sent once (a retried reply has several flushes).
    /// </summary>
    private static double[] ArrivalLags(long origin, List<ConnectorCall> calls, List<ReplyHost> hosts)
    {
        var once = calls.GroupBy(c => c.ActivityId ?? "").Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        var lags = new List<double>();
        foreach (var (activityId, flushed) in hosts.SelectMany(h => h.Probe.Flushed))
        {
            if (once.TryGetValue(activityId, out var call))
            {
                lags.Add((call.ReceivedAt - Stopwatch.GetElapsedTime(origin, flushed)).TotalMilliseconds);
            }
        }

        return [.. lags.Order()];
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>A user's message in their personal chat with the bot, as Teams posts it (no expectReplies).</summary>
    private static string Message(string conversation, int sequence, string text, string serviceUrl) => new JsonObject
    {
        ["type"] = "message",
        ["id"] = $"{conversation}-{sequence}",
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["locale"] = "ja-JP",
        ["text"] = text,
        ["from"] = new JsonObject { ["id"] = $"29:{conversation}", ["name"] = "負荷 太郎", ["aadObjectId"] = $"aad-{conversation}" },
        ["recipient"] = new JsonObject { ["id"] = "28:kyodobot", ["name"] = "KyodoBot" },
        ["conversation"] = new JsonObject { ["id"] = $"a:{conversation}", ["conversationType"] = "personal", ["tenantId"] = TenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    }.ToJsonString();

    /// <summary>The real web host as Program wires it, anonymous, scheduler off, on its own port; optionally the echo bot instead of KyodoBot.</summary>
    private sealed class ReplyHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http;

        private ReplyHost(WebApplication app, HttpClient http, FlushProbe probe)
        {
            _app = app;
            _http = http;
            Probe = probe;
        }

        public TeamsRateLimiter Limiter => _app.Services.GetRequiredService<TeamsRateLimiter>();

        public FlushProbe Probe { get; }

        public static async Task<ReplyHost> StartAsync(Settings settings, ReminderFanOut.BenchDatabase database, bool echo)
        {
            var port = FreePort();
            var builder = ReminderFanOut.BenchBuilder(port, database, settings.Overrides);
            ReminderFanOut.AddBenchHost(builder);
            var probe = new FlushProbe();
            builder.Services.AddHttpClient(Options.DefaultName).AddHttpMessageHandler(() => new FlushProbe.Handler(probe));
            if (echo)
            {
                builder.Services.RemoveAll<IBot>();
                builder.Services.AddSingleton<IBot, HostThroughput.EchoBot>();
            }

            var app = builder.Build();
            app.MapKyodoEndpoints();
            await app.StartAsync();
            var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2048 })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromSeconds(120),
            };
            return new ReplyHost(app, http, probe);
        }

        /// <summary>Posts one activity; true when the bot answered 2xx.</summary>
        public async Task<bool> PostAsync(string activity, CancellationToken cancellationToken)
        {
            using var response = await _http.PostAsync("/api/messages", new StringContent(activity, Encoding.UTF8, "application/json"), cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.IsSuccessStatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    /// <summary>
    /// Below the throttling handler: records when each reply's body has been flushed to the connection (the
    /// instant the limiter's allowance counts from), keyed by the activity it replies to.
    /// </summary>
    private sealed class FlushProbe
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string ActivityId, long Flushed)> Flushed { get; } = new();

        public sealed class Handler(FlushProbe probe) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var path = request.RequestUri?.AbsolutePath ?? "";
                var at = path.LastIndexOf("/activities/", StringComparison.Ordinal);
                if (at >= 0 && request.Content is { } inner)
                {
                    request.Content = new Timed(inner, Uri.UnescapeDataString(path[(at + "/activities/".Length)..]), probe);
                }

                return base.SendAsync(request, cancellationToken);
            }
        }

        private sealed class Timed : HttpContent
        {
            private readonly HttpContent _inner;
            private readonly string _activityId;
            private readonly FlushProbe _probe;

            public Timed(HttpContent inner, string activityId, FlushProbe probe)
            {
                (_inner, _activityId, _probe) = (inner, activityId, probe);
                foreach (var (name, values) in inner.Headers)
                {
                    Headers.TryAddWithoutValidation(name, values);
                }
            }

            protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
            {
                await _inner.CopyToAsync(stream);
                _probe.Flushed.Enqueue((_activityId, Stopwatch.GetTimestamp()));
            }

            protected override bool TryComputeLength(out long length)
            {
                length = _inner.Headers.ContentLength ?? -1;
                return length >= 0;
            }
        }
    }
}
