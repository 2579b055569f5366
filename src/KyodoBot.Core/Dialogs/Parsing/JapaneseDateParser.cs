using System.Globalization;
using System.Text.RegularExpressions;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Dialogs.Parsing;

public enum DateParseError
{
    None,
    /// <summary>Not written like a date we read.</summary>
    Format,
    /// <summary>Written like a date, but the day does not exist (2027-02-30).</summary>
    NoSuchDate,
    /// <summary>A 令和 date before the era began (令和元年5月1日).</summary>
    BeforeEra,
}

/// <summary>
/// Reads the ways people in a Japanese city office write a date, after NFKC (so full-width digits work):
/// <c>2027-04-01</c>, <c>2027/4/1</c>, <c>2027.4.1</c>, <c>20270401</c>, <c>2027年4月1日</c>, <c>令和9年4月1日</c>,
/// <c>令和元年5月1日</c>, <c>R9.4.1</c>; a trailing weekday such as <c>(木)</c> is ignored. A date without a year is
/// refused rather than guessed.
/// </summary>
public static partial class JapaneseDateParser
{
    /// <summary>令和 1 is 2019; the era began on 1 May 2019.</summary>
    private const int ReiwaOffset = 2018;
    private static readonly DateOnly ReiwaStart = new(2019, 5, 1);

    [GeneratedRegex(@"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")]
    private static partial Regex Numeric();

    [GeneratedRegex(@"^(\d{4})(\d{2})(\d{2})$")]
    private static partial Regex Compact();

    [GeneratedRegex(@"^(\d{4})年(\d{1,2})月(\d{1,2})日?$")]
    private static partial Regex Kanji();

    [GeneratedRegex(@"^(?:令和|r)(元|\d{1,2})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?$", RegexOptions.IgnoreCase)]
    private static partial Regex Reiwa();

    [GeneratedRegex(@"\((?:[月火水木金土日]|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex Weekday();

    public static bool TryParse(string? input, out DateOnly date) => Parse(input, out date) == DateParseError.None;

    public static DateParseError Parse(string? input, out DateOnly date)
    {
        date = default;
        var text = TextNormalizer.Normalize(input).Replace(" ", "", StringComparison.Ordinal);
        text = Weekday().Replace(text, "").TrimEnd('.', '。');
        if (text.Length == 0)
        {
            return DateParseError.Format;
        }

        if ((Numeric().Match(text) is { Success: true } m) || (m = Compact().Match(text)).Success || (m = Kanji().Match(text)).Success)
        {
            return Make(Number(m.Groups[1].Value), Number(m.Groups[2].Value), Number(m.Groups[3].Value), out date);
        }

        if ((m = Reiwa().Match(text)).Success)
        {
            var eraYear = m.Groups[1].Value == "元" ? 1 : Number(m.Groups[1].Value);
            if (eraYear < 1)
            {
                return DateParseError.Format;
            }

            var error = Make(ReiwaOffset + eraYear, Number(m.Groups[2].Value), Number(m.Groups[3].Value), out date);
            return error == DateParseError.None && date < ReiwaStart ? DateParseError.BeforeEra : error;
        }

        return DateParseError.Format;
    }

    /// <summary>The canonical form, <c>yyyy-MM-dd</c>.</summary>
    public static string ToCanonical(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateParseError Make(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1900 or > 2999)
        {
            return DateParseError.Format;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return DateParseError.NoSuchDate;
        }

        date = new DateOnly(year, month, day);
        return DateParseError.None;
    }

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
