namespace KyodoBot.Core.Text;

/// <summary>Shortening text for display with a trailing 「…」, never splitting a surrogate pair (an emoji, a rare kanji).</summary>
public static class Ellipsis
{
    /// <summary>
    /// <paramref name="text"/> itself when it has at most <paramref name="keep"/> characters; else its first
    /// <paramref name="keep"/> characters (one fewer when the last would be half a surrogate pair) and 「…」.
    /// </summary>
    public static string Cut(string text, int keep) =>
        text.Length <= keep ? text : text[..(char.IsHighSurrogate(text[keep - 1]) ? keep - 1 : keep)] + "…";
}
