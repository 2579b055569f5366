using System.Text.RegularExpressions;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Ask;

/// <summary>
/// The clarifying question (docs/decisions/0040-clarify-ask-back.md): a story about working with a partner that the
/// manual does not answer, and for which nothing near can be offered, is asked back — 「…次の行動規範のどれに近い
/// ご相談でしょうか？」 with the principles of conduct as buttons and 「どれにも当てはまらない」 — instead of ending in a
/// bare refusal. The question is recorded as unanswered as before; a principle pressed is the asker's pick
/// (<see cref="QuestionLog.PickAsync"/>, through <see cref="SectionAction"/>).
/// </summary>
public sealed partial class AskBack(KnowledgeBase knowledge)
{
    /// <summary>The manual's group of the principles of conduct (3章 行動規範); its parts named 「（…の原則）」 are the buttons.</summary>
    public const string PrinciplesGroup = "principles-intro";

    /// <summary>
    /// Letters a message needs to tell a situation, in two sentences or more / in one. Japanese: about the median length
    /// of the shipped phrasings (31 characters) and twice it; English text runs about twice as long (median 66).
    /// </summary>
    internal const int StoryLength = 30;
    internal const int LongLength = 60;
    internal const int EnglishStoryLength = 65;
    internal const int EnglishLongLength = 130;

    /// <summary>
    /// Words naming a collaboration partner or a joint activity: the manual's own (団体, NPO, ボランティア, 市民, 地域,
    /// 協働 …) and the everyday variants <c>knowledge/_synonyms.yaml</c> maps onto them (自治会/町内会 → 地域団体,
    /// コラボ → 協働). Compared on <see cref="TextNormalizer.Key"/> (NFKC, lower case). A test keeps each one a word of the
    /// knowledge folder.
    /// </summary>
    internal static readonly string[] JapanesePartnerWords =
        ["協働", "団体", "npo", "ボランティア", "市民", "住民", "地域", "自治会", "町内会", "パートナー", "連携", "コラボ"];

    /// <summary>English words for the same, each one an entry of <c>knowledge/_glossary.yaml</c> (a test keeps it so).</summary>
    internal static readonly string[] EnglishPartnerWords =
    [
        "group", "groups", "organization", "organizations", "organisation", "organisations", "volunteer", "volunteers",
        "npo", "npos", "nonprofit", "non-profit", "citizen", "citizens", "resident", "residents", "partner", "partnership",
        "collaboration", "collaborate", "cooperation", "cooperate", "community",
    ];

    private static readonly HashSet<string> EnglishPartners = new(EnglishPartnerWords, StringComparer.Ordinal);

    /// <summary>
    /// True when the reply to <paramref name="message"/> should ask back rather than refuse: a refusal with no section to
    /// click, that is neither a request (ADR 0034's "what I can do") nor a question for a fact the manual lacks (ADR 0037's
    /// 「…については、所管課にご確認ください。」), of a message that reads as a story about working with a partner
    /// (<see cref="IsPartnerStory"/>) and whose question is not about other matters (<see cref="AsksAboutOtherMatters"/>).
    /// </summary>
    public bool Applies(string message, Answer answer) => Applies(knowledge.Current, message, answer);

    /// <inheritdoc cref="Applies(string, Answer)"/>
    public static bool Applies(KnowledgeIndex index, string message, Answer answer) =>
        !answer.Answered && !answer.IsRequest && answer.Suggestions.Count == 0
        && answer.FactAsked == AnswerKind.Any && answer.Missing.Count == 0
        && IsPartnerStory(message) && !AsksAboutOtherMatters(index, message);

    /// <summary>
    /// How many things the manual has no word for the question sentence may name and still be asked back: one is how
    /// staff say things (姿勢, 次回, 本来); two or more — an insurance and its procedure, a permit under a law, a period
    /// and a ceiling amount, an hourly rate for interpreters — is a question about matters the manual does not cover,
    /// where the principles are no help (5-fold harness: negatives asked back 13 → 3 of 274, phrasings 8 → 5 of 408).
    /// </summary>
    internal const int OtherMattersNamed = 2;

