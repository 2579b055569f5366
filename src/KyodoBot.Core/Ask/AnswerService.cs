using KyodoBot.Core.Conversations;
using KyodoBot.Core.Grounding;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;
using Microsoft.Extensions.Options;

namespace KyodoBot.Core.Ask;

/// <summary>
/// Answers a question from the manual: extractively by default; when Azure OpenAI is configured, the model writes a
/// grounded answer from the top passages, and the extractive answer stands in when the model is slow, fails, or
/// returns something unusable. A small knowledge base (at most <c>AzureOpenAI:GroundAllSectionsUpTo</c> sections) is
/// sent whole, best-ranked first, whatever retrieval scored, so wording unlike the manual's does not stop a good answer;
/// a larger one sends the top passages, and only when retrieval found something close (a section that shares the
/// question's words, not only the near sections of <see cref="Answer.NearSuggestions"/>). Requests that are not
/// questions never reach the model.
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
        var options = groundingOptions.Value;
        var groundAll = knowledge.SectionCount > 0 && knowledge.SectionCount <= options.GroundAllSectionsUpTo;
        // A refusal is grounded on a larger knowledge base only when some section shares the question's words: near
        // sections (placed by the phrasings alone) are no passages to ground on (docs/decisions/0036-near-sections-on-refusals.md).
        if (!grounded.IsEnabled || extractive.IsRequest
            || (!groundAll && !extractive.Answered && (extractive.Suggestions.Count == 0 || extractive.NearSuggestions)))
        {
            return (extractive, false);
        }

        var passages = groundAll ? knowledge.All(text) : knowledge.Search(text, options.MaxPassages);
        if (passages.Count == 0)
        {
            return (extractive, false);
        }

        var result = await grounded.TryAnswerAsync(text, language,
            passages.Select(p => new GroundingPassage(p.Section.Id, p.Section.Title, p.Text)).ToList(), cancellationToken,
            groundAll ? passages.Count : null);
        if (result is null)
        {
            return (extractive, false);
        }

        if (!result.Answered)
        {
            if (extractive.NearSuggestions)
            {
                // The model found no answer either: the near sections, said to be near, still help more than none.
                return (extractive, false);
            }

            var close = passages.Where(p => p.Score > 0).Select(p => new SectionRef(p.Section.Id, p.Section.Title)).Take(3).ToList();
            // FactAsked kept: a question for a date the manual lacks is not asked back which principle it is about.
            return (new Answer(false, texts.Get(language, "ask.noAnswer"), extractive.Confidence, [], close, extractive.Truncated)
            {
                FactAsked = extractive.FactAsked,
            }, false);
        }

        var citations = result.Cited
            .Select(p => knowledge.Find(p.Id) is { } section ? Citation.Of(section, p.Text) : new Citation(p.Id, p.Title, AnswerComposer.Excerpt(p.Text)))
            .ToList();
        // The model saw the whole message; what the extractive answer found missing stays said (the model is told to
        // answer from the passages only, so it has no date to give either).
        return (new Answer(true, result.Text, extractive.Confidence, citations, extractive.Suggestions, extractive.Truncated)
        {
            Missing = extractive.Missing,
            MissingNote = extractive.MissingNote,
        }, true);
    }

}
