using System.Text.Json.Nodes;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Ask;

/// <summary>
/// Turns an <see cref="Answer"/> into what Teams shows: the answer as plain text with [n] citation markers (Teams'
/// citation entity), and a card with the sources, related sections and 👍/👎 — the card also carries the sources
/// where citation entities are not rendered (the Agents Playground).
/// </summary>
public sealed class AnswerPresenter(CardTemplates cards, Texts texts, IKnowledgeBase knowledge)
{
    public OutgoingMessage Present(Answer answer, FeedbackKey feedback, Language language, bool aiGenerated)
    {
        string T(string key) => texts.Get(language, key);
        var note = Notes(answer, language, aiGenerated);
        if (!answer.Answered)
        {
            // The refusal itself is the message text, said once; the card only adds what text cannot (buttons).
            if (note.Length == 0 && answer.IsRequest && answer.Suggestions.Count == 0)
            {
                return new OutgoingMessage { Text = answer.Text, PlainText = true };
            }

            var refusal = cards.Render("no-answer", new JsonObject
            {
                ["lang"] = CardLanguage.Code(language),
                ["hasNote"] = note.Length > 0,
                ["note"] = note,
                ["hasRecorded"] = !answer.IsRequest,
                ["recorded"] = T("ask.recorded"),
                ["hasSuggestions"] = answer.Suggestions.Count > 0,
                ["didYouMeanLabel"] = T(answer.NearSuggestions ? "ask.nearLabel" : "ask.didYouMean"),
                ["suggestions"] = Sections(answer.Suggestions, language),
                // The asking activity: a click on a section is recorded as the asker's pick for this question.
                ["asked"] = feedback.ActivityId,
            });
            return new OutgoingMessage { Text = answer.Text, PlainText = true, CardJson = refusal };
        }

        var markers = MarkersNeeded(answer) ? " " + string.Concat(answer.Citations.Select((_, i) => $"[{i + 1}]")) : "";
        var card = cards.Render("answer", new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["hasNote"] = note.Length > 0,
            ["note"] = note,
            // What the manual lacks of what was asked (a date beside the question answered): a text run, so the
            // asker's own sentence quoted in it is never read as Markdown.
            ["hasMissing"] = answer.MissingNote.Length > 0,
            ["missing"] = answer.MissingNote,
            ["sourceLabel"] = T("ask.sourceLabel"),
            ["citations"] = new JsonArray(answer.Citations.Select((c, i) => (JsonNode)new JsonObject
            {
                ["label"] = $"[{i + 1}] {c.Title}",
                ["excerpt"] = c.Excerpt,
            }).ToArray()),
            ["hasSuggestions"] = answer.Suggestions.Count > 0,
            ["relatedLabel"] = T("ask.relatedLabel"),
            ["suggestions"] = Sections(answer.Suggestions, language),
            ["helpfulLabel"] = T("ask.helpful"),
            ["notHelpfulLabel"] = T("ask.notHelpful"),
            ["feedback"] = FeedbackData(feedback),
        });
        return new OutgoingMessage
        {
            Text = answer.Text + markers + (answer.MissingNote.Length > 0 ? "\n\n" + answer.MissingNote : ""),
            PlainText = true,
            CardJson = card,
            Citations = answer.Citations.Select((c, i) => new MessageCitation(i + 1, c.Title, c.Excerpt) { SectionText = c.SectionText }).ToList(),
            AiGenerated = aiGenerated,
        };
    }

    /// <summary>
    /// The clarifying question instead of a bare refusal (<see cref="AskBack"/>): the question as the message text, and a
    /// card with the principles of conduct and 「どれにも当てはまらない」, each carrying the asking activity so that the
    /// asker's choice is theirs (<see cref="SectionAction"/>, <see cref="AskBackNoneAction"/>).
    /// </summary>
    public OutgoingMessage PresentAskBack(Answer answer, IReadOnlyList<SectionRef> principles, string askedActivityId, Language language, bool aiGenerated)
    {
        string T(string key) => texts.Get(language, key);
        var note = Notes(answer, language, aiGenerated);
        var card = cards.Render("ask-back", new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["hasNote"] = note.Length > 0,
            ["note"] = note,
            ["recorded"] = T("ask.recorded"),
            ["principlesLabel"] = T("ask.askBackLabel"),
            ["principles"] = Sections(principles, language),
            ["noneLabel"] = T("ask.askBackNone"),
            ["asked"] = askedActivityId,
        });
        return new OutgoingMessage { Text = T("ask.askBack"), PlainText = true, CardJson = card };
    }

    /// <summary>A model's text already carries its own [n] markers; an extractive quote does not.</summary>
    private static bool MarkersNeeded(Answer answer) =>
        answer.Citations.Count > 0 && !answer.Text.Contains("[1]", StringComparison.Ordinal);

    private string Notes(Answer answer, Language language, bool aiGenerated)
    {
        var notes = new List<string>();
        if (answer.Truncated)
        {
            notes.Add(texts.Get(language, "ask.truncated"));
        }

        if (aiGenerated)
        {
            notes.Add(texts.Get(language, "ask.aiNote"));
        }

        return string.Join(" ", notes);
    }

    private static JsonObject FeedbackData(FeedbackKey feedback)
    {
        var data = new JsonObject();
        feedback.WriteTo(data);
        return data;
    }

    /// <summary>
    /// Related sections are links (a container with a select action), not buttons: Teams and the Playground cut a
    /// button title after about 20 full-width characters, a wrapping text shows the whole title (issue #12, item 5).
    /// In English a section is named by its English title when its knowledge file gives one (<see cref="KnowledgeSection.EnglishTitle"/>).
    /// </summary>
    private JsonArray Sections(IReadOnlyList<SectionRef> sections, Language language) =>
        new(sections.Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Id,
            ["title"] = language == Language.English && knowledge.Find(s.Id)?.EnglishTitle is { } english ? english : s.Title,
        }).ToArray());
}
