using KyodoBot.Core.Text;

namespace KyodoBot.Core.Dialogs.Parsing;

/// <summary>
/// Tells a question typed mid-dialog (「公開の原則とは？」, "what does disclosure mean?") from an answer. Two strengths:
/// for fields that take any text, only an unmistakable question counts (a question mark together with a question
/// phrase, or 「教えてください」), because 「高齢者の孤立をどう防ぐか？」 is a fine answer to 地域課題; for other fields,
/// whose answers have a shape, an invalid answer that ends with a question mark or uses a question phrase counts.
/// </summary>
public static class QuestionDetector
{
    private static readonly string[] Phrases =
    [
        "とは", "って何", "ってなに", "って何ですか", "教えて", "どういう意味", "どういうこと", "の意味", "わからない", "分からない",
        "what is", "what's", "what does", "what are", "how do", "how can", "how should", "why", "explain", "meaning",
    ];

    public static bool LooksLikeQuestion(string? text, bool anyTextIsAnAnswer)
    {
        var key = TextNormalizer.Key(text);
        if (key.Length == 0 || key.Length > 200)
        {
            return false;
        }

        var endsWithQuestionMark = key.EndsWith('?');
        var hasPhrase = Phrases.Any(p => key.Contains(p, StringComparison.Ordinal));
        return anyTextIsAnAnswer
            ? (endsWithQuestionMark && hasPhrase) || key.Contains("教えてください", StringComparison.Ordinal)
            : endsWithQuestionMark || hasPhrase;
    }
}
