using System.Text.RegularExpressions;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// A member asked for by its place in a group (「7つの約束のうち、最初のやつ」, 「2つ目の課題」, 「最後の原則」, "the third
/// one", "the last principle"): the ordinal and the word it modifies (its head: やつ, 課題, "one", "principle"). An ordinal
/// is a modifier, so it is read only before a noun — 「最初の」 and 〜目 followed by の, an English ordinal after "the" —
/// and 「最初に」, "first of all", "at first" (the order of doing) are not positions
/// (docs/decisions/0062-groups-ordinals-and-the-rest.md).
/// </summary>
public static partial class PositionCue
{
    /// <summary>The position asked (1-based; <see cref="Last"/> for the last), and its head; null when the sentence asks none.</summary>
    public static (int Position, string Head)? Of(string sentence, bool isEnglish)
    {
        var match = (isEnglish ? English() : Japanese()).Match(sentence);
        if (!match.Success)
        {
            return null;
        }

        var word = match.Groups["n"].Value;
        var position = isEnglish ? EnglishPosition(word) : JapanesePosition(word);
        return position == 0 ? null : (position, match.Groups["head"].Value);
    }

    /// <summary>The position of the last member.</summary>
    public const int Last = -1;

    /// <summary>
    /// True when the head is a word that stands for the member itself (やつ, もの, "one", "item"), or there is none
    /// (「NPOの課題の2つ目」: 〜目 is the member itself): the group is the one the rest of the question names.
    /// </summary>
    public static bool IsPronoun(string head) => head.Length == 0 || Pronoun().IsMatch(head);

    /// <summary>The question says which group it counts in (「7つの約束のうち」, 「の中で」, "of the seven", "in the list").</summary>
    public static bool Partitive(string sentence, bool isEnglish) => (isEnglish ? EnglishPartitive() : JapanesePartitive()).IsMatch(sentence);

    private static int JapanesePosition(string word) => word switch
    {
        "最初" or "初め" or "はじめ" or "一番最初" or "いちばん最初" or "一番初め" => 1,
        "最後" or "一番最後" or "いちばん最後" or "ラスト" => Last,
        _ => Number(word),
    };

    private static int Number(string word)
    {
        var digits = word.TrimStart('第');
        if (int.TryParse(digits, out var n))
        {
            return n is >= 1 and <= 9 ? n : 0;
        }

        return digits switch
        {
            "一" or "ひと" => 1,
            "二" or "ふた" => 2,
            "三" or "みっ" => 3,
            "四" or "よっ" or "よん" => 4,
            "五" or "いつ" => 5,
            "六" or "むっ" => 6,
            "七" or "なな" => 7,
            _ => 0,
        };
    }

    private static int EnglishPosition(string word) => word switch
    {
        "first" or "1st" => 1,
        "second" or "2nd" => 2,
        "third" or "3rd" => 3,
        "fourth" or "4th" => 4,
        "fifth" or "5th" => 5,
        "sixth" or "6th" => 6,
        "seventh" or "7th" => 7,
        "last" or "final" => Last,
        _ => 0,
    };

    [GeneratedRegex(@"(?<n>(?:一番|いちばん)?最初|(?:一番|いちばん)?最後|一番初め|初め|はじめ|ラスト|(?:\d|[一二三四五六七]|ひと|ふた|みっ|よっ|よん|いつ|むっ|なな)(?=(?:つ|個|番)目)|第(?:\d|[一二三四五六七])(?![章節条回項号]))(?:(?:つ|個|番)目(?:の(?<head>[^、。?!\s]{0,6}))?|の(?<head>[^、。?!\s]{0,6}))")]
    private static partial Regex Japanese();

    [GeneratedRegex(@"\bthe (?:very )?(?<n>first|second|third|fourth|fifth|sixth|seventh|last|final|1st|2nd|3rd|[4-7]th) (?<head>[a-z]+)")]
    private static partial Regex English();

    [GeneratedRegex(@"^(?:やつ|ヤツ|奴|もの|もん|ほう|方|項目|点|の|こと)|^(?:one|ones|of|item|items|point|points|entry|thing)$")]
    private static partial Regex Pronoun();

    [GeneratedRegex(@"うち|の中で|のなかで")]
    private static partial Regex JapanesePartitive();

    [GeneratedRegex(@"\b(?:of the|among the|in the list|on the list)\b")]
    private static partial Regex EnglishPartitive();
}
