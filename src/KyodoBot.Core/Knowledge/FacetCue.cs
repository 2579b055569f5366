using System.Text.RegularExpressions;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// What a question sentence says about the sections it asks for, read from its wording alone (the counterpart of
/// <see cref="SectionFacets"/>). <see cref="Kind"/>: the kind asked for: a problem or a state (課題, 足りない,
/// "problem", "why don't"), a measure or a plan (取り組み, 予定, 何か手を打つ, 支援, "plan", "what is the city doing"),
/// or how to behave (べき, 気をつけること, "should I"). When a sentence holds cues of two kinds, the one that heads
/// the phrase decides: in Japanese the last (「課題に対する取り組み」 asks for a measure, 「支援が足りないのは課題？」 for a
/// problem), in English the first ("initiatives that respond to the problems" asks for measures)
/// (docs/decisions/0047-section-facets.md). A state told as 少ない/乏しい/不便 or a point raised (指摘, 現状認識) asks for a
/// problem too (docs/decisions/0060-polite-paraphrases.md).
/// </summary>
public static partial class FacetCue
{
    /// <summary>The kind asked for by a normalised question sentence (<see cref="Text.TextNormalizer.Key"/>).</summary>
    public static AskedKind Kind(string sentence, bool isEnglish)
    {
        var cues = isEnglish
            ? new[] { (AskedKind.Challenge, EnglishChallenge()), (AskedKind.Initiative, EnglishInitiative()), (AskedKind.Conduct, EnglishConduct()) }
            : [(AskedKind.Challenge, JapaneseChallenge()), (AskedKind.Initiative, JapaneseInitiative()), (AskedKind.Conduct, JapaneseConduct())];
        var kind = AskedKind.Any;
        var at = isEnglish ? int.MaxValue : -1;
        foreach (var (cueKind, pattern) in cues)
        {
            foreach (Match match in pattern.Matches(sentence))
            {
                var position = isEnglish ? match.Index : match.Index + match.Length;
                if (isEnglish ? position < at : position > at)
                {
                    (kind, at) = (cueKind, position);
                }
            }
        }

        return kind;
    }

    /// <summary>
    /// The parties a question sentence names (NPO, 市役所, 市民, 共通; "NPOs", "city hall", "citizens", "every party").
    /// </summary>
    public static SectionActor Actors(string sentence, bool isEnglish)
    {
        var named = SectionActor.None;
        foreach (var (actor, pattern) in isEnglish
            ? new[] { (SectionActor.Npo, EnglishNpo()), (SectionActor.City, EnglishCity()), (SectionActor.Citizens, EnglishCitizens()), (SectionActor.Common, EnglishCommon()) }
            : [(SectionActor.Npo, JapaneseNpo()), (SectionActor.City, JapaneseCity()), (SectionActor.Citizens, JapaneseCitizens()), (SectionActor.Common, JapaneseCommon())])
        {
            if (pattern.IsMatch(sentence))
            {
                named |= actor;
            }
        }

        // Several parties named with a word for what they share are every party (「市民も団体も市も、みんなに共通する課題」);
        // named one by one, or each (それぞれ, "each"), they ask for the whole list, which no one party's sections are.
        var parties = new[] { SectionActor.Npo, SectionActor.City, SectionActor.Citizens }.Count(a => named.HasFlag(a));
        var shared = named.HasFlag(SectionActor.Common);
        return (isEnglish ? EnglishEach() : JapaneseEach()).IsMatch(sentence) && (parties >= 2 || (shared && parties >= 1)) ? SectionActor.None
            : shared ? SectionActor.Common
            : parties >= 2 ? SectionActor.None
            : named;
    }

    /// <summary>
    /// True when a normalised question sentence asks for each or both of several things (それぞれ, 両方, "each",
    /// "both"): it asks for the parts together, not for one of them.
    /// </summary>
    public static bool AsksForEach(string sentence, bool isEnglish) =>
        (isEnglish ? EnglishEach() : JapaneseEach()).IsMatch(sentence) || (isEnglish ? EnglishBoth() : JapaneseBoth()).IsMatch(sentence);

    [GeneratedRegex(@"両方|両面|どちらも|どっちも")]
    private static partial Regex JapaneseBoth();

    [GeneratedRegex(@"\bboth\b")]
    private static partial Regex EnglishBoth();

    [GeneratedRegex(@"それぞれ|各々|おのおの|ごとに")]
    private static partial Regex JapaneseEach();

