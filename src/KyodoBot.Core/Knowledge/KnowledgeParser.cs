using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KyodoBot.Core.Knowledge;

/// <summary>A knowledge file that breaks the format; <see cref="Line"/> is 1-based in the file.</summary>
public sealed class KnowledgeFormatException(string file, int line, string message)
    : FormatException($"{file}:{line}: {message}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Reason { get; } = message;
}

/// <summary>
/// Reads one knowledge Markdown file: YAML front matter (<c>id</c>, <c>title</c>, <c>chapter</c>, <c>source</c>),
/// then headings <c>#</c>…<c>######</c> that each end with <c>{#section-id}</c>, optionally followed by a line
/// <c>&lt;!-- related: id1, id2 --&gt;</c>; anywhere in a section <c>&lt;!-- questions: a | b --&gt;</c> (alternate
/// phrasings), <c>&lt;!-- title-en: … --&gt;</c> (its title in English), <c>&lt;!-- kind: challenge --&gt;</c> and
/// <c>&lt;!-- actor: npo, city --&gt;</c> (what the section is and whom it is about, <see cref="SectionFacets"/>); a
/// section's body runs to the next heading. Any break of the format
/// throws <see cref="KnowledgeFormatException"/> naming the line, so an editor can fix it from the log.
/// </summary>
public static partial class KnowledgeParser
{
    public static IReadOnlyList<KnowledgeSection> Parse(string fileName, string content)
    {
        var lines = content.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var (front, bodyStart) = ReadFrontMatter(fileName, lines);
        var fileId = Required(fileName, front, "id");
        if (!IdPattern().IsMatch(fileId))
        {
            throw new KnowledgeFormatException(fileName, 2, $"front matter id '{fileId}' may only use letters, digits, '-' and '_'");
        }

        Required(fileName, front, "title");
        var chapter = front.GetValueOrDefault("chapter") ?? "";
        var source = front.GetValueOrDefault("source") ?? "";

        var drafts = ReadSections(fileName, lines, bodyStart);
        return Link(drafts, fileId, chapter, source, fileName);
    }

    private static (Dictionary<string, string> Values, int BodyStart) ReadFrontMatter(string fileName, string[] lines)
    {
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new KnowledgeFormatException(fileName, 1, "the file must start with front matter: a line '---'");
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            throw new KnowledgeFormatException(fileName, 1, "front matter is not closed by a line '---'");
        }

        // YAML marks count lines from 1 inside the front matter, which starts on the file's line 2.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        YamlStream yaml = [];
        try
        {
            yaml.Load(new StringReader(string.Join('\n', lines[1..end])));
        }
        catch (YamlException ex)
        {
            throw new KnowledgeFormatException(fileName, (int)ex.Start.Line + 1, $"front matter is not valid YAML: {ex.Message}");
        }

        if (yaml.Documents.Count == 0)
        {
            return (values, end + 1);
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new KnowledgeFormatException(fileName, 2, "front matter must be 'key: value' lines");
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || value is not YamlScalarNode scalar)
            {
                throw new KnowledgeFormatException(fileName, (int)key.Start.Line + 1, $"front matter '{key}' must be a single text value");
            }

