using System.Globalization;
using System.Text;

namespace KyodoBot.Core.Text;

/// <summary>The one place user input is normalised: NFKC (full/half width), control characters out, whitespace collapsed.</summary>
public static class TextNormalizer
{
    public static string Normalize(string? input) =>
        string.IsNullOrEmpty(input) ? "" : Clean(input.Normalize(NormalizationForm.FormKC));

    /// <summary>
    /// What a person wrote, to be stored and shown to others again (a comment): control characters out and whitespace
    /// collapsed as in <see cref="Normalize"/>, but the widths kept (NFC only) — NFKC would turn their （） and ！ into
    /// ( and ! (issue #12).
    /// </summary>
    public static string Prose(string? input) =>
        string.IsNullOrEmpty(input) ? "" : Clean(input.Normalize(NormalizationForm.FormC));

    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
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
