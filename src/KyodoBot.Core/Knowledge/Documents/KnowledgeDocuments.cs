namespace KyodoBot.Core.Knowledge.Documents;

/// <summary>
/// The document readers by file extension, and the one call the knowledge loader makes for a file that is not
/// Markdown. A file Word is editing (<c>~$name.docx</c>) or a hidden temporary file is not a document.
/// </summary>
public static class KnowledgeDocuments
{
    private static readonly IKnowledgeDocumentReader[] Readers = [new WordDocumentReader(), new PdfDocumentReader()];

    /// <summary>Files larger than this are refused (a manual is a few MB; this bounds memory and load time).</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    public static IReadOnlyList<string> Extensions { get; } = [.. Readers.SelectMany(r => r.Extensions)];

    public static bool IsDocument(string? path)
    {
        var name = Path.GetFileName(path ?? "");
        return name.Length > 0 && !name.StartsWith("~$", StringComparison.Ordinal) && !name.StartsWith('.') && !name.StartsWith('_')
            && ReaderFor(name) is not null;
    }

    public static IKnowledgeDocumentReader? ReaderFor(string fileName) =>
        Readers.FirstOrDefault(r => r.Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant(), StringComparer.Ordinal));

    /// <summary>Reads one document file into sections; throws <see cref="DocumentReadException"/> for an unreadable file.</summary>
    public static DocumentSectionsResult Load(string path)
    {
        var name = Path.GetFileName(path);
        var reader = ReaderFor(name) ?? throw new DocumentReadException($"no reader for '{Path.GetExtension(name)}' files");
        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes)
        {
            throw new DocumentReadException($"the file is {info.Length / (1024 * 1024)} MB; at most {MaxFileBytes / (1024 * 1024)} MB are read");
        }

        DocumentSectionsResult result;
        using (var stream = File.OpenRead(path))
        {
            result = Load(name, reader, stream);
        }

        var problems = new List<DocumentProblem>(result.Problems);
        var sections = DocumentPhrasings.Apply(path, result.Sections, problems);
        return result with { Sections = sections, Problems = problems };
    }

    public static DocumentSectionsResult Load(string fileName, Stream stream) =>
        Load(fileName, ReaderFor(fileName) ?? throw new DocumentReadException($"no reader for '{Path.GetExtension(fileName)}' files"), stream);

    private static DocumentSectionsResult Load(string fileName, IKnowledgeDocumentReader reader, Stream stream)
    {
        var content = reader.Read(stream);
        var (sections, problems) = DocumentSections.Build(fileName, content);
        return new DocumentSectionsResult(fileName, sections, problems, content.HeadingSource, content.PageCount);
    }
}

/// <summary>The sections one document produced, what is wrong with it, how its headings were found.</summary>
public sealed record DocumentSectionsResult(
    string FileName, IReadOnlyList<KnowledgeSection> Sections, IReadOnlyList<DocumentProblem> Problems, string HeadingSource, int PageCount);
