namespace KyodoBot.Core.Conversations;

public enum Language
{
    Japanese,
    English,
}

/// <summary>
/// Which language to answer in. The words the user typed come first: Japanese script means Japanese, and an English
/// sentence (three or more Latin words) means English, whatever the client's locale (Teams clients often run in
/// English for staff who write Japanese; the Agents Playground always says en-US). Without such a signal — a
/// button, a one-word command — the locale decides: English for <c>en-*</c>, otherwise Japanese.
/// See docs/decisions/0004-reply-language.md.
/// </summary>
public static class LanguageResolver
{
    public static Language FromLocale(string? locale) =>
        locale is not null && (locale.Equals("en", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("en-", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("en_", StringComparison.OrdinalIgnoreCase))
            ? Language.English
            : Language.Japanese;

    public static Language Resolve(string? locale, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            if (ContainsJapanese(text))
            {
                return Language.Japanese;
            }

            if (LatinWordCount(text) >= 3)
            {
                return Language.English;
            }
        }

        return FromLocale(locale);
    }

    public static bool ContainsJapanese(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u3040' and <= '\u30FF' // hiragana, katakana
                or >= '\u3400' and <= '\u9FFF' // CJK ideographs
                or >= '\uFF66' and <= '\uFF9F') // half-width katakana
            {
                return true;
            }
        }

        return false;
    }

    private static int LatinWordCount(string text) =>
        text.Split([' ', '\t', '\n', ',', '.', '?', '!'], StringSplitOptions.RemoveEmptyEntries)
            .Count(w => w.Any(char.IsAsciiLetter));
}
