using KyodoBot.IntegrationTests.Fakes;
using Microsoft.Extensions.Hosting;

namespace KyodoBot.IntegrationTests.Scheduling;

/// <summary>
/// Several bot instances behind a load balancer share one PostgreSQL database: their schedulers form a Quartz cluster,
/// so the sweep runs on one instance at a time, and keeps running when an instance goes away.
/// </summary>
[Collection(SchedulerTimingCollection.Name)]
public sealed class PostgresSchedulerClusterTests : IAsyncLifetime
{
    // A wait, not a pause: it only runs out on failure. After a stop the survivor may have to recover the stopped
    // instance's trigger (check-in every 5 s, failed after 10 s more), which on a loaded 2-core machine took over 20 s.
    private TestDatabase? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task TwoInstances_SweepOneAtATime_AndTheSurvivorKeepsSweeping()
    {
        _database = await TestDatabase.CreatePostgresAsync();
        await SchedulerHost.CreateSchemaAsync(_database);
        var log = new SweepLog();
        // Each sweep outlasts the 1-second interval, so the next tick comes due while a sweep is still running: only
        // the cluster-wide non-concurrency keeps the other instance from starting a second sweep meanwhile.
        var sweep = TimeSpan.FromSeconds(1.5);
        var running = new Dictionary<string, IHost>
        {
            ["a"] = await SchedulerHost.StartAsync(_database, "a", log, sweepSeconds: 1, sweep),
            ["b"] = await SchedulerHost.StartAsync(_database, "b", log, sweepSeconds: 1, sweep),
        };
        try
        {
            var together = await log.WaitForAsync(r => r.Count >= 4, SweepLog.Patience);
            Assert.True(together.Count >= 4, $"{together.Count} sweep(s) in {SweepLog.Patience}");
            // Two members of one cluster, each under its own generated instance id.
            Assert.Equal(2, await SchedulerHost.ScalarAsync(_database, "SELECT COUNT(*) FROM qrtz_scheduler_state WHERE sched_name = 'KyodoBot'"));

            // Stop the instance that ran the latest sweep; the other must carry on alone.
            var stopped = together[^1].Host;
            var survivor = stopped == "a" ? "b" : "a";
            await SchedulerHost.StopAsync(running[stopped]);
            running.Remove(stopped);
            var alone = log.Runs.Count;
            var runs = await log.WaitForAsync(r => r.Skip(alone).Count(run => run.Host == survivor) >= 2, SweepLog.Patience);

            Assert.True(runs.Skip(alone).Count(run => run.Host == survivor) >= 2, $"the survivor swept {runs.Count - alone} time(s) in {SweepLog.Patience}");
            Assert.Equal(1, log.MaxInFlight);
            var ordered = runs.OrderBy(run => run.Started).ToList();
            Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second.Started >= pair.First.Ended,
                $"{pair.Second.Host} started at {pair.Second.Started:O} while {pair.First.Host}'s sweep ran until {pair.First.Ended:O}"));
        }
        finally
        {
            foreach (var host in running.Values)
            {
                await SchedulerHost.StopAsync(host);
            }
        }
    }
}
