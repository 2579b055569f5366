using System.Text;

namespace KyodoBot.Core.Text;

/// <summary>
/// Makes text safe to place inside a Markdown message we write (Teams renders message text as Markdown).
/// A character is escaped only where it would start markup: clients that do not honour the escape (the Agents
/// Playground, some Teams builds) show the backslash, so <c>e-mail</c>, <c>093-123-4567</c> or <c>2028.3.31</c>
/// must pass untouched. See docs/decisions/0020-readable-replies-and-final-card-states.md.
/// </summary>
public static class Markdown
{
    // Markup anywhere in a line: emphasis, code, strike-through, links, HTML, tables.
    private const string AlwaysSpecial = "*`~[]<|";
    // Markup only at the start of a line: headings, quotes, list bullets, thematic breaks, setext underlines.
    private const string LineStartSpecial = "#>-+=";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length + 8);
        var lineStart = true;
        var digitsOnly = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (NeedsEscape(text, i, lineStart, digitsOnly))
            {
                builder.Append('\\');
            }

            builder.Append(c);
            if (c == '\n')
            {
                lineStart = true;
                digitsOnly = false;
            }
            else if (lineStart && c is ' ' or '\t')
            {
                // Indentation before a marker still counts as the start of the line.
            }
            else
            {
                digitsOnly = (lineStart || digitsOnly) && char.IsAsciiDigit(c);
                lineStart = false;
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(string text, int i, bool lineStart, bool digitsOnly)
    {
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        return c switch
        {
            // A backslash only escapes ASCII punctuation: escape it just there, so "C:\data" stays as typed.
            '\\' => next < '\u007f' && (char.IsPunctuation(next) || char.IsSymbol(next)),
            // Intraword underscores (yamada_h@example.jp) never make emphasis.
            '_' => !IsWordChar(i > 0 ? text[i - 1] : '\0') || !IsWordChar(next),
            // "](" is where a link target starts, even after an escaped bracket in some renderers.
            '(' => i > 0 && text[i - 1] == ']',
            // "1. " / "1) " at the start of a line is an ordered list.
            '.' or ')' => digitsOnly && (next is ' ' or '\t' or '\n' or '\r' or '\0'),
            _ => AlwaysSpecial.Contains(c, StringComparison.Ordinal) || (lineStart && LineStartSpecial.Contains(c, StringComparison.Ordinal)),
        };
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);
}
