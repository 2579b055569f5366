namespace KyodoBot.Bot.Throttling;

/// <summary>
/// Measures how late a request can reach the connector after its bytes were flushed, from what the bot observes:
/// each request's round trip (flush → response). A round trip is the way out, the server's work and the way back;
/// the fastest one of the last minute bounds the server's work and the way back from below (less the way out of
/// that fastest request, which <c>ArrivalAllowanceMs</c> — the floor — covers). So a request's way out is at most
/// floor + (its round trip − the fastest round trip): a loaded machine or network shows up as longer round trips and
/// the bound grows with them; a quiet one keeps it at the floor. ADR 0012 has the argument.
/// <para>
/// For a request still waiting for its response the limiter allows the floor plus the largest such extra of the last
/// <see cref="WorstOver"/>: it rises with the first slow round trip and falls back only when that one is 10 s old.
/// </para>
/// Not thread-safe: the limiter calls it under its lock.
/// </summary>
internal sealed class ArrivalLagMeter
{
    /// <summary>How long the fastest round trip is remembered (longer is safer: a lower fastest means larger bounds).</summary>
    public static readonly TimeSpan FastestOver = TimeSpan.FromSeconds(60);

    /// <summary>How long a slow round trip keeps raising the allowance for requests still in flight.</summary>
    public static readonly TimeSpan WorstOver = TimeSpan.FromSeconds(10);

    private const int Slots = 60; // one per second of FastestOver

    private readonly TimeSpan _floor;
    private readonly long[] _second = new long[Slots];
    private readonly TimeSpan[] _fastest = new TimeSpan[Slots];
    private readonly TimeSpan[] _worstExtra = new TimeSpan[Slots];

    public ArrivalLagMeter(TimeSpan floor)
    {
        _floor = floor;
        Array.Fill(_second, -1);
    }

    /// <summary>The largest lag bound handed out since start (for benchmarks).</summary>
    public TimeSpan LargestBound { get; private set; }

    /// <summary>
    /// A response came <paramref name="roundTrip"/> after its request was flushed: remembers it, and returns how long
    /// after the flush that request can have arrived at most (never less than the floor).
    /// </summary>
    public TimeSpan Record(TimeSpan now, TimeSpan roundTrip)
    {
        if (roundTrip < TimeSpan.Zero)
        {
            roundTrip = TimeSpan.Zero;
        }

        var second = now.Ticks / TimeSpan.TicksPerSecond;
        var slot = (int)(second % Slots);
        if (_second[slot] != second)
        {
            _second[slot] = second;
            _fastest[slot] = roundTrip;
            _worstExtra[slot] = TimeSpan.Zero;
        }
        else if (roundTrip < _fastest[slot])
        {
            _fastest[slot] = roundTrip;
        }

        var fastest = roundTrip;
        for (var i = 0; i < Slots; i++)
        {
            if (_second[i] >= 0 && second - _second[i] < Slots && _fastest[i] < fastest)
            {
                fastest = _fastest[i];
            }
        }

        var extra = roundTrip - fastest;
        if (extra > _worstExtra[slot])
        {
            _worstExtra[slot] = extra;
        }

        var bound = _floor + extra;
        if (bound > LargestBound)
        {
            LargestBound = bound;
        }

        return bound;
    }

    /// <summary>How long after its flush a request still in flight may arrive: the floor plus the worst recent extra.</summary>
    public TimeSpan Allowance(TimeSpan now)
    {
        var second = now.Ticks / TimeSpan.TicksPerSecond;
        var worst = TimeSpan.Zero;
        for (var i = 0; i < Slots; i++)
        {
            if (_second[i] >= 0 && second - _second[i] < (long)WorstOver.TotalSeconds && _worstExtra[i] > worst)
            {
                worst = _worstExtra[i];
            }
        }

        return _floor + worst;
    }
}
