using System.Text.Json;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Text;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Evaluations;

/// <summary>延期: a week later, at most twice, with a reason.</summary>
public sealed class SnoozeEvaluationAction(EvaluationStore store, ReminderOutbox outbox, EvaluationCards cards, DepartmentAccess access, IChannelMessenger messenger,
    ProjectService projects, EvaluationOptions options, Texts texts, ILogger<SnoozeEvaluationAction> logger)
    : EvaluationCardAction(store, outbox, cards, access, messenger, texts, logger)
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
                return new CardExecuteResult(card, Texts.Get(language, "evaluation.snooze.done", CardDates.Date(date, language), Markdown.Escape(turn.UserName ?? ""), Markdown.Escape(reason)));
            case ProjectService.SnoozeOutcome.LimitReached:
                return new CardExecuteResult(card, Texts.Get(language, "evaluation.snooze.limit", options.MaxSnoozes));
            case ProjectService.SnoozeOutcome.NotScheduled:
                return new CardExecuteResult(card, Texts.Get(language, "evaluation.snooze.notOpen"));
            default:
                return new CardExecuteResult(card, Texts.Get(language, "evaluation.snooze.conflict"));
        }
    }
}
