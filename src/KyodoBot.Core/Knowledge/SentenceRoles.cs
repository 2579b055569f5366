using System.Text.RegularExpressions;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// What a sentence around the question sentence of a long message does. Staff tell a matter as a story: who they are
/// and what the project is (the setting: 「来月からNPOとイベントをやります」), then what goes wrong or worries them (the
/// concern: 「どうも噛み合いません」「誰も確認していません」「後で揉めそうです」), then a question that is often vague
/// (「どう考えればいいでしょうか？」). The concern carries the matter; the setting's words (子ども食堂, 防災訓練, 課長) name
/// the situation and would otherwise decide the section (docs/decisions/0032-long-messages-sentence-by-sentence.md).
/// </summary>
public static partial class SentenceRoles
{
    /// <summary>
    /// The roles of a message's sentences: the question sentence (and those read with it), then each other sentence a
    /// concern or a setting. One sentence: just the question.
    /// </summary>
    public static IReadOnlyList<MessageSentence> Of(IReadOnlyList<string> sentences, int first, int focus, bool isEnglish) =>
        [.. sentences.Select((s, i) => new MessageSentence(s,
            i >= first && i <= focus ? SentenceRole.Question
            : CarriesConcern(s, isEnglish) ? SentenceRole.Concern
            : SentenceRole.Setting))];

    /// <summary>
    /// True for a sentence that tells a trouble, a worry or a contrast: a contrastive conjunction (しかし, でも, けど, のに,
    /// "but", "however"), a word of worry or friction (困, 不安, 心配, 違和感, 揉め, 噛み合わ, ぎくしゃく, 悩, 迷,
    /// "worried", "problem", "conflict"), or a negated predicate (〜ない, 〜ません, "not", "nobody"): what is missing or
    /// not working is what the question is about; or a trouble shape of <c>_troubles.tsv</c>
    /// (<see cref="KnowledgeVocabulary.MarkTroubles"/>), which tells a trouble without any of these words (「行事の中身は
    /// 一方的に決めて伝えることにした」; 5-fold harness: exact 669 → 672, group-or-part 763 → 765, another 253 → 252).
    /// </summary>
    public static bool CarriesConcern(string sentence, bool isEnglish) =>
        KnowledgeVocabulary.HoldsTroubleMark(sentence) || (isEnglish ? EnglishConcern() : JapaneseConcern()).IsMatch(sentence);

    /// <summary>
    /// True for a (Japanese) question sentence that points back at the story with a demonstrative: 「この状況って…」,
    /// 「こういう場合は…」, 「これで大丈夫？」, 「そんなときは？」. Then what the question asks about is what the
    /// concern sentences told (<see cref="KnowledgeIndex.Analyze"/>). この/これ before words of time (このまま, この先,
    /// これから, これまで) do not point back.
    /// </summary>
    public static bool PointsBack(string sentence) => JapanesePointsBack().IsMatch(sentence);

    [GeneratedRegex(@"こういう|こういった|こんな|こうした|このよう|そういう|そういった|そんな|そのよう|この(?!まま|先|後|前)|これ(?!から|まで)|それって")]
    private static partial Regex JapanesePointsBack();

    [GeneratedRegex(@"しかし|でも|けど|けれど|のに|ところが|困っ|困る|困り|不安|心配|違和感|揉め|もめ|噛み合|かみ合|ぎくしゃく|悩|迷っ|迷い|気になっ|問題|トラブル|苦情|不満|戸惑|とまど|曖昧|あいまい|モヤモヤ|もやもや|難し|大変|負担|対立|反発|ない|なく|ません|ず[、。]|ばかり|ばっか|誰も|だれも")]
    private static partial Regex JapaneseConcern();

    [GeneratedRegex(@"\b(?:but|however|although|though|yet|worr(?:y|ied|ies)|concern(?:ed|s)?|problems?|issues?|troubles?|struggl\w*|unsure|unclear|confus\w*|conflicts?|disagree\w*|complain\w*|frustrat\w*|difficult|hard|tension|friction|nobody|no one|never|not|no|can't|cannot|don't|doesn't|didn't|isn't|aren't|won't|haven't|hasn't)\b")]
    private static partial Regex EnglishConcern();
}

/// <summary>What a sentence of a message does (<see cref="SentenceRoles"/>).</summary>
public enum SentenceRole
{
    /// <summary>Sets the scene: who asks, what the project is, when.</summary>
    Setting,

    /// <summary>Tells a trouble, a worry or a contrast.</summary>
    Concern,

    /// <summary>The sentence that asks (with any sentence read with it).</summary>
    Question,
}

/// <summary>One sentence of a message (normalised) and its role.</summary>
public sealed record MessageSentence(string Text, SentenceRole Role);
