namespace KyodoBot.Bot.Throttling;

/// <summary>What the limiter has done since start, for benchmarks and logs.</summary>
public readonly record struct RateLimiterStatistics(long PermitsGranted, long PermitsDelayed, TimeSpan TotalWait, TimeSpan LongestWait)
{
    /// <summary>The longest a reply to a user waited for its permit.</summary>
    public TimeSpan LongestReplyWait { get; init; }

    /// <summary>The largest flush → arrival bound the limiter has used for one request (the measured allowance).</summary>
    public TimeSpan LargestArrivalBound { get; init; }
}

/// <summary>
/// The one limiter per process for calls to the Bot Connector: Teams counts requests per thread (conversation)
/// and per tenant in sliding windows, at their <i>arrival</i>, and answers 429 to a request that finds a window full.
/// <para>
/// <b>What a request counts as.</b> The limiter cannot see a request arrive; it knows bounds. The arrival is no
/// earlier than the permit (nothing is sent before it), and no later than <c>Hi</c>: unknown (+∞) while the request is
/// in flight (its flush, <see cref="Permit.OnWire"/>, starts its round trip); once its response is in
/// (<see cref="Permit.OnResponse"/>), its flush plus <see cref="RateLimitOptions.ArrivalAllowance"/> (the floor) plus
/// how much longer its own round trip took than the fastest recent one (<see cref="ArrivalLagMeter"/>), and never
/// later than the response (nothing is answered before it arrives). <c>Hi</c> only ever decreases.
/// </para>
/// <para>
/// <b>The rule.</b> A permit is granted at t only when fewer than <c>limit</c> earlier requests of each window it counts
/// against have <c>Hi</c> &gt; t − (W + margin). Why that keeps every server window: take any limit + 1 requests whose
/// arrivals lie within less than W of each other, and r the last of them granted, at t. Each of the others arrived
/// after arrival(r) − W ≥ t − W, so its <c>Hi</c> then (never lower than its arrival) was above t − W − margin: all
/// limit of them were counted at t, and r would have waited. So no window of the server ever holds more than its
/// limit, as long as each request's <c>Hi</c> is at or after its arrival when it matters (see ADR 0012).
/// </para>
/// <para>
/// <b>Paced.</b> The tenant's permits are also spaced at twice PerTenantPerSecond per second with a burst of a fifth
/// of it (a GCRA: a burst of 10, then one every 10 ms), so that a freed window is not refilled by 50 requests at the
/// same instant: a burst that large reaches the connector spread over its own processing, and the last of it would be
/// counted later than the allowance. Over a second this costs nothing (the window allows no more anyway); a fan-out's
/// last batch lands over 0.4 s instead of at once.
/// </para>
/// <para>
/// <b>Who goes first.</b> Nothing is booked ahead: callers wait in two queues, replies to a user's turn
/// (<see cref="ConnectorPriority.Reply"/>) before everything else (reminder cards, updates), each in arrival order,
/// and whenever a window may have room (a request bounded or answered, or the earliest counted one leaving a window)
/// the queues are walked in that order and every caller whose windows fit now is let go. A caller whose own thread is
/// full is stepped over, so a busy conversation never holds up another one, and it keeps its place for when its
/// thread frees. A background caller that has waited <see cref="BackgroundPromotedAfter"/> joins the replies in
/// arrival order, so a stream of replies cannot starve a reminder card past its claim lease.
/// </para>
/// <para>
/// Memory: a window keeps only requests that can still affect a grant (Hi later than now − length) and those not yet
/// bounded; a thread with none left is dropped by a sweep that runs at most once per longest window, so memory is
/// bounded by the threads used in the last ~30 s plus the callers waiting.
/// </para>
/// </summary>
public sealed class TeamsRateLimiter : IDisposable
{
    /// <summary>How long a background caller waits before it queues with the replies, in arrival order.</summary>
    public static readonly TimeSpan BackgroundPromotedAfter = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Unknown = TimeSpan.MaxValue;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly ArrivalLagMeter _lag;
    private readonly Window _tenant;
    private readonly (int Limit, TimeSpan Length)[] _threadLimits;
    private readonly Dictionary<string, Window[]> _threads = new(StringComparer.Ordinal);
    private readonly LinkedList<Waiter> _replies = new();
    private readonly LinkedList<Waiter> _background = new();
    private readonly TimeSpan _sweepEvery;
    private readonly TimeSpan _emissionInterval;
    private readonly TimeSpan _burstTolerance;
    private readonly List<Waiter> _order = [];
    private TimeSpan _theoreticalArrival;
    private TimeSpan _lastSweep;
    private ITimer? _timer;
    private object? _timerToken;
    private TimeSpan _timerDue = Unknown;
    private bool _pumping;
    private bool _pumpAgain;
    private bool _disposed;
    private long _granted;
    private long _delayed;
    private TimeSpan _totalWait;
    private TimeSpan _longestWait;
    private TimeSpan _longestReplyWait;

