using System.Text.RegularExpressions;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Japanese honorific language (keigo) read as its plain form, so that the politeness of a question does not stand in
/// for what it asks (docs/decisions/0060-polite-paraphrases.md). Each rule is a fact of the language, not a word of the
/// manual: 「ご教示いただけますでしょうか」「お伺いできますか」「お聞かせください」 ask to be told, which says nothing of
/// what is asked (the plain 「教えてください」 is a wrapper removed all the same) and is dropped;
/// 「〜ております」 is 「〜ています」, 「ございます」 is 「あります」, 「いらっしゃる」 is 「いる」, 「につきまして」 is 「について」; an
/// opening courtesy (「恐れ入りますが」「お忙しいところ恐縮ですが」) asks nothing. Read in a staff member's question only, as it
/// is written (the phrasings are the manual's own wording and are read as they stand, as ADR 0056 reads its glossary).
/// </summary>
public static partial class Keigo
{
    /// <summary>The text with its keigo in plain form (unchanged when it has none).</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(key))]
    public static string? Plain(string? key)
    {
        if (key is null || !Honorific().IsMatch(key))
        {
            return key;
        }

        var text = AskToBeTold().Replace(key, "");
        text = Courtesy().Replace(text, "");
        text = Humble().Replace(text, "$1いま");
        text = Gozaimasu().Replace(text, m => m.Value.StartsWith('で') ? "です" : "あり");
        text = Irassharu().Replace(text, "い");
        text = Oraremasu().Replace(text, "$1い");
        text = Concerning().Replace(text, m => m.Value.StartsWith("につ", StringComparison.Ordinal) ? "について" : "に関して");
        return text;
    }

    /// <summary>A cheap test that the text may hold keigo at all (most questions do not).</summary>
    [GeneratedRegex(@"教示|お教え|お聞かせ|伺|お示し|ご説明|ご案内|おりま|ござい|いらっしゃ|ておられ|でおられ|恐れ入|恐縮|まして|お忙しい|差し支え|申し訳|お手数")]
    private static partial Regex Honorific();

    /// <summary>
    /// A request to be told (with the comma before it), to the end of its sentence: 「ご教示いただけますでしょうか」「お教えいただけますか」「お聞かせください」
    /// 「お伺いできますでしょうか」「お伺いしたく存じます」「伺いたいです」「ご教示いただけますと幸いです」
    /// 「ご教示くださいますようお願い申し上げます」「お示しいただけますか」; only the hiragana of politeness may follow it to the sentence's end, so
    /// 「ご説明の仕方について」 keeps its content.
    /// </summary>
    [GeneratedRegex(@"[、,]?(?:ご教示|お教え|お聞かせ|お伺い|伺い|伺|お示し|ご説明|ご案内)(?:いただけ(?:ます|ません)|いただき(?:たい|たく)|頂け(?:ます|ません)|頂き(?:たい|たく)|くださいます|くださ|下さ|願えます|願い(?:ます|たい|たく)|でき(?:ます|ません)|し(?:たい|たく)|(?:たい|たく))?[ぁ-ん申上存幸願]*(?=[。?!？！\n]|$)")]
    private static partial Regex AskToBeTold();

    /// <summary>An opening courtesy that asks nothing: 「恐れ入りますが、」「恐れ入ります。」「お忙しいところ恐縮ですが、」「差し支えなければ」.</summary>
    [GeneratedRegex(@"(?:お忙しいところ|お手数ですが|お手数をおかけしますが)?(?:恐れ入ります(?:が)?|恐縮です(?:が)?|申し訳ありません(?:が)?|申し訳ございません(?:が)?)[、,。\s]*|差し支えなければ[、,\s]*")]
    private static partial Regex Courtesy();

    /// <summary>The humble 「〜ております」「〜でおります」 is 「〜ています」「〜でいます」.</summary>
    [GeneratedRegex(@"([てで])おりま")]
    private static partial Regex Humble();

    /// <summary>「ございます」 is 「あります」, 「でございます」 is 「です」 (「ございましたら」 → 「ありましたら」).</summary>
    [GeneratedRegex(@"でございます|ござい(?=ま)")]
    private static partial Regex Gozaimasu();

    /// <summary>The respectful 「いらっしゃる」 is 「いる」: 「動いていらっしゃる」 → 「動いている」, 「いらっしゃいます」 → 「います」,
    /// 「いらっしゃった」 → 「いった」 (read as 「いた」 would be, a verb of being).</summary>
    [GeneratedRegex(@"いらっしゃい(?=ま)|いらっしゃ(?=[るっ])")]
    private static partial Regex Irassharu();

    /// <summary>The respectful 「〜ておられる」 is 「〜ている」.</summary>
    [GeneratedRegex(@"([てで])おられ(?=[るまた])")]
    private static partial Regex Oraremasu();

    /// <summary>「につきまして」「に関しまして」 are 「について」「に関して」.</summary>
    [GeneratedRegex(@"につきまして|に関しまして")]
    private static partial Regex Concerning();
}
