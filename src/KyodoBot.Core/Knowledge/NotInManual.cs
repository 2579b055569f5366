namespace KyodoBot.Core.Knowledge;

/// <summary>
/// <c>knowledge/_not-in-manual.tsv</c>: questions and requests the manual does not answer, one a line, which an editor
/// extends like the alternate phrasings. The question is the last tab-separated field (earlier fields are labels for
/// the editor, such as <c>near</c>/<c>far</c> and a style); lines starting with <c>#</c> are comments. The phrasing
/// matcher treats them as a class of their own: a question closer to one of them than to any phrasing of a section is
/// not answered from the phrasings (<see cref="PhrasingIndex"/>, <see cref="KnowledgeAnswerer"/>).
/// </summary>
public static class NotInManual
{
    public const string FileName = "_not-in-manual.tsv";

    /// <summary>At most this many characters of a line are read (a question longer than that is cut).</summary>
    public const int MaxLength = 1_000;

    public static IReadOnlyList<string> Load(string folder, List<KnowledgeLoadError> errors)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return Parse(File.ReadLines(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new KnowledgeLoadError(FileName, 0, $"cannot read the file: {ex.Message}"));
            return [];
        }
    }

    public static IReadOnlyList<string> Parse(IEnumerable<string> lines) =>
        [.. lines
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t')[^1].Trim())
            .Where(q => q.Length > 0)
            .Select(q => q.Length > MaxLength ? q[..MaxLength] : q)
            .Distinct(StringComparer.Ordinal)];
}
