using System.Text.Json;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proactive;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Evaluations;

/// <summary>詳細: the project and its past evaluations, in place of the card for the clicker (戻る brings the card back).</summary>
public sealed class EvaluationDetailsAction(EvaluationStore store, ReminderOutbox outbox, EvaluationCards cards, DepartmentAccess access, IChannelMessenger messenger,
    Texts texts, ILogger<EvaluationDetailsAction> logger)
    : EvaluationCardAction(store, outbox, cards, access, messenger, texts, logger)
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
