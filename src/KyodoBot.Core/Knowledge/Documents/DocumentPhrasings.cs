using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace KyodoBot.Core.Knowledge.Documents;

/// <summary>
/// Alternate phrasings for the sections of a Word or PDF file, which has no place for hidden comments: a YAML file
/// beside it, named after it (<c>協働指針.pdf.questions.yaml</c>), maps a section's heading (or its id) to the
/// questions people ask for it. They are indexed like the Markdown's <c>&lt;!-- questions: … --&gt;</c>. A Markdown
/// file has the same kind of side file (<c>principles.md.questions.yaml</c>, by section id), and the learning loop
/// (未回答一覧 → 言い換えに追加) writes into the side file for both.
/// <code>
/// "3章 1 同じ目的に向かって進もう(目的共有の原則)":
///   - 協働を始める前に相手と何を話し合っておくべき？
/// </code>
/// </summary>
public static class DocumentPhrasings
{
    public const string Suffix = ".questions.yaml";

    public static string PathFor(string documentPath) => documentPath + Suffix;

    /// <summary>The sections with the phrasings of the side file added; a heading it names that the document lacks is a problem.</summary>
    /// <param name="asSide">Into <see cref="KnowledgeSection.SideQuestions"/> (a Markdown file's side file) rather than
    /// <see cref="KnowledgeSection.Questions"/> (a document's, its only phrasings).</param>
    public static IReadOnlyList<KnowledgeSection> Apply(string documentPath, IReadOnlyList<KnowledgeSection> sections, List<DocumentProblem> problems, bool asSide = false)
    {
        var file = PathFor(documentPath);
        if (!File.Exists(file))
        {
            return sections;
        }

        var phrasings = Read(file, problems);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = sections.Select(s =>
        {
            var added = phrasings.Where(p => p.Key == s.Id || p.Key == s.Title).SelectMany(p => { used.Add(p.Key); return p.Value; }).ToList();
            return added.Count == 0 ? s
                : asSide ? s with { SideQuestions = [.. added.Distinct(StringComparer.Ordinal).Where(q => !s.Questions.Contains(q))] }
                : s with { Questions = [.. s.Questions.Concat(added).Distinct(StringComparer.Ordinal)] };
        }).ToList();
        foreach (var key in phrasings.Keys.Where(k => !used.Contains(k)))
        {
            problems.Add(new DocumentProblem(null, $"{Path.GetFileName(file)}: no section has the heading or id 「{key}」 (its questions are ignored)"));
        }

        return result;
    }

    private static Dictionary<string, List<string>> Read(string file, List<DocumentProblem> problems)
    {
        YamlStream yaml = [];
        try
        {
            using var reader = new StreamReader(file);
            yaml.Load(reader);
        }
        catch (YamlException ex)
        {
            problems.Add(new DocumentProblem(null, $"{Path.GetFileName(file)} line {ex.Start.Line}: not valid YAML, ignored: {ex.Message}"));
            return [];
        }

        return yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode mapping ? [] : Read(mapping);
    }

