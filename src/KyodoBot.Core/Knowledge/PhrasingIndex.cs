using System.Collections.Frozen;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Knowledge;

/// <summary>One alternate phrasing (or a question the manual does not answer) as the phrasing matcher holds it.</summary>
/// <param name="Section">The section's ordinal in the index, or -1 for a question the manual does not answer.</param>
/// <param name="InText">Also part of the section's words (a phrasing written in the Markdown file itself).</param>
public sealed record IndexedPhrasing(int Section, string Text, bool InText = false);

/// <summary>
/// The nearest phrasings of a question. <see cref="Best"/> is the most similar phrasing of any section,
/// <see cref="Runner"/> the most similar phrasing of another section, <see cref="Negative"/> the most similar question
/// the manual does not answer; similarities are 0..1 (a weighted cosine, <see cref="PhrasingIndex"/>).
/// </summary>
public sealed record PhrasingMatch(int Section, double Best, double Runner, double Negative, string? Phrasing, string? NegativePhrasing);

/// <summary>
/// A second signal beside the section ranking: every alternate phrasing of every section, and every question of
/// <c>_not-in-manual.tsv</c>, indexed on its own (not merged into the section's words, which would dilute what makes
/// each phrasing specific). A question is compared with each by a weighted cosine of two TF-IDF vectors:
/// <list type="bullet">
/// <item>the analyzer's concepts (<see cref="QuestionAnalyzer"/>: synonyms, glossary and EDICT English → Japanese,
/// kana readings, typo correction) as their terms, each scaled by the concept's weight;</item>
/// <item>the characters: bigrams and trigrams of the normalised text including hiragana (so 決めとく and 決めておく,
/// どうすれば and どうしたら still share most of what they say), English as word stems.</item>
/// </list>
/// IDF is over the phrasings, so endings every question has (ですか, って) weigh little, and a word that no phrasing
/// holds (保険) lowers the similarity to all of them. A long message is compared whole and by its question sentence;
/// the better of the two counts.
/// </summary>
public sealed class PhrasingIndex
{
    /// <summary>Share of the concept vector in the similarity; the character vector has the rest.</summary>
    public const double ConceptShare = 0.5;

    private readonly IReadOnlyList<IndexedPhrasing> _entries;
    // Plain dictionaries: built on every reload, read a few dozen times per question; freezing them cost more than it saved.
    private readonly Dictionary<string, (int[] Entries, double[] Weights)> _postings;
    private readonly Dictionary<string, double> _idf;
    private readonly double _unseenIdf;
    private readonly FrozenSet<int> _covered;

    private PhrasingIndex(IReadOnlyList<IndexedPhrasing> entries, List<Dictionary<string, double>> vectors)
    {
        _entries = entries;
        _covered = entries.Where(e => e.Section >= 0).Select(e => e.Section).ToFrozenSet();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var vector in vectors)
        {
            foreach (var feature in vector.Keys)
            {
                df[feature] = df.GetValueOrDefault(feature) + 1;
            }
        }

        var n = Math.Max(1, entries.Count);
        _unseenIdf = Math.Log(1 + (n / 0.5));
        _idf = df.ToDictionary(p => p.Key, p => Math.Log(1 + (n / (p.Value + 0.5))), StringComparer.Ordinal);

        var postings = new Dictionary<string, (List<int> Entries, List<double> Weights)>(StringComparer.Ordinal);
        for (var i = 0; i < vectors.Count; i++)
        {
            foreach (var (feature, weight) in Normalised(vectors[i]))
            {
                if (!postings.TryGetValue(feature, out var list))
                {
                    postings[feature] = list = ([], []);
                }

                list.Entries.Add(i);
                list.Weights.Add(weight);
            }
        }

