using System.Text.Json;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Ask;

/// <summary>A follow-up or "did you mean" button (<c>{"action":"section","id":…}</c>): shows that section as an answer.</summary>
public sealed class SectionAction(IKnowledgeAnswerer answerer, QuestionLog log, AnswerPresenter presenter, Texts texts) : ICardAction
{
    public string Name => "section";

    public async Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var answer = CardData.String(data, "id") is { Length: > 0 and <= 200 } id ? answerer.Show(id, turn.Language) : null;
        if (answer is null)
        {
            return [OutgoingMessage.FromText(texts.Get(turn.Language, "ask.sectionUnknown"))];
        }

        var record = await log.RecordAsync(new QuestionRecord
        {
            ActivityId = turn.ActivityId,
            UserId = turn.UserId,
            ConversationId = turn.ConversationId,
            Question = answer.Citations[0].Title,
            Language = turn.Language,
            Answered = true,
            Confidence = 1,
            SectionIds = answer.Citations[0].Id,
        }, cancellationToken);
        return [presenter.Present(answer, record.Id, turn.Language, aiGenerated: false)];
    }
}
