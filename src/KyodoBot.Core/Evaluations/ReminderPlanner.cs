namespace KyodoBot.Core.Evaluations;

public enum ReminderKind
{
    /// <summary>Some days before the due date.</summary>
    Advance,

    /// <summary>On the due date (or the business day before it).</summary>
    DueDay,

    /// <summary>Not recorded in time: an escalation, repeated until the evaluation is recorded.</summary>
    Overdue,
}

/// <summary>One reminder card to send: on <see cref="Day"/>, at <see cref="SendAt"/>.</summary>
public sealed record PlannedReminder(ReminderKind Kind, DateOnly Day, DateTimeOffset SendAt);

/// <summary>
/// When the reminders for one due evaluation go out. A reminder that would fall on a weekend or holiday comes on the
/// business day before, so that it is never late; an escalation is never earlier than promised, so it moves to the
/// business day after.
/// </summary>
public sealed class ReminderPlanner
{
    private readonly BusinessCalendar _calendar;
    private readonly EvaluationOptions _options;

    public ReminderPlanner(BusinessCalendar calendar, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(options);
        _calendar = calendar;
        _options = options;
    }

    /// <summary>
    /// The advance and due-day reminders, then the first escalation, in the order they go out. Days that have passed
    /// are included: the caller decides what to do with them.
    /// </summary>
    public IReadOnlyList<PlannedReminder> Plan(DateOnly due)
    {
        var byDay = new Dictionary<DateOnly, ReminderKind>();
        foreach (var daysBefore in _options.ReminderDaysBefore)
        {
            var kind = daysBefore > 0 ? ReminderKind.Advance : ReminderKind.DueDay;
            var day = _calendar.OnOrBefore(due.AddDays(-daysBefore));
            // Moving back over holidays can land two reminders on one day; one card a day is enough, and the
            // advance card (it names the due date) reads right even when the due date is still ahead.
            if (!byDay.TryGetValue(day, out var existing) || kind < existing)
            {
                byDay[day] = kind;
            }
        }

        var reminders = byDay.Select(pair => Reminder(pair.Value, pair.Key)).ToList();
        reminders.Add(Reminder(ReminderKind.Overdue, _calendar.AddBusinessDays(due, _options.OverdueBusinessDays)));
        return [.. reminders.OrderBy(r => r.SendAt)];
    }

    /// <summary>The escalation after the one sent on <paramref name="lastEscalationDay"/>.</summary>
    public PlannedReminder NextEscalation(DateOnly lastEscalationDay) =>
        Reminder(ReminderKind.Overdue, _calendar.OnOrAfter(lastEscalationDay.AddDays(_options.EscalationRepeatDays)));

    /// <summary>Whether an evaluation due on <paramref name="due"/> and not yet recorded is overdue on <paramref name="today"/>.</summary>
    public bool IsOverdue(DateOnly due, DateOnly today) => today >= _calendar.AddBusinessDays(due, _options.OverdueBusinessDays);

    private PlannedReminder Reminder(ReminderKind kind, DateOnly day) => new(kind, day, _calendar.At(day));
}
