using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Ask;

/// <summary>
/// Anything that is not a command is a question for the manual: answer it and present it with its sources.
/// An unanswered question is stored at once (it is what the editors need); an answered one is stored only when
/// someone gives feedback on it — its 👍/👎 buttons carry the question — so the database keeps what improves the
/// manual and not every question staff ever typed (data minimisation; see docs/decisions/0009-question-records.md).
/// </summary>
public sealed class AskHandler(
    AnswerService answers,
    QuestionLog log,
    AnswerPresenter presenter,
    AskBack askBack,
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
        var question = QuestionLog.Clip(text);
        var sections = string.Join(",", answer.Citations.Select(c => c.Id));
        var inPart = answer.Missing.Count > 0;
        logger.LogInformation("Question {Outcome} (confidence {Confidence:F2}, sections {Sections}, AI {AiGenerated})",
            inPart ? "answered in part" : answer.Answered ? "answered" : "unanswered", answer.Confidence, sections, aiGenerated);
        if ((!answer.Answered && !answer.IsRequest) || inPart)
        {
            // Answered only in part (a date asked beside the question answered): what the manual lacks is recorded as
            // unanswered — the fact question itself, which is what the editors can add — with the sections quoted.
            await log.RecordAsync(new QuestionRecord
            {
                ActivityId = turn.ActivityId,
                UserId = turn.UserId,
                ConversationId = turn.ConversationId,
                Question = inPart ? QuestionLog.Clip(string.Join(" ", answer.Missing.Select(m => m.Sentence))) : question,
                Language = turn.Language,
                Answered = false,
                Confidence = answer.Confidence,
                SectionIds = inPart ? sections : "",
            }, cancellationToken);
        }

        // A story about working with a partner that nothing near reaches is asked back, not left at a bare refusal;
        // it is recorded as unanswered all the same (docs/decisions/0040-clarify-ask-back.md).
        if (askBack.Applies(text, answer) && askBack.Principles() is { Count: > 0 } principles)
        {
            logger.LogInformation("Question asked back with {Count} principles", principles.Count);
            return [presenter.PresentAskBack(answer, principles, turn.ActivityId, turn.Language, aiGenerated)];
        }

        return [presenter.Present(answer, FeedbackKey.Of(turn.ActivityId, question, answer.Citations.Select(c => c.Id), answer.Confidence), turn.Language, aiGenerated)];
    }
}
