using System.Text.Json;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proactive;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Evaluations;

/// <summary>
/// The verbs of the reminder card. Each reads the evaluation again from the database (cards are client-side and may be
/// stale), and the result replaces the card for everyone by updating every card posted for that evaluation.
/// </summary>
public abstract class EvaluationCardAction(EvaluationStore store, ReminderOutbox outbox, EvaluationCards cards, DepartmentAccess access, IChannelMessenger messenger, Texts texts, ILogger logger)
    : ICardExecute
{
    public abstract string Verb { get; }

    protected EvaluationStore Store => store;
    protected EvaluationCards Cards => cards;
    protected Texts Texts => texts;

    public async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        if (!CardData.TryGetLong(data, "dueId", out var dueId) || await store.FindDueAsync(dueId, cancellationToken) is not { } view)
        {
            return new CardExecuteResult(null, texts.Get(turn.Language, "evaluation.unknown"));
        }

        if (CardData.TryGetLong(data, "reminderId", out var reminderId) && await outbox.FindReminderAsync(reminderId, cancellationToken) is { } reminder
            && reminder.DueId == dueId)
        {
            view = view with { Reminder = reminder };
        }

        return await ExecuteAsync(turn, data, view, cancellationToken);
    }

    protected abstract Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, DueReminder view, CancellationToken cancellationToken);

    protected Task<bool> MayEditAsync(IncomingTurn turn, DueReminder view, CancellationToken cancellationToken) =>
        access.MayActForAsync(turn, view.Project.Department, cancellationToken);

    /// <summary>The card as it should look now: recorded, or the reminder (snoozed, still open).</summary>
    protected async Task<string> CurrentCardAsync(DueReminder view, Language language, CancellationToken cancellationToken) =>
        Render(await CurrentAsync(view, cancellationToken), view.Reminder, language);

    /// <summary>Every card posted for this evaluation shows the new state (the clicker's one comes back in the invoke response).</summary>
    protected async Task UpdateForEveryoneAsync(DueReminder view, Language language, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(view, cancellationToken);
        foreach (var posted in await outbox.PostedCardsAsync(view.Due.Id, cancellationToken))
        {
            try
            {
                var card = Render(current, posted, language);
                await messenger.UpdateAsync(new PostedMessage(posted.PostedConversationId!, posted.PostedActivityId!, posted.PostedServiceUrl!, posted.PostedTenantId),
                    OutgoingMessage.FromCard(card), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not update card {ActivityId} of evaluation {DueId} for everyone", posted.PostedActivityId, view.Due.Id);
            }
        }
    }

    /// <summary>The evaluation as stored now, with its record if it has one (read once, however many cards show it).</summary>
    private async Task<(DueReminder View, EvaluationRecord? Record)> CurrentAsync(DueReminder view, CancellationToken cancellationToken)
    {
        var fresh = await store.FindDueAsync(view.Due.Id, cancellationToken) is { } due ? view with { Due = due.Due } : view;
        var record = fresh.Due.State == DueState.Recorded ? await store.RecordOfAsync(fresh.Due.Id, cancellationToken) : null;
        return (fresh, record);
    }

    private string Render((DueReminder View, EvaluationRecord? Record) current, Reminder card, Language language)
    {
        var view = current.View with { Reminder = card };
        return current.Record is { } record ? cards.Recorded(view, record, language) : cards.Reminder(view, language);
    }
}
