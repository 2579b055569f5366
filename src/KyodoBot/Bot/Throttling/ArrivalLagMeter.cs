namespace KyodoBot.Bot.Throttling;

/// <summary>
/// Measures how late a request can reach the connector after its bytes were flushed, from what the bot observes:
/// each request's round trip (flush → response). A round trip is the way out, the server's work and the way back;
/// the fastest one of the last minute bounds the server's work and the way back from below (less the way out of
/// that fastest request, which <c>ArrivalAllowanceMs</c> — the floor — covers). So a request's way out is at most
/// floor + (its round trip − the fastest round trip): a loaded machine or network shows up as longer round trips and
/// the bound grows with them; a quiet one keeps it at the floor. Until <see cref="MinSamples"/> round trips of the
/// last minute are known, the fastest may itself have been slow on its way out (a cold connection, the connector's
/// first request), so a request then counts at its response. ADR 0012 has the argument.
/// Not thread-safe: the limiter calls it under its lock.
/// </summary>
internal sealed class ArrivalLagMeter
{
    /// <summary>How long the fastest round trip is remembered (longer is safer: a lower fastest means larger bounds).</summary>
    public static readonly TimeSpan FastestOver = TimeSpan.FromSeconds(60);

    /// <summary>Round trips of the last minute needed before the fastest is trusted.</summary>
    public const int MinSamples = 16;

    private readonly int _minSamples;

    private const int Slots = 60; // one per second of FastestOver

    private readonly TimeSpan _floor;
    private readonly long[] _second = new long[Slots];
    private readonly TimeSpan[] _fastest = new TimeSpan[Slots];
    private readonly int[] _samples = new int[Slots];

    /// <param name="minSamples">Only tests lower it, to look at one mechanism at a time.</param>
    public ArrivalLagMeter(TimeSpan floor, int minSamples = MinSamples)
    {
        _floor = floor;
        _minSamples = minSamples;
        Array.Fill(_second, -1);
    }

    /// <summary>The largest measured bound since start (for benchmarks; round trips counted at their response not included).</summary>
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
            _samples[slot] = 0;
        }
        else if (roundTrip < _fastest[slot])
        {
            _fastest[slot] = roundTrip;
        }

        _samples[slot]++;
        var fastest = roundTrip;
        var samples = 0;
        for (var i = 0; i < Slots; i++)
        {
            if (_second[i] >= 0 && second - _second[i] < Slots)
            {
                samples += _samples[i];
                if (_fastest[i] < fastest)
                {
                    fastest = _fastest[i];
                }
            }
        }

        if (samples < _minSamples)
        {
            return roundTrip;
        }

        var bound = _floor + roundTrip - fastest;
        if (bound > LargestBound)
        {
            LargestBound = bound;
        }

        return bound;
    }
}
