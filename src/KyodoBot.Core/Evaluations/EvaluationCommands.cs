using System.Text.Json;
using KyodoBot.Core.Access;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Evaluations;

/// <summary>評価日程 KP-… / schedule KP-…: the project's evaluation dates, editable by its department and the admins.</summary>
public sealed class ScheduleCommand(EvaluationStore store, EvaluationCards cards, DepartmentAccess access, Texts texts) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["評価日程", "評価スケジュール", "schedule"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Turn.Language;
        if (ProjectReference.Normalize(context.Argument) is not { } reference)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "evaluation.schedule.usage"))];
        }

        if (await store.HistoryAsync(reference, cancellationToken) is not { } history)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "evaluation.project.unknown", Markdown.Escape(reference)))];
        }

        var canEdit = await access.MayActForAsync(context.Turn, history.Project.Department, cancellationToken);
        return [OutgoingMessage.FromCard(cards.Schedule(history, language, canEdit))];
    }
}

/// <summary>評価履歴 KP-… / history KP-…: the project and every evaluation recorded (public, in the spirit of 公開).</summary>
public sealed class HistoryCommand(EvaluationStore store, EvaluationCards cards, Texts texts) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["評価履歴", "history"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Turn.Language;
        if (ProjectReference.Normalize(context.Argument) is not { } reference)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "evaluation.history.usage"))];
        }

        return await store.HistoryAsync(reference, cancellationToken) is { } history
            ? [OutgoingMessage.FromCard(cards.Details(history, language))]
            : [OutgoingMessage.FromText(texts.Get(language, "evaluation.project.unknown", Markdown.Escape(reference)))];
    }
}

/// <summary>事業登録 / register project: the admin's card for a project that predates the bot.</summary>
public sealed class RegisterProjectCommand(EvaluationCards cards, DepartmentRegistry departments, AdminPolicy admins, Texts texts) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["事業登録", "register project"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Turn.Language;
        if (!admins.IsAdmin(context.Turn))
        {
            return [OutgoingMessage.FromText(texts.Get(language, admins.RefusalKey("evaluation.register.adminOnly")))];
        }

        var names = (await departments.ListAsync(cancellationToken)).Select(d => d.Name).ToList();
        return [OutgoingMessage.FromCard(cards.RegisterForm(language, names))];
    }
}

public static partial class ProjectReference
{
    /// <summary>
    /// "kp-2027-0001", "ＫＰ－２０２７－０００１" → "KP-2027-0001"; null when the text does not start with a project
    /// number (letters, a year, a sequence).
    /// </summary>
    public static string? Normalize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text).Replace('ー', '-').Replace('−', '-').Replace('‐', '-').ToUpperInvariant();
        var first = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return Shape().IsMatch(first) ? first : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z]{1,6}-[0-9]{4}-[0-9]{1,6}$")]
    private static partial System.Text.RegularExpressions.Regex Shape();
}

/// <summary>Add / move / remove on the schedule card (Action.Execute); the card comes back with the new dates.</summary>
public sealed class ScheduleEditAction(string verb, EvaluationStore store, EvaluationCards cards, DepartmentAccess access, ProjectService projects,
    BusinessCalendar calendar, TimeProvider time, Texts texts)
    : ICardExecute
{
    public string Verb => verb;

    public async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        if (!CardData.TryGetLong(data, "projectId", out var projectId)
            || await store.HistoryAsync(projectId, cancellationToken) is not { } history)
        {
            return new CardExecuteResult(null, T("evaluation.unknown"));
        }

        if (!await access.MayActForAsync(turn, history.Project.Department, cancellationToken))
        {
            return new CardExecuteResult(cards.Schedule(history, language, canEdit: false), T("evaluation.wrongPlace"));
        }

        var (ok, notice) = await ApplyAsync(history, data, language, cancellationToken);
        var fresh = await store.HistoryAsync(history.Project.Reference, cancellationToken) ?? history;
        return new CardExecuteResult(cards.Schedule(fresh, language, canEdit: true, notice, noticeIsError: !ok), ok ? null : notice);
    }

    private async Task<(bool Ok, string Notice)> ApplyAsync(ProjectHistory history, JsonElement data, Language language, CancellationToken cancellationToken)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        EvaluationDue? Pick(string field) =>
            CardData.TryGetLong(data, field, out var id) ? history.Dues.FirstOrDefault(d => d.Id == id && d.State == DueState.Scheduled) : null;

        switch (verb)
        {
            case Verbs.Add:
                if (!ProjectService.TryParseDate(CardData.String(data, "addDate"), out var added))
                {
                    return (false, T("evaluation.schedule.dateRequired"));
                }

                if (added < calendar.Today(time))
                {
                    return (false, T("evaluation.schedule.past"));
                }

                if (history.Dues.Any(d => d.State == DueState.Scheduled && d.DueDate == added))
                {
                    return (false, T("evaluation.schedule.duplicate", ProjectService.Format(added)));
                }

                if (history.Dues.Count(d => d.State != DueState.Removed) >= EvaluationSchedule.MaxEvaluations)
                {
                    return (false, T("evaluation.schedule.full", EvaluationSchedule.MaxEvaluations));
                }

                await projects.AddAsync(history.Project, added, cancellationToken);
                return (true, T("evaluation.schedule.added", ProjectService.Format(added)));

            case Verbs.Move:
                if (Pick("moveDueId") is not { } moving)
                {
                    return (false, T("evaluation.schedule.whichRequired"));
                }

                if (!ProjectService.TryParseDate(CardData.String(data, "moveDate"), out var moved))
                {
                    return (false, T("evaluation.schedule.dateRequired"));
                }

                if (moved < calendar.Today(time))
                {
                    return (false, T("evaluation.schedule.past"));
                }

                if (moving.IsFinal && moved < history.Project.EndDate)
                {
                    return (false, T("evaluation.schedule.finalBeforeEnd", ProjectService.Format(history.Project.EndDate)));
                }

                return await projects.MoveAsync(moving, moved, cancellationToken)
                    ? (true, T("evaluation.schedule.moved", ProjectService.Format(moving.DueDate), ProjectService.Format(moved)))
                    : (false, T("evaluation.snooze.conflict"));

            default:
                if (Pick("removeDueId") is not { } removing)
                {
                    return (false, T("evaluation.schedule.whichRequired"));
                }

                return removing.IsFinal
                    ? (false, T("evaluation.schedule.finalRequired"))
                    : await projects.RemoveAsync(removing, cancellationToken)
                        ? (true, T("evaluation.schedule.removed", ProjectService.Format(removing.DueDate)))
                        : (false, T("evaluation.snooze.conflict"));
        }
    }

    public static class Verbs
    {
        public const string Add = "schedule.add";
        public const string Move = "schedule.move";
        public const string Remove = "schedule.remove";
    }
}

