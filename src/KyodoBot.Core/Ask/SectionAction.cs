using System.Text.Json;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Ask;

/// <summary>A follow-up or "did you mean" button (<c>{"action":"section","id":…}</c>): shows that section as an answer.</summary>
public sealed class SectionAction(IKnowledgeAnswerer answerer, AnswerPresenter presenter, Texts texts) : ICardAction
{
    public string Name => "section";

    public Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var answer = CardData.String(data, "id") is { Length: > 0 and <= 200 } id ? answerer.Show(id, turn.Language) : null;
        if (answer is null || answer.Citations.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<OutgoingMessage>>([OutgoingMessage.FromText(texts.Get(turn.Language, "ask.sectionUnknown"))]);
        }

        var section = answer.Citations[0];
        var feedback = FeedbackKey.Of(turn.ActivityId, section.Title, [section.Id], answer.Confidence);
        return Task.FromResult<IReadOnlyList<OutgoingMessage>>([presenter.Present(answer, feedback, turn.Language, aiGenerated: false)]);
    }
}
