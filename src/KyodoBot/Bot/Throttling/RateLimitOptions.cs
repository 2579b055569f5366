namespace KyodoBot.Bot.Throttling;

/// <summary>
/// Teams' limits on the bot's calls to the Bot Connector, and how throttled or failed calls are retried
/// (section <c>Teams:RateLimits</c>, bound as <see cref="RateLimitSettings"/> and checked at start-up). The defaults are Teams' published limits; lower them, never raise them.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Teams:RateLimits";

    /// <summary>Per thread (conversation): requests in any 1 s window.</summary>
    public int PerThreadPerSecond { get; init; } = 7;

    /// <summary>Per thread: requests in any 2 s window (Teams' published 8/2 s, stricter than twice 7/1 s).</summary>
    public int PerThreadPer2Seconds { get; init; } = 8;

    /// <summary>Per thread: requests in any 30 s window.</summary>
    public int PerThreadPer30Seconds { get; init; } = 60;

    /// <summary>All calls of the bot together (one tenant in practice): requests in any 1 s window.</summary>
    public int PerTenantPerSecond { get; init; } = 50;

    /// <summary>
    /// Added to every window's length: what the limiter cannot observe — where and how precisely the server stamps an
    /// arrival, a timer firing a little early. Slow transit is measured instead (<see cref="ArrivalAllowanceMs"/>).
    /// </summary>
    public int SafetyMarginMs { get; init; } = 20;

    /// <summary>
    /// The floor of the arrival allowance: how long after its flush the <i>fastest</i> request reaches the connector
    /// (one network transit). On top of it the limiter adds what it measures — how much slower a request's round trip
    /// was than the fastest of the last minute — so a loaded machine or network is waited for, and a quiet one is not
    /// (ADR 0012). A request counts as arriving no later than that, or its response, whichever comes first.
    /// </summary>
    public int ArrivalAllowanceMs { get; init; } = 30;

    /// <summary>Attempts per request, the first included; after the last the response is returned as it came.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first backoff step; each further attempt doubles it, up to <see cref="MaxDelaySeconds"/>.</summary>
    public int BaseDelayMs { get; init; } = 500;

    /// <summary>The longest wait before a retry; a <c>Retry-After</c> asking for more is not waited for.</summary>
    public int MaxDelaySeconds { get; init; } = 30;

    public TimeSpan SafetyMargin => TimeSpan.FromMilliseconds(SafetyMarginMs);
    public TimeSpan ArrivalAllowance => TimeSpan.FromMilliseconds(ArrivalAllowanceMs);
    public TimeSpan BaseDelay => TimeSpan.FromMilliseconds(BaseDelayMs);
    public TimeSpan MaxDelay => TimeSpan.FromSeconds(MaxDelaySeconds);
}
