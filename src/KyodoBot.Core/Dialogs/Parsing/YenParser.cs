using System.Globalization;
using System.Text.RegularExpressions;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Dialogs.Parsing;

public enum YenParseError
{
    None,
    /// <summary>Not an amount we read.</summary>
    Format,
    /// <summary>Below zero.</summary>
    Negative,
    /// <summary>Has a fraction of a yen (<c>1.5円</c>, <c>1.23456万円</c>).</summary>
    Fraction,
    /// <summary>Larger than we can store.</summary>
    TooLarge,
}

/// <summary>
/// Reads an amount of yen after NFKC: <c>1200000</c>, <c>1,200,000</c>, <c>¥1,200,000</c>, <c>1200000円</c>,
/// <c>120万円</c>, <c>1.5万円</c>, <c>1億2000万円</c>, <c>3千円</c>, <c>金120万円</c>. Thousands separators must be in
/// groups of three, so that <c>1,2</c> is not silently read as 12.
/// </summary>
public static partial class YenParser
{
    private const string Number = @"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?";

    [GeneratedRegex($"^(?:(?<oku>{Number})億)?(?:(?<man>{Number})万)?(?:(?<sen>{Number})千)?(?<one>{Number})?$")]
    private static partial Regex Amount();

    public static bool TryParse(string? input, out long yen) => Parse(input, out yen) == YenParseError.None;

    public static YenParseError Parse(string? input, out long yen)
    {
        yen = 0;
        var text = StripSignAndUnit(input);
        if (text is null)
        {
            return YenParseError.Negative;
        }

        var match = Amount().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            return YenParseError.Format;
        }

        // Bounds the decimal arithmetic below (20 digits × 億 stays far inside decimal's range).
        if (text.Count(char.IsAsciiDigit) > 20)
        {
            return YenParseError.TooLarge;
        }

        return Total(match, out yen);
    }

    /// <summary>The bare amount without 金, ¥ or 円; null when it is negative.</summary>
    private static string? StripSignAndUnit(string? input)
    {
        var text = TextNormalizer.Normalize(input).Replace(" ", "", StringComparison.Ordinal);
        if (text.StartsWith('金'))
        {
            text = text[1..];
        }

        if (text.StartsWith('-') || text.StartsWith('−') || text.StartsWith("マイナス", StringComparison.Ordinal))
        {
            return null;
        }

        text = text.TrimStart('¥', '\\', '$' /* never dollars, but a slip of the keyboard */);
        foreach (var suffix in (string[])["円", "えん", "yen", "jpy"])
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^suffix.Length];
                break;
            }
        }

        return text.StartsWith('-') ? null : text;
    }

    private static YenParseError Total(Match match, out long yen)
    {
        yen = 0;
        var oku = Part(match, "oku");
        var man = Part(match, "man");
        var sen = Part(match, "sen");
        var one = Part(match, "one");

        // A lower unit must fit under the higher one: 1億2000万 is fine, 1万20000 is a typo.
        if ((oku is not null && man >= 10_000) || (man is not null && (sen >= 10 || (sen is null && one >= 10_000)))
            || (sen is not null && one >= 1_000))
        {
            return YenParseError.Format;
        }

        if (one is { } units && units != decimal.Truncate(units))
        {
            return YenParseError.Fraction;
        }

        var total = ((oku ?? 0) * 100_000_000m) + ((man ?? 0) * 10_000m) + ((sen ?? 0) * 1_000m) + (one ?? 0);
        if (total != decimal.Truncate(total))
        {
            return YenParseError.Fraction;
        }

        if (total > long.MaxValue)
        {
            return YenParseError.TooLarge;
        }

        yen = (long)total;
        return YenParseError.None;
    }

    public static string ToCanonical(long yen) => yen.ToString(CultureInfo.InvariantCulture);

    private static decimal? Part(Match match, string group)
    {
        var value = match.Groups[group];
        if (!value.Success)
        {
            return null;
        }

        return decimal.Parse(value.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }
}