    [GeneratedRegex(@"\b(?:each|respectively|one by one)\b")]
    private static partial Regex EnglishEach();

    [GeneratedRegex(@"npo|ボランティア|市民活動|市民団体|団体(?!同士|間|相互)")]
    private static partial Regex JapaneseNpo();

    [GeneratedRegex(@"市役所|役所|庁内|職員|行政|市側|市当局")]
    private static partial Regex JapaneseCity();

    [GeneratedRegex(@"市民(?!活動|団体|センター|みらい)|住民")]
    private static partial Regex JapaneseCitizens();

    [GeneratedRegex(@"共通|みんな|皆|各主体|全員|誰にでも")]
    private static partial Regex JapaneseCommon();

    [GeneratedRegex(@"\b(?:npos?|nonprofits?|non-profits?|volunteer (?:groups?|organi[sz]ations?)|citizen groups?|civic groups?|community groups?)\b")]
    private static partial Regex EnglishNpo();

    [GeneratedRegex(@"\b(?:city hall|city staff|city employees|city workers|city officials|municipal|city side)\b")]
    private static partial Regex EnglishCity();

    [GeneratedRegex(@"\b(?:citizens?(?! groups?)|residents?(?!'? associations?)|the public)\b")]
    private static partial Regex EnglishCitizens();

    [GeneratedRegex(@"\b(?:every party|all parties|everyone|everybody|every one|shared?|common)\b")]
    private static partial Regex EnglishCommon();

    [GeneratedRegex(@"課題|問題|不足|足りな|少な(?!くとも)|乏し|不便|弊害|指摘|現状認識|足りて(?:い)?な|欠け|欠如|弱い|弱さ|困って|困りごと|困っている|悩み|不十分|十分(?:で|に)?(?:は)?(?:な|あり?ませ)|低い|低さ|進まな|広まらな|浸透して(?:い)?な|うまくいかな|うまくいってな|(?:なぜ|なんで|どうして)[^。?]*?(?:ない|なく|ません)|原因")]
    private static partial Regex JapaneseChallenge();

    [GeneratedRegex(@"取り?組|とりくみ|予定|計画|手を打|手打|打ち手|打つ手|対策|施策|方策|手立て|支援|研修|講座|用意|仕組み|整備|拡充|していく|やっていく|進めていく|増やす|増やして|(?<!説明|解説|紹介|整理|要約|列挙|リストアップ|リスト化|洗い出|書き出|抜き出|まとめ|一覧に|箇条書きに)(?:して|やって|助けて|手伝って|つくって|作って)(?:くれ|もらえ)|(?:市|役所|行政)(?:が|は|では|として|の方で)[^。?、]*?(?:やる|やって(?:い)?る|する|して(?:い)?る|行う|行って(?:い)?る|おこなう)(?:こと|もの)|ために(?:やる|やって(?:い)?る|する|して(?:い)?る|行う|行って(?:い)?る|できる)(?:こと|もの)")]
    private static partial Regex JapaneseInitiative();

    [GeneratedRegex(@"べき|気をつけ|気を付け|心がけ|心掛け|心構え|守る|守れば|守った")]
    private static partial Regex JapaneseConduct();

    [GeneratedRegex(@"\b(?:problems?|issues?|challenges?|difficult(?:y|ies)|lack(?:s|ing)?|shortages?|short of|not enough|too (?:few|little)|weak(?:ness(?:es)?)?|struggl(?:e|es|ing)|obstacles?|barriers?|why (?:don'?t|doesn'?t|do not|does not|isn'?t|aren'?t|can'?t|won'?t|is it hard|is it difficult)|hard to)\b")]
    private static partial Regex EnglishChallenge();

    [GeneratedRegex(@"\b(?:plans?|planned|planning|initiatives?|measures?|steps|actions?|support (?:for|to)|supports?|training|courses?|workshops?|programs?|programmes?|what (?:is|will) (?:the city|city hall|the government) (?:do|doing)|(?:the city|city hall) (?:does|is doing|will do|offers?|provides?)|being done|going to|will the city|does the city (?:do|offer|provide))\b")]
    private static partial Regex EnglishInitiative();

    [GeneratedRegex(@"\b(?:should (?:i|we)|how should|what should (?:i|we)|keep in mind|be careful)\b")]
    private static partial Regex EnglishConduct();
}
