using KyodoBot.Core.Conversations;
using KyodoBot.Core.Grounding;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;
using Microsoft.Extensions.Options;

namespace KyodoBot.Core.Ask;

/// <summary>
/// Answers a question from the manual: extractively by default; when Azure OpenAI is configured, the model writes a
/// grounded answer from the top passages, and the extractive answer stands in when the model is slow, fails, or
/// returns something unusable. The model is asked only when retrieval found something close, so an unrelated
/// question is refused without it.
/// </summary>
public sealed class AnswerService(
    IKnowledgeAnswerer answerer,
    IKnowledgeBase knowledge,
    GroundedAnswerer grounded,
    IOptions<AzureOpenAIOptions> groundingOptions,
    Texts texts)
{
    public async Task<(Answer Answer, bool AiGenerated)> AnswerAsync(string text, Language language, CancellationToken cancellationToken)
    {
        var extractive = answerer.Ask(text, language);
        if (!grounded.IsEnabled || (!extractive.Answered && extractive.Suggestions.Count == 0))
        {
            return (extractive, false);
        }

        var passages = knowledge.Search(text, groundingOptions.Value.MaxPassages);
        if (passages.Count == 0)
        {
            return (extractive, false);
        }

        var result = await grounded.TryAnswerAsync(text, language,
            passages.Select(p => new GroundingPassage(p.Section.Id, p.Section.Title, p.Text)).ToList(), cancellationToken);
        if (result is null)
        {
            return (extractive, false);
        }

        if (!result.Answered)
        {
            var close = passages.Select(p => new SectionRef(p.Section.Id, p.Section.Title)).Take(3).ToList();
            return (new Answer(false, texts.Get(language, "ask.noAnswer"), extractive.Confidence, [], close, extractive.Truncated), false);
        }

        var citations = result.Cited.Select(p => new Citation(p.Id, p.Title, AnswerComposer.Excerpt(p.Text))).ToList();
        return (new Answer(true, result.Text, extractive.Confidence, citations, extractive.Suggestions, extractive.Truncated), true);
    }

}
