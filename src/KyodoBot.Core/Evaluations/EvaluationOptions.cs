using KyodoBot.Core.Hosting;
using KyodoBot.Core.Proposals;

namespace KyodoBot.Core.Evaluations;

/// <summary>
/// The <c>Evaluation</c> section, typed: when evaluation reminders go out and how the sweep that sends them behaves.
/// It is made from the bound <see cref="EvaluationSettings"/>, which <see cref="EvaluationSettingsValidator"/> checks at
/// start-up naming the key, so a typo stops start-up instead of silently moving reminders.
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
}
