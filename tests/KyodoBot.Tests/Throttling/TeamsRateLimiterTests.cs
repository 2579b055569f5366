using KyodoBot.Bot.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace KyodoBot.Tests.Throttling;

public sealed class TeamsRateLimiterTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task BurstOnOneThread_SevenGoAtOnce_TheEighthAfterASecondAndTheMargin_TheNinthAfterTwo()
    {
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);

        var grants = await Load.RunAsync(clock, limiter, Enumerable.Range(0, 9).Select(_ => new Load.Request("19:a@thread.tacv2")));

        Assert.All(grants.Take(7), g => Assert.Equal(TimeSpan.Zero, g.GrantedAt));
        Assert.Equal(TimeSpan.FromSeconds(1) + Margin, grants[7].GrantedAt);
        Assert.Equal(TimeSpan.FromSeconds(2) + Margin, grants[8].GrantedAt); // 8 per 2 s
    }

    [Fact]
    public async Task BurstAcrossThreads_TenGoAtOnce_ThenOneEvery10Ms_AndNoMoreThanFiftyPerWindow()
    {
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);

        var grants = await Load.RunAsync(clock, limiter, Enumerable.Range(0, 120).Select(i => new Load.Request($"19:channel-{i}@thread.tacv2")));

        var times = grants.Select(g => g.GrantedAt).Order().ToList();
        Assert.Equal(10, times.Count(t => t == TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(10), times[10]);
        Assert.Equal(TimeSpan.FromMilliseconds(400), times[49]);
        // The 51st waits for the first ten to leave the window (1 s + margin), then the pace resumes.
        Assert.Equal(TimeSpan.FromSeconds(1) + Margin, times[50]);
        AssertWithinTeamsLimits([.. grants.Select(g => (g.Request.Thread, g.GrantedAt))]);
        Assert.True(times[^1] < TimeSpan.FromSeconds(2.5), $"120 requests took until {times[^1]}");
    }

    [Fact]
    public async Task BusyThread_DoesNotHoldUpAnotherThread()
    {
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);
        var requests = Enumerable.Range(0, 40).Select(_ => new Load.Request("19:busy@thread.tacv2"))
            .Append(new Load.Request("19:quiet@thread.tacv2", At: TimeSpan.FromMilliseconds(10)));

        var grants = await Load.RunAsync(clock, limiter, requests);

        Assert.True(grants.Max(g => g.GrantedAt) > TimeSpan.FromSeconds(9), "40 posts in one thread need 8-per-2-s windows");
        Assert.Equal(TimeSpan.FromMilliseconds(10), grants.Single(g => g.Request.Thread == "19:quiet@thread.tacv2").GrantedAt);
    }

    [Fact]
    public async Task OnTheWire_CountsAtTheFlushPlusTheAllowance_NotAtTheSlowResponse()
    {
        // Seven go at 0, are on the wire at once and answered after 150 ms, all alike: the server had them by 30 ms
        // (the floor), so the eighth may go at 30 ms + 1.05 s, not after the responses. (The first sixteen round
        // trips of a process count at their response; here the limiter trusts the first.)
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock, lagSamplesNeeded: 1);
        var requests = Enumerable.Range(0, 8).Select(_ => new Load.Request("t", Latency: TimeSpan.FromMilliseconds(150), Wire: TimeSpan.Zero));

        var grants = await Load.RunAsync(clock, limiter, requests);

        Assert.Equal(TimeSpan.FromMilliseconds(1080), grants[7].GrantedAt);
    }

    [Fact]
    public async Task RepliesToUsers_GoBeforeQueuedReminderCards()
    {
        // 150 cards: the first 50 fill the tenant's window by 0.4 s, 100 more queue; at 0.9 s a user's reply asks.
        // It takes the first place that frees (1.05 s), ahead of every card that asked before it.
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);
        var requests = Enumerable.Range(0, 150).Select(i => new Load.Request($"19:channel-{i}@thread.tacv2"))
            .Append(new Load.Request("a:user", At: TimeSpan.FromMilliseconds(900), Priority: ConnectorPriority.Reply));

        var grants = await Load.RunAsync(clock, limiter, requests);

        var reply = grants.Single(g => g.Request.Thread == "a:user");
        Assert.Equal(TimeSpan.FromSeconds(1) + Margin, reply.GrantedAt);
        Assert.Equal(50, grants.Count(g => g.GrantedAt < reply.GrantedAt));
        Assert.Equal(100, grants.Count(g => g.Request.Priority == ConnectorPriority.Background && g.GrantedAt >= reply.GrantedAt));
    }

    [Fact]
    public async Task ACardWaitingLong_IsNotStarvedByAStreamOfReplies()
    {
        // Replies from 400 users keep the tenant full for 8 s; a card that asked at 0.1 s queues behind the first 50
        // but joins the replies, in the order of asking, once it has waited 10 s.
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);
        var replies = Enumerable.Range(0, 1000).Select(i => new Load.Request($"a:user-{i % 400}", At: TimeSpan.FromMilliseconds(i), Priority: ConnectorPriority.Reply));
        var requests = replies.Append(new Load.Request("19:card@thread.tacv2", At: TimeSpan.FromMilliseconds(100)));

        var grants = await Load.RunAsync(clock, limiter, requests);

        var card = grants.Single(g => g.Request.Thread == "19:card@thread.tacv2").GrantedAt;
        Assert.InRange(card, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(11.1));
        Assert.True(grants.Max(g => g.GrantedAt) > TimeSpan.FromSeconds(19), "the replies alone need 20 tenant seconds");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task RandomTraffic_NoSlidingWindowEverHoldsMoreThanItsLimit_WhereverEachRequestArrives(int seed)
    {
        var random = new Random(seed);
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);
        var requests = new List<Load.Request>();
        var at = TimeSpan.Zero;
        for (var step = 0; step < 300; step++)
        {
            at += TimeSpan.FromMilliseconds(random.Next(0, 120));
            var burst = random.Next(0, 10) == 0 ? random.Next(10, 80) : random.Next(1, 4);
            for (var i = 0; i < burst; i++)
            {
                // A few hot threads and a long tail, as a reminder fan-out plus replies looks; some connections are
                // slow to open (the flush comes late), some responses are slow.
                var thread = random.Next(0, 3) == 0 ? $"hot-{random.Next(0, 12)}" : $"tail-{random.Next(0, 200)}";
                var latency = TimeSpan.FromMilliseconds(random.Next(1, 400));
                TimeSpan? wire = random.Next(0, 4) == 0 ? null : latency * random.NextDouble();
                var priority = random.Next(0, 2) == 0 ? ConnectorPriority.Reply : ConnectorPriority.Background;
                requests.Add(new Load.Request(thread, at, latency, wire, priority));
            }
        }

        var grants = await Load.RunAsync(clock, limiter, requests);

        // The server sees each request somewhere between its grant and the latest arrival the limiter allowed for:
        // the earliest, the latest, and random points in between must all keep Teams' windows (with the margin).
        Assert.Equal(requests.Count, grants.Length);
        AssertWithinTeamsLimits([.. grants.Select(g => (g.Request.Thread, g.GrantedAt))]);
        AssertWithinTeamsLimits([.. grants.Select(g => (g.Request.Thread, g.LatestArrival))]);
        for (var draw = 0; draw < 3; draw++)
        {
            AssertWithinTeamsLimits([.. grants.Select(g => (g.Request.Thread, g.GrantedAt + (g.LatestArrival - g.GrantedAt) * random.NextDouble()))]);
        }
    }

    [Fact]
    public async Task AcquireAsync_WaitsUntilItsSlot_OnTheInjectedClock()
    {
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);
        for (var i = 0; i < 7; i++)
        {
            (await limiter.AcquireAsync("t", CancellationToken.None)).Dispose(); // answered at once
        }

        var start = clock.GetUtcNow();
        var eighth = limiter.AcquireAsync("t", CancellationToken.None).AsTask();
        Assert.False(eighth.IsCompleted);

        await clock.RunAsync(eighth.ContinueWith(_ => clock.GetUtcNow(), TaskContinuationOptions.ExecuteSynchronously));

        Assert.Equal(TimeSpan.FromSeconds(1) + Margin, clock.GetUtcNow() - start);
        Assert.Equal([TimeSpan.FromSeconds(1) + Margin], clock.RequestedDelays);
        Assert.Equal(new RateLimiterStatistics(8, 1, TimeSpan.FromSeconds(1) + Margin, TimeSpan.FromSeconds(1) + Margin), limiter.Statistics);
    }

    [Fact]
    public async Task CancelledWhileWaiting_GivesItsSlotBack()
    {
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);
        for (var i = 0; i < 7; i++)
        {
            (await limiter.AcquireAsync("t", CancellationToken.None)).Dispose();
        }

        var start = clock.GetUtcNow();
        using var cancel = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync("t", cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        Assert.Equal(0, limiter.Waiting);
        var next = limiter.AcquireAsync("t", CancellationToken.None).AsTask();
        var grantedAt = await clock.RunAsync(next.ContinueWith(_ => clock.GetUtcNow(), TaskContinuationOptions.ExecuteSynchronously));
        Assert.Equal(start + TimeSpan.FromSeconds(1) + Margin, grantedAt);
    }

    [Fact]
    public async Task SlowResponses_CountWhenTheyCameBack_SoTheNextSlotMovesLater()
    {
        // Seven requests go at 0 on cold connections and are answered at 0.3 s: the server may have counted them
        // as late as that, so the eighth may not go at 1.05 s but only at 0.3 + 1.05 s.
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);
        var start = clock.GetUtcNow();
        var inFlight = new List<IDisposable>();
        for (var i = 0; i < 7; i++)
        {
            inFlight.Add(await limiter.AcquireAsync("t", CancellationToken.None));
        }

        var eighth = limiter.AcquireAsync("t", CancellationToken.None).AsTask();
        clock.Step(TimeSpan.FromMilliseconds(300));
        inFlight.ForEach(p => p.Dispose());
        var grantedAt = await clock.RunAsync(eighth.ContinueWith(_ => clock.GetUtcNow(), TaskContinuationOptions.ExecuteSynchronously));

        Assert.Equal(TimeSpan.FromMilliseconds(1350), grantedAt - start);
    }

    [Fact]
    public async Task RequestsStillInFlightAtTheSlot_KeepTheNextOneWaiting()
    {
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);
        var start = clock.GetUtcNow();
        var inFlight = new List<IDisposable>();
        for (var i = 0; i < 7; i++)
        {
            inFlight.Add(await limiter.AcquireAsync("t", CancellationToken.None));
        }

        var eighth = limiter.AcquireAsync("t", CancellationToken.None).AsTask();
        clock.Step(TimeSpan.FromMilliseconds(1050)); // the slot comes, the seven are not answered yet
        Assert.False(eighth.IsCompleted);
        clock.Step(TimeSpan.FromMilliseconds(450));
        inFlight.ForEach(p => p.Dispose()); // answered at 1.5 s
        var grantedAt = await clock.RunAsync(eighth.ContinueWith(_ => clock.GetUtcNow(), TaskContinuationOptions.ExecuteSynchronously));

        Assert.Equal(TimeSpan.FromMilliseconds(2550), grantedAt - start);
    }

    [Fact]
    public async Task IdleThreads_AreForgotten_SoMemoryStaysBounded()
    {
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);
        await Load.RunAsync(clock, limiter, Enumerable.Range(0, 1000).Select(i => new Load.Request($"19:channel-{i}@thread.tacv2")));

        // 1000 posts at 50 per second end about 20 s in; 30 s after them nothing is remembered.
        clock.Step(TimeSpan.FromSeconds(60));
        await Load.RunAsync(clock, limiter, [new Load.Request("19:now@thread.tacv2")]);

        Assert.Equal(1, limiter.TrackedThreads);
    }

    private static void AssertWithinTeamsLimits(List<(string Thread, TimeSpan Slot)> slots) => TeamsWindows.AssertWithin(slots, Margin);
}