    private static Dictionary<string, List<string>> Read(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } heading })
            {
                continue;
            }

            var questions = value switch
            {
                YamlScalarNode { Value: { } one } => [one],
                YamlSequenceNode many => many.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? "").ToList(),
                _ => [],
            };
            result[heading.Trim()] = [.. questions.Select(q => q.Trim()).Where(q => q.Length > 0)];
        }

        return result;
    }

    /// <summary>
    /// Adds one phrasing to the side file of <paramref name="sourcePath"/> (a Markdown file's or a document's), under the
    /// first of <paramref name="keys"/> the file already has, else under the first key as a new entry at the end. The
    /// text is edited, not re-serialised: the writers' comments, entries, quoting and order stay as they are, and the
    /// result is parsed again before it replaces the file (written beside it, then renamed). A missing file is created.
    /// </summary>
    /// <exception cref="InvalidDataException">The side file is not valid YAML (or not a mapping): it is left as it is.</exception>
    public static async Task AddAsync(string sourcePath, IReadOnlyList<string> keys, string phrasing, CancellationToken cancellationToken)
    {
        var file = PathFor(sourcePath);
        var text = File.Exists(file)
            ? await File.ReadAllTextAsync(file, cancellationToken)
            : $"# Questions people ask for the sections of {Path.GetFileName(sourcePath)}, by section id (or heading): matched one by one\n"
              + "# by the phrasing matcher, never quoted. Add lines freely; 未回答一覧 adds the questions an editor teaches here.\n";
        var before = Parse(text, file);
        var updated = Insert(text, before.Mapping, keys, phrasing);

        var after = Parse(updated, file);
        var key = keys.FirstOrDefault(k => before.Phrasings.ContainsKey(k)) ?? keys[0];
        var expected = new Dictionary<string, List<string>>(before.Phrasings, StringComparer.Ordinal)
        {
            [key] = [.. before.Phrasings.GetValueOrDefault(key) ?? [], phrasing],
        };
        if (after.Phrasings.Count != expected.Count || expected.Any(e => !after.Phrasings.TryGetValue(e.Key, out var got) || !got.SequenceEqual(e.Value)))
        {
            throw new InvalidDataException($"{Path.GetFileName(file)}: the entry 「{key}」 has a shape the learning loop cannot extend; add the question by hand");
        }

        await KnowledgeTextFile.ReplaceAsync(file, updated, cancellationToken);
    }

    private static (YamlMappingNode? Mapping, Dictionary<string, List<string>> Phrasings) Parse(string text, string file)
    {
        YamlStream yaml = [];
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{Path.GetFileName(file)} line {ex.Start.Line}: not valid YAML", ex);
        }

        if (yaml.Documents.Count == 0)
        {
            return (null, []);
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new InvalidDataException($"{Path.GetFileName(file)}: not a mapping of section → questions");
        }

        return (mapping, Read(mapping));
    }

    private static string Insert(string text, YamlMappingNode? mapping, IReadOnlyList<string> keys, string phrasing)
    {
        var newline = KnowledgeTextFile.NewlineOf(text);
        var entries = mapping?.Children.Where(c => c.Key is YamlScalarNode).ToList() ?? [];
        var entry = keys.Select(k => entries.FirstOrDefault(c => ((YamlScalarNode)c.Key).Value?.Trim() == k)).FirstOrDefault(c => c.Key is not null);
        if (entry.Key is null)
        {
            return KnowledgeTextFile.EndingInNewline(text, newline) + newline + Quote(keys[0]) + ":" + newline + "  - " + Quote(phrasing) + newline;
        }

        if (entry.Value is YamlSequenceNode { Style: not SequenceStyle.Flow, Children.Count: > 0 } sequence)
        {
            // After the line of the last item (and its trailing comment), with that item's indentation.
            var last = sequence.Children[^1];
            var lineStart = text.LastIndexOf('\n', (int)Math.Max(0, last.Start.Index - 1)) + 1;
            var prefix = text[lineStart..(int)last.Start.Index];
            if (prefix.Trim() != "-")
            {
                prefix = "  - ";
            }

            var at = text.IndexOf('\n', (int)last.End.Index);
            if (at < 0)
            {
                return text + newline + prefix + Quote(phrasing) + newline;
            }

            if (at > 0 && text[at - 1] == '\r')
            {
                at--;
            }

            return text[..at] + newline + prefix + Quote(phrasing) + text[at..];
        }

        // A single question, an empty entry or a flow list: the value becomes a flow list of the old and the new.
        var old = entry.Value switch
        {
            YamlScalarNode { Value: { Length: > 0 } one } => [one],
            YamlSequenceNode many => many.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? ""),
            _ => Enumerable.Empty<string>(),
        };
        var flow = "[" + string.Join(", ", old.Append(phrasing).Select(Quote)) + "]";
        var from = (int)entry.Value.Start.Index;
        var to = Math.Max(from, (int)entry.Value.End.Index);
        if (entry.Value is YamlSequenceNode flowList)
        {
            // A sequence node's marks are those of its start ('['): it ends at the ']' after its last item.
            var close = text.IndexOf(']', flowList.Children.Count > 0 ? (int)flowList.Children[^1].End.Index : from + 1);
            to = close < 0 ? to : close + 1;
        }

        var separator = from > 0 && text[from - 1] == ':' ? " " : "";
        return text[..from] + separator + flow + text[to..];
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string value)
    {
        var quoted = new System.Text.StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or '\u007f' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
