using System.Text.Json;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Text;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Proposals;

/// <summary>
/// 受理 / 差し戻し on the review card (Action.Execute). The first decision wins; the card is replaced for everyone
/// (the posted message is updated) and the proposer is told in their personal chat.
/// </summary>
public abstract class ReviewAction(
    ProposalStore store,
    ProposalCards cards,
    IChannelMessenger messenger,
    Texts texts,
    IEnumerable<IProposalAcceptedListener> acceptedListeners,
    ILogger logger) : ICardExecute
{
    public abstract string Verb { get; }

    protected abstract ProposalState Decision { get; }

    public async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (!CardData.TryGetLong(data, "proposalId", out var id) || await store.FindByIdAsync(id, cancellationToken) is not { } proposal)
        {
            return new CardExecuteResult(null, texts.Get(language, "proposal.review.unknown"));
        }

        // Only from the department's own review thread.
        if (proposal.ReviewConversationId is null || !SameThread(turn.ConversationId, proposal.ReviewConversationId))
        {
            return new CardExecuteResult(null, texts.Get(language, "proposal.review.wrongPlace"));
        }

        string? comment = null;
        if (Decision == ProposalState.Returned)
        {
            comment = TextNormalizer.Normalize(CardData.String(data, "comment"));
            if (comment.Length == 0)
            {
                return new CardExecuteResult(cards.Review(proposal, language), texts.Get(language, "proposal.review.returnCommentRequired"));
            }

            comment = comment.Length > 1000 ? comment[..1000] : comment;
        }

        var won = await store.DecideAsync(proposal.Id, Decision, turn.AadObjectId ?? turn.UserId, turn.UserName, comment, cancellationToken);
        var current = (await store.FindByIdAsync(proposal.Id, cancellationToken))!;
        var card = cards.Review(current, language);
        if (!won)
        {
            return new CardExecuteResult(card, texts.Get(language, "proposal.review.alreadyDecided"));
        }

        await UpdateForEveryoneAsync(current, card, cancellationToken);
        await TellProposerAsync(current, cancellationToken);
        return new CardExecuteResult(card, current.State == ProposalState.Accepted ? await BecomeProjectAsync(current, language, cancellationToken) : null);
    }

    /// <summary>An accepted proposal becomes a project with its evaluation schedule; the thread is told the dates.</summary>
    private async Task<string?> BecomeProjectAsync(Proposal proposal, Language language, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var listener in acceptedListeners)
        {
            try
            {
                if (await listener.OnAcceptedAsync(proposal, language, cancellationToken) is { } line)
                {
                    lines.Add(line);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Accepted proposal {Reference}: a listener failed", proposal.Reference);
            }
        }

        return lines.Count == 0 ? null : string.Join("\n\n", lines);
    }

    private async Task UpdateForEveryoneAsync(Proposal proposal, string card, CancellationToken cancellationToken)
    {
        try
        {
            await messenger.UpdateAsync(
                new PostedMessage(proposal.ReviewConversationId!, proposal.ReviewActivityId!, proposal.ReviewServiceUrl!, proposal.ReviewTenantId),
                OutgoingMessage.FromCard(card), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The clicker already sees the new card (invoke response); others see it on their next refresh.
            logger.LogWarning(ex, "Could not update the review card of {Reference} for everyone", proposal.Reference);
        }
    }

    private async Task TellProposerAsync(Proposal proposal, CancellationToken cancellationToken)
    {
        var key = proposal.State == ProposalState.Accepted ? "proposal.notify.accepted" : "proposal.notify.returned";
        var text = texts.Get(Language.Japanese, key, proposal.Reference, Markdown.Escape(proposal.Title), Markdown.Escape(proposal.Department),
            Markdown.Escape(proposal.ReturnComment ?? ""));
        try
        {
            await messenger.SendToUserAsync(proposal.ProposerId, OutgoingMessage.FromText(text), cancellationToken);
        }
        catch (UserNotReachableException)
        {
            logger.LogWarning("Proposer of {Reference} has no personal chat with the bot; not notified", proposal.Reference);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not notify the proposer of {Reference}", proposal.Reference);
        }
    }

    private static bool SameThread(string conversationId, string reviewConversationId) =>
        conversationId == reviewConversationId
        || conversationId.Split(";messageid=")[0] == reviewConversationId.Split(";messageid=")[0];
}

public sealed class AcceptProposalAction(ProposalStore store, ProposalCards cards, IChannelMessenger messenger, Texts texts,
    IEnumerable<IProposalAcceptedListener> acceptedListeners, ILogger<AcceptProposalAction> logger)
    : ReviewAction(store, cards, messenger, texts, acceptedListeners, logger)
{
    public override string Verb => "proposal.accept";
    protected override ProposalState Decision => ProposalState.Accepted;
}

public sealed class ReturnProposalAction(ProposalStore store, ProposalCards cards, IChannelMessenger messenger, Texts texts, ILogger<ReturnProposalAction> logger)
    : ReviewAction(store, cards, messenger, texts, [], logger)
{
    public override string Verb => "proposal.return";
    protected override ProposalState Decision => ProposalState.Returned;
}
