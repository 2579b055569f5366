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
                    return (false, T("evaluation.schedule.duplicate", CardDates.Date(added, language)));
                }

                if (history.Dues.Count(d => d.State != DueState.Removed) >= EvaluationSchedule.MaxEvaluations)
                {
                    return (false, T("evaluation.schedule.full", EvaluationSchedule.MaxEvaluations));
                }

                await projects.AddAsync(history.Project, added, cancellationToken);
                return (true, T("evaluation.schedule.added", CardDates.Date(added, language)));

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
                    return (false, T("evaluation.schedule.finalBeforeEnd", CardDates.Date(history.Project.EndDate, language)));
                }

                return await projects.MoveAsync(moving, moved, cancellationToken)
                    ? (true, T("evaluation.schedule.moved", CardDates.Date(moving.DueDate, language), CardDates.Date(moved, language)))
                    : (false, T("evaluation.snooze.conflict"));

            default:
                if (Pick("removeDueId") is not { } removing)
                {
                    return (false, T("evaluation.schedule.whichRequired"));
                }

                return removing.IsFinal
                    ? (false, T("evaluation.schedule.finalRequired"))
                    : await projects.RemoveAsync(removing, cancellationToken)
                        ? (true, T("evaluation.schedule.removed", CardDates.Date(removing.DueDate, language)))
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
