using System.Globalization;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Core.Evaluations;

/// <summary>
/// The <c>Evaluation</c> section as the operator wrote it, bound by the configuration binder
/// (<c>AddOptions&lt;EvaluationSettings&gt;().BindConfiguration("Evaluation")</c>). Every value is text on purpose: a
/// value the binder could not convert would fail inside the binder with its own message, while
/// <see cref="ToOptions"/> says which key is wrong and what it takes.
/// </summary>
public sealed class EvaluationSettings
{
    private const int MaxDaysBefore = 60;

    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

    /// <summary>The keys the section takes, for the check of misspelt keys.</summary>
    internal static readonly string[] KnownKeys =
    [
        EvaluationOptions.TimeZoneKey, EvaluationOptions.ReminderTimeKey, EvaluationOptions.ReminderDaysBeforeKey,
        EvaluationOptions.OverdueBusinessDaysKey, EvaluationOptions.EscalationRepeatDaysKey, EvaluationOptions.SnoozeDaysKey,
        EvaluationOptions.MaxSnoozesKey, EvaluationOptions.HolidayFileKey, EvaluationOptions.SweepSecondsKey,
        EvaluationOptions.ClaimLeaseSecondsKey, EvaluationOptions.MaxParallelSendsKey,
    ];

    public string? TimeZone { get; set; }

    public string? ReminderTime { get; set; }

    /// <summary>The array form, <c>Evaluation:ReminderDaysBefore:0 = 7</c>, <c>:1 = 0</c>, by index.</summary>
    public Dictionary<string, string?> ReminderDaysBefore { get; set; } = [];

    /// <summary>
    /// The comma form, <c>Evaluation:ReminderDaysBefore = "7,0"</c>: the binder skips a single value where it expects a
    /// list, so <see cref="EvaluationServiceCollectionExtensions.AddKyodoEvaluationOptions"/> copies it here.
    /// </summary>
    public string? ReminderDaysBeforeText { get; set; }

    public string? OverdueBusinessDays { get; set; }

    public string? EscalationRepeatDays { get; set; }

    public string? SnoozeDays { get; set; }

    public string? MaxSnoozes { get; set; }

    public string? HolidayFile { get; set; }

    public string? SweepSeconds { get; set; }

    public string? ClaimLeaseSeconds { get; set; }

    public string? MaxParallelSends { get; set; }

    /// <summary>The typed options; throws <see cref="KyodoConfigurationException"/> naming the first bad key.</summary>
    public EvaluationOptions ToOptions() => new()
    {
        TimeZone = ParseTimeZone(),
        ReminderTime = ParseReminderTime(),
        ReminderDaysBefore = ParseDaysBefore(),
        OverdueBusinessDays = Whole(OverdueBusinessDays, EvaluationOptions.OverdueBusinessDaysKey, 3, 1, 30, "business days"),
        EscalationRepeatDays = Whole(EscalationRepeatDays, EvaluationOptions.EscalationRepeatDaysKey, 7, 1, 90, "days"),
        SnoozeDays = Whole(SnoozeDays, EvaluationOptions.SnoozeDaysKey, 7, 1, 60, "days"),
        MaxSnoozes = Whole(MaxSnoozes, EvaluationOptions.MaxSnoozesKey, 2, 0, 10, "postponements"),
        HolidayFile = Trimmed(HolidayFile),
        SweepInterval = TimeSpan.FromSeconds(Whole(SweepSeconds, EvaluationOptions.SweepSecondsKey, 60, 1, 3600, "seconds")),
        ClaimLease = TimeSpan.FromSeconds(Whole(ClaimLeaseSeconds, EvaluationOptions.ClaimLeaseSecondsKey, 300, 1, 86400, "seconds")),
        MaxParallelSends = Whole(MaxParallelSends, EvaluationOptions.MaxParallelSendsKey, 8, 1, 64, "sends"),
    };

    private TimeZoneInfo ParseTimeZone()
    {
        if (Trimmed(TimeZone) is not { } id)
        {
            return Proposals.FiscalYear.Tokyo;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new KyodoConfigurationException(
                $"Configuration key '{EvaluationOptions.TimeZoneKey}' must be a time zone id such as 'Asia/Tokyo'; this machine does not know '{id}'.", ex);
        }
    }

    private TimeOnly ParseReminderTime()
    {
        if (Trimmed(ReminderTime) is not { } text)
        {
            return new TimeOnly(9, 0);
        }

        return TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new KyodoConfigurationException(
                $"Configuration key '{EvaluationOptions.ReminderTimeKey}' must be a local time of day such as '09:00'; it is '{text}'.");
    }

    private int[] ParseDaysBefore()
    {
        var key = EvaluationOptions.ReminderDaysBeforeKey;
        var items = !string.IsNullOrWhiteSpace(ReminderDaysBeforeText)
            ? ReminderDaysBeforeText.Split(',').Select(text => (Key: key, Text: text.Trim())).ToList()
            : ReminderDaysBefore
                .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue)
                .Select(c => (Key: $"{key}:{c.Key}", Text: c.Value?.Trim() ?? ""))
                .ToList();
        if (items.Count == 0)
        {
            return [7, 0];
        }

        var days = new List<int>();
        foreach (var (itemKey, text) in items)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day > MaxDaysBefore)
            {
                throw new KyodoConfigurationException(
                    $"Configuration key '{itemKey}' must list whole numbers of days from 0 (the due day) to {MaxDaysBefore}, such as '7,0'; '{text}' is not one.");
            }

            if (days.Contains(day))
            {
                throw new KyodoConfigurationException($"Configuration key '{itemKey}' lists {day} twice; each day may be listed once.");
            }

            days.Add(day);
        }

        return [.. days];
    }

    private static int Whole(string? raw, string key, int fallback, int min, int max, string unit)
    {
        if (Trimmed(raw) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new KyodoConfigurationException(
                $"Configuration key '{key}' must be a whole number of {unit} from {min} to {max}; it is '{text}'.");
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