            values[name] = (scalar.Value ?? "").Trim();
        }

        return (values, end + 1);
    }

    private static string Required(string fileName, Dictionary<string, string> front, string key) =>
        front.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new KnowledgeFormatException(fileName, 1, $"front matter has no '{key}'");

    private sealed class Draft(string id, string title, int level, int line)
    {
        public string Id { get; } = id;
        public string Title { get; } = title;
        public int Level { get; } = level;
        public int Line { get; } = line;
        public List<string> Related { get; } = [];
        public List<string> Questions { get; } = [];
        public List<string> Body { get; } = [];
        public string? EnglishTitle { get; set; }
        public SectionKind Kind { get; set; }
        public SectionActor Actors { get; set; }
    }

    private static List<Draft> ReadSections(string fileName, string[] lines, int start)
    {
        var drafts = new List<Draft>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        Draft? current = null;
        var expectRelated = false;
        for (var i = start; i < lines.Length; i++)
        {
            var lineNo = i + 1;
            var line = lines[i].TrimEnd();
            if (HeadingStart().IsMatch(line))
            {
                current = ReadHeading(fileName, lineNo, line, seen);
                drafts.Add(current);
                expectRelated = true;
                continue;
            }

            if (current is null)
            {
                if (line.Trim().Length > 0)
                {
                    throw new KnowledgeFormatException(fileName, lineNo, "text before the first heading");
                }

                continue;
            }

            ReadBodyLine(fileName, lineNo, line, current, ref expectRelated);
        }

        if (drafts.Count == 0)
        {
            throw new KnowledgeFormatException(fileName, start + 1, "the file has no section heading");
        }

        return drafts;
    }

    /// <summary>A heading line <c>## Title {#id}</c>: a checked id, unique in the file, and a title.</summary>
    private static Draft ReadHeading(string fileName, int lineNo, string line, Dictionary<string, int> seen)
    {
        var match = Heading().Match(line);
        if (!match.Success)
        {
            throw new KnowledgeFormatException(fileName, lineNo, "heading without an id: end it with {#section-id}");
        }

        var id = match.Groups["id"].Value;
        var title = match.Groups["title"].Value.Trim();
        if (!IdPattern().IsMatch(id))
        {
            throw new KnowledgeFormatException(fileName, lineNo, $"section id '{id}' may only use letters, digits, '-' and '_'");
        }

        if (title.Length == 0)
        {
            throw new KnowledgeFormatException(fileName, lineNo, $"section '{id}' has no title");
        }

        if (seen.TryGetValue(id, out var firstLine))
        {
            throw new KnowledgeFormatException(fileName, lineNo, $"duplicate section id '{id}' (first used on line {firstLine})");
        }

        seen[id] = lineNo;
        return new Draft(id, title, match.Groups["hashes"].Value.Length, lineNo);
    }

    /// <summary>A line inside a section: its related comment (right under the heading), alternate phrasings, or text.</summary>
    private static void ReadBodyLine(string fileName, int lineNo, string line, Draft current, ref bool expectRelated)
    {
        var related = RelatedComment().Match(line.Trim());
        if (related.Success)
        {
            if (!expectRelated)
            {
                throw new KnowledgeFormatException(fileName, lineNo, "a related comment must directly follow its heading");
            }

            current.Related.AddRange(related.Groups["ids"].Value
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            expectRelated = false;
            return;
        }

        var questions = QuestionsComment().Match(line.Trim());
        if (questions.Success)
        {
            // Alternate phrasings may sit anywhere in the section; they do not end the place for "related".
            current.Questions.AddRange(questions.Groups["many"].Success
                ? questions.Groups["many"].Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [questions.Groups["one"].Value.Trim()]);
            return;
        }

        var english = EnglishTitleComment().Match(line.Trim());
        if (english.Success)
        {
            // Like the phrasings, it may sit anywhere in the section; one per section.
            if (current.EnglishTitle is not null)
            {
                throw new KnowledgeFormatException(fileName, lineNo, $"section '{current.Id}' has a second title-en comment");
            }

            current.EnglishTitle = english.Groups["title"].Value.Trim() is { Length: > 0 } title
                ? title
                : throw new KnowledgeFormatException(fileName, lineNo, "a title-en comment needs a title");
            return;
        }

        if (ReadFacet(fileName, lineNo, line.Trim(), current))
        {
            return;
        }

        if (line.Trim().Length > 0)
        {
            expectRelated = false;
        }

        if (!HtmlComment().IsMatch(line.Trim()))
        {
            current.Body.Add(line);
        }
    }

    /// <summary>
    /// A <c>kind</c> or <c>actor</c> comment: one of each per section, values from <see cref="SectionFacets"/> only (a
    /// misspelt value would silently drop the section out of every question that asks for its kind).
    /// </summary>
    private static bool ReadFacet(string fileName, int lineNo, string line, Draft current)
    {
        var facet = FacetComment().Match(line);
        if (!facet.Success)
        {
            return false;
        }

        var name = facet.Groups["name"].Value;
        var values = facet.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (name == "kind")
        {
            if (current.Kind != SectionKind.Unstated)
            {
                throw new KnowledgeFormatException(fileName, lineNo, $"section '{current.Id}' has a second kind comment");
            }

            current.Kind = values.Length == 1 && SectionFacets.TryKind(values[0], out var kind)
                ? kind
                : throw new KnowledgeFormatException(fileName, lineNo, $"kind '{facet.Groups["values"].Value}' is not one of: {SectionFacets.KindNames}");
            return true;
        }

        if (current.Actors != SectionActor.None)
        {
            throw new KnowledgeFormatException(fileName, lineNo, $"section '{current.Id}' has a second actor comment");
        }

        foreach (var value in values)
        {
            current.Actors |= SectionFacets.TryActor(value, out var actor)
                ? actor
                : throw new KnowledgeFormatException(fileName, lineNo, $"actor '{value}' is not one of: {SectionFacets.ActorNames}");
        }

        return current.Actors != SectionActor.None
            ? true
            : throw new KnowledgeFormatException(fileName, lineNo, "an actor comment needs a value");
    }

    private static List<KnowledgeSection> Link(List<Draft> drafts, string fileId, string chapter, string source, string fileName)
    {
        var parents = new string?[drafts.Count];
        var children = drafts.Select(_ => new List<string>()).ToArray();
        var stack = new Stack<int>();
        for (var i = 0; i < drafts.Count; i++)
        {
            while (stack.Count > 0 && drafts[stack.Peek()].Level >= drafts[i].Level)
            {
                stack.Pop();
            }

            if (stack.Count > 0)
            {
                parents[i] = drafts[stack.Peek()].Id;
                children[stack.Peek()].Add(drafts[i].Id);
            }

            stack.Push(i);
        }

        return drafts.Select((d, i) => new KnowledgeSection(
            d.Id, d.Title, fileId, chapter, source, string.Join('\n', d.Body).Trim('\n', ' '),
            d.Related.Distinct(StringComparer.Ordinal).ToArray(), d.Level, parents[i], children[i], fileName, d.Line)
        {
            Questions = [.. d.Questions.Where(q => q.Length > 0).Distinct(StringComparer.Ordinal)],
            EnglishTitle = d.EnglishTitle,
            Kind = d.Kind,
            Actors = d.Actors,
        }).ToList();
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^#{1,6}(\s|$)")]
    private static partial Regex HeadingStart();

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<title>.*?)\s*\{#(?<id>[^}\s]*)\}\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^<!--\s*related:\s*(?<ids>.*?)\s*-->$")]
    private static partial Regex RelatedComment();

    /// <summary><c>&lt;!-- title-en: Work toward the same goal --&gt;</c>: the section's title in English.</summary>
    [GeneratedRegex(@"^<!--\s*title-en:\s*(?<title>.*?)\s*-->$")]
    private static partial Regex EnglishTitleComment();

    /// <summary><c>&lt;!-- questions: a | b --&gt;</c> (several) or <c>&lt;!-- question: a --&gt;</c> (one, may hold '|').</summary>
    [GeneratedRegex(@"^<!--\s*(?:questions:\s*(?<many>.*?)|question:\s*(?<one>.*?))\s*-->$")]
    private static partial Regex QuestionsComment();

    /// <summary><c>&lt;!-- kind: challenge --&gt;</c> or <c>&lt;!-- actor: common, citizens --&gt;</c>.</summary>
    [GeneratedRegex(@"^<!--\s*(?<name>kind|actor):\s*(?<values>.*?)\s*-->$")]
    private static partial Regex FacetComment();

    [GeneratedRegex(@"^<!--.*-->$")]
    private static partial Regex HtmlComment();
}
