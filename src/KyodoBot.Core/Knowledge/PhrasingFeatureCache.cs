namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Keeps each phrasing's analysed features between reloads of the knowledge folder (one per <see cref="KnowledgeBase"/>,
/// like <see cref="Documents.DocumentCache"/>): saving a Markdown file re-analyses only new phrasings. Features depend
/// only on the text and the vocabulary, so the cache starts over whenever a vocabulary file changes
/// (<paramref name="signature"/> of <see cref="Features"/>: the files' names, sizes and times).
/// </summary>
public sealed class PhrasingFeatureCache
{
    private readonly Lock _lock = new();
    private string _signature = "";
    private Dictionary<string, Dictionary<string, double>> _features = new(StringComparer.Ordinal);

    internal IReadOnlyList<Dictionary<string, double>> Features(string signature, IReadOnlyList<IndexedPhrasing> phrasings, Func<string, Dictionary<string, double>> analyse)
    {
        lock (_lock)
        {
            var known = signature == _signature ? _features : new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
            var features = phrasings.AsParallel().AsOrdered()
                .Select(p => known.TryGetValue(p.Text, out var cached) ? cached : analyse(p.Text))
                .ToList();
            var next = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
            for (var i = 0; i < phrasings.Count; i++)
            {
                next.TryAdd(phrasings[i].Text, features[i]);
            }

            (_signature, _features) = (signature, next);
            return features;
        }
    }

    /// <summary>What the vocabulary is made of: each vocabulary file's name, size and last write time.</summary>
    public static string Signature(string folder) =>
        string.Join('|', new[]
            {
                KnowledgeVocabulary.SynonymsFile, KnowledgeVocabulary.GlossaryFile, KnowledgeVocabulary.SynonymDictionaryFile,
                KnowledgeVocabulary.EnglishDictionaryFile, KnowledgeVocabulary.ReadingsDictionaryFile, KnowledgeVocabulary.PredicatesDictionaryFile, KnowledgeVocabulary.TroublesFile,
                KnowledgeVocabulary.KanjiReadingsFile,
            }
            .Select(name => new FileInfo(Path.Combine(folder, name)))
            .Select(f => f.Exists ? $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}" : f.Name));
}
