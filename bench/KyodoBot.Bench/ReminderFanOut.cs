using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KyodoBot.Bot.Throttling;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Storage;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KyodoBot.Bench;

/// <summary>
/// The evaluation reminders' targets: "fan-out of 1,000 reminders to 200 channels against the fake connector
/// enforcing Teams' limits: total time ≤ 1.15× the minimum that the limits allow, 0 lost, 0 duplicated; scheduler
/// overhead per reminder ≤ 1 ms CPU".
/// <list type="bullet">
/// <item><b>http</b>: the real host (AddKyodoHost, anonymous, scheduler off) on a fresh database, every department
/// registered from its own channel through /api/messages, 1,000 reminder cards due at one instant, and one
/// <see cref="IReminderSweep.RunAsync"/> through the real messenger, adapter, throttling handler and limiter to the
/// integration tests' <see cref="FakeBotConnector"/> enforcing Teams' exact windows with a response delay.</item>
/// <item><b>cpu</b>: the same host with an <see cref="IChannelMessenger"/> that returns at once (no HTTP), so that
/// the process CPU a sweep uses is the scheduler's own work: query, claim, card, mark. One warm-up sweep, then
/// measured sweeps, then the parts on their own.</item>
/// </list>
/// <para>
/// TLS: the fake serves HTTPS with the integration tests' self-signed certificate. The bot reaches the connector only
/// through the default <see cref="HttpClient"/> of <see cref="IHttpClientFactory"/> (the adapter's connector factory;
/// anonymous, so no token or OpenID metadata is fetched), so that client's primary handler is given a certificate
/// check that trusts exactly that certificate. <c>SSL_CERT_FILE</c> (what the tests use) would have to be exported
/// before the process starts: .NET does not pass variables set at run time on to OpenSSL.
/// </para>
/// </summary>
internal static partial class ReminderFanOut
{
    private const string TenantId = "tenant-bench";
    private const string DummyServiceUrl = "https://localhost:9/";

    private sealed record Settings(int Reminders, int Channels, int DelayMs, int MessengerDelayMs, int Runs, int WarmUps, int CpuRounds, int Parallel, string? Postgres,
        IReadOnlyList<KeyValuePair<string, string>> Overrides, bool InProcessFake = false);

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new Settings(
            Reminders: Args.Int(args, "--reminders", 1000),
            Channels: Args.Int(args, "--channels", 200),
            DelayMs: Args.Int(args, "--delay-ms", 20),
            MessengerDelayMs: Args.Int(args, "--messenger-delay-ms", 0),
            Runs: Args.Int(args, "--runs", 1),
            WarmUps: Args.Int(args, "--warmups", 4),
            CpuRounds: Args.Int(args, "--cpu-rounds", 3),
            Parallel: Args.Int(args, "--parallel", 0),
            Postgres: Args.Text(args, "--postgres"),
            Overrides: Args.All(args, "--set").Select(Setting).ToList(),
            InProcessFake: Args.Text(args, "--fake") == "in-process");
        var mode = Args.Text(args, "--mode") ?? "both";
        Console.WriteLine($"fanout: {settings.Reminders} reminders to {settings.Channels} channels, {(settings.Postgres is null ? "SQLite" : "PostgreSQL")}, " +
            $"MaxParallelSends {(settings.Parallel > 0 ? settings.Parallel : new EvaluationOptions().MaxParallelSends)}, fake response delay {settings.DelayMs} ms, " +
            $"{Environment.ProcessorCount} cores{string.Concat(settings.Overrides.Select(o => $", {o.Key}={o.Value}"))}");

        var ok = true;
        if (mode is "http" or "both")
        {
            var ratios = new List<double>();
            for (var run = 1; run <= settings.Runs; run++)
            {
                var (passed, ratio) = await HttpRunAsync(settings, run);
                ok &= passed;
                ratios.Add(ratio);
            }

            Console.WriteLine($"http: ratio to the minimum {ratios.Min():F3}–{ratios.Max():F3} over {ratios.Count} run(s) (target ≤ 1.15)");
        }

