using System.Globalization;
using System.Text.Json.Nodes;
using KyodoBot.Core.Access;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Ask;

/// <summary>
/// <c>未回答一覧 [YYYY-MM-DD]</c> / <c>unanswered [since]</c>: questions the manual did not answer (or answered badly),
/// each with the sections most likely to answer it. The card under the list has, per question, one button per suggestion
/// (it adds the question as an alternate phrasing of that section and tells the askers, <see cref="AddPhrasingAction"/>)
/// and 「マニュアル外として登録」 (the manual does not answer it, <see cref="NotInManualAction"/>). Decided questions leave the list.
/// </summary>
public sealed class UnansweredCommand(QuestionLog log, IKnowledgeBase knowledge, CardTemplates cards, AdminPolicy admins, Texts texts, TimeProvider time) : ICommand
{
    public const int DefaultDays = 30;
    public const int Limit = 20;

    /// <summary>Questions with buttons on the card (the card stays far below Teams' size limit).</summary>
    public const int CardLimit = 10;

    public const int SuggestionsPerQuestion = 2;

    /// <summary>Characters of a section's title on a button: with 「」の言い換えに追加 around it, what fits on a button of
    /// a narrow card (the Playground's web UI clipped 20).</summary>
    public const int MaxTitleShown = 12;

    public IReadOnlyList<string> Keywords { get; } = ["未回答一覧", "未回答", "unanswered"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Turn.Language;
        if (!admins.IsAdmin(context.Turn))
        {
            return [OutgoingMessage.FromText(texts.Get(language, admins.RefusalKey("unanswered.notAdmin")))];
        }

        DateTimeOffset since;
        if (context.Argument.Length == 0)
        {
            since = time.GetUtcNow().AddDays(-DefaultDays);
        }
        else if (!DateTimeOffset.TryParseExact(context.Argument.Replace('/', '-'), ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out since))
        {
            return [OutgoingMessage.FromText(texts.Get(language, "unanswered.badDate"))];
        }

        var lines = await log.UnansweredAsync(since, Limit, cancellationToken);
        var sinceText = since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (lines.Count == 0)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "unanswered.none", sinceText))];
        }

        var suggestions = lines.Select(l => Suggest(knowledge, l.Question, l.Picked)).ToList();
        var items = lines.Select((l, i) => texts.Get(language, "unanswered.item",
            Markdown.Escape(l.Question.Length > 80 ? l.Question[..80] + "…" : l.Question),
            l.UnansweredCount,
            l.DownvoteCount,
            l.LastAsked.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            + string.Concat(l.Comments.Take(3).Select(c => "\n  - " + Markdown.Escape(c.Length > 100 ? c[..100] + "…" : c)))
            + (suggestions[i].Count > 0
                ? "\n  - " + texts.Get(language, "unanswered.suggested", string.Join(" / ", suggestions[i].Select(s => s.Picked
                    ? texts.Get(language, "unanswered.pickedMark", Markdown.Escape(s.Section.Title))
                    : Markdown.Escape(s.Section.Title))))
                : ""));
        return [new OutgoingMessage
        {
            Text = texts.Get(language, "unanswered.header", lines.Count, sinceText) + "\n\n" + string.Join("\n", items),
            CardJson = Card(lines, suggestions, language),
        }];
    }

    /// <summary>
    /// The sections to offer for a question: those its askers picked under the refusal (marked, first), then the
    /// <see cref="SuggestionsPerQuestion"/> nearest by the answerer's own ranking (<see cref="IKnowledgeBase.Nearest"/>:
    /// the phrasing vote, by sentence for a long message, and the lexical ranking). On the development sets' refused
    /// questions that ranking has the right section among its first two about three times as often as the lexical search
    /// of the question sentence did (docs/decisions/0036-near-sections-on-refusals.md).
    /// </summary>
    public static IReadOnlyList<SuggestedSection> Suggest(IKnowledgeBase knowledge, string question, IReadOnlyList<string>? picked = null)
    {
        var result = new List<SuggestedSection>();
        foreach (var id in picked ?? [])
        {
            if (knowledge.Find(id) is { } section && result.Count < SuggestionsPerQuestion)
            {
                result.Add(new SuggestedSection(new SectionRef(section.Id, section.Title), Picked: true));
            }
        }

        var nearest = knowledge.Nearest(question, SuggestionsPerQuestion + result.Count)
            .Where(s => !result.Any(r => r.Section.Id == s.Id))
            .Take(SuggestionsPerQuestion);
        result.AddRange(nearest.Select(s => new SuggestedSection(s, Picked: false)));
        return result;
    }

    private string Card(IReadOnlyList<UnansweredQuestion> lines, IReadOnlyList<IReadOnlyList<SuggestedSection>> suggestions, Language language)
    {
        var items = new JsonArray();
        for (var i = 0; i < lines.Count && items.Count < CardLimit; i++)
        {
            var line = lines[i];
            items.Add(new JsonObject
            {
                ["question"] = line.Question,
                ["counts"] = texts.Get(language, "unanswered.counts", line.UnansweredCount, line.DownvoteCount),
                ["lang"] = CardLanguage.Code(language),
                ["notInManual"] = texts.Get(language, "unanswered.notInManual"),
                ["hasPicked"] = suggestions[i].Any(s => s.Picked),
                ["picked"] = texts.Get(language, "unanswered.picked", string.Join(" / ", suggestions[i].Where(s => s.Picked).Select(s => s.Section.Title))),
                // The buttons show a cut title (and the whole one only as a tooltip, which a phone never shows): the
                // whole titles of the other candidates are written above them (text runs: a title is never read as Markdown).
                ["hasCandidates"] = suggestions[i].Any(s => !s.Picked),
                ["candidates"] = texts.Get(language, "unanswered.suggested", string.Join(" / ", suggestions[i].Where(s => !s.Picked).Select(s => s.Section.Title))),
                ["suggestions"] = new JsonArray([.. suggestions[i].Select(s => (JsonNode)new JsonObject
                {
                    ["id"] = s.Section.Id,
                    // Teams cuts a long button title off at the card's edge: cut the section's title, the whole one is the tooltip.
                    ["label"] = texts.Get(language, s.Picked ? "unanswered.addPicked" : "unanswered.add", Ellipsis.Cut(s.Section.Title, MaxTitleShown)),
                    ["tooltip"] = texts.Get(language, "unanswered.add", s.Section.Title),
                    ["question"] = line.Question,
                    ["lang"] = CardLanguage.Code(language),
                })]),
            });
        }

        return cards.Render("unanswered", new JsonObject
        {
            ["title"] = texts.Get(language, "unanswered.cardTitle"),
            ["hint"] = texts.Get(language, "unanswered.cardHint"),
            ["items"] = items,
        });
    }
}

/// <summary>A section offered for an unanswered question; <paramref name="Picked"/> when its asker chose it under the refusal.</summary>
public sealed record SuggestedSection(SectionRef Section, bool Picked);
