namespace KyodoBot.Core.Evaluations;

/// <summary>
/// The city's working days (Monday to Friday, except the days in the holiday file) and the instants at which
/// reminders go out on them, in the configured time zone.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly HolidayCalendar _holidays;
    private readonly TimeZoneInfo _zone;
    private readonly TimeOnly _reminderTime;

    public BusinessCalendar(HolidayCalendar holidays, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(options);
        _holidays = holidays;
        _zone = options.TimeZone;
        _reminderTime = options.ReminderTime;
    }

    public bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.IsHoliday(day);

    /// <summary>The day itself if it is a business day, else the business day before it.</summary>
    public DateOnly OnOrBefore(DateOnly day)
    {
        while (!IsBusinessDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>The day itself if it is a business day, else the business day after it.</summary>
    public DateOnly OnOrAfter(DateOnly day)
    {
        while (!IsBusinessDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>The <paramref name="n"/>-th business day after <paramref name="day"/> (which is not counted); 0 gives the day itself.</summary>
    public DateOnly AddBusinessDays(DateOnly day, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        for (var left = n; left > 0;)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>The instant at which a reminder for <paramref name="day"/> goes out: the reminder time, local to the zone.</summary>
    public DateTimeOffset At(DateOnly day)
    {
        var local = day.ToDateTime(_reminderTime, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (_zone.IsInvalidTime(local))
        {
            // Skipped by a spring-forward: the offset from before the jump lands the same time after it (02:30 → 03:30).
            offset = _zone.GetUtcOffset(local.AddDays(-1));
        }
        else if (_zone.IsAmbiguousTime(local))
        {
            // Repeated by a fall-back: the first of the two, so that the reminder is not late.
            offset = _zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = _zone.GetUtcOffset(local);
        }

        return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, offset), _zone);
    }

    /// <summary>The date, in the zone, on which <paramref name="instant"/> falls.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    public DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return LocalDate(time.GetUtcNow());
    }
}