/// <summary>The admin's registration card, validated again on the server; errors come back on the card with the values kept.</summary>
public sealed class RegisterProjectAction(EvaluationCards cards, ProjectService projects, EvaluationStore store, DepartmentRegistry departments,
    AdminPolicy admins, Texts texts) : ICardExecute
{
    public string Verb => "project.register";

    public async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        if (!admins.IsAdmin(turn))
        {
            return new CardExecuteResult(null, T(admins.RefusalKey("evaluation.register.adminOnly")));
        }

        string Field(string name, int max)
        {
            var value = TextNormalizer.Normalize(CardData.String(data, name));
            return value.Length > max ? value[..max] : value;
        }

        var input = new EvaluationCards.RegistrationInput(Field("title", 200), Field("organization", 200), Field("department", DepartmentRegistry.MaxNameLength),
            Field("startDate", 10), Field("endDate", 10), Field("publicFunds", 3) == "no" ? "no" : "yes", Field("schedule", 20), Field("dates", 400));
        var (registration, errors) = Validate(input, turn, language);
        if (registration is null)
        {
            var names = (await departments.ListAsync(cancellationToken)).Select(d => d.Name).ToList();
            return new CardExecuteResult(cards.RegisterForm(language, names, input, errors), T("evaluation.register.fix", errors.Count));
        }

        var project = await projects.RegisterAsync(registration, cancellationToken);
        var history = (await store.HistoryAsync(project.Reference, cancellationToken))!;
        return new CardExecuteResult(cards.Schedule(history, language, canEdit: true, T("evaluation.register.done", project.Reference)),
            await projects.ScheduleSummaryAsync(project, language, cancellationToken));
    }

    private (ProjectRegistration? Registration, IReadOnlyList<string> Errors) Validate(EvaluationCards.RegistrationInput input, IncomingTurn turn, Language language)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var errors = new List<string>();
        if (input.Title.Length == 0) errors.Add(T("evaluation.register.missing", T("evaluation.register.title")));
        if (input.Organization.Length == 0) errors.Add(T("evaluation.register.missing", T("evaluation.register.organization")));
        if (input.Department.Length == 0) errors.Add(T("evaluation.register.missing", T("evaluation.register.department")));
        var startOk = ProjectService.TryParseDate(input.StartDate, out var start);
        var endOk = ProjectService.TryParseDate(input.EndDate, out var end);
        if (!startOk) errors.Add(T("evaluation.register.badDate", T("evaluation.register.start")));
        if (!endOk) errors.Add(T("evaluation.register.badDate", T("evaluation.register.end")));
        if (startOk && endOk && end < start) errors.Add(T("evaluation.register.endBeforeStart"));
        if (startOk && endOk && EvaluationSchedule.PeriodTooLong(start, end))
        {
            errors.Add(T("evaluation.register.tooLong", EvaluationSchedule.MaxProjectYears, ProjectService.Format(start.AddYears(EvaluationSchedule.MaxProjectYears))));
        }

        if (!ScheduleKinds.TryParse(input.Schedule, out var kind)) errors.Add(T("evaluation.register.missing", T("evaluation.register.schedule")));
        var dates = ProjectService.ParseDates(input.Dates);
        var typed = input.Dates.Split([',', '、', ' '], StringSplitOptions.RemoveEmptyEntries).Length;
        if (dates.Count != typed) errors.Add(T("evaluation.register.badDates"));
        if (EvaluationSchedule.TooManyDates(dates)) errors.Add(T("evaluation.register.tooManyDates", EvaluationSchedule.MaxEvaluations - 1, EvaluationSchedule.MaxEvaluations));
        if (kind == ScheduleKind.Dates && dates.Count == 0 && errors.Count == 0) errors.Add(T("evaluation.register.datesRequired"));
        return errors.Count > 0
            ? (null, errors)
            : (new ProjectRegistration(input.Title, input.Organization, input.Department, start, end, input.PublicFunds == "yes", kind, dates,
                turn.AadObjectId ?? turn.UserId), errors);
    }
}
