using KyodoBot.Core.Hosting;

namespace KyodoBot.Bot.Throttling;

/// <summary>
/// The <c>Teams:RateLimits</c> section as the operator wrote it, bound by <c>BindConfiguration</c>. The values are text
/// on purpose (as in <c>EvaluationSettings</c>, ADR 0022): the binder's own conversion error would not say what the key
/// takes, while <see cref="ToOptions"/> names the key, its range and the value it found.
/// </summary>
public sealed class RateLimitSettings
{
    public string? PerThreadPerSecond { get; set; }

    public string? PerThreadPer2Seconds { get; set; }

    public string? PerThreadPer30Seconds { get; set; }

    public string? PerTenantPerSecond { get; set; }

    public string? SafetyMarginMs { get; set; }

    public string? ArrivalAllowanceMs { get; set; }

    public string? MaxAttempts { get; set; }

    public string? BaseDelayMs { get; set; }

    public string? MaxDelaySeconds { get; set; }

    /// <summary>The typed options; throws <see cref="KyodoConfigurationException"/> naming the first bad key.</summary>
    public RateLimitOptions ToOptions()
    {
        var defaults = new RateLimitOptions();
        var options = new RateLimitOptions
        {
            PerThreadPerSecond = Whole(PerThreadPerSecond, nameof(PerThreadPerSecond), defaults.PerThreadPerSecond, 1, 1000),
            PerThreadPer2Seconds = Whole(PerThreadPer2Seconds, nameof(PerThreadPer2Seconds), defaults.PerThreadPer2Seconds, 1, 1000),
            PerThreadPer30Seconds = Whole(PerThreadPer30Seconds, nameof(PerThreadPer30Seconds), defaults.PerThreadPer30Seconds, 1, 10_000),
            PerTenantPerSecond = Whole(PerTenantPerSecond, nameof(PerTenantPerSecond), defaults.PerTenantPerSecond, 1, 10_000),
            SafetyMarginMs = Whole(SafetyMarginMs, nameof(SafetyMarginMs), defaults.SafetyMarginMs, 0, 1000),
            ArrivalAllowanceMs = Whole(ArrivalAllowanceMs, nameof(ArrivalAllowanceMs), defaults.ArrivalAllowanceMs, 0, 10_000),
            MaxAttempts = Whole(MaxAttempts, nameof(MaxAttempts), defaults.MaxAttempts, 1, 20),
            BaseDelayMs = Whole(BaseDelayMs, nameof(BaseDelayMs), defaults.BaseDelayMs, 1, 60_000),
            MaxDelaySeconds = Whole(MaxDelaySeconds, nameof(MaxDelaySeconds), defaults.MaxDelaySeconds, 1, 600),
        };

        if (options.BaseDelay > options.MaxDelay)
        {
            throw new KyodoConfigurationException(
                $"Configuration key '{Key(nameof(BaseDelayMs))}' ({options.BaseDelayMs} ms) must not exceed " +
                $"'{Key(nameof(MaxDelaySeconds))}' ({options.MaxDelaySeconds} s).");
        }

        return options;
    }

    private static int Whole(string? text, string name, int fallback, int min, int max) =>
        ConfigurationNumbers.Whole(text, Key(name), fallback, min, max);

    private static string Key(string name) => $"{RateLimitOptions.Section}:{name}";
}
