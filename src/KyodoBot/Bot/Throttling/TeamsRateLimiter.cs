namespace KyodoBot.Bot.Throttling;

/// <summary>What the limiter has done since start, for benchmarks and logs.</summary>
public readonly record struct RateLimiterStatistics(long PermitsGranted, long PermitsDelayed, TimeSpan TotalWait, TimeSpan LongestWait);

/// <summary>
/// The one limiter per process for calls to the Bot Connector: Teams counts requests per thread (conversation)
/// and per tenant in sliding windows, and answers 429 to a request that finds a window full.
/// <para>
/// Reservation-based: under one lock, a caller gets the earliest instant t ≥ now at which one more request keeps
/// every window it counts against (the tenant's and its thread's) within its limit — windows of length
/// W + <see cref="RateLimitOptions.SafetyMargin"/> — and t is recorded at once, so concurrent callers get successive
/// slots; then the caller waits until t. A reservation is checked against the reservations before AND after it,
/// so a caller may take a free slot earlier than one already handed out (gap filling). That is why a busy thread
/// does not hold up the others: forty cards queued for one channel wait seconds for that channel's 7/1 s and
/// 8/2 s windows, while a card for another channel takes the next free tenant slot instead of queueing behind them.
/// Within one thread slots are handed out in arrival order (a later caller sees a superset of the earlier caller's
/// constraints, so it cannot find an earlier slot), except that two callers may get the same instant.
/// Slots never move once given, so nobody starves. A caller cancelled while waiting gives its slot back.
/// </para>
/// <para>
/// Memory: a window keeps only times that can still affect a future slot (later than now − length), and a thread
/// with none left is dropped by a sweep that runs at most once per longest window; so memory is bounded by the
/// threads used in the last ~30 s plus the callers waiting.
/// </para>
/// <para>
/// Timing is the server's view only approximately: the server counts arrivals, which lag our slots by the network
/// and by scheduling. The safety margin absorbs that jitter; what it cannot absorb comes back as a 429, which
/// <see cref="ConnectorThrottlingHandler"/> retries.
/// </para>
/// </summary>
public sealed class TeamsRateLimiter
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly SlidingWindow _tenant;
    private readonly (int Limit, TimeSpan Length)[] _threadLimits;
    private readonly Dictionary<string, SlidingWindow[]> _threads = new(StringComparer.Ordinal);
    private readonly TimeSpan _sweepEvery;
    private TimeSpan _lastSweep;
    private long _granted;
    private long _delayed;
    private TimeSpan _totalWait;
    private TimeSpan _longestWait;

    public TeamsRateLimiter(RateLimitOptions options, TimeProvider time)
    {
        _time = time;
        _origin = time.GetTimestamp();
        var margin = options.SafetyMargin;
        _tenant = new SlidingWindow(options.PerTenantPerSecond, TimeSpan.FromSeconds(1) + margin);
        _threadLimits =
        [
            (options.PerThreadPerSecond, TimeSpan.FromSeconds(1) + margin),
            (options.PerThreadPer2Seconds, TimeSpan.FromSeconds(2) + margin),
            (options.PerThreadPer30Seconds, TimeSpan.FromSeconds(30) + margin),
        ];
        _sweepEvery = _threadLimits.Max(l => l.Length);
    }

    /// <summary>Threads the limiter currently remembers (for tests of its memory bound).</summary>
    internal int TrackedThreads
    {
        get
        {
            lock (_gate)
            {
                return _threads.Count;
            }
        }
    }

    public RateLimiterStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return new RateLimiterStatistics(_granted, _delayed, _totalWait, _longestWait);
            }
        }
    }

    /// <summary>Waits until one more request to <paramref name="thread"/> fits every window, and counts it.</summary>
    public async ValueTask AcquireAsync(string thread, CancellationToken cancellationToken)
    {
        var slot = Reserve(thread);
        var wait = slot - Now();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Release(thread, slot);
            throw;
        }
    }

    /// <summary>
    /// Records a request to <paramref name="thread"/> at the earliest instant every window allows and returns that
    /// instant (as time since the limiter was created); the caller must not send before it.
    /// </summary>
    internal TimeSpan Reserve(string thread)
    {
        lock (_gate)
        {
            var now = Now();
            Sweep(now);
            var windows = WindowsOf(thread, now);

            var slot = now;
            bool moved;
            do
            {
                moved = false;
                foreach (var window in windows)
                {
                    if (!window.Fits(slot))
                    {
                        slot = window.NextCandidateAfter(slot);
                        moved = true;
                    }
                }
            }
            while (moved);

            foreach (var window in windows)
            {
                window.Add(slot);
            }

            var wait = slot - now;
            _granted++;
            if (wait > TimeSpan.Zero)
            {
                _delayed++;
                _totalWait += wait;
                _longestWait = wait > _longestWait ? wait : _longestWait;
            }

            return slot;
        }
    }

    /// <summary>Gives back a slot that was not used (the caller was cancelled while waiting for it).</summary>
    internal void Release(string thread, TimeSpan slot)
    {
        lock (_gate)
        {
            _tenant.Remove(slot);
            if (_threads.TryGetValue(thread, out var windows))
            {
                foreach (var window in windows)
                {
                    window.Remove(slot);
                }
            }

            _granted--;
        }
    }

    /// <summary>Time since the limiter was created, on the injected clock.</summary>
    internal TimeSpan Now() => _time.GetElapsedTime(_origin);

    private SlidingWindow[] WindowsOf(string thread, TimeSpan now)
    {
        if (!_threads.TryGetValue(thread, out var windows))
        {
            windows = [.. _threadLimits.Select(l => new SlidingWindow(l.Limit, l.Length))];
            _threads[thread] = windows;
        }

        _tenant.Prune(now);
        foreach (var window in windows)
        {
            window.Prune(now);
        }

        return [_tenant, .. windows];
    }

    private void Sweep(TimeSpan now)
    {
        if (now - _lastSweep < _sweepEvery)
        {
            return;
        }

        _lastSweep = now;
        List<string>? idle = null;
        foreach (var (thread, windows) in _threads)
        {
            foreach (var window in windows)
            {
                window.Prune(now);
            }

            if (windows.All(w => w.IsEmpty))
            {
                (idle ??= []).Add(thread);
            }
        }

        foreach (var thread in idle ?? [])
        {
            _threads.Remove(thread);
        }
    }

    /// <summary>
    /// "At most <c>limit</c> requests in any window of <c>length</c>", over the sorted times of the requests
    /// granted (past and reserved). Equivalently: any <c>limit</c>+1 consecutive times span at least <c>length</c>.
    /// </summary>
    private sealed class SlidingWindow(int limit, TimeSpan length)
    {
        private readonly List<TimeSpan> _times = [];

        public bool IsEmpty => _times.Count == 0;

        /// <summary>Whether one more request at <paramref name="t"/> keeps every run of limit+1 that includes it long enough.</summary>
        public bool Fits(TimeSpan t)
        {
            var m = UpperBound(t); // t would go at index m
            var count = _times.Count;
            for (var first = Math.Max(0, m - limit); first <= m && first + limit <= count; first++)
            {
                var start = first < m ? _times[first] : t;
                var lastIndex = first + limit;
                var end = lastIndex == m ? t : _times[lastIndex - 1];
                if (end - start < length)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The next instant after <paramref name="t"/> at which this window may fit again: a fitting region can only
        /// begin where a recorded request leaves the window (time + length), so none is skipped.
        /// </summary>
        public TimeSpan NextCandidateAfter(TimeSpan t)
        {
            var i = UpperBound(t - length);
            // Fits(t) failed, so some recorded time lies within one length of t and i is in range.
            return _times[i] + length;
        }

        public void Add(TimeSpan t) => _times.Insert(UpperBound(t), t);

        public void Remove(TimeSpan t)
        {
            var i = _times.BinarySearch(t);
            if (i >= 0)
            {
                _times.RemoveAt(i);
            }
        }

        /// <summary>Forgets times that cannot affect a slot at or after <paramref name="now"/>.</summary>
        public void Prune(TimeSpan now)
        {
            var stale = UpperBound(now - length);
            if (stale > 0)
            {
                _times.RemoveRange(0, stale);
            }
        }

        /// <summary>The index of the first time strictly after <paramref name="t"/>.</summary>
        private int UpperBound(TimeSpan t)
        {
            int lo = 0, hi = _times.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_times[mid] <= t)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }
}
