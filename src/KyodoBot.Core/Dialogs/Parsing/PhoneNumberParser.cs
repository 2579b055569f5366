using System.Text;
using System.Text.RegularExpressions;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Dialogs.Parsing;

/// <summary>
/// Reads a Japanese phone number after NFKC: landlines with the area code (<c>03-1234-5678</c>, <c>0465-12-3456</c>,
/// <c>03(1234)5678</c>), mobiles and IP phones (<c>090-1234-5678</c>, <c>09012345678</c>, <c>050-…</c>), toll-free
/// (<c>0120-123-456</c>, <c>0800-123-4567</c>), <c>+81 90-1234-5678</c>; any dash (ー, ‐, −, －) or space separates
/// groups. The canonical form keeps the user's grouping; without one it groups the numbers whose grouping is fixed
/// (mobile 3-4-4, 0120 4-3-3, 0800 4-3-4) and keeps other landlines as digits (area codes vary in length).
/// </summary>
public static partial class PhoneNumberParser
{
    private static readonly string[] ElevenDigitPrefixes = ["070", "080", "090", "050", "020"];

    [GeneratedRegex(@"^(?:tel|電話|電話番号)[:.]?", RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();

    public static bool TryParse(string? input, out string canonical)
    {
        canonical = "";
        var text = Prefix().Replace(TextNormalizer.Normalize(input), "").Trim();
        if (text.StartsWith("+81", StringComparison.Ordinal))
        {
            text = text[3..].TrimStart(' ', '-');
            if (text.StartsWith("(0)", StringComparison.Ordinal))
            {
                text = text[3..];
            }

            text = "0" + text.TrimStart('0');
        }

        var grouped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                grouped.Append(c);
            }
            else if (c is ' ' or '-' or '‐' or '‑' or '‒' or '–' or '—' or '―' or '−' or 'ー' or '─' or '(' or ')')
            {
                if (grouped.Length > 0 && grouped[^1] != '-')
                {
                    grouped.Append('-');
                }
            }
            else
            {
                return false;
            }
        }

        var groups = grouped.ToString().Trim('-').Split('-');
        var digits = string.Concat(groups);
        if (!IsValid(digits) || groups.Length > 4 || groups.Any(g => g.Length == 0))
        {
            return false;
        }

        canonical = groups.Length > 1 ? string.Join('-', groups) : Group(digits);
        return true;
    }

    private static bool IsValid(string digits)
    {
        if (digits.Length < 10 || digits[0] != '0' || digits[1] == '0')
        {
            return false;
        }

        var eleven = ElevenDigitPrefixes.Any(p => digits.StartsWith(p, StringComparison.Ordinal)) || digits.StartsWith("0800", StringComparison.Ordinal);
        return digits.Length == (eleven ? 11 : 10);
    }

    private static string Group(string digits) => digits switch
    {
        _ when digits.StartsWith("0800", StringComparison.Ordinal) => $"{digits[..4]}-{digits[4..7]}-{digits[7..]}",
        _ when digits.StartsWith("0120", StringComparison.Ordinal) || digits.StartsWith("0570", StringComparison.Ordinal) => $"{digits[..4]}-{digits[4..7]}-{digits[7..]}",
        _ when digits.Length == 11 => $"{digits[..3]}-{digits[3..7]}-{digits[7..]}",
        _ => digits,
    };
}
