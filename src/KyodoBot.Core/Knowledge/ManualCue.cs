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

    [GeneratedRegex(@"(?:方針|指針|行動規範|ガイドライン|手引き|計画)(?:では|で|に|上|だと|的に|の中で|の記載|によると|には|として|って|は)")]
    private static partial Regex JapaneseDocument();

    [GeneratedRegex(@"書かれ|書いてあ|載って|記載|位置付け|位置づけ|触れられ|触れて|言及|うたわれ|謳われ|取り上げられ")]
    private static partial Regex JapaneseWritten();

    [GeneratedRegex(@"(?:法|条例|条)(?:で|に|上|では)")]
    private static partial Regex JapaneseLaw();

    [GeneratedRegex(@"\b(?:the|this|our|city['’]s)\s+(?:policy|policies|guideline|guidelines|document|plan|framework)\b")]
    private static partial Regex EnglishDocument();
}
