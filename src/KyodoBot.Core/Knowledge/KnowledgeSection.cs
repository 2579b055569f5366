namespace KyodoBot.Core.Knowledge;

/// <summary>
/// One heading of a knowledge file and the text under it, up to the next heading.
/// <see cref="Level"/> is the heading depth (1 for <c>#</c>); <see cref="ParentId"/> is the nearest shallower heading
/// of the same file; <see cref="ChildIds"/> are the headings directly under it, in file order.
/// </summary>
public sealed record KnowledgeSection(
    string Id,
    string Title,
    string FileId,
    string Chapter,
    string Source,
    string Body,
    IReadOnlyList<string> Related,
    int Level,
    string? ParentId,
    IReadOnlyList<string> ChildIds,
    string FileName,
    int Line)
{
    /// <summary>
    /// Alternate phrasings: questions people ask that this section answers (<c>&lt;!-- questions: a | b --&gt;</c>
    /// under the heading), indexed with the section but never quoted.
    /// </summary>
    public IReadOnlyList<string> Questions { get; init; } = [];

    /// <summary>
    /// Alternate phrasings from the Markdown file's side file (<c>principles.md.questions.yaml</c>): matched one by one
    /// by <see cref="PhrasingIndex"/>, not added to the section's words (many casual phrasings there would make every
    /// section look like every casual question).
    /// </summary>
    public IReadOnlyList<string> SideQuestions { get; init; } = [];

    /// <summary>Every alternate phrasing of the section: those in its file, then those of the side file.</summary>
    public IEnumerable<string> AllQuestions => Questions.Concat(SideQuestions);

    /// <summary>
    /// The title in English (<c>&lt;!-- title-en: … --&gt;</c> in the section), shown to staff who write English on
    /// buttons and beside the Japanese title of a quote; null when the file gives none. Not indexed: it names the
    /// section, the manual's own words still decide the answer.
    /// </summary>
    public string? EnglishTitle { get; init; }

    /// <summary>
    /// What the section is (<c>&lt;!-- kind: … --&gt;</c>): a principle, a challenge, an initiative, a note or a list;
    /// <see cref="SectionKind.Unstated"/> when the file does not say (documents read from Word or PDF).
    /// </summary>
    public SectionKind Kind { get; init; }

    /// <summary>Whom the section is about (<c>&lt;!-- actor: … --&gt;</c>); <see cref="SectionActor.None"/> when unstated.</summary>
    public SectionActor Actors { get; init; }

    /// <summary>The Word or PDF file the section was read from (null for the hand-written Markdown).</summary>
    public string? Document { get; init; }

    /// <summary>The 1-based page of the heading in <see cref="Document"/>, when the format has pages.</summary>
    public int? Page { get; init; }

    /// <summary>
    /// What a citation shows: the title, and for a document the file and page (「3章 協働の原則（協働指針.pdf 12ページ）」),
    /// so that a reader can find the passage in the original.
    /// </summary>
    public string CitationTitle => Document is null ? Title
        : Page is { } page ? $"{Title}（{Document} {page}ページ）"
        : $"{Title}（{Document}）";
}