        _postings = postings.ToDictionary(p => p.Key, p => (p.Value.Entries.ToArray(), p.Value.Weights.ToArray()), StringComparer.Ordinal);
    }

    public static PhrasingIndex Empty { get; } = new([], []);

    public IReadOnlyList<IndexedPhrasing> Entries => _entries;

    public int Count => _entries.Count;

    /// <summary>True when the section (by ordinal) has at least one phrasing.</summary>
    public bool Covers(int section) => _covered.Contains(section);

    /// <summary>Indexes the phrasings, analysing each as a question of <paramref name="index"/> would be.</summary>
    /// <param name="cache">Features of phrasings analysed by an earlier build with the same vocabulary
    /// (<paramref name="signature"/>); without it every phrasing is analysed.</param>
    public static PhrasingIndex Build(KnowledgeIndex index, IReadOnlyList<IndexedPhrasing> phrasings, PhrasingFeatureCache? cache = null, string signature = "")
    {
        Dictionary<string, double> Analyse(string text) => Features(index, text, corrected: false);
        return cache is null
            ? new(phrasings, [.. phrasings.AsParallel().AsOrdered().Select(p => Analyse(p.Text))])
            : new(phrasings, [.. cache.Features(signature, phrasings, Analyse)]);
    }

    /// <summary>
    /// How near each section's phrasings are to <paramref name="text"/>, and how near the nearest question the manual
    /// does not answer is. <paramref name="exclude"/> leaves one entry out (calibration compares each phrasing with all
    /// the others, never with itself).
    /// </summary>
    /// <param name="analyzed">The text already read by <see cref="KnowledgeIndex.Analyze"/> (the answerer has it), so that
    /// it is not read twice.</param>
    public PhrasingVotes Vote(KnowledgeIndex index, string text, int exclude = -1, Question? analyzed = null)
    {
        var votes = new PhrasingVotes(index.Sections.Count);
        if (_entries.Count == 0)
        {
            return votes;
        }

        var scores = Similarities(index, text, exclude, analyzed);
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] > 0)
            {
                votes.Add(_entries[i].Section, scores[i], i);
            }
        }

        return votes;
    }

    /// <summary>The section of the nearest phrasing, with the figures the answerer weighs (tests, tools).</summary>
    public PhrasingMatch Match(KnowledgeIndex index, string text, int exclude = -1)
    {
        var votes = Vote(index, text, exclude);
        var best = votes.Best;
        if (best < 0)
        {
            return new PhrasingMatch(-1, 0, 0, votes.Negative, null, votes.NegativeEntry < 0 ? null : _entries[votes.NegativeEntry].Text);
        }

        return new PhrasingMatch(best, votes.Top1(best), votes.RunnerUp(best), votes.Negative,
            _entries[votes.NearestEntry(best)].Text, votes.NegativeEntry < 0 ? null : _entries[votes.NegativeEntry].Text);
    }

    /// <summary>The similarity of the text to every entry (the better of the whole message and its question sentence).</summary>
    public double[] Similarities(KnowledgeIndex index, string text, int exclude = -1, Question? analyzed = null)
    {
        var scores = new double[_entries.Count];
        Accumulate(Features(index, text, analyzed: analyzed), scores);
        var sentence = QuestionAnalyzer.QuestionSentence(text);
        if (sentence.Length > 0 && sentence.Length < TextNormalizer.Normalize(text).Length - 2)
        {
            var alone = new double[_entries.Count];
            Accumulate(Features(index, sentence), alone);
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = Math.Max(scores[i], alone[i]);
            }
        }

        if (exclude >= 0 && exclude < scores.Length)
        {
            scores[exclude] = 0;
        }

        return scores;
    }

    private void Accumulate(Dictionary<string, double> features, double[] scores)
    {
        var query = Normalised(features);
        foreach (var (feature, weight) in query)
        {
            if (_postings.TryGetValue(feature, out var posting))
            {
                for (var j = 0; j < posting.Entries.Length; j++)
                {
                    scores[posting.Entries[j]] += weight * posting.Weights[j];
                }
            }
        }
    }

    /// <summary>
    /// Each half (concepts "c:", characters "g:") weighted by IDF and scaled to unit length, then by its share, so the
    /// dot product of two such vectors is the weighted sum of the two cosines.
    /// </summary>
    private List<(string Feature, double Weight)> Normalised(Dictionary<string, double> features)
    {
        var result = new List<(string, double)>(features.Count);
        double conceptNorm = 0, gramNorm = 0;
        foreach (var (feature, tf) in features)
        {
            var weight = tf * (_idf.TryGetValue(feature, out var idf) ? idf : _unseenIdf);
            if (feature[0] == 'c')
            {
                conceptNorm += weight * weight;
            }
            else
            {
                gramNorm += weight * weight;
            }

            result.Add((feature, weight));
        }

        var conceptScale = conceptNorm > 0 ? Math.Sqrt(ConceptShare / conceptNorm) : 0;
        var gramScale = gramNorm > 0 ? Math.Sqrt((1 - ConceptShare) / gramNorm) : 0;
        for (var i = 0; i < result.Count; i++)
        {
            result[i] = (result[i].Item1, result[i].Item2 * (result[i].Item1[0] == 'c' ? conceptScale : gramScale));
        }

        return result;
    }

    /// <summary>The concept half of <see cref="Features"/>: each concept's terms, scaled by its weight (context halved).</summary>
    private static Dictionary<string, double> ConceptFeatures(Question question)
    {
        var features = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var concept in question.Concepts)
        {
            var weight = concept.Weight * (concept.Context ? 0.5 : 1);
            foreach (var form in concept.Forms)
            {
                var terms = form.SingleCharacter is { } c ? form.Terms.Prepend(c.ToString()) : form.Terms;
                foreach (var term in terms)
                {
                    features["c:" + term] = Math.Max(features.GetValueOrDefault("c:" + term), weight);
                }
            }
        }

        return features;
    }

    /// <summary>The features of a text: its concepts' terms and its character n-grams, each with a term weight.</summary>
    /// <param name="corrected">Read typos as the manual's words (<see cref="KnowledgeIndex.Analyze"/>): for questions; a
    /// phrasing is read as written, which also keeps the index build fast.</param>
    /// <param name="analyzed">The text as <see cref="KnowledgeIndex.Analyze"/> read it, when the caller has it.</param>
    internal static Dictionary<string, double> Features(KnowledgeIndex index, string text, bool corrected = true, Question? analyzed = null)
    {
        var features = ConceptFeatures(analyzed ?? (corrected ? index.Analyze(text) : QuestionAnalyzer.Analyze(text, index.Vocabulary)));
        var key = TermAnalyzer.Canonicalize(index.Vocabulary.ReadKatakana(TextNormalizer.Key(QuestionAnalyzer.StripMarkup(text))), index.Vocabulary);
        var run = new System.Text.StringBuilder();
        foreach (var c in key.Append(' '))
        {
            if (char.IsLetterOrDigit(c) && !char.IsAsciiLetterOrDigit(c))
            {
                run.Append(c);
                continue;
            }

            CharacterGrams(run.ToString());
            run.Clear();
        }

        foreach (var word in TermAnalyzer.LatinWords(key))
        {
            if (word.Length > 1 && !char.IsAsciiDigit(word[0]))
            {
                Add("g:" + TermAnalyzer.EnglishStem(word), 1);
            }
        }

        return features;

        void CharacterGrams(string s)
        {
            for (var i = 0; i < s.Length; i++)
            {
                if (!TermAnalyzer.IsHiragana(s[i]))
                {
                    Add("g:" + s[i], 1);
                }
            }

            for (var i = 0; i + 1 < s.Length; i++)
            {
                Add("g:" + s.Substring(i, 2), 1);
                if (i + 2 < s.Length)
                {
                    Add("g:" + s.Substring(i, 3), 1);
                }
            }

        }

        void Add(string feature, double weight) =>
            features[feature] = Math.Max(features.GetValueOrDefault(feature), weight);
    }
}

