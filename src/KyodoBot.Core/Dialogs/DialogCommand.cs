using KyodoBot.Core.Text;

namespace KyodoBot.Core.Dialogs;

public enum DialogCommandKind
{
    Help,
    Back,
    Status,
    Edit,
    Skip,
    Cancel,
    Submit,
    /// <summary>Keep the answer the field already has (after 戻る or 修正) and go on.</summary>
    Keep,
}

/// <summary>A navigation word typed during a dialog, with the text after it (the field of <c>修正 目的</c>).</summary>
public sealed record DialogCommand(DialogCommandKind Kind, string Argument)
{
    private static readonly (string Word, DialogCommandKind Kind)[] Words =
    [
        ("ヘルプ", DialogCommandKind.Help), ("help", DialogCommandKind.Help), ("?", DialogCommandKind.Help), ("説明", DialogCommandKind.Help),
        ("戻る", DialogCommandKind.Back), ("もどる", DialogCommandKind.Back), ("前へ", DialogCommandKind.Back), ("back", DialogCommandKind.Back), ("previous", DialogCommandKind.Back),
        ("状況", DialogCommandKind.Status), ("進捗", DialogCommandKind.Status), ("status", DialogCommandKind.Status), ("progress", DialogCommandKind.Status),
        ("修正", DialogCommandKind.Edit), ("変更", DialogCommandKind.Edit), ("edit", DialogCommandKind.Edit), ("change", DialogCommandKind.Edit),
        ("スキップ", DialogCommandKind.Skip), ("省略", DialogCommandKind.Skip), ("skip", DialogCommandKind.Skip),
        ("キャンセル", DialogCommandKind.Cancel), ("中止", DialogCommandKind.Cancel), ("やめる", DialogCommandKind.Cancel), ("cancel", DialogCommandKind.Cancel), ("quit", DialogCommandKind.Cancel),
        ("そのまま", DialogCommandKind.Keep), ("このまま", DialogCommandKind.Keep), ("変更なし", DialogCommandKind.Keep), ("keep", DialogCommandKind.Keep),
        ("送信", DialogCommandKind.Submit), ("提出", DialogCommandKind.Submit), ("submit", DialogCommandKind.Submit), ("send", DialogCommandKind.Submit),
    ];

    /// <summary>
    /// The command in <paramref name="text"/>, or null when it is an answer. A command is the whole message (after NFKC,
    /// case folding and trailing 。/!), or — for 修正/edit only — the word followed by a space and a field name.
    /// Japanese 修正 may also run straight into a field name that <paramref name="isFieldName"/> recognises exactly
    /// (「修正目的」), but not into other text, so that an answer such as 「修正版の計画書」 stays an answer.
    /// </summary>
    public static DialogCommand? Parse(string? text, Func<string, bool> isFieldName)
    {
        var key = TextNormalizer.Key(text).TrimEnd('。', '.', '!', ' ');
        if (key.Length == 0)
        {
            return null;
        }

        foreach (var (word, kind) in Words)
        {
            if (key == word)
            {
                return new DialogCommand(kind, "");
            }

            if (kind != DialogCommandKind.Edit || !key.StartsWith(word, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = TextNormalizer.Normalize(text)[word.Length..].TrimEnd('。', '.', '!').Trim();
            if (key[word.Length] == ' ' || isFieldName(rest))
            {
                return new DialogCommand(kind, rest.Trim('「', '」', '"', ' '));
            }
        }

        return null;
    }
}
