using System.Text.RegularExpressions;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Core.Conversations;

public enum Language
{
    Japanese,
    English,
}

/// <summary>
/// Which language to answer in. Only the user's own words switch it: Japanese writing means Japanese, and an English
/// sentence (see <see cref="FromText"/>) means English — also when it keeps a term in Japanese ("What does 時限性
/// mean?", docs/decisions/0077-english-with-japanese-terms-and-fact-details.md). Anything else — a number, a date, an e-mail address, an
/// address or a name in Latin letters, a one-word command, a button — says nothing: a dialog keeps the language it
/// is in, and a new conversation starts in the configured <c>Kyodo:DefaultLanguage</c> (ja unless set). The client's
/// locale is not used: Teams clients in Japanese offices often run in English, and the Agents Playground always says
/// en-US. See docs/decisions/0004-reply-language.md.
/// </summary>
public static partial class LanguageResolver
{
    public const string DefaultLanguageKey = "Kyodo:DefaultLanguage";

    // Words that occur in almost any English sentence and in almost no name, address or organisation.
    private static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "is", "are", "was", "be", "do", "does", "did", "can", "could", "should", "would", "will",
        "i", "we", "you", "it", "my", "our", "your", "me", "us", "what", "how", "when", "where", "who", "which", "why",
        "to", "of", "in", "on", "for", "with", "about", "and", "or", "not", "please", "if", "this", "that", "there",
    };

    /// <summary>The language the text clearly shows, or null when it shows none.</summary>
    /// <remarks>
    /// English needs a sentence: three or more words of letters only, at least one of them a function word
    /// (the, is, how, to …), and more lower-case words than capitalised ones after the first — so "Friends of the
    /// Earth Japan", "1-2-3 Chuo, Kumamoto" or "yamada@example.jp" stay neutral, while "How do I file a proposal?"
    /// is English. E-mail addresses and URLs are removed before counting. Text with kana or kanji is Japanese when it
    /// holds hiragana (Japanese grammar) or is mostly Japanese letters; otherwise its Japanese terms are set aside and the
    /// rest must be an English sentence ("Is there a fee for the 社会福祉ボランティア大学校 courses?" is English, "Green
    /// Network 熊本" shows none).
    /// </remarks>
    public static Language? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (ContainsJapanese(text))
        {
            // An English sentence that keeps a term in Japanese ("What does 時限性 mean?", "Is there a fee for the
            // 社会福祉ボランティア大学校 courses?") is English: Japanese grammar (hiragana) or mostly Japanese letters
            // make it Japanese. A name with a kanji in it ("Green Network 熊本") shows no language.
            return HasHiragana(text) || MostlyJapanese(text) ? Language.Japanese : EnglishSentence(string.Concat(text.Select(c => IsJapanese(c) ? ' ' : c)));
        }

        return EnglishSentence(text);
    }

    /// <summary>True when the text holds hiragana: Japanese grammar, not only a Japanese term.</summary>
    internal static bool HasHiragana(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u3041' and <= '\u309F')
            {
                return true;
            }
        }

        return false;
    }

    private static Language? EnglishSentence(string text)
    {
        var words = AddressOrLink().Replace(text, " ")
            .Split([' ', '\t', '\r', '\n', ',', '.', '?', '!', ':', ';', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.All(c => char.IsAsciiLetter(c) || c == '\''))
            .ToList();
        if (words.Count < 3 || !words.Any(FunctionWords.Contains))
        {
            return null;
        }

        var rest = words.Skip(1).ToList();
        var lower = rest.Count(w => char.IsAsciiLetterLower(w[0]));
        return lower > rest.Count - lower ? Language.English : null;
    }

    /// <summary>The language of a turn: the user's words if they show one, else the one the conversation is in.</summary>
    public static Language Resolve(string? text, Language current) => FromText(text) ?? current;

    /// <summary>Reads <c>Kyodo:DefaultLanguage</c> (<c>ja</c> when absent); anything else stops start-up naming the key.</summary>
    public static Language ParseDefault(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "ja" or "ja-jp" => Language.Japanese,
        "en" or "en-us" or "en-gb" => Language.English,
        _ => throw new KyodoConfigurationException($"Configuration key '{DefaultLanguageKey}' has the value '{value}'; use 'ja' or 'en'."),
    };

    public static bool ContainsJapanese(string text)
    {
        foreach (var c in text)
        {
            if (IsJapanese(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// At least half of the text's letters are kana or kanji: a Japanese message that may hold English names or terms,
    /// as the story reading needs it (docs/decisions/0072-story-reading.md).
    /// </summary>
    public static bool MostlyJapanese(string text)
    {
        int letters = 0, japanese = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                japanese += IsJapanese(c) ? 1 : 0;
            }
        }

        return letters > 0 && japanese * 2 >= letters;
    }

    internal static bool IsJapanese(char c) =>
        c is >= '\u3040' and <= '\u30FF' // hiragana, katakana
            or >= '\u3400' and <= '\u9FFF' // CJK ideographs
            or >= '\uFF66' and <= '\uFF9F'; // half-width katakana

    [GeneratedRegex(@"\S+@\S+|\b(?:https?://|www\.)\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressOrLink();
}

/// <summary>
/// The configured <c>Kyodo:DefaultLanguage</c>: the language of a conversation before the user writes one. Parsed once
/// when services are registered (not a <c>KyodoOptions</c> property bound later), so that a bad value stops start-up
/// naming the key.
/// </summary>
public sealed record DefaultLanguage(Language Value);
