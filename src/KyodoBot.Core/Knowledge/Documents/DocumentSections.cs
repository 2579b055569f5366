using System.Security.Cryptography;
using System.Text;

namespace KyodoBot.Core.Knowledge.Documents;

/// <summary>
/// Turns a document's headed blocks into <see cref="KnowledgeSection"/>s. A section id is derived from the file name
/// and the heading path (the heading and the headings above it), never from positions or Word's internal ids, so it
/// stays the same when the file is saved again, pages move, or text under a heading changes. It is ASCII
/// (<c>pdf-manual-3f2a9c01b2</c>): the file name's ASCII letters and digits, then 10 hex digits of a SHA-256.
/// </summary>
public static class DocumentSections
{
    /// <summary>The sections of one document, and what an editor should know about them.</summary>
    public static (IReadOnlyList<KnowledgeSection> Sections, IReadOnlyList<DocumentProblem> Problems) Build(string fileName, DocumentContent content)
    {
        var problems = new List<DocumentProblem>(content.Problems);
        var prefix = Prefix(fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var drafts = new List<(DocumentBlock Block, string Id, string? ParentId, int Level)>();
        var stack = new List<(int Level, string Title, string Id)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var headings = content.Blocks.Count(b => b.Level > 0);
        if (headings == 0)
        {
            problems.Add(new DocumentProblem(null, "no headings found: the whole document is one section (use Word's heading styles or PDF bookmarks)"));
        }

        foreach (var block in content.Blocks)
        {
            if (block.Level == 0 && block.Lines.Count == 0)
            {
                continue;
            }

            var level = Math.Max(block.Level, 1);
            var title = block.Level == 0 ? (content.Title is { Length: > 0 } t ? t : stem) : block.Title;
            while (stack.Count > 0 && stack[^1].Level >= level)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            var path = string.Join('\u001f', stack.Select(s => s.Title).Append(block.Level == 0 ? "\u0000front" : title));
            var occurrence = seen[path] = seen.GetValueOrDefault(path) + 1;
            var id = $"{prefix}-{Hash(fileName + "\u001e" + path + (occurrence > 1 ? $"\u001e{occurrence}" : ""))}";
            drafts.Add((block with { Title = title }, id, stack.Count > 0 ? stack[^1].Id : null, level));
            stack.Add((level, title, id));
            if (block.Lines.Count == 0 && !content.Blocks.SkipWhile(b => !ReferenceEquals(b, block)).Skip(1).TakeWhile(b => b.Level > block.Level).Any())
            {
                problems.Add(new DocumentProblem(block.Page, $"section 「{title}」 has no text"));
            }
        }

        var children = drafts.ToDictionary(d => d.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var draft in drafts.Where(d => d.ParentId is not null))
        {
            children[draft.ParentId!].Add(draft.Id);
        }

        var sections = drafts.Select(d => new KnowledgeSection(
            d.Id, d.Block.Title, prefix, "", fileName, string.Join('\n', d.Block.Lines).Trim(), [], d.Level, d.ParentId,
            children[d.Id], fileName, d.Block.Page ?? 0)
        {
            Document = fileName,
            Page = d.Block.Page,
        }).ToList();
        return (sections, problems);
    }

    /// <summary><c>pdf-</c> or <c>docx-</c>, then the ASCII letters and digits of the file name (lower case, at most 24).</summary>
    private static string Prefix(string fileName)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        var slug = new StringBuilder();
        foreach (var c in Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var name = slug.ToString().Trim('-');
        name = name.Length > 24 ? name[..24].TrimEnd('-') : name;
        return name.Length == 0 ? extension : $"{extension}-{name}";
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10];
}
