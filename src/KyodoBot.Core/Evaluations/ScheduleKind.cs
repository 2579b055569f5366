namespace KyodoBot.Core.Evaluations;

/// <summary>How often a project is evaluated: the choices of the proposal dialog's <c>evaluationSchedule</c> field.</summary>
public enum ScheduleKind
{
    Quarterly,
    Semiannual,
    Annual,
    Dates,
}

/// <summary>
/// Converts <see cref="ScheduleKind"/> to and from the dialog's choice values (<c>quarterly</c>, <c>semiannual</c>,
/// <c>annual</c>, <c>dates</c>). Not <c>Enum.TryParse</c>, which is case-sensitive and takes numbers such as "1".
/// </summary>
public static class ScheduleKinds
{
    public static bool TryParse(string? value, out ScheduleKind kind)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "quarterly":
                kind = ScheduleKind.Quarterly;
                return true;
            case "semiannual":
                kind = ScheduleKind.Semiannual;
                return true;
            case "annual":
                kind = ScheduleKind.Annual;
                return true;
            case "dates":
                kind = ScheduleKind.Dates;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    public static string ToValue(this ScheduleKind kind) => kind switch
    {
        ScheduleKind.Quarterly => "quarterly",
        ScheduleKind.Semiannual => "semiannual",
        ScheduleKind.Annual => "annual",
        ScheduleKind.Dates => "dates",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a schedule kind."),
    };
}
