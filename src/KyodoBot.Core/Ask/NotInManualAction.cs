using System.Text.Json;
using KyodoBot.Core.Access;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Ask;

/// <summary>
/// The other button of <c>未回答一覧</c> (<c>{"action":"notInManual","question":…}</c>): an admin says the manual does
/// not answer the question. Its question sentence goes into <c>knowledge/_not-in-manual.tsv</c> (the phrasing matcher's
/// "none" class, so that it and questions like it are not answered from a section that merely shares words with them),
/// the index is reloaded, and the question leaves the list. Nobody is told: the askers already got the refusal, and
/// there is nothing new to say. Pressing it twice writes one line.
/// </summary>
public sealed class NotInManualAction(KnowledgePhrasings phrasings, QuestionLog log, AdminPolicy admins, Texts texts) : ICardAction
{
    public string Name => "notInManual";

    public async Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (!admins.IsAdmin(turn))
        {
            return [OutgoingMessage.FromText(texts.Get(language, admins.RefusalKey("notInManual.notAdmin")))];
        }

        if (CardData.String(data, "question") is not { Length: > 0 and <= 1000 } question)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "phrasing.invalid"))];
        }

        var outcome = await MarkAsync(phrasings, log, question, turn.AadObjectId ?? turn.UserId, cancellationToken);
        var shown = Markdown.Escape(KnowledgePhrasings.Clean(question) ?? "");
        switch (outcome)
        {
            case PhrasingOutcome.Invalid:
                return [OutgoingMessage.FromText(texts.Get(language, "phrasing.invalid"))];
            case PhrasingOutcome.IsPhrasing:
                return [OutgoingMessage.FromText(texts.Get(language, "notInManual.isPhrasing", shown))];
        }

        return [OutgoingMessage.FromText(texts.Get(language,
            outcome == PhrasingOutcome.AlreadyThere ? "notInManual.already" : "notInManual.added", shown))];
    }

    /// <summary>
    /// What the button and <c>unanswered --not-in-manual</c> do: the question goes into <c>_not-in-manual.tsv</c>
    /// (<see cref="KnowledgePhrasings.AddNotInManualAsync"/>) and, once it is there (now or before), the decision is
    /// recorded so that it leaves the list.
    /// </summary>
    public static async Task<PhrasingOutcome> MarkAsync(KnowledgePhrasings phrasings, QuestionLog log, string question, string decidedBy, CancellationToken cancellationToken)
    {
        var outcome = await phrasings.AddNotInManualAsync(question, cancellationToken);
        if (outcome is PhrasingOutcome.Added or PhrasingOutcome.AlreadyThere)
        {
            await log.DecideAsync(question, DecisionKind.NotInManual, null, decidedBy, cancellationToken);
        }

        return outcome;
    }
}
