using System.Collections.Frozen;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Okapi BM25 over the analyzer's terms, in memory: the formula of Lucene's <c>BM25Similarity</c> (k1 = 1.2,
/// b = 0.75, idf = ln(1 + (N − df + 0.5) / (df + 0.5))), one postings table per field, a boost per field. The
/// knowledge base is a few dozen sections, so a Lucene index cost far more than it gave: measured on this corpus,
/// Lucene.Net took ~340 µs and ~340 KB per question and 300–400 ms of JIT on the first load; this takes a few µs
/// and one small array, with the same ranking (see docs/decisions/0007-retrieval-own-bm25.md).
/// </summary>
public sealed class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Field[] _fields;
    private readonly int _documents;

    /// <param name="fields">Per field: its boost, and each document's terms (repeats count as term frequency).</param>
    public Bm25Index(IReadOnlyList<(double Boost, IReadOnlyList<IReadOnlyList<string>> Documents)> fields)
    {
        _documents = fields.Count == 0 ? 0 : fields[0].Documents.Count;
        _fields = [.. fields.Select(f => new Field(f.Boost, f.Documents))];
    }

    /// <summary>BM25 score of every document for the given terms, each term weighted by its factor.</summary>
    public double[] Score(IReadOnlyDictionary<string, double> terms)
    {
        var scores = new double[_documents];
        foreach (var field in _fields)
        {
            foreach (var (term, factor) in terms)
            {
                if (!field.Postings.TryGetValue(term, out var postings))
                {
                    continue;
                }

                var idf = Math.Log(1 + ((_documents - postings.Length + 0.5) / (postings.Length + 0.5)));
                var weight = field.Boost * factor * idf;
                foreach (var (document, frequency) in postings)
                {
                    scores[document] += weight * frequency * (K1 + 1) / (frequency + field.LengthNorms[document]);
                }
            }
        }

        return scores;
    }

    private sealed class Field
    {
        public Field(double boost, IReadOnlyList<IReadOnlyList<string>> documents)
        {
            Boost = boost;
            var average = documents.Count == 0 ? 1 : Math.Max(1e-9, documents.Average(d => d.Count));
            LengthNorms = [.. documents.Select(d => K1 * (1 - B + (B * d.Count / average)))];
            var postings = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
            for (var document = 0; document < documents.Count; document++)
            {
                foreach (var group in documents[document].GroupBy(t => t, StringComparer.Ordinal))
                {
                    if (!postings.TryGetValue(group.Key, out var list))
                    {
                        postings[group.Key] = list = [];
                    }

                    list.Add((document, group.Count()));
                }
            }

            Postings = postings.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        }

        public double Boost { get; }
        public double[] LengthNorms { get; }
        public FrozenDictionary<string, (int Document, int Frequency)[]> Postings { get; }
    }
}
