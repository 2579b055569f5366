using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Ask;

/// <summary>Anything that is not a command is a question for the manual: answer it, record it, present it with its sources.</summary>
public sealed class AskHandler(
    AnswerService answers,
    QuestionLog log,
    AnswerPresenter presenter,
    Texts texts,
    ILogger<AskHandler> logger) : IFallbackHandler
{
    public async Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, string text, CancellationToken cancellationToken)
    {
        if (!text.Any(char.IsLetterOrDigit))
        {
            return [new OutgoingMessage
            {
                Text = texts.Get(turn.Language, "fallback.empty"),
                SuggestedActions = [new SuggestedAction(texts.Get(turn.Language, "command.help"), texts.Get(turn.Language, "command.help"))],
            }];
        }

        var (answer, aiGenerated) = await answers.AnswerAsync(text, turn.Language, cancellationToken);
        var record = await log.RecordAsync(new QuestionRecord
        {
            ActivityId = turn.ActivityId,
            UserId = turn.UserId,
            ConversationId = turn.ConversationId,
            Question = text.Length > 1000 ? text[..1000] : text,
            Language = turn.Language,
            Answered = answer.Answered,
            Confidence = answer.Confidence,
            SectionIds = string.Join(",", answer.Citations.Select(c => c.Id)),
        }, cancellationToken);
        logger.LogInformation("Question {QuestionId} {Outcome} (confidence {Confidence:F2}, sections {Sections})",
            record.Id, answer.Answered ? "answered" : "unanswered", answer.Confidence, record.SectionIds);
        return [presenter.Present(answer, record.Id, turn.Language, aiGenerated)];
    }

}