    /// <summary>
    /// True when the question sentence (<see cref="QuestionAnalyzer.QuestionSentence"/>, the story's own question, not
    /// the story) names at least <see cref="OtherMattersNamed"/> things no section holds: words of the manual's weight
    /// for a word it lacks (<see cref="KnowledgeIndex.Weights(Question, bool[])"/>: a noun whole, a common verb or
    /// adjective a quarter, a lone kanji half), so only whole nouns count (over three quarters of that weight).
    /// </summary>
    public static bool AsksAboutOtherMatters(KnowledgeIndex index, string message)
    {
        var question = index.Analyze(QuestionAnalyzer.QuestionSentence(message ?? ""));
        if (question.Concepts.Count == 0)
        {
            return false;
        }

        var unknown = new bool[question.Concepts.Count];
        var weights = index.Weights(question, unknown);
        var noun = 0.75 * index.Idf(0);
        return Enumerable.Range(0, weights.Length).Count(i => unknown[i] && weights[i] >= noun) >= OtherMattersNamed;
    }

    /// <summary>
    /// A story: at least <see cref="StoryLength"/> letters in two sentences or more, or <see cref="LongLength"/> in one
    /// (English: <see cref="EnglishStoryLength"/> / <see cref="EnglishLongLength"/>) — and about a partner: a word of
    /// <see cref="JapanesePartnerWords"/> (English: <see cref="EnglishPartnerWords"/>).
    /// </summary>
    public static bool IsPartnerStory(string message)
    {
        var text = TextNormalizer.Key(QuestionAnalyzer.StripMarkup(QuestionAnalyzer.Truncate(message ?? "").Text));
        var english = !LanguageResolver.ContainsJapanese(text) && text.Any(char.IsAsciiLetter);
        var letters = text.Count(char.IsLetterOrDigit);
        var sentences = QuestionAnalyzer.Sentences(text, english).Count;
        var (story, longOne) = english ? (EnglishStoryLength, EnglishLongLength) : (StoryLength, LongLength);
        if (letters < story || (sentences < 2 && letters < longOne))
        {
            return false;
        }

        return english
            ? EnglishWord().Matches(text).Any(m => EnglishPartners.Contains(m.Value) || m.Value.Split('-').Any(EnglishPartners.Contains))
            : JapanesePartnerWords.Any(w => text.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>
    /// The principles of conduct to offer, in the manual's order, each named by its title without the chapter number
    /// (「3章 1 同じ目的に向かって進もう(目的共有の原則)」 → 「同じ目的に向かって進もう（目的共有の原則）」: someone who tells a story
    /// may not know what 目的共有 stands for; the title's own sentence says it); a part that names two principles (the ☆ note
    /// on public money) is not one of them. Empty when the knowledge folder has no such group: then nothing is asked back.
    /// </summary>
    public IReadOnlyList<SectionRef> Principles()
    {
        if (knowledge.Find(PrinciplesGroup) is not { } group)
        {
            return [];
        }

        var principles = new List<SectionRef>();
        foreach (var id in group.ChildIds)
        {
            if (knowledge.Find(id) is { } part && PrincipleName().Match(TextNormalizer.Normalize(part.Title)) is { Success: true } name)
            {
                var saying = name.Groups["saying"].Value.Trim();
                principles.Add(new SectionRef(part.Id, saying.Length > 0 ? $"{saying}（{name.Groups["name"].Value}）" : name.Groups["name"].Value));
            }
        }

        return principles.Count >= 2 ? principles : [];
    }

    [GeneratedRegex(@"[a-z]+(?:-[a-z]+)?")]
    private static partial Regex EnglishWord();

    /// <summary>A title ending in a parenthesised 「…の原則」 that names one principle (no ・), after its chapter number and its saying.</summary>
    [GeneratedRegex(@"^(?:\d+章\s*\d*\s*)?(?<saying>[^()]*?)\s*\((?<name>[^()・]+の原則)\)\s*$")]
    private static partial Regex PrincipleName();
}
