using System.Text;
using System.Text.RegularExpressions;

namespace KyodoBot.Tests.Architecture;

/// <summary>
/// Finds the block bodies of methods, constructors and local functions in C# source by matching braces, and counts the
/// lines between each body's braces (issue #13: no method over 60 lines in src/).
/// </summary>
/// <remarks>
/// Limits, by design (brace matching, not a parser): comments, strings (regular, verbatim, interpolated, raw) and
/// character literals are blanked first so their braces do not count; a body is recognised by the text since the
/// previous <c>;</c>, <c>{</c> or <c>}</c> — a member name followed by a parameter list, optionally a base/this call or
/// a <c>where</c> clause, and no <c>=</c> or control keyword before it. Not checked: expression-bodied members
/// (<c>=&gt;</c>, however long), property and event accessors, lambdas and anonymous methods (they count inside the
/// method that holds them), operators. A local function counts on its own and inside its method.
/// </remarks>
public static partial class MethodLengthScanner
{
    private static readonly HashSet<string> NotAMember =
    [
        "if", "else", "for", "foreach", "while", "do", "switch", "catch", "finally", "try", "using", "lock", "fixed",
        "return", "new", "throw", "await", "yield", "case", "when", "checked", "unchecked", "unsafe", "get", "set", "init",
        "add", "remove", "operator",
    ];

    public static IReadOnlyList<MethodBody> Scan(string source)
    {
        var code = Blank(source);
        var found = new List<MethodBody>();
        var open = new Stack<(int Index, string? Name)>();
        var headerStart = 0;
        for (var i = 0; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '{':
                    open.Push((i, MemberName(code[headerStart..i])));
                    headerStart = i + 1;
                    break;
                case '}':
                    if (open.Count > 0 && open.Pop() is { Name: { } name } body)
                    {
                        var first = LineOf(code, body.Index);
                        found.Add(new MethodBody(name, first, LineOf(code, i) - first - 1));
                    }

                    headerStart = i + 1;
                    break;
                case ';':
                    headerStart = i + 1;
                    break;
            }
        }

