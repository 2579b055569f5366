namespace KyodoBot.Core.Evaluations;

/// <summary>One evaluation a project owes; the final one falls on (or, for given dates, after) the end date.</summary>
public sealed record ScheduledDue(DateOnly Date, bool IsFinal);

/// <summary>Why a project's period or dates are refused (see <see cref="EvaluationSchedule.Check"/>).</summary>
public enum ScheduleProblem
{
    None,
    PeriodTooLong,
    TooManyDates,
}

/// <summary>
/// The due dates of a project's evaluations (principle 7, 時限性): periodic ones counted from the start date, or the
/// dates the proposal gave, always closed by a final evaluation. A project without a schedule (no public funds) uses
/// <see cref="ScheduleKind.Dates"/> with no dates: just the final evaluation on the end date.
/// </summary>
public static class EvaluationSchedule
{
    /// <summary>The longest project period: a collaboration is reviewed against a set end (時限性), not open-ended.</summary>
    public const int MaxProjectYears = 10;

    /// <summary>
    /// The most evaluation dates a project has (the final one included): quarterly over <see cref="MaxProjectYears"/>
    /// is 39 + 1. Bounds the reminders planned and every list and card of the schedule (docs/decisions/0016).
    /// </summary>
    public const int MaxEvaluations = 40;

    /// <summary>The bounds every way in checks (dialog, card form, registration card, CLI) before a project is made.</summary>
    public static ScheduleProblem Check(DateOnly start, DateOnly end, IReadOnlyCollection<DateOnly> dates) =>
        PeriodTooLong(start, end) ? ScheduleProblem.PeriodTooLong
        : TooManyDates(dates) ? ScheduleProblem.TooManyDates
        : ScheduleProblem.None;

    public static bool PeriodTooLong(DateOnly start, DateOnly end) => end > start.AddYears(MaxProjectYears);

    /// <summary>More given dates than fit with the final evaluation.</summary>
    public static bool TooManyDates(IReadOnlyCollection<DateOnly> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        return dates.Distinct().Count() > MaxEvaluations - 1;
    }

    /// <remarks>
    /// At most <see cref="MaxEvaluations"/> dates whatever the input (a proposal accepted before the bounds existed):
    /// the first <see cref="MaxEvaluations"/> − 1, then the final one.
    /// </remarks>
    /// <param name="dates">The proposal's evaluation dates; read for <see cref="ScheduleKind.Dates"/> only.</param>
    public static IReadOnlyList<ScheduledDue> DueDates(ScheduleKind kind, DateOnly start, DateOnly end, IReadOnlyCollection<DateOnly> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (end < start)
        {
            throw new ArgumentException($"The end date {end:yyyy-MM-dd} is before the start date {start:yyyy-MM-dd}.", nameof(end));
        }

        return kind switch
        {
            ScheduleKind.Quarterly => Periodic(start, end, 3),
            ScheduleKind.Semiannual => Periodic(start, end, 6),
            ScheduleKind.Annual => Periodic(start, end, 12),
            ScheduleKind.Dates => Given(start, end, dates),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a schedule kind."),
        };
    }

    private static List<ScheduledDue> Periodic(DateOnly start, DateOnly end, int months)
    {
        var dues = new List<ScheduledDue>();
        // Each date from the start, not from the previous date: 31 Jan gives 30 Apr, then 31 Jul (not 30 Jul).
        for (var k = 1; k < MaxEvaluations && start.AddMonths(k * months) < end; k++)
        {
            dues.Add(new ScheduledDue(start.AddMonths(k * months), IsFinal: false));
        }

        dues.Add(new ScheduledDue(end, IsFinal: true));
        return dues;
    }

    private static List<ScheduledDue> Given(DateOnly start, DateOnly end, IReadOnlyCollection<DateOnly> dates)
    {
        var dues = new List<ScheduledDue>();
        foreach (var date in dates.Where(d => d >= start).Distinct().Order())
        {
            if (date >= end)
            {
                dues.Add(new ScheduledDue(date, IsFinal: true));
                return dues;
            }

            if (dues.Count == MaxEvaluations - 1)
            {
                break;
            }

            dues.Add(new ScheduledDue(date, IsFinal: false));
        }

        dues.Add(new ScheduledDue(end, IsFinal: true));
        return dues;
    }
}
