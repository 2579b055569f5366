using System.Text.RegularExpressions;
using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Sentence ends for a Japanese message typed on a phone with spaces in place of 。 and ？
/// (「昨日NPOの代表から連絡があって 市が決めたことを押し付けないでほしいと言われました 方針ではどう考えればいいですか」): the
/// spaces between long runs become 「。」, so that the question is read as the sentence that asks and the story around
/// it as context, as when it is punctuated (docs/decisions/0078-sentences-typed-without-punctuation.md). Without spaces
/// either, a polite ending (ました, です …) right before a new clause's first word ends a sentence. A message with any
/// sentence end of its own is left alone, and so are short runs: 「協働 原則 一覧」 are search words, not sentences.
/// </summary>
public static partial class Punctuation
{
    /// <summary>Both sides of a space must be at least this long to end a sentence there.</summary>
    private const int MinRun = 8;

    public static string Restore(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Length < 2 * MinRun || SentenceEnd().IsMatch(text) || !LanguageResolver.HasHiragana(text))
        {
            return text;
        }

        // No spaces either (「…連絡がありました市が決めたことを…」): a polite ending followed by a new clause's first word
        // (a kanji, katakana or Latin word, a quotation) ends a sentence; ですが, ますので go on.
        var runs = Space().Split(text.Trim());
        if (runs.Length == 1)
        {
            return PoliteEnd().Replace(text, m => m.Index >= MinRun && text.Length - (m.Index + m.Length) >= MinRun ? m.Value + "。" : m.Value);
        }

        // A sentence ends in its predicate (…ました, …のか, …って: hiragana); a run ending in a kanji or katakana word is a
        // topic typed before the question (「ふぁしりてーたー研修 企画してるって聞いたけど…」).
        var result = new System.Text.StringBuilder(text.Length + runs.Length);
        for (var i = 0; i < runs.Length; i++)
        {
            result.Append(runs[i]);
            if (i < runs.Length - 1)
            {
                var ends = runs[i].Length >= MinRun && runs[i + 1].Length >= MinRun
                    && TermAnalyzer.IsHiragana(runs[i][^1]) && LanguageResolver.IsJapanese(runs[i + 1][0]);
                result.Append(ends ? "。" : " ");
            }
        }

        return result.ToString();
    }

    [GeneratedRegex(@"[。．！？!?\n]")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?:ました|ませんでした|ません|でした|です|ます)(?=[\u3400-\u9FFF\u30A0-\u30FFA-Za-z0-9「])")]
    private static partial Regex PoliteEnd();

    [GeneratedRegex(@"[ \t\u3000]+")]
    private static partial Regex Space();
}
