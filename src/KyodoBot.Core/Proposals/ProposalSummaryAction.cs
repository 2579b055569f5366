using System.Text.Json;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Proposals;

/// <summary>
/// 送信 / 修正 / キャンセル on the summary card (Action.Execute, verb <c>proposal.summary</c>, data
/// <c>{"command": …}</c>): the command goes to the dialog as if typed, and a summary that is done — submitted, or
/// pressed again after its proposal was sent — is replaced by its final state instead of confirming once more.
/// </summary>
public sealed class ProposalSummaryAction(ProposalDialog dialog, DraftStore drafts, ProposalStore store, ProposalCards cards, Texts texts)
    : ICardExecute
{
    public const string SummaryVerb = "proposal.summary";

    public string Verb => SummaryVerb;

    public async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var command = TextNormalizer.Normalize(CardData.String(data, "command"));
        var submit = TextNormalizer.Key(command) == TextNormalizer.Key(texts.Get(language, "proposal.summary.submit"));
        if (command.Length == 0)
        {
            return new CardExecuteResult(null, texts.Get(language, "proposal.summary.unknown"));
        }

        var draft = await drafts.FindAsync(turn.UserId, turn.ConversationId, cancellationToken);
        if (draft is null)
        {
            // A summary from a dialog that is over: say how it ended, on the card itself, and change nothing.
            var latest = (await store.ForProposerAsync(turn.UserId, cancellationToken)).FirstOrDefault();
            return new CardExecuteResult(latest is null
                ? cards.SummaryDone(texts.Get(language, "proposal.summary.doneHeading"), texts.Get(language, "proposal.summary.closed"), "Default", language)
                : cards.SummaryDone(latest.Title, texts.Get(language, "proposal.summary.alreadySent", latest.Reference), "Good", language));
        }

        if (draft.Paused)
        {
            return new CardExecuteResult(null, texts.Get(language, "proposal.summary.paused"));
        }

        var replies = await dialog.TryContinueAsync(turn, command, cancellationToken) ?? [];
        if (submit && await drafts.FindAsync(turn.UserId, turn.ConversationId, cancellationToken) is null
            && await store.FindBySubmitActivityAsync(turn.ActivityId, cancellationToken) is { } proposal)
        {
            return new CardExecuteResult(cards.SummaryDone(proposal.Title, texts.Get(language, "proposal.summary.sent", proposal.Reference), "Good", language))
            {
                Replies = replies,
            };
        }

        return new CardExecuteResult(null) { Replies = replies };
    }
}
