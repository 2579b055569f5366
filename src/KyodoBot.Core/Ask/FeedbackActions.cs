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

/// <summary>The optional comment after a 👎 (<c>{"action":"feedbackComment","feedbackId":…,"comment":"…"}</c>).</summary>
public sealed class FeedbackCommentAction(QuestionLog log, Texts texts) : ICardAction
{
    public const int MaxCommentLength = 1000;

    public string Name => "feedbackComment";

    public async Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var comment = TextNormalizer.Prose(CardData.String(data, "comment"));
        if (comment.Length == 0)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "feedback.commentEmpty"))];
        }

        if (comment.Length > MaxCommentLength)
        {
            comment = comment[..MaxCommentLength];
        }

        var stored = CardData.TryGetLong(data, "feedbackId", out var feedbackId)
            && await log.CommentAsync(feedbackId, turn.UserId, comment, cancellationToken);
        return [OutgoingMessage.FromText(texts.Get(language, stored ? "feedback.commentThanks" : "feedback.unknown"))];
    }
}
