using KyodoBot.Core.Text;

namespace KyodoBot.Core.Dialogs.Parsing;

/// <summary>
/// Reads はい / いいえ and their everyday variants (yes, y, ok, ✓, ○, あり / no, n, ×, なし …) at the start of an
/// answer, after NFKC and case folding. What follows the word after a separator (space, 、, 。, :, …) is returned as
/// <c>rest</c>, which yes/no fields with a comment keep: 「はい、毎月の定例会で確認しています」.
/// Short words need a separator after them, so that 「有償」 is not read as 「有」 and "not sure" not as "no";
/// はい / いいえ may run straight into the comment (「はい確認済みです」).
/// </summary>
public static class YesNoParser
{
    private static readonly (string Word, bool Yes, bool MayJoin)[] Words =
    [
        .. new[] { "はい", "ハイ" }.Select(w => (w, true, true)),
        .. new[] { "いいえ", "イイエ" }.Select(w => (w, false, true)),
        .. new[] { "yes", "y", "ok", "okay", "true", "✓", "✔", "○", "◯", "〇", "⭕", "うん", "ええ", "あり", "有り", "有", "あります", "する", "します", "そうです" }
            .Select(w => (w, true, false)),
        .. new[] { "no", "n", "false", "×", "✗", "✕", "✖", "❌", "いえ", "いや", "なし", "無し", "無", "ない", "ありません", "しない", "しません", "違います" }
            .Select(w => (w, false, false)),
    ];

    private static readonly (string Word, bool Yes, bool MayJoin)[] ByLength = [.. Words.OrderByDescending(w => w.Word.Length)];

    private const string Separators = " 、,。.:;!?・-/()「」『』\n";

    public static bool TryParse(string? input, out bool yes, out string rest)
    {
        yes = false;
        rest = "";
        var text = FreeText.Multiline(input);
        var lower = text.ToLowerInvariant();
        foreach (var (word, isYes, mayJoin) in ByLength)
        {
            if (!lower.StartsWith(word, StringComparison.Ordinal))
            {
                continue;
            }

            var after = text[word.Length..];
            if (after.Length > 0 && !mayJoin && !Separators.Contains(after[0], StringComparison.Ordinal))
            {
                continue;
            }

            yes = isYes;
            rest = after.TrimStart(Separators.ToCharArray()).Trim();
            return true;
        }

        return false;
    }
}
