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
        var (registration, problems) = ProjectRegistrationValidator.Validate(new RegistrationRequest(input.Title, input.Organization, input.Department,
            input.StartDate, input.EndDate, input.PublicFunds == "yes", input.Schedule, input.Dates, turn.AadObjectId ?? turn.UserId));
        return (registration, problems.Select(p => Describe(p, language)).ToList());
    }

    /// <summary>What the card says about a problem, next to the field.</summary>
    private string Describe(RegistrationProblem problem, Language language)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        return problem.Kind switch
        {
            RegistrationProblemKind.MissingTitle => T("evaluation.register.missing", T("evaluation.register.title")),
            RegistrationProblemKind.MissingOrganization => T("evaluation.register.missing", T("evaluation.register.organization")),
            RegistrationProblemKind.MissingDepartment => T("evaluation.register.missing", T("evaluation.register.department")),
            RegistrationProblemKind.MissingStartDate or RegistrationProblemKind.BadStartDate => T("evaluation.register.badDate", T("evaluation.register.start")),
            RegistrationProblemKind.MissingEndDate or RegistrationProblemKind.BadEndDate => T("evaluation.register.badDate", T("evaluation.register.end")),
            RegistrationProblemKind.EndBeforeStart => T("evaluation.register.endBeforeStart"),
            RegistrationProblemKind.PeriodTooLong => T("evaluation.register.tooLong", EvaluationSchedule.MaxProjectYears, problem.Value),
            RegistrationProblemKind.BadSchedule => T("evaluation.register.missing", T("evaluation.register.schedule")),
            RegistrationProblemKind.BadDates => T("evaluation.register.badDates"),
            RegistrationProblemKind.TooManyDates => T("evaluation.register.tooManyDates", EvaluationSchedule.MaxEvaluations - 1, EvaluationSchedule.MaxEvaluations),
            RegistrationProblemKind.DatesRequired => T("evaluation.register.datesRequired"),
            _ => throw new InvalidOperationException($"No card text for {problem.Kind}."),
        };
    }
}
