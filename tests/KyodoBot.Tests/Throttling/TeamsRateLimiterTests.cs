using KyodoBot.Bot.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace KyodoBot.Tests.Throttling;

public sealed class TeamsRateLimiterTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void BurstOnOneThread_SevenGoAtOnce_TheEighthAfterASecondAndTheMargin_TheNinthAfterTwo()
    {
        var limiter = new TeamsRateLimiter(Throttle.Options(), new FakeTimeProvider());

        var slots = Enumerable.Range(0, 9).Select(_ => limiter.Reserve("19:a@thread.tacv2").Slot).ToList();

        Assert.All(slots.Take(7), s => Assert.Equal(TimeSpan.Zero, s));
        Assert.Equal(TimeSpan.FromSeconds(1) + Margin, slots[7]);
        Assert.Equal(TimeSpan.FromSeconds(2) + Margin, slots[8]); // 8 per 2 s
    }

    [Fact]
    public void BurstAcrossThreads_TheTenantTakesFiftyPerSecond()
    {
        var limiter = new TeamsRateLimiter(Throttle.Options(), new FakeTimeProvider());

        var slots = Enumerable.Range(0, 120).Select(i => limiter.Reserve($"19:channel-{i}@thread.tacv2").Slot).ToList();

        Assert.Equal(50, slots.Count(s => s == TimeSpan.Zero));
        Assert.Equal(50, slots.Count(s => s == TimeSpan.FromSeconds(1) + Margin));
        Assert.Equal(20, slots.Count(s => s == 2 * (TimeSpan.FromSeconds(1) + Margin)));
    }

    [Fact]
    public void BusyThread_DoesNotHoldUpAnotherThread()
    {
        var limiter = new TeamsRateLimiter(Throttle.Options(), new FakeTimeProvider());
        var busy = Enumerable.Range(0, 40).Select(_ => limiter.Reserve("19:busy@thread.tacv2").Slot).ToList();

        var other = limiter.Reserve("19:quiet@thread.tacv2").Slot;

        Assert.True(busy[^1] > TimeSpan.FromSeconds(9), $"40 posts in one thread need 8-per-2-s windows; last at {busy[^1]}");
        Assert.Equal(TimeSpan.Zero, other);
    }

    [Fact]
    public void FreeSlotsBetweenReservations_AreFilledOnlyWhereNoWindowOverflows()
    {
        // The tenant is full at 0 and at 1.05 s with the busy thread's posts spread through it; a newcomer may not
        // squeeze in anywhere that would put 51 into some second.
        var limiter = new TeamsRateLimiter(Throttle.Options(), new FakeTimeProvider());
        var slots = new List<(string Thread, TimeSpan Slot)>();
        for (var i = 0; i < 100; i++)
        {
            var thread = $"19:channel-{i}@thread.tacv2";
            slots.Add((thread, limiter.Reserve(thread).Slot));
        }

        for (var i = 0; i < 30; i++)
        {
            slots.Add(("19:busy@thread.tacv2", limiter.Reserve("19:busy@thread.tacv2").Slot));
            slots.Add(($"19:late-{i}@thread.tacv2", limiter.Reserve($"19:late-{i}@thread.tacv2").Slot));
        }

        AssertWithinTeamsLimits(slots);
    }

    [Fact]
    public void ReservationsAhead_CountAgainstAnEarlierSlot()
    {
        // Tenant 2 per second, threads 1 per 2 s: A and B each post twice at 0, so their second posts are booked at
        // 2.05 s. At 1.5 s the tenant's past second is empty, but a post at 1.5 would make three within a second of
        // 2.05: the newcomer must wait until the booked pair has left the window.
        var time = new FakeTimeProvider();
        var options = new RateLimitOptions { PerTenantPerSecond = 2, PerThreadPerSecond = 1, PerThreadPer2Seconds = 1 };
        var limiter = new TeamsRateLimiter(options, time);
        foreach (var thread in new[] { "A", "A", "B", "B" })
        {
            limiter.Reserve(thread);
        }

        time.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(TimeSpan.FromMilliseconds(3100), limiter.Reserve("C").Slot);
    }

    [Fact]
    public void ManyBusyThreads_QueueAhead_NewcomersNeverOverfillTheTenantWindowsAheadOfThem()
    {
        // Busy threads book the tenant's future in clusters; a newcomer later finds an empty past and a crowded
        // future, so a slot must be checked against the reservations after it too.
        var time = new FakeTimeProvider();
        var limiter = new TeamsRateLimiter(Throttle.Options(), time);
        var slots = new List<(string Thread, TimeSpan Slot)>();
        for (var round = 0; round < 20; round++)
        {
            for (var thread = 0; thread < 12; thread++)
            {
                slots.Add(($"busy-{thread}", limiter.Reserve($"busy-{thread}").Slot));
            }
        }

        for (var step = 0; step < 200; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(37));
            for (var i = 0; i < 3; i++)
            {
                var thread = $"newcomer-{step}-{i}";
                slots.Add((thread, limiter.Reserve(thread).Slot));
            }
        }

        AssertWithinTeamsLimits(slots);
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
    public void RandomTraffic_NoSlidingWindowEverHoldsMoreThanItsLimit_AndNoSlotIsInThePast(int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider();
        var limiter = new TeamsRateLimiter(Throttle.Options(), time);
        var slots = new List<(string Thread, TimeSpan Slot)>();

        for (var step = 0; step < 400; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 120)));
            var burst = random.Next(0, 10) == 0 ? random.Next(10, 80) : random.Next(1, 4);
            for (var i = 0; i < burst; i++)
            {
                // A few hot threads and a long tail, as a reminder fan-out plus replies looks.
                var thread = random.Next(0, 3) == 0 ? $"hot-{random.Next(0, 12)}" : $"tail-{random.Next(0, 200)}";
                var now = limiter.Now();
                var slot = limiter.Reserve(thread).Slot;
                Assert.True(slot >= now, $"slot {slot} is before now {now}");
                slots.Add((thread, slot));
            }
        }

        AssertWithinTeamsLimits(slots);
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

        using var cancel = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync("t", cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        Assert.Equal(TimeSpan.FromSeconds(1) + Margin, limiter.Reserve("t").Slot);
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
    public void IdleThreads_AreForgotten_SoMemoryStaysBounded()
    {
        var time = new FakeTimeProvider();
        var limiter = new TeamsRateLimiter(Throttle.Options(), time);
        for (var i = 0; i < 1000; i++)
        {
            limiter.Reserve($"19:channel-{i}@thread.tacv2");
        }

        // 1000 posts at 50 per second: the last slots are about 20 s out; 30 s after them nothing is remembered.
        time.Advance(TimeSpan.FromSeconds(60));
        limiter.Reserve("19:now@thread.tacv2");

        Assert.Equal(1, limiter.TrackedThreads);
    }

    /// <summary>
    /// Checks every sliding window, not only aligned ones: the fullest window of length W ends at some slot, so
    /// counting the slots in (s − W, s] for every slot s covers them all. The windows are Teams' own, and the
    /// slots must also keep the safety margin.
    /// </summary>
    private static void AssertWithinTeamsLimits(List<(string Thread, TimeSpan Slot)> slots)
    {
        var all = slots.Select(s => s.Slot).Order().ToList();
        AssertWindow(all, 50, TimeSpan.FromSeconds(1) + Margin, "tenant");
        foreach (var thread in slots.GroupBy(s => s.Thread))
        {
            var times = thread.Select(s => s.Slot).Order().ToList();
            AssertWindow(times, 7, TimeSpan.FromSeconds(1) + Margin, thread.Key);
            AssertWindow(times, 8, TimeSpan.FromSeconds(2) + Margin, thread.Key);
            AssertWindow(times, 60, TimeSpan.FromSeconds(30) + Margin, thread.Key);
        }
    }

    private static void AssertWindow(List<TimeSpan> sorted, int limit, TimeSpan window, string what)
    {
        var start = 0;
        for (var end = 0; end < sorted.Count; end++)
        {
            while (sorted[start] <= sorted[end] - window)
            {
                start++;
            }

            // Slots equal to sorted[end] further on belong to the same window; they are counted when end reaches them.
            var inWindow = end - start + 1;
            Assert.True(inWindow <= limit, $"{what}: {inWindow} requests in the {window.TotalSeconds} s ending at {sorted[end]} (limit {limit})");
        }
    }
}
