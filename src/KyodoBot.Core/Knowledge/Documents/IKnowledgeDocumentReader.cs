namespace KyodoBot.Core.Knowledge.Documents;

/// <summary>
/// Reads one kind of document (Word, PDF) into headed blocks of text. The Markdown files keep their own parser
/// (<see cref="KnowledgeParser"/>); everything that is not hand-written Markdown comes in through this interface, and
/// <see cref="DocumentSections"/> turns the blocks into sections with stable ids.
/// </summary>
public interface IKnowledgeDocumentReader
{
    /// <summary>The file extensions this reader takes, lower case with the dot (".pdf").</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Reads the document; throws <see cref="DocumentReadException"/> when the file cannot be read at all.</summary>
    DocumentContent Read(Stream stream);
}

/// <summary>
/// A heading and the text under it, up to the next heading. <see cref="Level"/> 1 is the top heading level; 0 is the
/// text before the first heading (the document's front matter). <see cref="Page"/> is 1-based, null when the format
/// has no pages (a Word file that was never laid out).
/// </summary>
public sealed record DocumentBlock(int Level, string Title, int? Page, IReadOnlyList<string> Lines);

/// <summary>Something an editor should know about a file: image-only pages, no headings, empty sections.</summary>
public sealed record DocumentProblem(int? Page, string Message)
{
    public override string ToString() => Page is { } page ? $"p.{page}: {Message}" : Message;
}

/// <summary>What a reader found: the blocks in reading order, problems, and the document's own title if it has one.</summary>
public sealed record DocumentContent(IReadOnlyList<DocumentBlock> Blocks, IReadOnlyList<DocumentProblem> Problems, string? Title = null)
{
    /// <summary>How the headings were found ("Word heading styles", "PDF outline", "font sizes", "none").</summary>
    public string HeadingSource { get; init; } = "";

    public int PageCount { get; init; }
}

/// <summary>The file is not a readable document of its kind (damaged, encrypted, not really a .docx).</summary>
public sealed class DocumentReadException(string message, Exception? inner = null) : Exception(message, inner);
