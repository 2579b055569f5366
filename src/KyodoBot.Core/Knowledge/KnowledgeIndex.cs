using System.Collections.Frozen;
using KyodoBot.Core.Text;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using RAMDirectory = Lucene.Net.Store.RAMDirectory;
using Lucene.Net.Util;

namespace KyodoBot.Core.Knowledge;

/// <summary>A section with everything the answerer reads from it, analysed once when the index is built.</summary>
public sealed class IndexedSection
{
    internal IndexedSection(KnowledgeSection section, int ordinal)
    {
        Section = section;
        Ordinal = ordinal;
    }

    public KnowledgeSection Section { get; }

    /// <summary>Position in file order (files by name, sections as written).</summary>
    public int Ordinal { get; }

    public IndexedSection? Parent { get; internal set; }
    public IReadOnlyList<IndexedSection> Children { get; internal set; } = [];

    /// <summary>The heading alone.</summary>
    public AnalyzedText OwnTitle { get; internal set; } = AnalyzedText.Empty;

    /// <summary>Heading, the headings above it, and the body: what a section answer covers.</summary>
    public AnalyzedText Full { get; internal set; } = AnalyzedText.Empty;

    /// <summary><see cref="Full"/> plus the children's headings: what a group answer (a list of its parts) covers.</summary>
    public AnalyzedText Group { get; internal set; } = AnalyzedText.Empty;

    public IReadOnlyList<BodyUnit> Units { get; internal set; } = [];

    /// <summary>True when the body is essentially a (nested) list, like the overview tables.</summary>
    public bool IsList => Units.Count > 0 && Units.Count(u => u.Kind == BodyUnitKind.ListItem) >= 0.8 * Units.Count;

    public IEnumerable<IndexedSection> Siblings =>
        Parent is null ? [] : Parent.Children.Where(c => !ReferenceEquals(c, this));

    public SectionRef Ref => new(Section.Id, Section.Title);
}

/// <summary>A section's rank for one question. <see cref="Coverage"/> is over <see cref="IndexedSection.Full"/>.</summary>
public sealed record RankedSection(IndexedSection Entry, double Score, double Coverage, double TitleCoverage, double Bm25);

/// <summary>
/// One immutable snapshot of the knowledge folder: the sections, their analysed texts and a Lucene BM25 index over
/// them (in memory). Built off to the side and swapped in whole by <see cref="KnowledgeBase"/>.
/// </summary>
public sealed class KnowledgeIndex
{
    private const LuceneVersion Lucene = LuceneVersion.LUCENE_48;
    private const int MaxQueryTerms = 256;

    private readonly FrozenDictionary<string, IndexedSection> _byId;
    private readonly IndexSearcher _searcher;
    private readonly int[] _docToOrdinal;

    private KnowledgeIndex(IReadOnlyList<IndexedSection> sections, KnowledgeVocabulary vocabulary, IReadOnlyList<KnowledgeLoadError> errors,
        IndexSearcher searcher, int[] docToOrdinal)
    {
        Sections = sections;
        Vocabulary = vocabulary;
        Errors = errors;
        _byId = sections.ToFrozenDictionary(s => s.Section.Id, StringComparer.Ordinal);
        _searcher = searcher;
        _docToOrdinal = docToOrdinal;
    }

    public IReadOnlyList<IndexedSection> Sections { get; }
    public KnowledgeVocabulary Vocabulary { get; }

    /// <summary>Files or lines that were skipped while building this snapshot.</summary>
    public IReadOnlyList<KnowledgeLoadError> Errors { get; }

