using System.Globalization;
using System.Text.Json;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Text;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Evaluations;

/// <summary>
/// The verbs of the reminder card. Each reads the evaluation again from the database (cards are client-side and may be
/// stale), and the result replaces the card for everyone by updating every card posted for that evaluation.
/// </summary>
public abstract class EvaluationCardAction(EvaluationStore store, EvaluationCards cards, DepartmentAccess access, IChannelMessenger messenger, Texts texts, ILogger logger)
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

        if (CardData.TryGetLong(data, "reminderId", out var reminderId) && await store.FindReminderAsync(reminderId, cancellationToken) is { } reminder
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
        foreach (var posted in await store.PostedCardsAsync(view.Due.Id, cancellationToken))
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

/// <summary>評価を記録: both ratings (1–5), the quick check, comments and next steps. The first record wins.</summary>
public sealed class RecordEvaluationAction(EvaluationStore store, EvaluationCards cards, DepartmentAccess access, IChannelMessenger messenger,
    Texts texts, TimeProvider time, ILogger<RecordEvaluationAction> logger)
    : EvaluationCardAction(store, cards, access, messenger, texts, logger)
{
    public const int MaxTextLength = 2000;

    public override string Verb => "evaluation.record";

    protected override async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, DueReminder view, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (view.Due.State == DueState.Recorded)
        {
            return await AlreadyRecordedAsync(view, language, cancellationToken);
        }

        if (view.Due.State != DueState.Scheduled)
        {
            return new CardExecuteResult(null, Texts.Get(language, "evaluation.removed"));
        }

        if (!await MayEditAsync(turn, view, cancellationToken))
        {
            return new CardExecuteResult(null, Texts.Get(language, "evaluation.wrongPlace"));
        }

        var input = new EvaluationCards.RecordInput(
            Clean(CardData.String(data, "issueRating"), 10),
            Clean(CardData.String(data, "conductRating"), 10),
            Clean(CardData.String(data, "principles"), 100),
            Clean(CardData.String(data, "comments"), MaxTextLength, multiline: true),
            Clean(CardData.String(data, "nextSteps"), MaxTextLength, multiline: true));
        if (!TryRating(input.IssueRating, out var issue) || !TryRating(input.ConductRating, out var conduct))
        {
            var error = Texts.Get(language, "evaluation.record.ratingRequired");
            return new CardExecuteResult(Cards.Reminder(view, language, error, input), error);
        }

        var record = new EvaluationRecord
        {
            DueId = view.Due.Id,
            ProjectId = view.Project.Id,
            DueDate = view.Due.DueDate,
            RecordedBy = turn.AadObjectId ?? turn.UserId,
            RecordedByName = turn.UserName,
            RecordedAt = time.GetUtcNow(),
            IssueRating = issue,
            ConductRating = conduct,
            PrincipleChecks = Principles(input.Principles),
            Comments = input.Comments,
            NextSteps = input.NextSteps,
        };
        if (!await Store.RecordAsync(record, cancellationToken))
        {
            return await AlreadyRecordedAsync(view, language, cancellationToken);
        }

        var recorded = view with { Due = (await Store.FindDueAsync(view.Due.Id, cancellationToken))!.Due };
        await UpdateForEveryoneAsync(recorded, language, cancellationToken);
        return new CardExecuteResult(Cards.Recorded(recorded, record, language));
    }

    private async Task<CardExecuteResult> AlreadyRecordedAsync(DueReminder view, Language language, CancellationToken cancellationToken)
    {
        var record = await Store.RecordOfAsync(view.Due.Id, cancellationToken);
        return record is null
            ? new CardExecuteResult(null, Texts.Get(language, "evaluation.unknown"))
            : new CardExecuteResult(Cards.Recorded(view, record, language),
                Texts.Get(language, "evaluation.record.already", Markdown.Escape(record.RecordedByName ?? record.RecordedBy)));
    }

    private static bool TryRating(string text, out int rating) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out rating) && rating is >= 1 and <= EvaluationCards.MaxRating;

    /// <summary>The ticked principles (1–7), as "1,3,7"; anything else a client might send is dropped.</summary>
    private static string Principles(string text) =>
        string.Join(',', text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n is >= 1 and <= 7)
            .Distinct()
            .Order());

    private static string Clean(string? text, int max, bool multiline = false)
    {
        var normalized = multiline ? Dialogs.Parsing.FreeText.Multiline(text) : TextNormalizer.Normalize(text);
        return normalized.Length > max ? normalized[..max] : normalized;
    }
}

