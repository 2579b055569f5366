using System.Text.Json;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proactive;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Evaluations;

/// <summary>戻る from the details: the evaluation's card as it is now.</summary>
public sealed class EvaluationBackAction(EvaluationStore store, ReminderOutbox outbox, EvaluationCards cards, DepartmentAccess access, IChannelMessenger messenger,
    Texts texts, ILogger<EvaluationBackAction> logger)
    : EvaluationCardAction(store, outbox, cards, access, messenger, texts, logger)
{
    public override string Verb => "evaluation.back";

    protected override async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, DueReminder view, CancellationToken cancellationToken) =>
        new(await CurrentCardAsync(view, turn.Language, cancellationToken));
}
