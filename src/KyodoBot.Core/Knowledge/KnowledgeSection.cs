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
}
