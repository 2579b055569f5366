using System.Globalization;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Proposals;
using Microsoft.Extensions.Configuration;

namespace KyodoBot.Core.Evaluations;

/// <summary>
/// The <c>Evaluation</c> section: when evaluation reminders go out and how the sweep that sends them behaves.
/// <see cref="Read"/> checks every value and throws <see cref="KyodoConfigurationException"/> naming the key, so a
/// typo stops start-up instead of silently moving reminders.
/// </summary>
public sealed class EvaluationOptions
{
    public const string Section = "Evaluation";
    public const string TimeZoneKey = Section + ":TimeZone";
    public const string ReminderTimeKey = Section + ":ReminderTime";
    public const string ReminderDaysBeforeKey = Section + ":ReminderDaysBefore";
    public const string OverdueBusinessDaysKey = Section + ":OverdueBusinessDays";
    public const string EscalationRepeatDaysKey = Section + ":EscalationRepeatDays";
    public const string SnoozeDaysKey = Section + ":SnoozeDays";
    public const string MaxSnoozesKey = Section + ":MaxSnoozes";
    public const string HolidayFileKey = Section + ":HolidayFile";
    public const string SweepSecondsKey = Section + ":SweepSeconds";
    public const string ClaimLeaseSecondsKey = Section + ":ClaimLeaseSeconds";
    public const string MaxParallelSendsKey = Section + ":MaxParallelSends";

    private const int MaxDaysBefore = 60;

    private static readonly string[] KnownKeys =
    [
        TimeZoneKey, ReminderTimeKey, ReminderDaysBeforeKey, OverdueBusinessDaysKey, EscalationRepeatDaysKey, SnoozeDaysKey,
        MaxSnoozesKey, HolidayFileKey, SweepSecondsKey, ClaimLeaseSecondsKey, MaxParallelSendsKey,
    ];

    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

    /// <summary>The zone in which due dates, business days and <see cref="ReminderTime"/> are meant.</summary>
    public TimeZoneInfo TimeZone { get; init; } = FiscalYear.Tokyo;

    /// <summary>The local time of day at which reminders are sent.</summary>
    public TimeOnly ReminderTime { get; init; } = new(9, 0);

    /// <summary>Calendar days before the due date on which a reminder goes out; 0 is the due day itself.</summary>
    public IReadOnlyList<int> ReminderDaysBefore { get; init; } = [7, 0];

    /// <summary>An evaluation not recorded this many business days after its due date is overdue and escalated.</summary>
    public int OverdueBusinessDays { get; init; } = 3;

    /// <summary>An overdue evaluation is escalated again every this many calendar days until it is recorded.</summary>
    public int EscalationRepeatDays { get; init; } = 7;

    /// <summary>How many calendar days "remind me later" on a reminder card postpones it.</summary>
    public int SnoozeDays { get; init; } = 7;

    /// <summary>How often one reminder may be postponed.</summary>
    public int MaxSnoozes { get; init; } = 2;

    /// <summary>The holiday file; <c>null</c> means <c>calendar/holidays.yaml</c> under the content root.</summary>
    public string? HolidayFile { get; init; }

    /// <summary>How often the sweep looks for reminders that are due.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a sweep's claim on a reminder holds before another instance may take it over.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>How many reminder cards one sweep sends at the same time.</summary>
    public int MaxParallelSends { get; init; } = 8;

    /// <summary>The holiday file to load: <see cref="HolidayFile"/> (relative to the content root), else the checked-in one.</summary>
    public string HolidayFilePath(ContentPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return HolidayFile is null ? Path.Combine(paths.Calendar, "holidays.yaml") : Path.GetFullPath(HolidayFile, paths.Root);
    }

    public static EvaluationOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        RejectUnknownKeys(configuration);

