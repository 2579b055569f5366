namespace KyodoBot.Core.Knowledge;

/// <summary>How the learning loop edits a text file of <c>knowledge/</c>: in the file's own line endings, atomically.</summary>
internal static class KnowledgeTextFile
{
    /// <summary>The line ending the text already uses (CRLF when it has one, else LF).</summary>
    public static string NewlineOf(string text) => text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    /// <summary>The text ending in a line break, so that a line can be appended (an empty text stays empty).</summary>
    public static string EndingInNewline(string text, string newline) => text.Length == 0 || text.EndsWith('\n') ? text : text + newline;

    /// <summary>Replaces the file with <paramref name="text"/>: written beside it under a hidden temporary name, then renamed.</summary>
    public static async Task ReplaceAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