        return found;
    }

    /// <summary>The member's name when the text before a <c>{</c> declares a method, constructor or local function.</summary>
    internal static string? MemberName(string header)
    {
        var text = WhiteSpace().Replace(header, " ").Trim();
        text = LeadingAttributes().Replace(text, "");
        text = TrailingWhere().Replace(text, ")");
        if (text.Contains("=>", StringComparison.Ordinal) || !text.EndsWith(')'))
        {
            return null;
        }

        var prefix = text[..OpeningParenthesis(text, text.Length - 1)].TrimEnd();
        if (BaseCall().Match(prefix) is { Success: true } call)
        {
            // "Name(int x) : base" — the parameter list is the group before the base or this call.
            prefix = call.Groups[1].Value.TrimEnd();
            if (!prefix.EndsWith(')'))
            {
                return null;
            }

            prefix = prefix[..OpeningParenthesis(prefix, prefix.Length - 1)].TrimEnd();
        }

        var words = prefix.Split(' ');
        return words.Length >= 2 && !prefix.Contains('=', StringComparison.Ordinal) && !words.Any(NotAMember.Contains)
            && !TypeKeyword().IsMatch(prefix) && MemberNameAtEnd().Match(WithoutTypeArguments(prefix)) is { Success: true } name
            ? name.Groups[1].Value
            : null;
    }

    /// <summary><c>Get&lt;T, U&gt;</c> → <c>Get</c>: the type parameter list after a generic method's name.</summary>
    private static string WithoutTypeArguments(string prefix)
    {
        if (!prefix.EndsWith('>'))
        {
            return prefix;
        }

        var depth = 0;
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            depth += prefix[i] switch { '>' => 1, '<' => -1, _ => 0 };
            if (depth == 0)
            {
                return prefix[..i].TrimEnd();
            }
        }

        return prefix;
    }

    private static int OpeningParenthesis(string text, int closing)
    {
        var depth = 0;
        for (var i = closing; i >= 0; i--)
        {
            depth += text[i] switch { ')' => 1, '(' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        return 0;
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    /// <summary>The source with comments, strings and character literals replaced by spaces (line breaks kept).</summary>
    internal static string Blank(string source)
    {
        var output = new StringBuilder(source);
        var i = 0;
        while (i < source.Length)
        {
            var end = LiteralOrCommentEnd(source, i);
            if (end > i)
            {
                for (var j = i; j < end; j++)
                {
                    if (output[j] != '\n')
                    {
                        output[j] = ' ';
                    }
                }

                i = end;
            }
            else
            {
                i++;
            }
        }

        return output.ToString();
    }

    /// <summary>Where the comment or literal starting at <paramref name="i"/> ends, or <paramref name="i"/> if none starts there.</summary>
    private static int LiteralOrCommentEnd(string s, int i)
    {
        if (At(s, i, "//"))
        {
            var newline = s.IndexOf('\n', i);
            return newline < 0 ? s.Length : newline;
        }

        if (At(s, i, "/*"))
        {
            var close = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
            return close < 0 ? s.Length : close + 2;
        }

        if (s[i] == '\'')
        {
            return CharLiteralEnd(s, i);
        }

        var start = i;
        var interpolated = false;
        var verbatim = false;
        while (start < s.Length && (s[start] == '$' || s[start] == '@'))
        {
            interpolated |= s[start] == '$';
            verbatim |= s[start] == '@';
            start++;
        }

        if (start >= s.Length || s[start] != '"' || (start > i && IsIdentifierChar(s, i - 1)))
        {
            return i;
        }

        return At(s, start, "\"\"\"") ? RawStringEnd(s, start)
            : verbatim ? VerbatimStringEnd(s, start + 1, interpolated)
            : RegularStringEnd(s, start + 1, interpolated);
    }

    private static int CharLiteralEnd(string s, int i)
    {
        var j = i + 1;
        if (j < s.Length && s[j] == '\\')
        {
            j += 2;
            while (j < s.Length && s[j] != '\'')
            {
                j++;
            }
        }
        else
        {
            j++;
        }

        return j < s.Length && s[j] == '\'' ? j + 1 : i;
    }

    private static int RegularStringEnd(string s, int j, bool interpolated)
    {
        while (j < s.Length && s[j] != '"' && s[j] != '\n')
        {
            if (s[j] == '\\')
            {
                j += 2;
            }
            else if (interpolated && s[j] == '{')
            {
                j = At(s, j, "{{") ? j + 2 : HoleEnd(s, j);
            }
            else
            {
                j++;
            }
        }

        return Math.Min(j + 1, s.Length);
    }

    private static int VerbatimStringEnd(string s, int j, bool interpolated)
    {
        while (j < s.Length)
        {
            if (At(s, j, "\"\""))
            {
                j += 2;
            }
            else if (s[j] == '"')
            {
                return j + 1;
            }
            else if (interpolated && s[j] == '{')
            {
                j = At(s, j, "{{") ? j + 2 : HoleEnd(s, j);
            }
            else
            {
                j++;
            }
        }

        return s.Length;
    }

    /// <summary>A raw string ends at the first run of as many quotes as opened it (interpolation holes need no care: they hold no quote run that long).</summary>
    private static int RawStringEnd(string s, int start)
    {
        var quotes = 0;
        while (start + quotes < s.Length && s[start + quotes] == '"')
        {
            quotes++;
        }

        var close = s.IndexOf(new string('"', quotes), start + quotes, StringComparison.Ordinal);
        return close < 0 ? s.Length : close + quotes;
    }

    /// <summary>The end of an interpolation hole <c>{…}</c>, skipping nested literals and braces.</summary>
    private static int HoleEnd(string s, int open)
    {
        var depth = 0;
        var j = open;
        while (j < s.Length)
        {
            var end = s[j] is '"' or '\'' or '$' or '@' ? LiteralOrCommentEnd(s, j) : j;
            if (end > j)
            {
                j = end;
                continue;
            }

            depth += s[j] switch { '{' => 1, '}' => -1, _ => 0 };
            j++;
            if (depth == 0)
            {
                return j;
            }
        }

        return s.Length;
    }

    private static bool At(string s, int i, string text) => string.CompareOrdinal(s, i, text, 0, text.Length) == 0;

    private static bool IsIdentifierChar(string s, int i) => i >= 0 && (char.IsLetterOrDigit(s[i]) || s[i] == '_');

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^(\[[^\]]*\]\s*)+")]
    private static partial Regex LeadingAttributes();

    [GeneratedRegex(@"\)\s+where\s.*$")]
    private static partial Regex TrailingWhere();

    [GeneratedRegex(@"^(.*)\s*:\s*(base|this)$")]
    private static partial Regex BaseCall();

    [GeneratedRegex(@"\b(class|record|struct|interface|enum|namespace|delegate)\b")]
    private static partial Regex TypeKeyword();

    [GeneratedRegex(@"(?:^|[\s>\])?])@?([A-Za-z_]\w*)$")]
    private static partial Regex MemberNameAtEnd();
}

/// <summary>A method's body: its name, the line of its opening brace and the number of lines between its braces.</summary>
public sealed record MethodBody(string Name, int Line, int Lines);
