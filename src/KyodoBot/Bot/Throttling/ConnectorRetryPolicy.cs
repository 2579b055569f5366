using System.Net;

namespace KyodoBot.Bot.Throttling;

/// <summary>
/// Which connector answers are worth another attempt, and after how long (Teams' guidance: back off on 429, and
/// retry 412, 502, 503 and 504).
/// <list type="bullet">
/// <item>429 with <c>Retry-After</c> (delta-seconds or HTTP-date): that long plus the safety margin. Asked for more than
/// <see cref="RateLimitOptions.MaxDelaySeconds"/>, no retry: the 429 goes back to the caller at once, whose work
/// stays pending for a later run — a retry sooner would only be refused again, and a sweep should not hang.
/// 503 with <c>Retry-After</c> is treated the same way.</item>
/// <item>429 without it: exponential backoff with "equal jitter" (between half and all of the step), so that a
/// throttled server always gets some pause.</item>
/// <item>412, 502, 503, 504: exponential backoff with full jitter (anything up to the step).</item>
/// <item>The step is <see cref="RateLimitOptions.BaseDelayMs"/> × 2^(attempt−1), capped at
/// <see cref="RateLimitOptions.MaxDelaySeconds"/>.</item>
/// <item>Anything else (403 "bot removed", 404, 400, 500 …): no retry. After
/// <see cref="RateLimitOptions.MaxAttempts"/> attempts: no retry.</item>
/// </list>
/// </summary>
public sealed class ConnectorRetryPolicy
{
    private readonly RateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;

    public ConnectorRetryPolicy(RateLimitOptions options, TimeProvider time)
        : this(options, time, Random.Shared.NextDouble)
    {
    }

    /// <param name="random">Uniform in [0, 1); tests pin it.</param>
    internal ConnectorRetryPolicy(RateLimitOptions options, TimeProvider time, Func<double> random)
    {
        _options = options;
        _time = time;
        _random = random;
    }

    public int MaxAttempts => _options.MaxAttempts;

    /// <summary>How long to wait before attempt <paramref name="attempt"/> + 1, or null to return <paramref name="response"/> as it is.</summary>
    public TimeSpan? DelayBeforeRetry(HttpResponseMessage response, int attempt)
    {
        var status = response.StatusCode;
        if (attempt >= _options.MaxAttempts || !IsTransient(status))
        {
            return null;
        }

        if ((status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) && RetryAfter(response) is { } asked)
        {
            // Plus the margin the windows keep: our timer and the server's clock may disagree by a few milliseconds,
            // and a retry even 1 ms early is throttled again.
            return asked <= _options.MaxDelay ? asked + _options.SafetyMargin : null;
        }

        var step = Step(attempt);
        return status == HttpStatusCode.TooManyRequests
            ? step / 2 + step / 2 * _random()
            : step * _random();
    }

    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.PreconditionFailed
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    /// <summary>The server's <c>Retry-After</c> as a wait from now (never negative), or null when absent.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private TimeSpan Step(int attempt)
    {
        // At most 20 attempts (RateLimitOptions), so 2^(attempt-1) and the product stay far inside TimeSpan's range.
        var step = _options.BaseDelay * Math.Pow(2, attempt - 1);
        return step < _options.MaxDelay ? step : _options.MaxDelay;
    }
}
