using System.Text.Json;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Ask;

/// <summary>
/// A follow-up or "did you mean" button (<c>{"action":"section","id":…}</c>): shows that section as an answer. A button
/// under a refusal also carries the activity that asked (<c>"asked"</c>): the asker's click is recorded as their pick
/// for that question (<see cref="QuestionLog.PickAsync"/>), which 未回答一覧 offers the editors first.
/// </summary>
public sealed class SectionAction(IKnowledgeAnswerer answerer, AnswerPresenter presenter, QuestionLog log, Texts texts) : ICardAction
{
    public string Name => "section";

    public async Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var answer = CardData.String(data, "id") is { Length: > 0 and <= 200 } id ? answerer.Show(id, turn.Language) : null;
        if (answer is null || answer.Citations.Count == 0)
        {
            return [OutgoingMessage.FromText(texts.Get(turn.Language, "ask.sectionUnknown"))];
        }

        var section = answer.Citations[0];
        if (CardData.String(data, "asked") is { Length: > 0 and <= 256 } asked)
        {
            await log.PickAsync(asked, turn.UserId, section.Id, cancellationToken);
        }

        var feedback = FeedbackKey.Of(turn.ActivityId, section.Title, [section.Id], answer.Confidence);
        return [presenter.Present(answer, feedback, turn.Language, aiGenerated: false)];
    }
}
