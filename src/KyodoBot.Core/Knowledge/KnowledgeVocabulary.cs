using KyodoBot.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// The word lists that live beside the manual as data: <c>_synonyms.yaml</c> (Japanese variants staff type → the
/// term the manual uses) and <c>_glossary.yaml</c> (English terms → Japanese terms of the manual). Keys are stored in
/// the form <see cref="TextNormalizer.Key"/> produces, so lookups match what the analyzer sees.
/// </summary>
public sealed class KnowledgeVocabulary
{
    public const string SynonymsFile = "_synonyms.yaml";
    public const string GlossaryFile = "_glossary.yaml";

    public static KnowledgeVocabulary Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>());

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _synonymLookup;
    private readonly HashSet<char> _synonymFirstChars;

    public KnowledgeVocabulary(IReadOnlyDictionary<string, string> synonyms, IReadOnlyDictionary<string, IReadOnlyList<string>> glossary)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (variant, canonical) in synonyms)
        {
            table[variant] = canonical;
            table.TryAdd(canonical, canonical);
        }

        Synonyms = table;
        _synonymLookup = table.GetAlternateLookup<ReadOnlySpan<char>>();
        SynonymLengths = table.Keys.Select(k => k.Length).Distinct().OrderDescending().ToArray();
        _synonymFirstChars = table.Keys.Select(k => k[0]).ToHashSet();
        Glossary = glossary;
        GlossaryMaxWords = glossary.Keys.Select(k => k.Split(' ').Length).DefaultIfEmpty(1).Max();
    }

    /// <summary>Variant → canonical term; every canonical term also maps to itself.</summary>
    public IReadOnlyDictionary<string, string> Synonyms { get; }

    /// <summary>The lengths of the synonym keys, longest first (the scan tries the longest match first).</summary>
    public IReadOnlyList<int> SynonymLengths { get; }

    /// <summary>English phrase (words joined by one space) → Japanese terms.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Glossary { get; }

    public int GlossaryMaxWords { get; }

    public bool MayStartSynonym(char c) => _synonymFirstChars.Contains(c);

    public bool TryGetCanonical(ReadOnlySpan<char> term, out string canonical) => _synonymLookup.TryGetValue(term, out canonical!);

    /// <summary>Reads both files from a knowledge folder; a missing file is an empty list, a broken one an error.</summary>
    public static KnowledgeVocabulary Load(string folder, ICollection<KnowledgeLoadError> errors)
    {
        var synonyms = new Dictionary<string, string>(StringComparer.Ordinal);
        var glossary = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        var synonymFile = ReadYaml<SynonymsDocument>(Path.Combine(folder, SynonymsFile), errors);
        foreach (var entry in synonymFile?.Synonyms ?? [])
        {
            var canonical = TextNormalizer.Key(entry.Canonical);
            if (canonical.Length == 0)
            {
                continue;
            }

            foreach (var variant in entry.Variants ?? [])
            {
                var key = TextNormalizer.Key(variant);
                if (key.Length > 0 && key != canonical)
                {
                    synonyms[key] = canonical;
                }
            }
        }

        var glossaryFile = ReadYaml<GlossaryDocument>(Path.Combine(folder, GlossaryFile), errors);
        foreach (var entry in glossaryFile?.Terms ?? [])
        {
            var japanese = (entry.Ja ?? []).Select(TextNormalizer.Key).Where(j => j.Length > 0).ToArray();
            foreach (var english in entry.En ?? [])
            {
                var key = EnglishKey(english);
                if (key.Length > 0 && japanese.Length > 0)
                {
                    glossary[key] = glossary.TryGetValue(key, out var existing) ? [.. existing.Union(japanese)] : japanese;
                }
            }
        }

        return new KnowledgeVocabulary(synonyms, glossary);
    }

    /// <summary>English words as the analyzer splits them: lower case, letters and digits, one space between.</summary>
    public static string EnglishKey(string? text) => string.Join(' ', TermAnalyzer.LatinWords(TextNormalizer.Key(text)));

    private static T? ReadYaml<T>(string path, ICollection<KnowledgeLoadError> errors) where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return new DeserializerBuilder().Build().Deserialize<T>(File.ReadAllText(path));
        }
        catch (YamlException ex)
        {
            errors.Add(new KnowledgeLoadError(Path.GetFileName(path), (int)ex.Start.Line, ex.InnerException?.Message ?? ex.Message));
            return null;
        }
    }

    private sealed class SynonymsDocument
    {
        [YamlMember(Alias = "synonyms")]
        public List<SynonymEntry>? Synonyms { get; set; }
    }

    private sealed class SynonymEntry
    {
        [YamlMember(Alias = "canonical")]
        public string? Canonical { get; set; }

        [YamlMember(Alias = "variants")]
        public List<string>? Variants { get; set; }
    }

    private sealed class GlossaryDocument
    {
        [YamlMember(Alias = "terms")]
        public List<GlossaryEntry>? Terms { get; set; }
    }

    private sealed class GlossaryEntry
    {
        [YamlMember(Alias = "en")]
        public List<string>? En { get; set; }

        [YamlMember(Alias = "ja")]
        public List<string>? Ja { get; set; }
    }
}
