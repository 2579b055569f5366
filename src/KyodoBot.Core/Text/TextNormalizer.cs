using System.Globalization;
using System.Text;

namespace KyodoBot.Core.Text;

/// <summary>The one place user input is normalised: NFKC (full/half width), control characters out, whitespace collapsed.</summary>
public static class TextNormalizer
{
    public static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }

        var nfkc = input.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(nfkc.Length);
        var pendingSpace = false;
        foreach (var c in nfkc)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Normalised and lower-cased, for comparing keywords and names.</summary>
    public static string Key(string? input) => Normalize(input).ToLowerInvariant();
}
