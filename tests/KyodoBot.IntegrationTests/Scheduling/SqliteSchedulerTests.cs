using KyodoBot.IntegrationTests.Fakes;
using KyodoBot.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace KyodoBot.IntegrationTests.Scheduling;

/// <summary>The scheduler on the default database: one SQLite file shared with the app, surviving restarts.</summary>
[Collection(SchedulerTimingCollection.Name)]
public sealed class SqliteSchedulerTests : IAsyncLifetime
{
    // As the PostgreSQL cluster tests: the wait ends as soon as the sweeps are seen; 10 s was once too short for Quartz
    // to start and fire under a loaded CI run (0 sweeps, session 10).
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = TestDatabase.CreateSqlite();
        await SchedulerHost.CreateSchemaAsync(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Start_FiresTheSweep_AndStoresJobAndTriggerInQuartzTables()
    {
        var log = new SweepLog();
        var host = await SchedulerHost.StartAsync(_database, "a", log, sweepSeconds: 1);

        var runs = await log.WaitForAsync(r => r.Count >= 2, SweepLog.Patience);
        await SchedulerHost.StopAsync(host);

        Assert.True(runs.Count >= 2, $"the sweep ran {runs.Count} time(s) in {SweepLog.Patience}");
        Assert.Equal(1, await CountAsync("qrtz_job_details", "job_name = 'reminder-sweep' AND is_durable"));
        Assert.Equal(1, await CountAsync("qrtz_triggers", "trigger_name = 'reminder-sweep-every-interval'"));
        Assert.Equal(1, await CountAsync("qrtz_simple_triggers", "repeat_interval = 1000 AND repeat_count = -1"));
    }

    [Fact]
    public async Task ATickThatMisfiresWhileWaiting_FiresWithinAnInterval()
    {
        // A tick nobody picked up in time (every node busy, a loaded machine) has misfired and is left to the store's
        // misfire handler. Quartz's handler looks every 60 s unless told otherwise, which once held the cluster test
        // at 3 sweeps in a minute (session 18's CI); ours looks every interval.
        const int sweepSeconds = 5;
        var log = new SweepLog();
        var host = await SchedulerHost.StartAsync(_database, "a", log, sweepSeconds);
        try
        {
            await log.WaitForAsync(r => r.Count >= 1, SweepLog.Patience);
            // The next tick, 4 intervals late: what a scheduler thread that did not get the processor in time leaves
            // behind. In standby the scheduler does not look at the store.
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await scheduler.Standby();
            var late = DateTimeOffset.UtcNow.AddSeconds(-4 * sweepSeconds).UtcTicks;
            await SchedulerHost.ExecuteAsync(_database, $"UPDATE qrtz_triggers SET next_fire_time = {late}");
            await scheduler.Start();
            var misfired = DateTimeOffset.UtcNow;

            var runs = await log.WaitForAsync(r => r.Count >= 2, SweepLog.Patience);

            Assert.True(runs.Count >= 2, $"the sweep ran {runs.Count} time(s) in {SweepLog.Patience}");
            Assert.True(runs[1].Started - misfired < TimeSpan.FromSeconds(30), $"the misfired tick fired {runs[1].Started - misfired} later");
        }
        finally
        {
            await SchedulerHost.StopAsync(host);
        }
    }

    [Fact]
    public async Task Restart_SameDatabase_KeepsOneJobAndTrigger_AndStillFires()
    {
        var log = new SweepLog();
        var first = await SchedulerHost.StartAsync(_database, "first", log, sweepSeconds: 1);
        await log.WaitForAsync(r => r.Count >= 1, SweepLog.Patience);
        await SchedulerHost.StopAsync(first);

        var second = await SchedulerHost.StartAsync(_database, "second", log, sweepSeconds: 1);
        var runs = await log.WaitForAsync(r => r.Any(run => run.Host == "second"), SweepLog.Patience);
        await SchedulerHost.StopAsync(second);

        Assert.Contains(runs, run => run.Host == "second");
        Assert.Equal(1, await CountAsync("qrtz_job_details", "1 = 1"));
        Assert.Equal(1, await CountAsync("qrtz_triggers", "1 = 1"));
        Assert.Equal(1, await CountAsync("qrtz_simple_triggers", "1 = 1"));
    }

    [Fact]
    public async Task Restart_WithoutDowntime_KeepsTheSchedule_InsteadOfSweepingAgain()
    {
        const int sweepSeconds = 30;
        var log = new SweepLog();
        var before = await SchedulerHost.StartAsync(_database, "before", log, sweepSeconds);
        await log.WaitForAsync(r => r.Count >= 1, SweepLog.Patience);
        await SchedulerHost.StopAsync(before);
        var scheduled = await NextFireTicksAsync();

        var after = await SchedulerHost.StartAsync(_database, "after", log, sweepSeconds);
        var rescheduled = await NextFireTicksAsync();
        await SchedulerHost.StopAsync(after);

        // The trigger declared again at start-up takes over the stored one's history: the next sweep stays one
        // interval after the last, rather than a new schedule starting (and sweeping) at every restart.
        Assert.Equal(scheduled, rescheduled);
        Assert.True(new DateTimeOffset(scheduled, TimeSpan.Zero) > DateTimeOffset.UtcNow);
        Assert.DoesNotContain(log.Runs, run => run.Host == "after");
    }

    [Fact]
    public async Task Restart_AfterDowntimeOfManyIntervals_SweepsOncePromptly()
    {
        const int sweepSeconds = 30;
        var log = new SweepLog();
        var before = await SchedulerHost.StartAsync(_database, "before", log, sweepSeconds);
        await log.WaitForAsync(r => r.Count >= 1, SweepLog.Patience);
        await SchedulerHost.StopAsync(before);
        Assert.Single(log.Runs);

        // Ten intervals of downtime: every instant the store remembers moves ten intervals into the past.
        var downtime = 10L * sweepSeconds * 1000 * TimeSpan.TicksPerMillisecond;
        await SchedulerHost.ExecuteAsync(_database, $"""
            UPDATE qrtz_triggers SET next_fire_time = next_fire_time - {downtime}, prev_fire_time = prev_fire_time - {downtime},
                                     start_time = start_time - {downtime};
            """);

        var restartedAt = DateTimeOffset.UtcNow;
        var after = await SchedulerHost.StartAsync(_database, "after", log, sweepSeconds);
        var runs = await log.WaitForAsync(r => r.Any(run => run.Host == "after"), SweepLog.Patience);
        await WaitUntilNextFireIsInTheFutureAsync();
        await SchedulerHost.StopAsync(after);

        var sweepsAfterRestart = log.Runs.Where(run => run.Host == "after").ToList();
        var sweep = Assert.Single(sweepsAfterRestart);
        Assert.True(sweep.Started - restartedAt < TimeSpan.FromSeconds(sweepSeconds / 3),
            $"the missed sweep ran {sweep.Started - restartedAt} after the restart");
    }

    /// <summary>Once the next fire time is ahead and nothing is executing, no catch-up firing is pending.</summary>
    private async Task WaitUntilNextFireIsInTheFutureAsync()
    {
        var deadline = DateTimeOffset.UtcNow + SweepLog.Patience;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (DateTimeOffset.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            var nowTicks = DateTimeOffset.UtcNow.UtcTicks;
            if (await CountAsync("qrtz_triggers", $"next_fire_time > {nowTicks}") == 1
                && await CountAsync("qrtz_fired_triggers", "state = 'EXECUTING'") == 0)
            {
                return;
            }
        }

        Assert.Fail($"the sweep trigger never settled on a future fire time: {await DescribeTriggerAsync()}");
    }

    private Task<long> NextFireTicksAsync() =>
        SchedulerHost.ScalarAsync(_database, "SELECT next_fire_time FROM qrtz_triggers WHERE trigger_name = 'reminder-sweep-every-interval'");

    private async Task<string> DescribeTriggerAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT trigger_state, next_fire_time, prev_fire_time, start_time, misfire_instr, misfire_threshold, (SELECT COUNT(*) FROM qrtz_fired_triggers) FROM qrtz_triggers";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={reader.GetValue(i)}")));
        }

        return $"now={DateTimeOffset.UtcNow.UtcTicks}; " + string.Join(" | ", rows);
    }

    private Task<long> CountAsync(string table, string where) =>
        SchedulerHost.ScalarAsync(_database, $"SELECT COUNT(*) FROM {table} WHERE sched_name = '{SchedulerServiceCollectionExtensions.SchedulerName}' AND {where}");
}
