using System.Globalization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Dialogs.Parsing;

/// <summary>Free-text answers: one line (<see cref="TextNormalizer"/>), or several lines that keep their breaks.</summary>
public static class FreeText
{
    public static string SingleLine(string? input) => TextNormalizer.Normalize(input);

    /// <summary>NFKC and whitespace clean-up per line; line breaks kept, at most one blank line in a row, none at the ends.</summary>
    public static string Multiline(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }

        var lines = input.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            .Replace('\u2028', '\n').Replace('\u2029', '\n')
            .Split('\n')
            .Select(TextNormalizer.Normalize)
            .ToList();
        var kept = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            if (line.Length == 0 && (kept.Count == 0 || kept[^1].Length == 0))
            {
                continue;
            }

            kept.Add(line);
        }

        while (kept.Count > 0 && kept[^1].Length == 0)
        {
            kept.RemoveAt(kept.Count - 1);
        }

        return string.Join('\n', kept);
    }

    /// <summary>Length as a reader counts it: user-perceived characters (an emoji or 𠮷 is one).</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;
}
