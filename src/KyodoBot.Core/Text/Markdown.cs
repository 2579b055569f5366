using System.Text;

namespace KyodoBot.Core.Text;

/// <summary>Makes text safe to place inside a Markdown message we write (Teams renders message text as Markdown).</summary>
public static class Markdown
{
    private const string Special = "\\`*_{}[]()<>#+-.!|~>";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
