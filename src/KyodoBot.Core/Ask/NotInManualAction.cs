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

        var outcome = await phrasings.AddNotInManualAsync(question, cancellationToken);
        var shown = Markdown.Escape(KnowledgePhrasings.Clean(question) ?? "");
        switch (outcome)
        {
            case PhrasingOutcome.Invalid:
                return [OutgoingMessage.FromText(texts.Get(language, "phrasing.invalid"))];
            case PhrasingOutcome.IsPhrasing:
                return [OutgoingMessage.FromText(texts.Get(language, "notInManual.isPhrasing", shown))];
        }

        await log.DecideAsync(question, DecisionKind.NotInManual, null, turn.AadObjectId ?? turn.UserId, cancellationToken);
        return [OutgoingMessage.FromText(texts.Get(language,
            outcome == PhrasingOutcome.AlreadyThere ? "notInManual.already" : "notInManual.added", shown))];
    }
}
