using System.Globalization;
using System.Text.RegularExpressions;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Dialogs.Parsing;

/// <summary>
/// Picks one option from what the user typed, after NFKC and case folding: the option's text in either language, its
/// stored value, its number in the list as shown (<c>1</c>, <c>1.</c>, <c>①</c>, <c>１</c>, <c>1番</c>), or — when
/// exactly one option fits — a part of its text (<c>NPO</c> → NPO法人) or a sentence containing it (「NPO法人です」).
/// </summary>
public static partial class ChoiceMatcher
{
    [GeneratedRegex(@"^\(?(\d{1,3})[.)番:]?$")]
    private static partial Regex Numbered();

    /// <summary>The index of the matching option in <paramref name="optionTexts"/> (each option's accepted spellings), or -1.</summary>
    public static int Match(IReadOnlyList<IReadOnlyList<string>> optionTexts, string? input)
    {
        var key = TextNormalizer.Key(input).Trim().TrimEnd('。', '.', '!', '！').Trim('「', '」', '"', '\'');
        if (key.Length == 0)
        {
            return -1;
        }

        var keys = optionTexts.Select(texts => texts.Select(TextNormalizer.Key).Where(k => k.Length > 0).ToList()).ToList();
        var exact = keys.FindIndex(texts => texts.Contains(key, StringComparer.Ordinal));
        if (exact >= 0)
        {
            return exact;
        }

        if (Numbered().Match(key) is { Success: true } number)
        {
            var n = int.Parse(number.Groups[1].Value, CultureInfo.InvariantCulture);
            return n >= 1 && n <= optionTexts.Count ? n - 1 : -1;
        }

        if (key.Length < 2)
        {
            return -1;
        }

        var partial = keys.Select((texts, i) => (texts, i))
            .Where(o => o.texts.Any(t => t.Contains(key, StringComparison.Ordinal) || (t.Length >= 2 && key.Contains(t, StringComparison.Ordinal))))
            .Select(o => o.i)
            .ToList();
        return partial.Count == 1 ? partial[0] : -1;
    }

    public static ChoiceOption? Match(IReadOnlyList<ChoiceOption> choices, string? input)
    {
        var index = Match(choices.Select(c => (IReadOnlyList<string>)[c.Value, c.Label.Ja, c.Label.En]).ToList(), input);
        return index >= 0 ? choices[index] : null;
    }

    public static string? Match(IReadOnlyList<string> names, string? input)
    {
        var index = Match(names.Select(n => (IReadOnlyList<string>)[n]).ToList(), input);
        return index >= 0 ? names[index] : null;
    }
}
