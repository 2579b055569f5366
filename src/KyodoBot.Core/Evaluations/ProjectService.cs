using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs.Parsing;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proposals;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Evaluations;

/// <summary>What an admin gives to register a project that predates the bot (card or CLI).</summary>
public sealed record ProjectRegistration(
    string Title,
    string Organization,
    string Department,
    DateOnly StartDate,
    DateOnly EndDate,
    bool PublicFunds,
    ScheduleKind Schedule,
    IReadOnlyList<DateOnly> Dates,
    string? RegisteredBy,
    string? Reference = null);

/// <summary>
/// Turns accepted proposals (and direct registrations) into projects with their evaluation schedule, and applies
/// schedule edits and snoozes. Every date change re-plans that evaluation's reminders.
/// </summary>
public sealed class ProjectService(
    EvaluationStore store,
    BusinessCalendar calendar,
    ReminderPlanner planner,
    EvaluationOptions options,
    Texts texts,
    TimeProvider time,
    ILogger<ProjectService> logger) : IProposalAcceptedListener
{
    public async Task<string?> OnAcceptedAsync(Proposal proposal, Language language, CancellationToken cancellationToken)
    {
        var answers = ProposalService.ReadAnswers(proposal.AnswersJson);
        if (!TryDate(answers, ProposalIntakeFields.StartDate, out var start) || !TryDate(answers, ProposalIntakeFields.EndDate, out var end) || end < start)
        {
            logger.LogWarning("Accepted proposal {Reference} has no usable period; no evaluation schedule was made", proposal.Reference);
            return texts.Get(language, "evaluation.project.noPeriod", proposal.Reference);
        }

        var publicFunds = answers.GetValueOrDefault(ProposalIntakeFields.PublicFunds) == "yes";
        var kind = ScheduleKinds.TryParse(answers.GetValueOrDefault(ProposalIntakeFields.EvaluationSchedule), out var parsed) ? parsed : ScheduleKind.Dates;
        var dates = ParseDates(answers.GetValueOrDefault(ProposalIntakeFields.EvaluationDates));
        var (project, _) = await CreateAsync(new Project
        {
            Reference = proposal.Reference,
            ProposalId = proposal.Id,
            Title = proposal.Title,
            Organization = proposal.Organization,
            Department = proposal.Department,
            StartDate = start,
            EndDate = end,
            PublicFunds = publicFunds,
            Schedule = kind,
            RegisteredBy = proposal.DecidedBy,
        }, dates, cancellationToken);
        return await ScheduleSummaryAsync(project, language, cancellationToken);
    }

    /// <exception cref="ArgumentException">The period or dates exceed the bounds (<see cref="EvaluationSchedule.Check"/>), which
    /// the card and the CLI check first with a message of their own.</exception>
    public async Task<Project> RegisterAsync(ProjectRegistration registration, CancellationToken cancellationToken)
    {
        if (EvaluationSchedule.Check(registration.StartDate, registration.EndDate, registration.Dates) is var problem and not ScheduleProblem.None)
        {
            throw new ArgumentException($"The project's schedule is out of bounds: {problem}.", nameof(registration));
        }

        var (project, _) = await CreateAsync(new Project
        {
            Reference = registration.Reference ?? "",
            Title = registration.Title,
            Organization = registration.Organization,
            Department = registration.Department,
            StartDate = registration.StartDate,
            EndDate = registration.EndDate,
            PublicFunds = registration.PublicFunds,
            Schedule = registration.Schedule,
            RegisteredBy = registration.RegisteredBy,
        }, registration.Dates, cancellationToken);
        return project;
    }

    /// <summary>"Project KP-… registered; evaluations on …; the first reminder comes on …".</summary>
    public async Task<string> ScheduleSummaryAsync(Project project, Language language, CancellationToken cancellationToken)
    {
        var history = await store.HistoryAsync(project.Reference, cancellationToken);
        var dates = history?.Dues.Where(d => d.State == DueState.Scheduled).Select(d => CardDates.Date(d.DueDate, language)).ToList() ?? [];
        return texts.Get(language, "evaluation.project.created", project.Reference, string.Join(language == Language.English ? ", " : "、", dates));
    }

    private async Task<(Project Project, bool Created)> CreateAsync(Project project, IReadOnlyList<DateOnly> dates, CancellationToken cancellationToken)
    {
        var today = calendar.Today(time);
        // Past evaluations of a project registered late are not asked for again; the final one always stays.
        var dues = EvaluationSchedule.DueDates(project.Schedule, project.StartDate, project.EndDate, dates)
            .Where(d => d.IsFinal || d.Date >= today)
            .ToList();
        var result = await store.CreateProjectAsync(project, dues, PlanFrom, cancellationToken);
        if (result.Created)
        {
            logger.LogInformation("Project {Reference} for {Department}: {Count} evaluation(s) scheduled", result.Project.Reference, project.Department, dues.Count);
        }

        return result;
    }

    /// <summary>
    /// The reminders still ahead for an evaluation due on <paramref name="due"/>. Those whose time has passed are left
    /// out — but when the due day itself is still to come and nothing else would remind, one goes out now. The
    /// overdue escalation always stays: a late project is exactly what must escalate.
    /// </summary>
    public IEnumerable<PlannedReminder> PlanFrom(DateOnly due)
    {
        var now = time.GetUtcNow();
        var planned = planner.Plan(due).Where(r => r.Kind == ReminderKind.Overdue || r.SendAt >= now).ToList();
        var today = calendar.LocalDate(now);
        if (!planned.Any(r => r.Kind != ReminderKind.Overdue) && due >= today)
        {
            planned.Insert(0, new PlannedReminder(ReminderKind.DueDay, today, now));
        }

        return planned;
    }

    public enum SnoozeOutcome
    {
        Snoozed,
        NotScheduled,
        LimitReached,
        Conflict,
    }

    /// <summary>
    /// 延期: the evaluation moves by a week (at most <see cref="EvaluationOptions.MaxSnoozes"/> times), with a reason —
    /// only if it has been postponed <paramref name="expectedSnoozes"/> times so far (what the clicked card showed), so
    /// that the same click delivered twice moves it once.
    /// </summary>
    public async Task<(SnoozeOutcome Outcome, DateOnly NewDate)> SnoozeAsync(EvaluationDue due, int expectedSnoozes, IncomingTurn turn, string reason,
        CancellationToken cancellationToken)
    {
        if (due.State != DueState.Scheduled)
        {
            return (SnoozeOutcome.NotScheduled, due.DueDate);
        }

        if (due.SnoozeCount >= options.MaxSnoozes)
        {
            return (SnoozeOutcome.LimitReached, due.DueDate);
        }

        if (due.SnoozeCount != expectedSnoozes)
        {
            return (SnoozeOutcome.Conflict, due.DueDate);
        }

        var date = due.DueDate.AddDays(options.SnoozeDays);
        var record = new SnoozeRecord
        {
            DueId = due.Id,
            ProjectId = due.ProjectId,
            SnoozedBy = turn.AadObjectId ?? turn.UserId,
            SnoozedByName = turn.UserName,
            SnoozedAt = time.GetUtcNow(),
            Reason = reason,
            FromDate = due.DueDate,
            ToDate = date,
        };
        var moved = await store.MoveAsync(due.Id, date, PlanFrom(date), record, due.SnoozeCount, cancellationToken);
        return (moved ? SnoozeOutcome.Snoozed : SnoozeOutcome.Conflict, date);
    }

    public Task<bool> MoveAsync(EvaluationDue due, DateOnly date, CancellationToken cancellationToken) =>
        store.MoveAsync(due.Id, date, PlanFrom(date), snooze: null, due.SnoozeCount, cancellationToken);

    public Task<EvaluationDue> AddAsync(Project project, DateOnly date, CancellationToken cancellationToken) =>
        store.AddDueAsync(project.Id, date, PlanFrom(date), cancellationToken);

    public Task<bool> RemoveAsync(EvaluationDue due, CancellationToken cancellationToken) => store.RemoveDueAsync(due.Id, cancellationToken);

    public static string Format(DateOnly date) => JapaneseDateParser.ToCanonical(date);

    /// <summary>A date as the dialogs take it: 2027-04-01, 2027/4/1, 2027年4月1日, 令和9年4月1日 (full or half width).</summary>
    public static bool TryParseDate(string? text, out DateOnly date) => JapaneseDateParser.TryParse(text, out date);

    private static bool TryDate(IReadOnlyDictionary<string, string> answers, string field, out DateOnly date) =>
        TryParseDate(answers.GetValueOrDefault(field), out date);

    public static IReadOnlyList<DateOnly> ParseDates(string? text) =>
        (text ?? "").Split([',', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => TryParseDate(t, out var d) ? d : (DateOnly?)null)
            .OfType<DateOnly>()
            .ToList();
}
