using System.Text.Json;
using System.Text.Json.Nodes;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Ask;

/// <summary>
/// 👍 / 👎 under an answer (<c>{"action":"feedback","vote":"up|down", …the <see cref="FeedbackKey"/>…}</c>): stores
/// the question (once per asking activity) and the user's vote. 👎 asks for an optional comment.
/// </summary>
public sealed class FeedbackAction(QuestionLog log, CardTemplates cards, Texts texts) : ICardAction
{
    public string Name => "feedback";

    public async Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var voteText = CardData.String(data, "vote");
        if (FeedbackKey.Read(data) is not { } key || voteText is not ("up" or "down"))
        {
            return [OutgoingMessage.FromText(texts.Get(language, "feedback.unknown"))];
        }

        var question = await log.RecordAsync(new QuestionRecord
        {
            ActivityId = key.ActivityId,
            // The clicker, whatever the card says: card data is client input and could name anyone.
            UserId = turn.UserId,
            ConversationId = turn.ConversationId,
            Question = key.Question,
            Language = language,
            Answered = true,
            Confidence = key.Confidence,
            SectionIds = key.SectionIds,
        }, cancellationToken);
        var vote = voteText == "up" ? Vote.Up : Vote.Down;
        var feedback = await log.VoteAsync(question.Id, turn.UserId, vote, cancellationToken);
        if (feedback is null)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "feedback.unknown"))];
        }

        if (vote == Vote.Up)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "feedback.thanksUp"))];
        }

        var card = cards.Render("feedback-comment", new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["prompt"] = texts.Get(language, "feedback.askComment"),
            ["label"] = texts.Get(language, "feedback.commentLabel"),
            ["placeholder"] = texts.Get(language, "feedback.commentPlaceholder"),
            ["submitLabel"] = texts.Get(language, "feedback.commentSubmit"),
            ["feedbackId"] = feedback.Id,
        });
        return [OutgoingMessage.FromCard(card)];
    }
}

/// <summary>
/// The optional comment after a 👎 (<c>{"action":"feedbackComment","feedbackId":…,"comment":"…"}</c>). Sent with
/// Action.Execute (verb <c>feedback.comment</c>) the card is replaced by its final state, so it cannot be sent twice;
/// the Action.Submit fallback (older clients) gets the thanks as a message.
/// </summary>
public sealed class FeedbackCommentAction(QuestionLog log, CardTemplates cards, Texts texts) : ICardAction, ICardExecute
{
    public const int MaxCommentLength = 1000;
    public const string ExecuteVerb = "feedback.comment";

    public string Name => "feedbackComment";

    public string Verb => ExecuteVerb;

    public async Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var (key, _) = await StoreAsync(turn, data, cancellationToken);
        return [OutgoingMessage.FromText(texts.Get(turn.Language, key))];
    }

    public async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var (key, comment) = await StoreAsync(turn, data, cancellationToken);
        if (key != "feedback.commentThanks")
        {
            // Nothing stored: leave the card open so the user can write again.
            return new CardExecuteResult(null, texts.Get(turn.Language, key));
        }

        return new CardExecuteResult(cards.Render("feedback-comment-done", new JsonObject
        {
            ["lang"] = CardLanguage.Code(turn.Language),
            ["status"] = texts.Get(turn.Language, key),
            ["hasComment"] = true,
            ["label"] = texts.Get(turn.Language, "feedback.commentSentLabel"),
            ["comment"] = comment,
        }));
    }

    private async Task<(string Key, string Comment)> StoreAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var comment = TextNormalizer.Prose(CardData.String(data, "comment"));
        if (comment.Length == 0)
        {
            return ("feedback.commentEmpty", comment);
        }

        if (comment.Length > MaxCommentLength)
        {
            comment = comment[..MaxCommentLength];
        }

        var stored = CardData.TryGetLong(data, "feedbackId", out var feedbackId)
            && await log.CommentAsync(feedbackId, turn.UserId, comment, cancellationToken);
        return (stored ? "feedback.commentThanks" : "feedback.unknown", comment);
    }
}
