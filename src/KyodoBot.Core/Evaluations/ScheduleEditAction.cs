using System.Text.Json;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Evaluations;

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

    private Task<(bool Ok, string Notice)> ApplyAsync(ProjectHistory history, JsonElement data, Language language, CancellationToken cancellationToken) =>
        verb switch
        {
            Verbs.Add => AddAsync(history, data, language, cancellationToken),
            Verbs.Move => MoveAsync(history, data, language, cancellationToken),
            _ => RemoveAsync(history, data, language, cancellationToken),
        };

    private async Task<(bool Ok, string Notice)> AddAsync(ProjectHistory history, JsonElement data, Language language, CancellationToken cancellationToken)
    {
        if (FutureDate(data, "addDate", language, out var added) is { } error)
        {
            return (false, error);
        }

        if (history.Dues.Any(d => d.State == DueState.Scheduled && d.DueDate == added))
        {
            return (false, texts.Get(language, "evaluation.schedule.duplicate", CardDates.Date(added, language)));
        }

        if (history.Dues.Count(d => d.State != DueState.Removed) >= EvaluationSchedule.MaxEvaluations)
        {
            return (false, texts.Get(language, "evaluation.schedule.full", EvaluationSchedule.MaxEvaluations));
        }

        await projects.AddAsync(history.Project, added, cancellationToken);
        return (true, texts.Get(language, "evaluation.schedule.added", CardDates.Date(added, language)));
    }

    private async Task<(bool Ok, string Notice)> MoveAsync(ProjectHistory history, JsonElement data, Language language, CancellationToken cancellationToken)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        if (ScheduledDue(history, data, "moveDueId") is not { } moving)
        {
            return (false, T("evaluation.schedule.whichRequired"));
        }

        if (FutureDate(data, "moveDate", language, out var moved) is { } error)
        {
            return (false, error);
        }

        if (moving.IsFinal && moved < history.Project.EndDate)
        {
            return (false, T("evaluation.schedule.finalBeforeEnd", CardDates.Date(history.Project.EndDate, language)));
        }

        return await projects.MoveAsync(moving, moved, cancellationToken)
            ? (true, T("evaluation.schedule.moved", CardDates.Date(moving.DueDate, language), CardDates.Date(moved, language)))
            : (false, T("evaluation.snooze.conflict"));
    }

    private async Task<(bool Ok, string Notice)> RemoveAsync(ProjectHistory history, JsonElement data, Language language, CancellationToken cancellationToken)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        if (ScheduledDue(history, data, "removeDueId") is not { } removing)
        {
            return (false, T("evaluation.schedule.whichRequired"));
        }

        return removing.IsFinal
            ? (false, T("evaluation.schedule.finalRequired"))
            : await projects.RemoveAsync(removing, cancellationToken)
                ? (true, T("evaluation.schedule.removed", CardDates.Date(removing.DueDate, language)))
                : (false, T("evaluation.snooze.conflict"));
    }

    private static EvaluationDue? ScheduledDue(ProjectHistory history, JsonElement data, string field) =>
        CardData.TryGetLong(data, field, out var id) ? history.Dues.FirstOrDefault(d => d.Id == id && d.State == DueState.Scheduled) : null;

    /// <summary>The notice to show when the card's date is missing or already past; null when the date is usable.</summary>
    private string? FutureDate(JsonElement data, string field, Language language, out DateOnly date)
    {
        if (!ProjectService.TryParseDate(CardData.String(data, field), out date))
        {
            return texts.Get(language, "evaluation.schedule.dateRequired");
        }

        return date < calendar.Today(time) ? texts.Get(language, "evaluation.schedule.past") : null;
    }

    public static class Verbs
    {
        public const string Add = "schedule.add";
        public const string Move = "schedule.move";
        public const string Remove = "schedule.remove";
    }
}
