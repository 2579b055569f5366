namespace KyodoBot.Bot.Throttling;

/// <summary>What the limiter has done since start, for benchmarks and logs.</summary>
public readonly record struct RateLimiterStatistics(long PermitsGranted, long PermitsDelayed, TimeSpan TotalWait, TimeSpan LongestWait);

/// <summary>
/// The one limiter per process for calls to the Bot Connector: Teams counts requests per thread (conversation)
/// and per tenant in sliding windows, and answers 429 to a request that finds a window full.
/// <para>
/// <b>Reservations.</b> Under one lock, a caller gets the earliest instant t ≥ now at which one more request keeps
/// every window it counts against (the tenant's and its thread's) within its limit — windows of length
/// W + <see cref="RateLimitOptions.SafetyMargin"/> — and t is recorded at once, so concurrent callers get successive
/// slots; then the caller waits until t. A slot is checked against the reservations before AND after it, so a
/// caller may take a free slot earlier than one already handed out (gap filling). That is why a busy thread does
/// not hold up the others: forty cards queued for one channel wait seconds for that channel's 7/1 s and 8/2 s
/// windows, while a card for another channel takes the next free tenant slot instead of queueing behind them.
/// Within one thread, callers are served in arrival order as long as nothing moves (a later caller sees a superset of
/// an earlier caller's constraints, so it cannot find an earlier slot); two may share an instant.
/// </para>
/// <para>
/// <b>Anchored on completion.</b> The server counts a request when it <i>arrives</i>, somewhere between our send
/// and its response — a request on a cold connection (TCP and TLS first) arrives hundreds of milliseconds after a
/// warm one sent at the same time. So a permit is counted at its slot only until it is used; while the request is in
/// flight it counts as "now", and once the response is in (the <see cref="IDisposable"/> from
/// <see cref="AcquireAsync"/> is disposed) it counts at the response time, which is never earlier than its arrival.
/// A waiter re-checks its slot when it wakes, against these later times, and if the slot no longer holds it takes
/// the next one. The margin then only needs to absorb the difference between our clock and the server's; latency
/// can no longer push two requests into one window.
/// </para>
/// <para>
/// Memory: a window keeps only times that can still affect a future slot (later than now − length) and the
/// requests in flight; a thread with none left is dropped by a sweep that runs at most once per longest window, so
/// memory is bounded by the threads used in the last ~30 s plus the callers waiting.
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

    /// <summary>
    /// Waits until one more request to <paramref name="thread"/> fits every window and counts it as in flight.
    /// Dispose the result when the response has arrived (or the send failed): from then on the request counts at
    /// that time.
    /// </summary>
    public async ValueTask<IDisposable> AcquireAsync(string thread, CancellationToken cancellationToken)
    {
        var asked = Now();
        var permit = Reserve(thread);
        try
        {
            while (true)
            {
                var wait = permit.Slot - Now();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }

                if (TryStart(permit, asked))
                {
                    return permit;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Release(permit);
            throw;
        }
    }

    /// <summary>Time since the limiter was created, on the injected clock.</summary>
    internal TimeSpan Now() => _time.GetElapsedTime(_origin);

    /// <summary>Books the earliest slot every window allows; the caller must not send before <see cref="Permit.Slot"/>.</summary>
    internal Permit Reserve(string thread)
    {
        lock (_gate)
        {
            var now = Now();
            Sweep(now);
            var permit = new Permit(this, thread);
            var windows = WindowsOf(thread, now);
            permit.Slot = EarliestSlot(windows, now);
            foreach (var window in windows)
            {
                window.Add(permit);
            }

            return permit;
        }
    }

    /// <summary>
    /// At or after its slot: if the slot still holds (earlier requests may have turned out to count later), the
    /// permit becomes in flight and true is returned; otherwise it is booked on the next slot that holds.
    /// </summary>
    internal bool TryStart(Permit permit, TimeSpan asked)
    {
        lock (_gate)
        {
            var now = Now();
            var windows = WindowsOf(permit.Thread, now);
            foreach (var window in windows)
            {
                window.Remove(permit);
            }

            var slot = EarliestSlot(windows, now);
            if (slot > now)
            {
                permit.Slot = slot;
                foreach (var window in windows)
                {
                    window.Add(permit);
                }

                return false;
            }

            permit.State = PermitState.InFlight;
            foreach (var window in windows)
            {
                window.StartFlight();
            }

            var wait = now - asked;
            _granted++;
            if (wait > TimeSpan.Zero)
            {
                _delayed++;
                _totalWait += wait;
                _longestWait = wait > _longestWait ? wait : _longestWait;
            }

            return true;
        }
    }

    /// <summary>The response is in: the request counts at this instant, which is no earlier than its arrival.</summary>
    private void Complete(Permit permit)
    {
        lock (_gate)
        {
            if (permit.State != PermitState.InFlight)
            {
                return;
            }

            var now = Now();
            permit.State = PermitState.Done;
            permit.Slot = now;
            foreach (var window in WindowsOf(permit.Thread, now))
            {
                window.EndFlight();
                window.Add(permit);
            }
        }
    }

    /// <summary>Gives back a slot that was not used (the caller was cancelled while waiting for it).</summary>
    private void Release(Permit permit)
    {
        lock (_gate)
        {
            if (permit.State != PermitState.Reserved)
            {
                return;
            }

            foreach (var window in WindowsOf(permit.Thread, Now()))
            {
                window.Remove(permit);
            }
        }
    }

    private static TimeSpan EarliestSlot(SlidingWindow[] windows, TimeSpan now)
    {
        var views = windows.Select(w => w.View(now)).ToArray();
        var slot = now;
        bool moved;
        do
        {
            moved = false;
            foreach (var view in views)
            {
                if (!view.Fits(slot))
                {
                    slot = view.NextCandidateAfter(slot);
                    moved = true;
                }
            }
        }
        while (moved);

        return slot;
    }

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

    internal enum PermitState
    {
        Reserved,
        InFlight,
        Done,
    }

    /// <summary>One request: booked for <see cref="Slot"/>, then in flight, then done at its response time.</summary>
    internal sealed class Permit(TeamsRateLimiter owner, string thread) : IDisposable
    {
        public string Thread { get; } = thread;
        public TimeSpan Slot { get; set; }
        public PermitState State { get; set; }

        public void Dispose() => owner.Complete(this);
    }

    /// <summary>"At most <c>limit</c> requests in any window of <c>length</c>."</summary>
    private sealed class SlidingWindow(int limit, TimeSpan length)
    {
        // Booked and done requests by time; those in flight have no fixed time and are counted apart.
        private readonly List<Permit> _timed = [];
        private int _inFlight;

        public bool IsEmpty => _timed.Count == 0 && _inFlight == 0;

        public void Add(Permit permit) => _timed.Insert(UpperBound(_timed, permit.Slot, p => p.Slot), permit);

        public void Remove(Permit permit) => _timed.Remove(permit);

        public void StartFlight() => _inFlight++;

        public void EndFlight() => _inFlight--;

        /// <summary>Forgets done requests that cannot affect a slot at or after <paramref name="now"/>.</summary>
        public void Prune(TimeSpan now)
        {
            var stale = UpperBound(_timed, now - length, p => p.Slot);
            if (stale > 0)
            {
                _timed.RemoveRange(0, stale);
            }
        }

        /// <summary>The window's times as of <paramref name="now"/>, requests in flight counted at now.</summary>
        public WindowView View(TimeSpan now)
        {
            var times = new List<TimeSpan>(_timed.Count + _inFlight);
            times.AddRange(_timed.Select(p => p.Slot));
            times.InsertRange(UpperBound(times, now, t => t), Enumerable.Repeat(now, _inFlight));
            return new WindowView(times, limit, length);
        }
    }

    /// <summary>
    /// Sorted times of one window; "at most limit in any window of length" is equivalent to "any limit+1
    /// consecutive times span at least length".
    /// </summary>
    private sealed class WindowView(List<TimeSpan> times, int limit, TimeSpan length)
    {
        /// <summary>Whether one more request at <paramref name="t"/> keeps every run of limit+1 that includes it long enough.</summary>
        public bool Fits(TimeSpan t)
        {
            var m = UpperBound(times, t, x => x); // t would go at index m
            var count = times.Count;
            for (var first = Math.Max(0, m - limit); first <= m && first + limit <= count; first++)
            {
                var start = first < m ? times[first] : t;
                var lastIndex = first + limit;
                var end = lastIndex == m ? t : times[lastIndex - 1];
                if (end - start < length)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The next instant after <paramref name="t"/> at which the window may fit again: a fitting region can only
        /// begin where a counted request leaves the window (time + length), so none is skipped.
        /// </summary>
        public TimeSpan NextCandidateAfter(TimeSpan t)
        {
            // Fits(t) failed, so some counted time lies within one length of t and the index is in range.
            return times[UpperBound(times, t - length, x => x)] + length;
        }
    }

    /// <summary>The index of the first element whose key is strictly after <paramref name="t"/>.</summary>
    private static int UpperBound<T>(List<T> sorted, TimeSpan t, Func<T, TimeSpan> key)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (key(sorted[mid]) <= t)
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
