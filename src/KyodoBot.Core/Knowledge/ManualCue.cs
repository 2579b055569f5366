using System.Text.RegularExpressions;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// A question sentence that asks what the manual itself says: it names the document as the place to look
/// (「方針では」「指針に」「行動規範って」, "the policy", "this guideline") or asks what is written (書かれて, 書いてある,
/// 載って, 記載, 位置付け, 触れられて). The asker takes the matter to be in the manual; a question about something
/// the manual does not hold rarely says so (docs/decisions/0054-asks-what-the-manual-says.md). Rules of a law
/// (「NPO法で」「条例に」) are another text, so a writing verb beside one is no cue.
/// </summary>
public static partial class ManualCue
{
    /// <summary>True when a normalised question sentence (<see cref="Text.TextNormalizer.Key"/>) asks what the manual says.</summary>
    public static bool AsksWhatItSays(string sentence, bool isEnglish) =>
        isEnglish
            ? EnglishDocument().IsMatch(sentence)
            : JapaneseDocument().IsMatch(sentence) || (JapaneseWritten().IsMatch(sentence) && !JapaneseLaw().IsMatch(sentence));

    /// <summary>
    /// An English question with the manual named the way the policy is (docs/decisions/0058-english-staff-questions.md).
    /// "The plan" is the document where it is the place to look or what says something ("in the plan", "according to
    /// the plan", "what does the plan say", "does the plan mention …"), as 計画 before では/に is
    /// (<see cref="JapaneseDocument"/>), and "the kyodo plan" always is; elsewhere it stays a plan ("what happens to the
    /// plan if …" is its review, "the plan to expand the centre" a measure). And a verb that asks whether the document
    /// holds a matter ("does the policy mention / address / cover / talk about this problem?") asks what it says: "the
    /// policy say about", whose words weigh nothing, so that "address" (EDICT 講演) or "mention" is no matter the
    /// manual lacks.
    /// </summary>
    public static string EnglishDocumentNamed(string key, bool question = false)
    {
        var text = question ? EnglishSurveyFound().Replace(EnglishSurveyAsSource().Replace(key, "${before}policy"), "policy") : key;
        text = EnglishNamedPlan().Replace(text, "${det} policy");
        text = EnglishPlanAsPlace().Replace(text, "${at} ${det} policy");
        text = EnglishPlanSays().Replace(text, "${det} policy");
        return EnglishDocumentVerb().Replace(text, "${doc} say about");
    }

    private const string Determiner = @"(?<det>the|this|our|the city['’]s|city['’]s)\s+";

    private const string NotAPlanFor = @"\b(?!s\b|['’]s|\s+(?:for|to|of)\b)";

    /// <summary>The verbs that ask whether a document holds a matter ("does the policy mention / cover / talk about …").</summary>
    private const string Mentions = "mention|mentions|mentioned|address|addresses|addressed|cover|covers|covered|discuss|discusses|touch on|touches on|deal with|deals with|talk about|talks about|describe|describes|include|includes|have anything on|has anything on";

    /// <summary>What "the plan" says or holds: a verb of saying or one of <see cref="Mentions"/>.</summary>
    private const string Holds = "(?:say|says|said|state|states|" + Mentions + @"|have anything about|has anything about)\b";

    /// <summary>The names of the manual's surveys: 市民に対する意識調査, 市役所職員に対する調査, the basic (アンケート) survey.</summary>
    private const string Survey = @"(?:survey|surveys|questionnaire|questionnaires|poll|polls)";

    /// <summary>
    /// "According to the (resident) survey, …": the survey as the source of what is asked, whose findings the policy
    /// reports (調査によれば), so the policy, not a matter; the words before it ("resident") stay.
    /// </summary>
    [GeneratedRegex(@"(?<before>\baccording to\s+(?:(?:the|this|that|a|our|its|city['’]s)\s+)?(?:[a-z'’-]+\s+){0,3})" + Survey + @"\b")]
    private static partial Regex EnglishSurveyAsSource();

    /// <summary>
    /// "What did the survey (of city employees) find / show?", "the survey says": what the survey found, as the policy
    /// reports it.
    /// </summary>
    [GeneratedRegex(@"(?<=\b(?:the|this|that|a|our|its)\s+(?:[a-z'’-]+\s+){0,2})" + Survey + @"(?=(?:\s+of(?:\s+[a-z'’-]+){1,3})?\s+(?:actually\s+|really\s+)?(?:find|finds|found|show|shows|showed|shown|say|says|said|reveal|reveals|revealed|tell|tells|told)\b)")]
    private static partial Regex EnglishSurveyFound();

    [GeneratedRegex(@"\b" + Determiner + @"(?:kyodo|kyoudou|kyōdō)\s+(?:promotion\s+)?(?:plan|policy|guidelines?)\b")]
    private static partial Regex EnglishNamedPlan();

    [GeneratedRegex(@"\b(?<at>in|within|according to|under|from)\s+" + Determiner + @"(?:(?:collaboration|partnership)\s+)?(?:promotion\s+)?plan" + NotAPlanFor)]
    private static partial Regex EnglishPlanAsPlace();

    [GeneratedRegex(@"\b" + Determiner + @"(?:(?:collaboration|partnership)\s+)?(?:promotion\s+)?plan(?=\s+" + Holds + ")")]
    private static partial Regex EnglishPlanSays();

    [GeneratedRegex(@"\b(?<doc>(?:the|this|our|city['’]s)\s+(?:policy|guidelines?|document|framework|manual))\s+(?:(?:say|says|said)\s+)?(?:" + Mentions + @"|say anything about|says anything about)\b")]
    private static partial Regex EnglishDocumentVerb();

    [GeneratedRegex(@"(?:方針|指針|行動規範|ガイドライン|手引き|計画)(?:では|で|に|上|だと|的に|の中で|の記載|によると|には|として|って|は)")]
    private static partial Regex JapaneseDocument();

    [GeneratedRegex(@"書かれ|書いてあ|載って|記載|位置付け|位置づけ|触れられ|触れて|言及|うたわれ|謳われ|取り上げられ")]
    private static partial Regex JapaneseWritten();

    [GeneratedRegex(@"(?:法|条例|条)(?:で|に|上|では)")]
    private static partial Regex JapaneseLaw();

    [GeneratedRegex(@"\b(?:the|this|our|city['’]s)\s+(?:policy|policies|guideline|guidelines|document|plan|framework)\b")]
    private static partial Regex EnglishDocument();
}