/// <summary>延期: a week later, at most twice, with a reason.</summary>
public sealed class SnoozeEvaluationAction(EvaluationStore store, EvaluationCards cards, DepartmentAccess access, IChannelMessenger messenger,
    ProjectService projects, EvaluationOptions options, Texts texts, ILogger<SnoozeEvaluationAction> logger)
    : EvaluationCardAction(store, cards, access, messenger, texts, logger)
{
    public const int MaxReasonLength = 500;

    public override string Verb => "evaluation.snooze";

    protected override async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, DueReminder view, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (!await MayEditAsync(turn, view, cancellationToken))
        {
            return new CardExecuteResult(null, Texts.Get(language, "evaluation.wrongPlace"));
        }

        var reason = Dialogs.Parsing.FreeText.Multiline(CardData.String(data, "reason"));
        if (reason.Length == 0)
        {
            var error = Texts.Get(language, "evaluation.snooze.reasonRequired");
            return new CardExecuteResult(Cards.Reminder(view, language, error), error);
        }

        reason = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
        var expected = CardData.TryGetLong(data, "snoozes", out var shown) ? (int)shown : view.Due.SnoozeCount;
        var (outcome, date) = await projects.SnoozeAsync(view.Due, expected, turn, reason, cancellationToken);
        var card = await CurrentCardAsync(view, language, cancellationToken);
        switch (outcome)
        {
            case ProjectService.SnoozeOutcome.Snoozed:
                await UpdateForEveryoneAsync(view, language, cancellationToken);
                return new CardExecuteResult(card, Texts.Get(language, "evaluation.snooze.done", ProjectService.Format(date), Markdown.Escape(turn.UserName ?? ""), Markdown.Escape(reason)));
            case ProjectService.SnoozeOutcome.LimitReached:
                return new CardExecuteResult(card, Texts.Get(language, "evaluation.snooze.limit", options.MaxSnoozes));
            case ProjectService.SnoozeOutcome.NotScheduled:
                return new CardExecuteResult(card, Texts.Get(language, "evaluation.snooze.notOpen"));
            default:
                return new CardExecuteResult(card, Texts.Get(language, "evaluation.snooze.conflict"));
        }
    }
}

/// <summary>詳細: the project and its past evaluations, in place of the card for the clicker (戻る brings the card back).</summary>
public sealed class EvaluationDetailsAction(EvaluationStore store, EvaluationCards cards, DepartmentAccess access, IChannelMessenger messenger,
    Texts texts, ILogger<EvaluationDetailsAction> logger)
    : EvaluationCardAction(store, cards, access, messenger, texts, logger)
{
    public override string Verb => "evaluation.details";

    protected override async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, DueReminder view, CancellationToken cancellationToken)
    {
        var history = await Store.HistoryAsync(view.Project.Reference, cancellationToken);
        return history is null
            ? new CardExecuteResult(null, Texts.Get(turn.Language, "evaluation.unknown"))
            : new CardExecuteResult(Cards.Details(history, turn.Language, back: view));
    }
}

/// <summary>戻る from the details: the evaluation's card as it is now.</summary>
public sealed class EvaluationBackAction(EvaluationStore store, EvaluationCards cards, DepartmentAccess access, IChannelMessenger messenger,
    Texts texts, ILogger<EvaluationBackAction> logger)
    : EvaluationCardAction(store, cards, access, messenger, texts, logger)
{
    public override string Verb => "evaluation.back";

    protected override async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, DueReminder view, CancellationToken cancellationToken) =>
        new(await CurrentCardAsync(view, turn.Language, cancellationToken));
}
