using System.Diagnostics;
using KyodoBot.Core.Evaluations;
using KyodoBot.IntegrationTests.Fakes;
using KyodoBot.IntegrationTests.Process;
using KyodoBot.IntegrationTests.Scheduling;
using Xunit.Abstractions;
using static KyodoBot.IntegrationTests.Evaluations.ReminderScenario;

namespace KyodoBot.IntegrationTests.Evaluations;

/// <summary>
/// Two instances of the real executable behind a load balancer share one PostgreSQL database (their Quartz schedulers
/// form a cluster), and an operator runs <c>reminders send-due</c> at the same time: every due card reaches Teams
/// exactly once, whoever sends it, and both instances stay up and ready throughout. The fake connector enforces
/// Teams' limits, so the senders' separate limiters also meet 429s, which must not turn into second cards.
/// </summary>
public sealed class PostgresMultiSenderTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const int Departments = 20;
    private const int ProjectsEach = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private FakeBotConnector _connector = null!;
    private TestDatabase? _database;
    private StoredState? _stored;

    [SkippableFact]
    public async Task TwoInstancesAndACliRun_OnOneDatabase_PostEachOf100RemindersExactlyOnce()
    {
        _database = await TestDatabase.CreatePostgresAsync();
        _stored = new StoredState(_database);
        await SeedAsync(_database, _connector, Departments, ProjectsEach);
        var due = (await _stored.DueRemindersAsync()).Select(r => r.Id).ToHashSet();
        Assert.Equal(Departments * ProjectsEach, due.Count);
        _connector.EnforceTeamsLimits();
        // Slow enough that one sender alone needs seconds for the lot, so the senders overlap.
        _connector.ResponseDelay = TimeSpan.FromMilliseconds(200);
        var environment = ProcessEnvironment(_database, (EvaluationOptions.MaxParallelSendsKey, "4"));
        var clock = Stopwatch.StartNew();

        await using var a = BotProcess.Start(environment);
        await using var b = BotProcess.Start(environment);
        await using var cli = BotProcess.Start(environment, ["reminders", "send-due"]);

        Assert.True(await a.WaitUntilReadyAsync(Patience), "instance a never became ready\n" + a.Output);
        Assert.True(await b.WaitUntilReadyAsync(Patience), "instance b never became ready\n" + b.Output);
        var cliExit = await cli.WaitForExitAsync(Patience);
        var final = await EventuallyAsync(_stored.RemindersAsync,
            all => a.HasExited || b.HasExited || all.Where(r => due.Contains(r.Id)).All(r => r.State == ReminderState.Sent), Patience,
            all => $"{all.Count(r => due.Contains(r.Id) && r.State == ReminderState.Sent)} of {due.Count} sent\n--- a ---\n{a.Output}\n--- b ---\n{b.Output}");

        // Both instances lived through it and still answer.
        Assert.True(await a.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)), "instance a is down\n" + a.Output);
        Assert.True(await b.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)), "instance b is down\n" + b.Output);
        Assert.Equal(2, await SchedulerHost.ScalarAsync(_database, "SELECT COUNT(*) FROM qrtz_scheduler_state WHERE sched_name = 'KyodoBot'"));
        // The CLI ran its sweep to the end (1 means some card of its own failed and was left for the next sweep).
        Assert.True(cliExit is 0 or 1, $"reminders send-due exited with {cliExit?.ToString() ?? "nothing (still running)"}\n{cli.Output}");
        Assert.Matches(@"sent \d+, failed \d+", cli.Output);

        var accepted = AcceptedCardsByReminder(_connector);
        var senders = final.Where(r => due.Contains(r.Id)).GroupBy(r => SenderProcess(r.ClaimedBy)).ToDictionary(g => g.Key, g => g.Count());
        log.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s; cards per sender (machine/pid): {string.Join(", ", senders.Select(s => $"{s.Key}: {s.Value}"))}; " +
            $"CLI: {cli.Output.Trim().Split('\n')[^1]}; 429s at the fake: {_connector.Calls.Count(c => c.Status == 429)}");
        Assert.All(final.Where(r => due.Contains(r.Id)), r => Assert.Equal(ReminderState.Sent, r.State));
        Assert.Equal(due.Order(), accepted.Keys.Order());
        Assert.All(accepted, card => Assert.True(card.Value == 1, $"reminder {card.Key} was posted {card.Value} times"));
        Assert.Equal(Departments * ProjectsEach, _connector.Calls.Count(c => IsCreate(c) && c.Accepted));
        Assert.All(_connector.AcceptedPostsByConversation(), channel => Assert.Equal(ProjectsEach, channel.Value));
    }

    /// <summary>"machine/pid" of a claim (the rest of the sender id is per sweep service).</summary>
    private static string SenderProcess(string? claimedBy) =>
        claimedBy is null ? "(none)" : string.Join('/', claimedBy.Split('/').Take(2));

    public async Task InitializeAsync() => _connector = await FakeBotConnector.StartAsync();

    public Task DisposeAsync() => Teardown.DisposeAllAsync(_stored, _database, _connector);
}