/// <summary>
/// The phrasing matcher's view of one question: per section the similarities of its three nearest phrasings, and the
/// similarity of the nearest question the manual does not answer.
/// </summary>
public sealed class PhrasingVotes
{
    /// <summary>How many nearest phrasings of a section count in its <see cref="Score"/> (k of a k-nearest-neighbour vote).</summary>
    public const int Neighbours = 3;

    private readonly double[,] _top;
    private readonly int[] _nearest;

    internal PhrasingVotes(int sections)
    {
        _top = new double[sections, Neighbours];
        _nearest = new int[sections];
        Array.Fill(_nearest, -1);
    }

    /// <summary>The similarity of the nearest question of <c>_not-in-manual.tsv</c> (0 when there is none).</summary>
    public double Negative { get; private set; }

    internal int NegativeEntry { get; private set; } = -1;

    public int SectionCount => _nearest.Length;

    /// <summary>The similarity of the section's nearest phrasing.</summary>
    public double Top1(int section) => section >= 0 && section < _nearest.Length ? _top[section, 0] : 0;

    /// <summary>The mean similarity of the section's <see cref="Neighbours"/> nearest phrasings (missing ones count 0).</summary>
    public double Score(int section)
    {
        if (section < 0 || section >= _nearest.Length)
        {
            return 0;
        }

        var sum = 0.0;
        for (var k = 0; k < Neighbours; k++)
        {
            sum += _top[section, k];
        }

        return sum / Neighbours;
    }

    /// <summary>The nearest phrasing of any other section.</summary>
    public double RunnerUp(int section)
    {
        var best = 0.0;
        for (var s = 0; s < _nearest.Length; s++)
        {
            if (s != section)
            {
                best = Math.Max(best, _top[s, 0]);
            }
        }

        return best;
    }

    /// <summary>The section with the highest <see cref="Score"/>, or -1 when no phrasing shares anything with the question.</summary>
    public int Best
    {
        get
        {
            var best = -1;
            for (var s = 0; s < _nearest.Length; s++)
            {
                if (_top[s, 0] > 0 && (best < 0 || Score(s) > Score(best)))
                {
                    best = s;
                }
            }

            return best;
        }
    }

    internal int NearestEntry(int section) => _nearest[section];

    internal void Add(int section, double similarity, int entry)
    {
        if (section < 0)
        {
            if (similarity > Negative)
            {
                Negative = similarity;
                NegativeEntry = entry;
            }

            return;
        }

        if (section >= _nearest.Length || similarity <= _top[section, Neighbours - 1])
        {
            return;
        }

        var at = Neighbours - 1;
        while (at > 0 && _top[section, at - 1] < similarity)
        {
            _top[section, at] = _top[section, at - 1];
            at--;
        }

        _top[section, at] = similarity;
        if (at == 0)
        {
            _nearest[section] = entry;
        }
    }
}