    public IndexedSection? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Builds a snapshot from a folder: every <c>*.md</c> not starting with <c>_</c>, in file-name order. A file that
    /// breaks the format, or reuses a section id of an earlier file, is skipped and reported; the rest is indexed.
    /// </summary>
    public static KnowledgeIndex Build(string folder)
    {
        var errors = new List<KnowledgeLoadError>();
        var vocabulary = System.IO.Directory.Exists(folder) ? KnowledgeVocabulary.Load(folder, errors) : KnowledgeVocabulary.Empty;
        var sections = new List<KnowledgeSection>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<string> files = System.IO.Directory.Exists(folder)
            ? System.IO.Directory.EnumerateFiles(folder, "*.md").Where(f => !Path.GetFileName(f).StartsWith('_')).Order(StringComparer.Ordinal)
            : [];
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            try
            {
                var parsed = KnowledgeParser.Parse(name, File.ReadAllText(path));
                if (parsed.FirstOrDefault(s => ids.Contains(s.Id)) is { } duplicate)
                {
                    throw new KnowledgeFormatException(name, duplicate.Line, $"section id '{duplicate.Id}' is already used by another file");
                }

                ids.UnionWith(parsed.Select(s => s.Id));
                sections.AddRange(parsed);
            }
            catch (KnowledgeFormatException ex)
            {
                errors.Add(new KnowledgeLoadError(ex.File, ex.Line, ex.Reason));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new KnowledgeLoadError(name, 0, $"cannot read the file: {ex.Message}"));
            }
        }

        return Build(sections, vocabulary, errors);
    }

    /// <summary>Builds a snapshot from parsed sections (tests, tools).</summary>
    public static KnowledgeIndex Build(IReadOnlyList<KnowledgeSection> sections, KnowledgeVocabulary vocabulary, List<KnowledgeLoadError>? errors = null)
    {
        errors ??= [];
        var entries = sections.Select((s, i) => new IndexedSection(s, i)).ToList();
        var byId = entries.ToDictionary(e => e.Section.Id, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            entry.Parent = entry.Section.ParentId is { } parentId ? byId.GetValueOrDefault(parentId) : null;
            entry.Children = [.. entry.Section.ChildIds.Select(byId.GetValueOrDefault).OfType<IndexedSection>()];
            foreach (var related in entry.Section.Related.Where(r => !byId.ContainsKey(r)))
            {
                errors.Add(new KnowledgeLoadError(entry.Section.FileName, entry.Section.Line, $"related section '{related}' does not exist (ignored)"));
            }
        }

        foreach (var entry in entries)
        {
            var ancestors = string.Join('\n', Ancestors(entry).Select(a => a.Section.Title));
            var body = entry.Section.Body;
            entry.OwnTitle = Analyze(entry.Section.Title, vocabulary);
            entry.Full = Analyze($"{entry.Section.Title}\n{ancestors}\n{body}", vocabulary);
            entry.Group = entry.Children.Count == 0
                ? entry.Full
                : Analyze($"{entry.Section.Title}\n{ancestors}\n{body}\n{string.Join('\n', entry.Children.Select(c => c.Section.Title))}", vocabulary);
            entry.Units = [.. BodyUnits.Split(body).Select(u => new BodyUnit(u.Text, u.Kind, u.Depth, Analyze(u.Text, vocabulary)))];
        }

        var (searcher, docToOrdinal) = BuildLucene(entries, vocabulary);
        return new KnowledgeIndex(entries, vocabulary, errors, searcher, docToOrdinal);
    }

    private static AnalyzedText Analyze(string text, KnowledgeVocabulary vocabulary) =>
        TermAnalyzer.Analyze(TextNormalizer.Key(text), vocabulary);

    private static IEnumerable<IndexedSection> Ancestors(IndexedSection entry)
    {
        for (var a = entry.Parent; a is not null; a = a.Parent)
        {
            yield return a;
        }
    }

    private static (IndexSearcher, int[]) BuildLucene(IReadOnlyList<IndexedSection> entries, KnowledgeVocabulary vocabulary)
    {
        var directory = new RAMDirectory();
        var config = new IndexWriterConfig(Lucene, new WhitespaceAnalyzer(Lucene)) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var entry in entries)
            {
                var ancestors = string.Join('\n', Ancestors(entry).Select(a => a.Section.Title));
                writer.AddDocument(new Document
                {
                    new StoredField("ordinal", entry.Ordinal),
                    new TextField("title", string.Join(' ', entry.OwnTitle.TokenList), Field.Store.NO),
                    new TextField("context", string.Join(' ', Analyze(ancestors, vocabulary).TokenList), Field.Store.NO),
                    new TextField("body", string.Join(' ', Analyze(entry.Section.Body, vocabulary).TokenList), Field.Store.NO),
                });
            }

            writer.Commit();
        }

        var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var docToOrdinal = new int[reader.MaxDoc];
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            docToOrdinal[doc] = reader.Document(doc).GetField("ordinal").GetInt32Value() ?? doc;
        }

        return (searcher, docToOrdinal);
    }

    /// <summary>
    /// How much each concept of the question weighs: its IDF over the sections (BM25's formula; a concept found
    /// nowhere gets the highest value), times the concept's own factor.
    /// </summary>
    public double[] Weights(Question question)
    {
        var n = Sections.Count;
        var weights = new double[question.Concepts.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            var df = 0;
            foreach (var entry in Sections)
            {
                if (question.Concepts[i].MatchIn(entry.Full) >= 0.999)
                {
                    df++;
                }
            }

            weights[i] = Math.Log(1 + ((n - df + 0.5) / (df + 0.5))) * question.Concepts[i].Weight;
        }

        return weights;
    }

    /// <summary>The weighted share of the question's concepts a text holds (0..1), and the matched weight itself.</summary>
    public static (double Coverage, double Matched) Coverage(Question question, double[] weights, AnalyzedText text)
    {
        double total = 0, matched = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            total += weights[i];
            matched += weights[i] * question.Concepts[i].MatchIn(text);
        }

        return total <= 0 ? (0, 0) : (matched / total, matched);
    }

    /// <summary>
    /// Every section that shares something with the question, best first. The score blends the weighted concept
    /// coverage of the section (heading, the headings above, body), the coverage of its own heading, and Lucene's
    /// BM25 score (normalised to the best hit) as a tie-breaker for term frequency and length.
    /// </summary>
    public IReadOnlyList<RankedSection> Rank(Question question, double[] weights)
    {
        var bm25 = SearchBm25(question);
        var max = bm25.Count == 0 ? 1 : Math.Max(bm25.Values.Max(), 1e-9);
        var ranked = new List<RankedSection>();
        foreach (var entry in Sections)
        {
            var (coverage, _) = Coverage(question, weights, entry.Full);
            if (coverage <= 0)
            {
                continue;
            }

            var (titleCoverage, _) = Coverage(question, weights, entry.OwnTitle);
            var lexical = bm25.GetValueOrDefault(entry.Ordinal) / max;
            ranked.Add(new RankedSection(entry, coverage + (0.3 * titleCoverage) + (0.2 * lexical), coverage, titleCoverage, lexical));
        }

        ranked.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Entry.Ordinal.CompareTo(b.Entry.Ordinal));
        return ranked;
    }

    private Dictionary<int, double> SearchBm25(Question question)
    {
        var query = new BooleanQuery();
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var concept in question.Concepts)
        {
            foreach (var form in concept.Forms)
            {
                foreach (var term in form.SingleCharacter is { } c ? [c.ToString()] : form.Terms)
                {
                    if (terms.Count >= MaxQueryTerms || !terms.Add(term))
                    {
                        continue;
                    }

                    query.Add(new TermQuery(new Term("title", term)) { Boost = 2f * (float)concept.Weight }, Occur.SHOULD);
                    query.Add(new TermQuery(new Term("body", term)) { Boost = (float)concept.Weight }, Occur.SHOULD);
                    query.Add(new TermQuery(new Term("context", term)) { Boost = 0.5f * (float)concept.Weight }, Occur.SHOULD);
                }
            }
        }

        var scores = new Dictionary<int, double>();
        if (terms.Count == 0)
        {
            return scores;
        }

        foreach (var hit in _searcher.Search(query, Math.Max(1, Sections.Count)).ScoreDocs)
        {
            scores[_docToOrdinal[hit.Doc]] = hit.Score;
        }

        return scores;
    }
}
