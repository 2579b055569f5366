using KyodoBot.Bot.Throttling;

namespace KyodoBot.Tests.Throttling;

/// <summary>
/// The limiter's arrival allowance, measured from round trips (ADR 0012): on a fake clock, a simulated connector that
/// stamps each request's arrival a chosen time after its flush (the way out), answers 20 ms later, and the answer
/// reaches the bot a little after that. The server's windows are checked on those arrival stamps.
/// </summary>
public sealed class ArrivalLagTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task SlowWayOut_OnALoadedMachine_CountsLater_SoNoServerWindowOverflows(int seed)
    {
        // One request in eight spends 60–250 ms on the way out (a loaded machine: the bot's or the fake's threads
        // are late), more than the 30 ms floor plus the 50 ms margin. A fixed allowance lets the window after such a
        // request be granted too early, and the server sees 51 in a second.
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);
        var random = new Random(seed);
        var run = Simulate(clock, limiter, conversations: 200, messages: 8, TimeSpan.FromMilliseconds(20), () =>
            random.Next(0, 8) == 0 ? TimeSpan.FromMilliseconds(random.Next(60, 250)) : TimeSpan.FromMilliseconds(random.NextDouble()));

        var result = await clock.RunAsync(run);

        TeamsWindows.AssertWithin(result.Arrivals, TimeSpan.Zero);
        Assert.True(limiter.Statistics.LargestArrivalBound > TimeSpan.FromMilliseconds(200), $"largest bound {limiter.Statistics.LargestArrivalBound}");
    }

    [Fact]
    public async Task QuietConnector_AllowanceStaysAtTheFloor_AndTheTenantRunsAtItsBound()
    {
        // Every request reaches the server at once and is answered 150 ms later: round trips are all alike, so the
        // measured lag adds nothing and each tenant window is refilled after 1 s + margin + floor (1.08 s), not after
        // the responses (1.2 s).
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);

        var result = await clock.RunAsync(Simulate(clock, limiter, conversations: 200, messages: 5, TimeSpan.FromMilliseconds(150), () => TimeSpan.Zero));

        Assert.InRange(limiter.Statistics.LargestArrivalBound, TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(32));
        var perSecond = (result.Arrivals.Count - 50) / (result.Arrivals.Max(a => a.Slot) - TimeSpan.FromSeconds(0.4)).TotalSeconds;
        Assert.InRange(perSecond, 0.98 * 50 / 1.08, 50 / 1.05);
        TeamsWindows.AssertWithin(result.Arrivals, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task UnansweredRequests_CountUntilTheirResponse_ThenFromTheirFlushPlusTheirMeasuredLag()
    {
        // Seven requests to one thread go at 0.3 s and stay unanswered for 3 s: nothing is known about when they
        // arrived, so the eighth waits for their responses. Their round trips (3 s) were 2.98 s slower than the
        // fastest (20 ms), so each may have arrived as late as its response: the eighth goes a window after that.
        // (Counted from the flush plus the floor, as before, it went at 1.38 s.)
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);
        var requests = new List<Load.Request> { new("calibrate", Latency: TimeSpan.FromMilliseconds(20), Wire: TimeSpan.Zero) };
        requests.AddRange(Enumerable.Range(0, 8).Select(_ =>
            new Load.Request("t", At: TimeSpan.FromMilliseconds(300), Latency: TimeSpan.FromSeconds(3), Wire: TimeSpan.Zero)));

        var grants = await Load.RunAsync(clock, limiter, requests);

        var thread = grants.Where(g => g.Request.Thread == "t").Select(g => g.GrantedAt).Order().ToList();
        Assert.All(thread.Take(7), at => Assert.Equal(TimeSpan.FromMilliseconds(300), at));
        Assert.Equal(TimeSpan.FromMilliseconds(3300 + 1050), thread[7]);
    }

    [Fact]
    public void Meter_BoundsTheWayOutByTheExtraRoundTrip_OnTheFastestOfTheLastMinute()
    {
        var meter = new ArrivalLagMeter(TimeSpan.FromMilliseconds(30));
        var at = TimeSpan.FromSeconds(99);

        // Until 16 round trips are known the fastest may itself have been slow on its way out: count at the response.
        Assert.Equal(TimeSpan.FromMilliseconds(40), meter.Record(at, TimeSpan.FromMilliseconds(40)));
        for (var i = 1; i < ArrivalLagMeter.MinSamples - 1; i++)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(21), meter.Record(at, TimeSpan.FromMilliseconds(21)));
        }

        at = TimeSpan.FromSeconds(100);
        Assert.Equal(TimeSpan.FromMilliseconds(30), meter.Record(at, TimeSpan.FromMilliseconds(21)));
        Assert.Equal(TimeSpan.FromMilliseconds(30 + 129), meter.Record(at + TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(150)));
        Assert.Equal(TimeSpan.FromMilliseconds(30), meter.Record(at + TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(21)));

        // The fastest round trip is remembered for a minute, so a connector that turns uniformly slower is measured
        // against it until then (larger bounds: the safe side), and against itself afterwards.
        Assert.Equal(TimeSpan.FromMilliseconds(30 + 79), meter.Record(at + TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100)));
        for (var i = 0; i < ArrivalLagMeter.MinSamples; i++)
        {
            meter.Record(at + TimeSpan.FromSeconds(70), TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(30), meter.Record(at + TimeSpan.FromSeconds(75), TimeSpan.FromMilliseconds(100)));
        Assert.Equal(TimeSpan.FromMilliseconds(30 + 129), meter.LargestBound);
    }

    private sealed record SimulationResult(List<(string Thread, TimeSpan Slot)> Arrivals);

    /// <summary>
    /// Each conversation posts again as soon as its previous reply has been answered. A request is flushed at its
    /// grant, arrives <paramref name="wayOut"/> later, is answered <paramref name="serverWork"/> after that and the
    /// answer is read up to 2 ms later.
    /// </summary>
    private static async Task<SimulationResult> Simulate(
        ManualClock clock, TeamsRateLimiter limiter, int conversations, int messages, TimeSpan serverWork, Func<TimeSpan> wayOut)
    {
        var start = clock.GetUtcNow();
        var arrivals = new List<(string, TimeSpan)>();
        var random = new Random(0);
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async c =>
        {
            var thread = $"a:user-{c}";
            for (var m = 0; m < messages; m++)
            {
                using var permit = await limiter.AcquireAsync(thread, ConnectorPriority.Reply, CancellationToken.None).ConfigureAwait(false);
                permit.OnWire();
                TimeSpan late, back;
                lock (arrivals)
                {
                    late = wayOut();
                    back = TimeSpan.FromMilliseconds(2 * random.NextDouble());
                }

                await Task.Delay(late, clock).ConfigureAwait(false);
                lock (arrivals)
                {
                    arrivals.Add((thread, clock.GetUtcNow() - start));
                }

                await Task.Delay(serverWork + back, clock).ConfigureAwait(false);
                permit.OnResponse();
            }
        })).ConfigureAwait(false);
        return new SimulationResult(arrivals);
    }
}
