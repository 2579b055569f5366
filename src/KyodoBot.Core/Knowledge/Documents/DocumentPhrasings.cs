using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace KyodoBot.Core.Knowledge.Documents;

/// <summary>
/// Alternate phrasings for the sections of a Word or PDF file, which has no place for hidden comments: a YAML file
/// beside it, named after it (<c>協働指針.pdf.questions.yaml</c>), maps a section's heading (or its id) to the
/// questions people ask for it. They are indexed like the Markdown's <c>&lt;!-- questions: … --&gt;</c>, and the
/// learning loop (未回答一覧 → 言い換えに追加) writes here for a document's sections.
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
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        YamlStream yaml = [];
        try
        {
            using var reader = new StreamReader(file);
            yaml.Load(reader);
        }
        catch (YamlException ex)
        {
            problems.Add(new DocumentProblem(null, $"{Path.GetFileName(file)} line {ex.Start.Line}: not valid YAML, ignored: {ex.Message}"));
            return result;
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            return result;
        }

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

    /// <summary>Adds one phrasing under the section's heading, replacing the side file atomically.</summary>
    public static async Task AddAsync(string documentPath, string heading, string phrasing, CancellationToken cancellationToken)
    {
        var file = PathFor(documentPath);
        var phrasings = File.Exists(file) ? Read(file, []) : [];
        if (!phrasings.TryGetValue(heading, out var list))
        {
            phrasings[heading] = list = [];
        }

        list.Add(phrasing);
        var text = new SerializerBuilder().Build().Serialize(phrasings);
        var temporary = Path.Combine(Path.GetDirectoryName(file)!, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, file, overwrite: true);
    }
}