        if (mode is "cpu" or "both")
        {
            ok &= await CpuRunAsync(settings);
        }

        return ok ? 0 : 1;
    }

    /// <summary>
    /// The least time the limits allow, from the sweep's start to the last response. The tenant window: among any 51
    /// consecutive arrivals the first lies at least 1 s before the last (else 51 fall in one window (t − 1 s, t]), so
    /// arrival k (0-based) is no earlier than ⌊k/50⌋ s after the first; the same for each thread window with its
    /// count and length. Plus one response time for the last request.
    /// </summary>
    internal static TimeSpan TheoreticalMinimum(int total, IEnumerable<int> perThread, TimeSpan responseDelay)
    {
        static TimeSpan Bound(int requests, ConnectorLimit limit) =>
            requests == 0 ? TimeSpan.Zero : (requests - 1) / limit.Count * limit.Window;
        var tenant = Bound(total, ConnectorLimit.TeamsPerTenant);
        var thread = perThread.Select(c => ConnectorLimit.TeamsPerThread.Max(l => Bound(c, l))).DefaultIfEmpty(TimeSpan.Zero).Max();
        return (tenant > thread ? tenant : thread) + responseDelay;
    }

    private static async Task<(bool Passed, double Ratio)> HttpRunAsync(Settings settings, int run)
    {
        // The fake in a process of its own by default (see FakeConnectorProcess); --fake in-process for the old setup.
        await using var local = settings.InProcessFake ? await FakeBotConnector.StartAsync() : null;
        await using var child = settings.InProcessFake ? null : await FakeConnectorProcess.StartAsync(settings.DelayMs);
        local?.ResponseDelay = TimeSpan.FromMilliseconds(settings.DelayMs);
        var responseDelay = TimeSpan.FromMilliseconds(settings.DelayMs);
        await using var database = await BenchDatabase.CreateAsync(settings.Postgres);
        await using var host = await FanOutHost.StartAsync(settings, database, messenger: null);
        await host.RegisterChannelsAsync(settings.Channels, local?.ServiceUrl ?? child!.ServiceUrl);
        var rounds = host.PlanRounds(1);
        await host.CreateProjectsAsync(settings.Reminders, settings.Channels, rounds.Dates);
        var asOf = rounds.AsOf[0];
        var due = await host.Outbox.DueAsync(asOf, int.MaxValue, CancellationToken.None);
        Require(due.Count == settings.Reminders, $"{due.Count} reminders due at {asOf:o}, expected {settings.Reminders}");
        Require((local?.Calls.Count ?? (await child!.ReportAsync()).Calls.Count) == 0, "the set-up called the connector");
        local?.EnforceTeamsLimits();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var sql = new SqlTimes();
        var loadBefore = LoadAverage.Now();
        var measured = await Measure(() => host.Sweep.RunAsync(asOf, CancellationToken.None));
        var result = measured.Result;
        var (commands, slow, sqlTime) = sql.Take();

        // What the fake saw: one accepted POST per reminder, none twice, none missing, no window overrun.
        var report = child is null ? null : await child.ReportAsync(bodies: true);
        var calls = (report?.Calls ?? [.. local!.Calls]).OrderBy(c => c.ReceivedAt).ToList();
        var violations = report?.Refused ?? local!.Violations;
        var rechecked = report?.Violations ?? local!.WindowViolations();
        var accepted = calls.Where(c => c.Method == "POST" && c.Accepted).ToList();
        var ids = accepted.Select(ReminderIdOf).ToList();
        var distinct = ids.Where(id => id is not null).Distinct().Count();
        var expected = due.Select(d => d.Reminder.Id).ToHashSet();
        var lost = expected.Count(id => !ids.Contains(id));
        var duplicated = accepted.Count - distinct;
        var states = await host.StatesAsync(expected);
        var perChannel = accepted.GroupBy(c => c.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        var cardsPerChannel = due.GroupBy(d => d.Project.Department).Select(g => g.Count()).ToList();
        var minimum = TheoreticalMinimum(settings.Reminders, cardsPerChannel, responseDelay);
        var span = calls[^1].ReceivedAt - calls[0].ReceivedAt;
        var limiter = host.Services.GetRequiredService<TeamsRateLimiter>().Statistics;

        Console.WriteLine();
        Console.WriteLine($"http run {run}: wall {measured.Wall.TotalSeconds:F2} s, minimum {minimum.TotalSeconds:F2} s, ratio {measured.Wall / minimum:F3}; " +
            $"sweep {result.Sent} sent / {result.Failed} failed / {result.Parked} parked");
        Console.WriteLine($"  fake connector: {calls.Count} requests, {accepted.Count} accepted, {calls.Count(c => !c.Accepted)} refused, " +
            $"violations {violations} (re-checked: {rechecked}); lost {lost}, duplicated {duplicated}; " +
            $"channels with exactly {settings.Reminders / settings.Channels} cards: {perChannel.Values.Count(n => n == settings.Reminders / settings.Channels)}/{settings.Channels}");
        Console.WriteLine($"  database: {states.GetValueOrDefault(ReminderState.Sent)} sent, {states.Where(s => s.Key != ReminderState.Sent).Sum(s => s.Value)} not sent");
        Console.WriteLine($"  arrivals: first→last {span.TotalSeconds:F2} s (bound {(minimum - responseDelay).TotalSeconds:F0} s); " +
            $"before the first + after the last {(measured.Wall - span).TotalMilliseconds:F0} ms; first 50 within {(calls[Math.Min(49, calls.Count - 1)].ReceivedAt - calls[0].ReceivedAt).TotalMilliseconds:F0} ms; busiest 1 s window {BusiestWindow(calls, TimeSpan.FromSeconds(1))}; " +
            $"arrival k → k+50 mean {MeanGap(calls, 50).TotalMilliseconds:F0} ms, min {MinGap(calls, 50).TotalMilliseconds:F0} ms");
        Console.WriteLine($"  limiter: {limiter.PermitsGranted} permits, {limiter.PermitsDelayed} delayed, longest wait {limiter.LongestWait.TotalSeconds:F2} s, " +
            $"largest flush → arrival bound {limiter.LargestArrivalBound.TotalMilliseconds:F0} ms; load average {loadBefore} → {LoadAverage.Now()}; " +
            $"SQL: {commands} commands, {sqlTime.TotalSeconds:F2} s in all, {slow} took ≥ 100 ms (lock waits)");
        Console.WriteLine($"  process CPU (bot and fake connector together): {measured.Cpu.TotalMilliseconds:F0} ms = " +
            $"{measured.Cpu.TotalMilliseconds / settings.Reminders:F2} ms per reminder; JIT {measured.Jit.TotalMilliseconds:F0} ms ({measured.JitMethods} methods); GC gen0/1/2 {measured.Gc}");

        return (Check(result.Sent == settings.Reminders && lost == 0 && duplicated == 0 && violations == 0
            && rechecked == 0 && states.GetValueOrDefault(ReminderState.Sent) == settings.Reminders,
            $"http run {run}: not every reminder went out exactly once within the limits"), measured.Wall / minimum);
    }

    private static async Task<bool> CpuRunAsync(Settings settings)
    {
        await using var database = await BenchDatabase.CreateAsync(settings.Postgres);
        var messenger = new InstantMessenger(TimeSpan.FromMilliseconds(settings.MessengerDelayMs));
        await using var host = await FanOutHost.StartAsync(settings, database, messenger);
        await host.RegisterChannelsAsync(settings.Channels, DummyServiceUrl);
        // The same reminders are swept again and again, set back to pending in between: the first sweeps warm up
        // (the first one is what a fresh process pays: JIT, tier-up, pools), the rest are measured, then the parts
        // are timed one by one.
        var rounds = host.PlanRounds(1);
        var asOf = rounds.AsOf[0];
        var setup = Stopwatch.StartNew();
        await host.CreateProjectsAsync(settings.Reminders, settings.Channels, rounds.Dates);
        var due = await host.Outbox.DueAsync(asOf, int.MaxValue, CancellationToken.None);
        Require(due.Count == settings.Reminders, $"{due.Count} reminders due at {asOf:o}, expected {settings.Reminders}");
        var ids = due.Select(d => d.Reminder.Id).ToHashSet();
        Console.WriteLine();
        Console.WriteLine($"cpu: {settings.Reminders} reminders created in {setup.Elapsed.TotalSeconds:F1} s; messenger (no HTTP) answers " +
            (settings.MessengerDelayMs > 0 ? $"after {settings.MessengerDelayMs} ms (a timer, no work)" : "at once") + "; logging off");

        var ok = true;
        var perReminder = new List<double>();
        var withoutJit = new List<double>();
        using var sql = new SqlTimes();
        for (var round = 1 - settings.WarmUps; round <= settings.CpuRounds; round++)
        {
            await host.ResetAsync(ids);
            messenger.Reset();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            sql.Take();
            var measured = await Measure(() => host.Sweep.RunAsync(asOf, CancellationToken.None));
            var (commands, slow, sqlTime) = sql.Take();
            var states = await host.StatesAsync(ids);
            Console.WriteLine($"  sweep {(round <= 0 ? $"warm-up {round + settings.WarmUps}" : round.ToString(CultureInfo.InvariantCulture))}: {measured.Result.Sent} sent in " +
                $"{measured.Wall.TotalMilliseconds:F0} ms wall, CPU {measured.Cpu.TotalMilliseconds:F0} ms = {measured.Cpu.TotalMilliseconds / settings.Reminders:F3} ms per reminder " +
                $"(kernel {measured.Kernel.TotalMilliseconds / settings.Reminders:F3}, wall {measured.Wall.TotalMilliseconds / settings.Reminders:F3} ms); JIT {measured.Jit.TotalMilliseconds:F0} ms ({measured.JitMethods} methods); GC gen0/1/2 {measured.Gc}, {measured.Allocated / settings.Reminders / 1024.0:F0} KB allocated per reminder; posts {messenger.Total}, " +
                $"database {states.GetValueOrDefault(ReminderState.Sent)} sent; SQL {commands} commands, {sqlTime.TotalMilliseconds:F0} ms, {slow} ≥ 100 ms");
            ok &= Check(measured.Result.Sent == settings.Reminders && messenger.Total == settings.Reminders
                && states.GetValueOrDefault(ReminderState.Sent) == settings.Reminders, $"cpu sweep {round}: not every reminder went out exactly once");
            if (round > 0)
            {
                perReminder.Add(measured.Cpu.TotalMilliseconds / settings.Reminders);
                withoutJit.Add((measured.Cpu - measured.Jit).TotalMilliseconds / settings.Reminders);
            }

        }

        if (perReminder.Count > 0)
        {
            Console.WriteLine($"  measured sweeps: {perReminder.Min():F3}–{perReminder.Max():F3} ms CPU per reminder (target ≤ 1 ms); " +
                $"without the JIT's share {withoutJit.Min():F3}–{withoutJit.Max():F3} ms");
        }

        // The parts, one after the other on one thread.
        await host.ResetAsync(ids);
        var n = settings.Reminders;
        var query = await Measure(() => host.Outbox.DueAsync(asOf, int.MaxValue, CancellationToken.None));
        var views = query.Result;
        var render = await Measure(() => Task.FromResult(views.Sum(v => host.Cards.Reminder(v, Language.Japanese).Length)));
        var sender = "bench/" + Guid.NewGuid().ToString("N");
        var posted = new PostedMessage("19:bench@thread.tacv2;messageid=1", "1", DummyServiceUrl, TenantId);
        var claim = await Measure(async () =>
        {
            // As the sweep claims: a department's cards together.
            var taken = 0;
            foreach (var department in views.GroupBy(v => v.Project.Department))
            {
                taken += (await host.Outbox.ClaimAsync([.. department.Select(v => v.Reminder.Id)], sender, DateTimeOffset.UtcNow.AddMinutes(5),
                    CancellationToken.None)).Count;
            }

            return taken;
        });
        var mark = await Measure(async () =>
        {
            foreach (var view in views)
            {
                await host.Outbox.MarkSentAsync(view.Reminder.Id, sender, posted, CancellationToken.None);
            }

            return 0;
        });
        Console.WriteLine($"  parts, sequential, per reminder (CPU / wall): due query {Per(query, n)}, card render {Per(render, n)}, " +
            $"claim ({settings.Reminders / settings.Channels} cards a statement) {Per(claim, n)}, mark sent {Per(mark, n)}");
        ok &= Check(claim.Result == n, "the parts: not every claim was taken");
        return ok;
    }

    internal static KeyValuePair<string, string> Setting(string text) =>
        text.Split('=', 2) is [var key, var value] ? new(key, value) : throw new ArgumentException($"--set takes Key=Value, not '{text}'");

    private static string Per<T>(Measured<T> m, int n) =>
        $"{m.Cpu.TotalMilliseconds / n:F3} / {m.Wall.TotalMilliseconds / n:F3} ms ({m.Allocated / n / 1024.0:F0} KB)";

    private sealed record Measured<T>(T Result, TimeSpan Wall, TimeSpan Cpu, TimeSpan Kernel, string Gc, long Allocated, TimeSpan Jit, long JitMethods);

    private static async Task<Measured<T>> Measure<T>(Func<Task<T>> action)
    {
        var process = Process.GetCurrentProcess();
        var gc = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var kernel = process.PrivilegedProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
        var start = Stopwatch.GetTimestamp();
        var result = await action();
        var wall = Stopwatch.GetElapsedTime(start);
        process.Refresh();
        var used = process.TotalProcessorTime - cpu;
        return new Measured<T>(result, wall, used, process.PrivilegedProcessorTime - kernel,
            $"{GC.CollectionCount(0) - gc.Item1}/{GC.CollectionCount(1) - gc.Item2}/{GC.CollectionCount(2) - gc.Item3}",
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            System.Runtime.JitInfo.GetCompilationTime() - jit, System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods);
    }

    private static int BusiestWindow(List<ConnectorCall> sorted, TimeSpan window)
    {
        var busiest = 0;
        for (int first = 0, last = 0; last < sorted.Count; last++)
        {
            while (sorted[first].ReceivedAt <= sorted[last].ReceivedAt - window)
            {
                first++;
            }

            busiest = Math.Max(busiest, last - first + 1);
        }

        return busiest;
    }

    private static TimeSpan MeanGap(List<ConnectorCall> sorted, int k) => sorted.Count <= k ? TimeSpan.Zero
        : TimeSpan.FromTicks((long)Enumerable.Range(0, sorted.Count - k).Average(i => (sorted[i + k].ReceivedAt - sorted[i].ReceivedAt).Ticks));

    private static TimeSpan MinGap(List<ConnectorCall> sorted, int k) => sorted.Count <= k ? TimeSpan.Zero
        : Enumerable.Range(0, sorted.Count - k).Min(i => sorted[i + k].ReceivedAt - sorted[i].ReceivedAt);

    /// <summary>The reminder a posted card is for: its actions carry <c>reminderId</c>.</summary>
    private static long? ReminderIdOf(ConnectorCall call) =>
        ReminderIdPattern().Match(call.Body.ToJsonString()) is { Success: true } match
            ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex("""reminderId\\?"\s*:\s*\\?"?(\d+)""")]
    private static partial Regex ReminderIdPattern();

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static bool Check(bool condition, string message)
    {
        if (!condition)
        {
            Console.WriteLine("FAILED: " + message);
        }

        return condition;
    }

    /// <summary>The real web host as Program wires it, anonymous, scheduler off, on its own port.</summary>
    private sealed class FanOutHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http;

        private FanOutHost(WebApplication app, HttpClient http)
        {
            _app = app;
            _http = http;
        }

        public IServiceProvider Services => _app.Services;
        public EvaluationStore Store => Services.GetRequiredService<EvaluationStore>();
        public ReminderOutbox Outbox => Services.GetRequiredService<ReminderOutbox>();
        public EvaluationCards Cards => Services.GetRequiredService<EvaluationCards>();
        public IReminderSweep Sweep => Services.GetRequiredService<IReminderSweep>();

        public static async Task<FanOutHost> StartAsync(Settings settings, BenchDatabase database, IChannelMessenger? messenger)
        {
            var port = FreePort();
            var builder = BenchBuilder(port, database, settings.Overrides);
            if (settings.Parallel > 0)
            {
                builder.Configuration[EvaluationOptions.MaxParallelSendsKey] = settings.Parallel.ToString(CultureInfo.InvariantCulture);
            }

            AddBenchHost(builder);
            if (messenger is not null)
            {
                builder.Services.RemoveAll<IChannelMessenger>();
                builder.Services.AddSingleton(messenger);
            }

            var app = builder.Build();
            app.MapKyodoEndpoints();
            await app.StartAsync();
            return new FanOutHost(app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        }

        /// <summary>Every department registers from its own channel, as an admin would type <c>登録 部署名</c> there.</summary>
        public async Task RegisterChannelsAsync(int count, string serviceUrl)
        {
            for (var i = 0; i < count; i++)
            {
                using var response = await _http.PostAsync("/api/messages",
                    new StringContent(Registration(i, serviceUrl).ToJsonString(), Encoding.UTF8, "application/json"));
                var reply = await response.Content.ReadAsStringAsync();
                Require(response.IsSuccessStatusCode && reply.Contains("登録しました", StringComparison.Ordinal), $"registering {Department(i)}: {reply}");
            }
        }

        /// <summary>
        /// Evaluation dates whose 7-days-before reminders fall at distinct, increasing instants, all before any other
        /// reminder of these dates: round r sends exactly the advance cards of date r.
        /// </summary>
        public (DateOnly[] Dates, DateTimeOffset[] AsOf) PlanRounds(int rounds)
        {
            var planner = Services.GetRequiredService<ReminderPlanner>();
            var today = Services.GetRequiredService<BusinessCalendar>().Today(TimeProvider.System);
            var dates = new List<DateOnly>();
            var asOf = new List<DateTimeOffset>();
            for (var date = today.AddDays(21); dates.Count < rounds; date = date.AddDays(1))
            {
                var advance = planner.Plan(date).First(r => r.Kind == ReminderKind.Advance).SendAt;
                if (asOf.Count == 0 || advance > asOf[^1])
                {
                    dates.Add(date);
                    asOf.Add(advance);
                }
            }

            var firstOther = planner.Plan(dates[0]).Where(r => r.Kind != ReminderKind.Advance).Min(r => r.SendAt);
            Require(asOf[^1] < firstOther, "the rounds' advance reminders overlap the first date's due-day reminder; use fewer rounds");
            return ([.. dates], [.. asOf]);
        }

        /// <summary>Projects 0..count−1, project i for department i mod channels, each evaluated on every date.</summary>
        public async Task CreateProjectsAsync(int count, int channels, DateOnly[] dates)
        {
            var projects = Services.GetRequiredService<ProjectService>();
            var today = Services.GetRequiredService<BusinessCalendar>().Today(TimeProvider.System);
            for (var i = 0; i < count; i++)
            {
                await projects.RegisterAsync(new ProjectRegistration($"ベンチ事業 {i}", "ベンチ団体", Department(i % channels), today, dates[^1],
                    PublicFunds: true, ScheduleKind.Dates, dates, "bench", Reference: $"BENCH-{i:00000}"), CancellationToken.None);
            }
        }

        public async Task<Dictionary<ReminderState, int>> StatesAsync(HashSet<long> ids)
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
            var states = await db.Reminders.AsNoTracking().Select(r => new { r.Id, r.State }).ToListAsync();
            return states.Where(r => ids.Contains(r.Id)).GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count());
        }

        /// <summary>Sets the reminders back to pending, as if never sent.</summary>
        public async Task ResetAsync(HashSet<long> ids)
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
            await db.Reminders.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.State, ReminderState.Pending)
                .SetProperty(r => r.ClaimedBy, (string?)null)
                .SetProperty(r => r.ClaimedUntilMs, 0L)
                .SetProperty(r => r.SentAt, (DateTimeOffset?)null)
                .SetProperty(r => r.LastError, (string?)null)
                .SetProperty(r => r.PostedConversationId, (string?)null)
                .SetProperty(r => r.PostedActivityId, (string?)null)
                .SetProperty(r => r.PostedServiceUrl, (string?)null)
                .SetProperty(r => r.PostedTenantId, (string?)null));
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private static string Department(int i) => $"ベンチ{i:000}課";

        private static string ChannelId(int i) => $"19:bench-{i:000}@thread.tacv2";

        private static JsonObject Registration(int i, string serviceUrl) => new()
        {
            ["type"] = "message",
            ["id"] = $"register-{i}",
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["locale"] = "ja-JP",
            ["text"] = $"<at>KyodoBot</at> 登録 {Department(i)}",
            ["deliveryMode"] = "expectReplies",
            ["from"] = new JsonObject { ["id"] = "29:bench-admin", ["name"] = "ベンチ 管理者", ["aadObjectId"] = "aad-bench-admin" },
            ["recipient"] = new JsonObject { ["id"] = "28:kyodobot", ["name"] = "KyodoBot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = $"{ChannelId(i)};messageid=1700000000001",
                ["conversationType"] = "channel",
                ["isGroup"] = true,
                ["tenantId"] = TenantId,
            },
            ["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = "<at>KyodoBot</at>",
                ["mentioned"] = new JsonObject { ["id"] = "28:kyodobot", ["name"] = "KyodoBot" },
            }),
            ["channelData"] = new JsonObject
            {
                ["team"] = new JsonObject { ["id"] = "19:team-bench@thread.tacv2", ["name"] = "ベンチチーム" },
                ["channel"] = new JsonObject { ["id"] = ChannelId(i), ["name"] = Department(i) },
                ["tenant"] = new JsonObject { ["id"] = TenantId },
            },
        };

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    /// <summary>
    /// The web host as the benches run it: anonymous, on a port of its own, on the bench's database, without the
    /// scheduler, with the <c>--set</c> overrides. Callers add their own settings before <see cref="AddBenchHost"/>.
    /// </summary>
    internal static WebApplicationBuilder BenchBuilder(int port, BenchDatabase database, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var builder = WebApplication.CreateBuilder(["--urls", $"http://127.0.0.1:{port}", "--environment", "Development"]);
        builder.Configuration["MicrosoftAppId"] = "";
        builder.Configuration["Storage:Provider"] = database.Provider;
        builder.Configuration["ConnectionStrings:KyodoBot"] = database.ConnectionString;
        builder.Configuration["Scheduler:Enabled"] = "false";
        foreach (var (key, value) in overrides)
        {
            builder.Configuration[key] = value;
        }

        return builder;
    }

    /// <summary>KyodoBot's services, silent, with connector calls trusting the fake connector's test certificate.</summary>
    internal static void AddBenchHost(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.AddKyodoHost();
        builder.Services.AddHttpClient(Options.DefaultName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = TrustsTestCertificate },
        });
    }

    /// <summary>The fake connector's certificate and nothing else besides what the system already trusts.</summary>
    internal static bool TrustsTestCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(TestCertificate.Certificate);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return custom.Build(presented);
    }

    /// <summary>
    /// A proactive port that accepts every card at once, or after a pause that costs no CPU (a stand-in for the
    /// connector's latency, so that the workers meet the database as spread out as they would): what is left is the
    /// scheduler's own work.
    /// </summary>
    private sealed class InstantMessenger(TimeSpan latency) : IChannelMessenger
    {
        private readonly ConcurrentDictionary<string, int> _posts = new(StringComparer.Ordinal);
        private long _next;

        public int Total => _posts.Values.Sum();

        public void Reset() => _posts.Clear();

        public async Task<PostedMessage> PostToDepartmentAsync(string department, OutgoingMessage message, CancellationToken cancellationToken)
        {
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, cancellationToken);
            }

            var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
            _posts.AddOrUpdate(department, 1, (_, n) => n + 1);
            return new PostedMessage($"19:bench@thread.tacv2;messageid={id}", id, DummyServiceUrl, TenantId);
        }

        public Task<PostedMessage> PostToChannelAsync(string channelId, OutgoingMessage message, CancellationToken cancellationToken) =>
            throw new DepartmentNotRegisteredException(channelId);

        public Task UpdateAsync(PostedMessage posted, OutgoingMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<PostedMessage> SendToUserAsync(string userId, OutgoingMessage message, CancellationToken cancellationToken) =>
            throw new UserNotReachableException(userId);
    }

    /// <summary>A SQLite file in a temp folder, or a fresh database on the PostgreSQL server of <c>--postgres</c>.</summary>
    internal sealed class BenchDatabase(string provider, string connectionString, Func<Task> drop) : IAsyncDisposable
    {
        public string Provider { get; } = provider;
        public string ConnectionString { get; } = connectionString;

        public static async Task<BenchDatabase> CreateAsync(string? postgres)
        {
            if (postgres is null)
            {
                var directory = Directory.CreateTempSubdirectory("kyodobot-fanout-");
                return new BenchDatabase("Sqlite", $"Data Source={Path.Combine(directory.FullName, "bench.db")}", () =>
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    directory.Delete(recursive: true);
                    return Task.CompletedTask;
                });
            }

            var name = "kyodo_fanout_" + Guid.NewGuid().ToString("N")[..12];
            await ExecuteAsync(postgres, $"CREATE DATABASE {name}");
            return new BenchDatabase("Postgres", new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString, async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            });
        }

        public ValueTask DisposeAsync() => new(drop());

        private static async Task ExecuteAsync(string server, string sql)
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// How long EF's SQL commands took (from its DiagnosticListener events): Microsoft.Data.Sqlite answers a locked
    /// database by sleeping 150 ms and trying again, so commands of 100 ms or more are, in practice, lock waits.
    /// </summary>
    private sealed class SqlTimes : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable _subscription;
        private readonly List<IDisposable> _listeners = [];
        private int _commands;
        private int _slow;
        private long _ticks;

        public SqlTimes() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

        public (int Commands, int Slow, TimeSpan Total) Take() =>
            (Interlocked.Exchange(ref _commands, 0), Interlocked.Exchange(ref _slow, 0), TimeSpan.FromTicks(Interlocked.Exchange(ref _ticks, 0)));

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_listeners)
                {
                    _listeners.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData executed)
            {
                Interlocked.Increment(ref _commands);
                Interlocked.Add(ref _ticks, executed.Duration.Ticks);
                if (executed.Duration >= TimeSpan.FromMilliseconds(100))
                {
                    Interlocked.Increment(ref _slow);
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _subscription.Dispose();
            lock (_listeners)
            {
                _listeners.ForEach(l => l.Dispose());
            }
        }
    }
}
