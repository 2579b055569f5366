using System.Diagnostics;
using KyodoBot.Core.Evaluations;
using KyodoBot.IntegrationTests.Fakes;
using KyodoBot.IntegrationTests.Process;
using Xunit.Abstractions;
using static KyodoBot.IntegrationTests.Evaluations.ReminderScenario;

namespace KyodoBot.IntegrationTests.Evaluations;

/// <summary>
/// The outbox's promise under a crash, with the real executable: its Quartz sweep is killed (the whole process tree,
/// no shutdown) in the middle of a fan-out, and a new process on the same SQLite file finishes the work. Nothing is
/// lost, and only the card that was in flight at the kill may arrive twice (Teams took it, the bot never heard).
/// </summary>
public sealed class SweepCrashTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const int Departments = 6;
    private const int ProjectsEach = 5;
    private const int KillAfterAcceptedCards = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private FakeBotConnector _connector = null!;
    private TestDatabase _database = null!;
    private StoredState _stored = null!;

    [Fact]
    public async Task HardKillMidFanOut_ThenRestart_EveryReminderIsSent_AndOnlyTheCardInFlightMayComeTwice()
    {
        await SeedAsync(_database, _connector, Departments, ProjectsEach);
        var due = (await _stored.DueRemindersAsync()).Select(r => r.Id).ToHashSet();
        Assert.Equal(Departments * ProjectsEach, due.Count);
        // A slow connector and one send at a time: the fan-out takes several seconds, so the kill lands in its middle. The
        // short lease lets the restarted process take over the dead one's claim soon.
        _connector.ResponseDelay = TimeSpan.FromMilliseconds(200);
        var environment = ProcessEnvironment(_database,
            (EvaluationOptions.MaxParallelSendsKey, "1"), (EvaluationOptions.ClaimLeaseSecondsKey, "3"),
            // The lease must outlast a post's retries (checked at start-up): one attempt of at most 2 s here.
            ("Teams:RateLimits:MaxAttempts", "1"));
        var clock = Stopwatch.StartNew();

        var first = BotProcess.Start(environment);
        List<Reminder> atKill;
        try
        {
            await _connector.WaitForAsync(c => IsCreate(c) && c.Accepted, KillAfterAcceptedCards, (int)Patience.TotalSeconds);
            first.Kill();
            Assert.NotNull(await first.WaitForExitAsync(TimeSpan.FromSeconds(10)));
            atKill = await _stored.RemindersAsync();
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"The first process did not get going: {ex.Message}\n--- bot ---\n{first.Output}", ex);
        }
        finally
        {
            await first.DisposeAsync();
        }

        var sentBeforeKill = atKill.Count(r => due.Contains(r.Id) && r.State == ReminderState.Sent);
        var inFlight = atKill.Where(r => r.State == ReminderState.Sending).Select(r => r.Id).ToList();
        Assert.True(sentBeforeKill < due.Count, "the fan-out was over before the kill; the test proves nothing");
        // One send at a time, but a department's cards are claimed a few together: the claims that die with the process
        // are at most one chunk, and only one of them can have been on its way to Teams.
        Assert.True(inFlight.Count <= 8, $"{inFlight.Count} reminders were claimed at the kill");

        await using var second = BotProcess.Start(environment);
        var final = await EventuallyAsync(_stored.RemindersAsync, all => all.Where(r => due.Contains(r.Id)).All(r => r.State == ReminderState.Sent), Patience,
            all => $"{all.Count(r => due.Contains(r.Id) && r.State == ReminderState.Sent)} of {due.Count} sent\n--- bot after the restart ---\n{second.Output}");

        var accepted = AcceptedCardsByReminder(_connector);
        var lost = due.Where(id => accepted.GetValueOrDefault(id) == 0).ToList();
        var twice = accepted.Where(a => a.Value > 1).ToList();
        log.WriteLine($"{sentBeforeKill} sent before the kill, in flight: [{string.Join(", ", inFlight)}], " +
            $"posted twice: [{string.Join(", ", twice.Select(t => $"{t.Key}×{t.Value}"))}], {clock.Elapsed.TotalSeconds:0.0} s in all");
        Assert.Empty(lost);
        Assert.Equal(due.Order(), accepted.Keys.Order());
        // At most one duplicate: the card in flight at the kill, and at most once more.
        Assert.True(twice.Count <= 1 && twice.All(t => t.Value == 2 && inFlight.Contains(t.Key)),
            $"duplicates beyond the card in flight ({string.Join(", ", inFlight)}): {string.Join(", ", twice.Select(t => $"{t.Key}×{t.Value}"))}");
        Assert.Equal(due.Count + twice.Count, accepted.Values.Sum());
        // Each reminder remembers a card that Teams took, to update it when the evaluation is recorded.
        Assert.All(final.Where(r => due.Contains(r.Id)), r => Assert.Contains(_connector.Calls,
            c => IsCreate(c) && c.Accepted && c.ActivityId == r.PostedActivityId && ReminderIdOf(c) == r.Id));
    }

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _database = TestDatabase.CreateSqlite();
        _stored = new StoredState(_database);
    }

    public Task DisposeAsync() => Teardown.DisposeAllAsync(_stored, _database, _connector);
}
