namespace KyodoBot.IntegrationTests.Scheduling;

/// <summary>
/// Tests that count real sweeps against the clock run alone, after the parallel ones. They host Quartz in the test
/// process; sharing two cores with the load and process tests that run in parallel, a cluster once swept only once in
/// 60 s (session 11's CI). Run alone they have always passed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SchedulerTimingCollection
{
    public const string Name = "Scheduler timing";
}
