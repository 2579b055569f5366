using System.Text.Json;
using KyodoBot.Core.Access;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Evaluations;

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