    public TeamsRateLimiter(RateLimitOptions options, TimeProvider time)
        : this(options, time, ArrivalLagMeter.MinSamples)
    {
    }

    /// <param name="lagSamplesNeeded">Round trips known before one counts from its flush (<see cref="ArrivalLagMeter.MinSamples"/>); tests lower it.</param>
    internal TeamsRateLimiter(RateLimitOptions options, TimeProvider time, int lagSamplesNeeded)
    {
        _time = time;
        _origin = time.GetTimestamp();
        _lag = new ArrivalLagMeter(options.ArrivalAllowance, lagSamplesNeeded);
        var margin = options.SafetyMargin;
        _tenant = new Window(options.PerTenantPerSecond, TimeSpan.FromSeconds(1) + margin);
        _threadLimits =
        [
            (options.PerThreadPerSecond, TimeSpan.FromSeconds(1) + margin),
            (options.PerThreadPer2Seconds, TimeSpan.FromSeconds(2) + margin),
            (options.PerThreadPer30Seconds, TimeSpan.FromSeconds(30) + margin),
        ];
        _sweepEvery = _threadLimits.Max(l => l.Length);
        // Twice the tenant's rate: smooth enough that the connector is not handed 50 at one instant, fast enough that
        // the last batch of a fan-out is not spread over most of a second.
        _emissionInterval = TimeSpan.FromSeconds(1) / (2 * options.PerTenantPerSecond);
        _burstTolerance = _emissionInterval * (Math.Max(1, options.PerTenantPerSecond / 5) - 1);
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

    /// <summary>Callers waiting for a permit.</summary>
    internal int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _replies.Count + _background.Count;
            }
        }
    }

    public RateLimiterStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return new RateLimiterStatistics(_granted, _delayed, _totalWait, _longestWait)
                {
                    LongestReplyWait = _longestReplyWait,
                    LargestArrivalBound = _lag.LargestBound,
                };
            }
        }
    }

    /// <summary>
    /// Waits until one more request to <paramref name="thread"/> fits every window, at the priority of the current
    /// <see cref="ConnectorCallScope"/>. Call <see cref="Permit.OnWire"/> when its bytes are flushed, and dispose the
    /// permit when the response has arrived (or the send failed).
    /// </summary>
    public ValueTask<Permit> AcquireAsync(string thread, CancellationToken cancellationToken) =>
        AcquireAsync(thread, ConnectorCallScope.Priority, cancellationToken);

    /// <inheritdoc cref="AcquireAsync(string, CancellationToken)"/>
    public async ValueTask<Permit> AcquireAsync(string thread, ConnectorPriority priority, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new Waiter(thread, priority);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            waiter.Asked = Now();
            waiter.Node = (priority == ConnectorPriority.Reply ? _replies : _background).AddLast(waiter);
        }

        Pump();
        if (waiter.Task.IsCompleted)
        {
            return await waiter.Task.ConfigureAwait(false);
        }

        await using (cancellationToken.Register(() => Cancel(waiter)).ConfigureAwait(false))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Time since the limiter was created, on the injected clock.</summary>
    internal TimeSpan Now() => _time.GetElapsedTime(_origin);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Cancel(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return; // already granted
            }

            waiter.Node.List.Remove(waiter.Node);
        }

        waiter.Cancel();
    }

    /// <summary>
    /// Lets go every caller that fits, in order, until none does. One thread pumps at a time; a pump asked for
    /// meanwhile (a permit bounded by a continuation the pump itself resumed) makes the running one go round again.
    /// Callers are resumed outside the lock.
    /// </summary>
    private void Pump()
    {
        lock (_gate)
        {
            if (_pumping)
            {
                _pumpAgain = true;
                return;
            }

            _pumping = true;
        }

        var granted = new List<(Waiter Waiter, Permit Permit)>();
        while (true)
        {
            lock (_gate)
            {
                granted.Clear();
                Dispatch(Now(), granted);
                if (granted.Count == 0 && !_pumpAgain)
                {
                    _pumping = false;
                    return;
                }

                _pumpAgain = false;
            }

            foreach (var (waiter, permit) in granted)
            {
                if (!waiter.Grant(permit))
                {
                    permit.Dispose(); // cancelled at the same instant: the request is never sent
                }
            }
        }
    }

    private void Dispatch(TimeSpan now, List<(Waiter, Permit)> granted)
    {
        Sweep(now);
        _tenant.Prune(now);
        var wake = Unknown;
        foreach (var waiter in InOrder(now))
        {
            if (_tenant.IsFull)
            {
                wake = Min(wake, _tenant.FreesAt());
                break;
            }

            var paced = _theoreticalArrival - _burstTolerance;
            if (paced > now)
            {
                wake = Min(wake, paced);
                break;
            }

            var windows = ThreadWindows(waiter.Thread, now);
            var blockedUntil = TimeSpan.Zero;
            foreach (var window in windows)
            {
                if (window.IsFull)
                {
                    blockedUntil = Max(blockedUntil, window.FreesAt());
                }
            }

            if (blockedUntil > TimeSpan.Zero)
            {
                wake = Min(wake, blockedUntil);
                continue;
            }

            waiter.Node!.List!.Remove(waiter.Node);
            var permit = new Permit(this, [_tenant, .. windows]);
            foreach (var window in permit.Windows)
            {
                window.Add(permit);
            }

            _theoreticalArrival = Max(_theoreticalArrival, now) + _emissionInterval;
            Count(waiter, now - waiter.Asked);
            granted.Add((waiter, permit));
        }

        Schedule(now, wake);
    }

    /// <summary>Replies and background callers waiting longer than the promotion, by arrival; then the other background callers.</summary>
    private List<Waiter> InOrder(TimeSpan now)
    {
        _order.Clear();
        var promotedBefore = now - BackgroundPromotedAfter;
        var reply = _replies.First;
        var background = _background.First;
        while (reply is not null || (background is not null && background.Value.Asked <= promotedBefore))
        {
            if (reply is null || (background is not null && background.Value.Asked <= promotedBefore && background.Value.Asked < reply.Value.Asked))
            {
                _order.Add(background!.Value);
                background = background.Next;
            }
            else
            {
                _order.Add(reply.Value);
                reply = reply.Next;
            }
        }

        for (; background is not null; background = background.Next)
        {
            _order.Add(background.Value);
        }

        return _order;
    }

    private void Count(Waiter waiter, TimeSpan wait)
    {
        _granted++;
        if (wait > TimeSpan.Zero)
        {
            _delayed++;
            _totalWait += wait;
            _longestWait = Max(_longestWait, wait);
            if (waiter.Priority == ConnectorPriority.Reply)
            {
                _longestReplyWait = Max(_longestReplyWait, wait);
            }
        }
    }

    /// <summary>One timer, for the earliest instant at which a window that holds someone up frees a place.</summary>
    private void Schedule(TimeSpan now, TimeSpan wake)
    {
        if (wake == _timerDue || _disposed)
        {
            return;
        }

        _timer?.Dispose();
        _timer = null;
        _timerDue = wake;
        if (wake == Unknown)
        {
            return; // only a bound or a response can make room, and each of them pumps
        }

        var token = new object();
        _timerToken = token;
        _timer = _time.CreateTimer(OnTimer, token, Max(wake - now, TimeSpan.Zero), Timeout.InfiniteTimeSpan);
    }

    private void OnTimer(object? token)
    {
        lock (_gate)
        {
            if (ReferenceEquals(token, _timerToken))
            {
                _timerDue = Unknown;
            }
        }

        Pump();
    }

    /// <summary>
    /// The request's bytes are flushed: its round trip starts. It still counts as unbounded: until its response the
    /// limiter cannot know how late it arrives, and a request answered within a second or so is inside every window
    /// that could be granted meanwhile anyway.
    /// </summary>
    private void OnWire(Permit permit)
    {
        lock (_gate)
        {
            permit.FlushedAt ??= Now();
        }
    }

    /// <summary>
    /// The response is in: the request arrived no later than now, and — measured from its own round trip — no later
    /// than its flush plus the floor plus how much slower that round trip was than the fastest recent one.
    /// </summary>
    private void OnResponse(Permit permit)
    {
        TimeSpan hi;
        lock (_gate)
        {
            if (permit.Answered)
            {
                return;
            }

            permit.Answered = true;
            var now = Now();
            hi = permit.FlushedAt is { } flushed ? Min(now, flushed + _lag.Record(now, now - flushed)) : now;
        }

        Bound(permit, hi);
    }

    /// <summary>The request's arrival is now known to be no later than <paramref name="hi"/>.</summary>
    private void Bound(Permit permit, TimeSpan hi)
    {
        lock (_gate)
        {
            if (hi >= permit.Hi)
            {
                return;
            }

            foreach (var window in permit.Windows)
            {
                if (window.Remove(permit))
                {
                    permit.Hi = hi;
                    window.Add(permit);
                }
            }

            permit.Hi = hi;
        }

        Pump();
    }

    private Window[] ThreadWindows(string thread, TimeSpan now)
    {
        if (!_threads.TryGetValue(thread, out var windows))
        {
            windows = [.. _threadLimits.Select(l => new Window(l.Limit, l.Length))];
            _threads[thread] = windows;
        }

        foreach (var window in windows)
        {
            window.Prune(now);
        }

        return windows;
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

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// One granted request. Call <see cref="OnWire"/> when its bytes have been flushed to the connection; dispose it
    /// when the response is in or the send failed.
    /// </summary>
    public sealed class Permit : IDisposable
    {
        private readonly TeamsRateLimiter _owner;

        internal Permit(TeamsRateLimiter owner, Window[] windows)
        {
            _owner = owner;
            Windows = windows;
        }

        /// <summary>The latest instant the request can have arrived at; <see cref="TimeSpan.MaxValue"/> while unknown.</summary>
        internal TimeSpan Hi { get; set; } = Unknown;

        internal Window[] Windows { get; }

        /// <summary>When its bytes were flushed (null until then, and for a request without a body).</summary>
        internal TimeSpan? FlushedAt { get; set; }

        internal bool Answered { get; set; }

        /// <summary>The request's bytes are on the wire: its round trip starts now.</summary>
        public void OnWire() => _owner.OnWire(this);

        /// <summary>Its response is in: measures the round trip and bounds the arrival by it (ADR 0012).</summary>
        public void OnResponse() => _owner.OnResponse(this);

        /// <summary>Done (after <see cref="OnResponse"/>, or the send failed): the request arrived, if at all, before now.</summary>
        public void Dispose() => _owner.Bound(this, _owner.Now());
    }

    private sealed class Waiter(string thread, ConnectorPriority priority)
    {
        private readonly TaskCompletionSource<Permit> _result = new();

        public string Thread { get; } = thread;
        public ConnectorPriority Priority { get; } = priority;
        public TimeSpan Asked { get; set; }
        public LinkedListNode<Waiter>? Node { get; set; }
        public Task<Permit> Task => _result.Task;

        public bool Grant(Permit permit) => _result.TrySetResult(permit);

        public void Cancel() => _result.TrySetCanceled();
    }

    /// <summary>"At most <c>limit</c> requests in any window of <c>length</c>", over the requests' latest arrivals.</summary>
    internal sealed class Window(int limit, TimeSpan length)
    {
        // Sorted by Hi; those not yet bounded (Hi unknown) at the end.
        private readonly List<Permit> _counted = [];

        public bool IsEmpty => _counted.Count == 0;

        public bool IsFull => _counted.Count >= limit;

        public void Add(Permit permit)
        {
            int lo = 0, hi = _counted.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_counted[mid].Hi <= permit.Hi)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            _counted.Insert(lo, permit);
        }

        public bool Remove(Permit permit) => _counted.Remove(permit);

        /// <summary>Forgets requests that arrived no later than now − length: they cannot share a window with one granted now.</summary>
        public void Prune(TimeSpan now)
        {
            var stale = 0;
            while (stale < _counted.Count && _counted[stale].Hi != Unknown && _counted[stale].Hi <= now - length)
            {
                stale++;
            }

            if (stale > 0)
            {
                _counted.RemoveRange(0, stale);
            }
        }

        /// <summary>When a full window next has room: as soon as enough of its earliest requests have left it; unknown if one of those is not bounded yet.</summary>
        public TimeSpan FreesAt()
        {
            var hi = _counted[_counted.Count - limit].Hi;
            return hi == Unknown ? Unknown : hi + length;
        }
    }
}