        return new EvaluationOptions
        {
            TimeZone = ReadTimeZone(configuration),
            ReminderTime = ReadReminderTime(configuration),
            ReminderDaysBefore = ReadDaysBefore(configuration),
            OverdueBusinessDays = Whole(configuration, OverdueBusinessDaysKey, 3, 1, 30, "business days"),
            EscalationRepeatDays = Whole(configuration, EscalationRepeatDaysKey, 7, 1, 90, "days"),
            SnoozeDays = Whole(configuration, SnoozeDaysKey, 7, 1, 60, "days"),
            MaxSnoozes = Whole(configuration, MaxSnoozesKey, 2, 0, 10, "postponements"),
            HolidayFile = Value(configuration, HolidayFileKey),
            SweepInterval = TimeSpan.FromSeconds(Whole(configuration, SweepSecondsKey, 60, 1, 3600, "seconds")),
            ClaimLease = TimeSpan.FromSeconds(Whole(configuration, ClaimLeaseSecondsKey, 300, 1, 86400, "seconds")),
            MaxParallelSends = Whole(configuration, MaxParallelSendsKey, 8, 1, 64, "sends"),
        };
    }

    // A misspelt key would otherwise leave its default in place without a word.
    private static void RejectUnknownKeys(IConfiguration configuration)
    {
        foreach (var child in configuration.GetSection(Section).GetChildren())
        {
            if (!KnownKeys.Contains(child.Path, StringComparer.OrdinalIgnoreCase))
            {
                throw new KyodoConfigurationException(
                    $"Configuration key '{child.Path}' is not known; the {Section} section takes: " +
                    string.Join(", ", KnownKeys.Select(k => k[(Section.Length + 1)..])) + ".");
            }
        }
    }

    private static TimeZoneInfo ReadTimeZone(IConfiguration configuration)
    {
        if (Value(configuration, TimeZoneKey) is not { } id)
        {
            return FiscalYear.Tokyo;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new KyodoConfigurationException(
                $"Configuration key '{TimeZoneKey}' must be a time zone id such as 'Asia/Tokyo'; this machine does not know '{id}'.", ex);
        }
    }

    private static TimeOnly ReadReminderTime(IConfiguration configuration)
    {
        if (Value(configuration, ReminderTimeKey) is not { } text)
        {
            return new TimeOnly(9, 0);
        }

        return TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new KyodoConfigurationException(
                $"Configuration key '{ReminderTimeKey}' must be a local time of day such as '09:00'; it is '{text}'.");
    }

    /// <summary>Either an array section (<c>ReminderDaysBefore:0 = 7</c>, <c>:1 = 0</c>) or comma text <c>"7,0"</c>.</summary>
    private static int[] ReadDaysBefore(IConfiguration configuration)
    {
        var section = configuration.GetSection(ReminderDaysBeforeKey);
        var items = !string.IsNullOrWhiteSpace(section.Value)
            ? section.Value.Split(',').Select(text => (Key: section.Path, Text: text.Trim())).ToList()
            : section.GetChildren()
                .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue)
                .Select(c => (Key: c.Path, Text: c.Value?.Trim() ?? ""))
                .ToList();
        if (items.Count == 0)
        {
            return [7, 0];
        }

        var days = new List<int>();
        foreach (var (key, text) in items)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day > MaxDaysBefore)
            {
                throw new KyodoConfigurationException(
                    $"Configuration key '{key}' must list whole numbers of days from 0 (the due day) to {MaxDaysBefore}, such as '7,0'; '{text}' is not one.");
            }

            if (days.Contains(day))
            {
                throw new KyodoConfigurationException($"Configuration key '{key}' lists {day} twice; each day may be listed once.");
            }

            days.Add(day);
        }

        return [.. days];
    }

    private static int Whole(IConfiguration configuration, string key, int fallback, int min, int max, string unit)
    {
        if (Value(configuration, key) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new KyodoConfigurationException(
                $"Configuration key '{key}' must be a whole number of {unit} from {min} to {max}; it is '{text}'.");
    }

    private static string? Value(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();
}
