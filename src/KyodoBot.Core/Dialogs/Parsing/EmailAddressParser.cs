using System.Text.RegularExpressions;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Dialogs.Parsing;

/// <summary>
/// A practical e-mail check (not RFC 5322 in full): after NFKC (so <c>ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ</c> works),
/// an optional <c>mailto:</c> or angle brackets removed, a dot-atom local part and a domain with at least one dot.
/// The canonical form lower-cases the domain (local parts may be case-sensitive).
/// </summary>
public static partial class EmailAddressParser
{
    [GeneratedRegex(@"^(?<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@(?<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$")]
    private static partial Regex Address();

    public static bool TryParse(string? input, out string canonical)
    {
        canonical = "";
        var text = TextNormalizer.Normalize(input);
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[7..];
        }

        text = text.Trim().TrimStart('<').TrimEnd('>');
        if (text.Length > 254 || Address().Match(text) is not { Success: true } match || match.Groups["local"].Length > 64)
        {
            return false;
        }

        canonical = $"{match.Groups["local"].Value}@{match.Groups["domain"].Value.ToLowerInvariant()}";
        return true;
    }
}
