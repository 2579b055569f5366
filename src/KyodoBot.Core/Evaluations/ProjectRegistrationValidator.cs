namespace KyodoBot.Core.Evaluations;

/// <summary>What is wrong with a registration, for each caller to say in its own words (card texts, CLI options).</summary>
public enum RegistrationProblemKind
{
    MissingTitle,
    MissingOrganization,
    MissingDepartment,
    MissingStartDate,
    BadStartDate,
    MissingEndDate,
    BadEndDate,
    EndBeforeStart,
    PeriodTooLong,
    BadSchedule,
    BadDates,
    TooManyDates,
    DatesRequired,
    BadReference,
}

/// <param name="Value">The text that could not be read, or for <see cref="RegistrationProblemKind.PeriodTooLong"/> the latest end date allowed.</param>
public sealed record RegistrationProblem(RegistrationProblemKind Kind, string? Value = null);

/// <summary>A registration as typed (on the 事業登録 card or on the command line), before anything is parsed.</summary>
public sealed record RegistrationRequest(
    string Title,
    string Organization,
    string Department,
    string StartDate,
    string EndDate,
    bool PublicFunds,
    string Schedule,
    string Dates,
    string RegisteredBy,
    string? Reference = null);

/// <summary>
/// The one set of rules for registering a project that predates the bot, used by the 事業登録 card
/// (<see cref="RegisterProjectAction"/>) and by <c>projects add</c>: every date must be readable (an evaluation date
/// that cannot be read is refused, never dropped), the period and the number of evaluations are bounded.
/// </summary>
public static class ProjectRegistrationValidator
{
    public static (ProjectRegistration? Registration, IReadOnlyList<RegistrationProblem> Problems) Validate(RegistrationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<RegistrationProblem>();
        void Add(RegistrationProblemKind kind, string? value = null) => problems.Add(new RegistrationProblem(kind, value));

        if (request.Title.Length == 0) Add(RegistrationProblemKind.MissingTitle);
        if (request.Organization.Length == 0) Add(RegistrationProblemKind.MissingOrganization);
        if (request.Department.Length == 0) Add(RegistrationProblemKind.MissingDepartment);
        var startOk = Date(request.StartDate, RegistrationProblemKind.MissingStartDate, RegistrationProblemKind.BadStartDate, problems, out var start);
        var endOk = Date(request.EndDate, RegistrationProblemKind.MissingEndDate, RegistrationProblemKind.BadEndDate, problems, out var end);
        if (startOk && endOk && end < start) Add(RegistrationProblemKind.EndBeforeStart);
        if (startOk && endOk && EvaluationSchedule.PeriodTooLong(start, end)) Add(RegistrationProblemKind.PeriodTooLong, ProjectService.Format(start.AddYears(EvaluationSchedule.MaxProjectYears)));
        if (!ScheduleKinds.TryParse(request.Schedule, out var kind)) Add(RegistrationProblemKind.BadSchedule, request.Schedule);

        var typed = request.Dates.Split([',', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dates = ProjectService.ParseDates(request.Dates);
        if (dates.Count != typed.Length)
        {
            Add(RegistrationProblemKind.BadDates, string.Join(", ", typed.Where(t => !ProjectService.TryParseDate(t, out _))));
        }

        if (EvaluationSchedule.TooManyDates(dates)) Add(RegistrationProblemKind.TooManyDates);
        if (kind == ScheduleKind.Dates && dates.Count == 0 && problems.Count == 0) Add(RegistrationProblemKind.DatesRequired);
        var reference = request.Reference is null ? null : ProjectReference.Normalize(request.Reference);
        if (request.Reference is not null && reference is null) Add(RegistrationProblemKind.BadReference, request.Reference);

        return problems.Count > 0
            ? (null, problems)
            : (new ProjectRegistration(request.Title, request.Organization, request.Department, start, end, request.PublicFunds, kind, dates,
                request.RegisteredBy, reference), problems);
    }

    private static bool Date(string text, RegistrationProblemKind missing, RegistrationProblemKind bad, List<RegistrationProblem> problems, out DateOnly date)
    {
        if (ProjectService.TryParseDate(text, out date))
        {
            return true;
        }

        problems.Add(text.Length == 0 ? new RegistrationProblem(missing) : new RegistrationProblem(bad, text));
        return false;
    }
}
