using System.Globalization;
using System.Text;

namespace KyodoBot.Core.Knowledge;

/// <summary>What <see cref="PhrasingBayes"/> says of a question: its best section and how far that section stands out.</summary>
/// <param name="Section">The best section's ordinal (-1 when the question has no known feature).</param>
/// <param name="OverNone">The best section's mean log-likelihood per unit of feature weight minus that of the questions
/// the manual does not answer (&gt; 0: the question reads more like the section's phrasings than like the negatives).</param>
/// <param name="OverRunner">The same difference to the second-best section.</param>
public readonly record struct StoryReading(int Section, double OverNone, double OverRunner);

/// <summary>
/// A multinomial naive Bayes over the phrasings (one class per section, one for the questions the manual does not
/// answer), on the characters alone: the NFKC, lower-cased text split at spaces and punctuation, each Japanese run as
/// its character bigrams and trigrams and each ASCII word whole. A document counts a feature once, weighted by its IDF
/// over the phrasings. Where the nearest-phrasing vote (<see cref="PhrasingIndex"/>) needs one phrasing that resembles
/// the whole message, this adds up every word the section's phrasings use — 「たらい回し」「平行線」「下請け」 in a long story
/// point to their section although no single phrasing tells the same story
/// (docs/decisions/0072-story-reading.md). Built from the phrasing index's entries after the index is served (or on
/// first use); read-only after.
/// </summary>
public sealed class PhrasingBayes
{
    /// <summary>Additive smoothing of the per-class feature weights.</summary>
    private const double Alpha = 0.1;

    private readonly int _sections;
    private readonly FeatureIds _features = new();
    private readonly double[] _idf;

    // Postings: feature f is held by the classes _postClass[_postStart[f].._postStart[f+1]) with these summed weights.
    private readonly int[] _postStart;
    private readonly int[] _postClass;
    private readonly double[] _postWeight;
    private readonly double[] _total;
    private readonly int[][] _entryFeatures;
    private readonly int[] _entryClass;

    private PhrasingBayes(IReadOnlyList<IndexedPhrasing> entries, int sections)
    {
        _sections = sections;
        var none = sections;
        var df = new List<int>();
        var docs = Documents(entries, df);

        var n = Math.Max(1, entries.Count);
        _idf = [.. df.Select(d => Math.Log(n / (1.0 + d)))];
        _entryFeatures = docs;
        _entryClass = [.. entries.Select(e => e.Section >= 0 && e.Section < sections ? e.Section : none)];
        _total = new double[sections + 1];
        var perFeature = new Dictionary<int, double>[df.Count];
        for (var i = 0; i < docs.Length; i++)
        {
            var c = _entryClass[i];
            foreach (var f in docs[i])
            {
                (perFeature[f] ??= [])[c] = perFeature[f].GetValueOrDefault(c) + _idf[f];
                _total[c] += _idf[f];
            }
        }

        _postStart = new int[df.Count + 1];
        for (var f = 0; f < df.Count; f++)
        {
            _postStart[f + 1] = _postStart[f] + (perFeature[f]?.Count ?? 0);
        }

        _postClass = new int[_postStart[^1]];
        _postWeight = new double[_postStart[^1]];
        for (var f = 0; f < df.Count; f++)
        {
            var at = _postStart[f];
            foreach (var (c, w) in perFeature[f] ?? [])
            {
                (_postClass[at], _postWeight[at]) = (c, w);
                at++;
            }
        }
    }

    /// <summary>Each entry's distinct feature ids (new features get the next id); <paramref name="df"/> counts the entries holding each.</summary>
    private int[][] Documents(IReadOnlyList<IndexedPhrasing> entries, List<int> df)
    {
        var docs = new int[entries.Count][];
        for (var i = 0; i < entries.Count; i++)
        {
            var ids = new HashSet<int>();
            var text = Normalised(entries[i].Text);
            foreach (var (start, length, word) in Spans(text))
            {
                if (!_features.TryGet(text.AsSpan(start, length), word, out var id))
                {
                    _features.Add(text.AsSpan(start, length), word, id = df.Count);
                    df.Add(0);
                }

                if (ids.Add(id))
                {
                    df[id]++;
                }
            }

            docs[i] = [.. ids];
        }

        return docs;
    }

    /// <summary>The classifier of <paramref name="phrasings"/> (entries of section -1 are the "not in the manual" class).</summary>
    public static PhrasingBayes Build(IReadOnlyList<IndexedPhrasing> phrasings, int sections) => new(phrasings, sections);

    /// <summary>
    /// Reads <paramref name="text"/>; with <paramref name="exclude"/> ≥ 0 that phrasing's own counts are taken out, so
    /// that a phrasing asked as a question does not find itself (<see cref="PhrasingCrossValidation"/>).
    /// </summary>
    public StoryReading Read(string text, int exclude = -1)
    {
        var features = new HashSet<int>();
        var normalised = Normalised(text.Length > MaxRead ? text[..MaxRead] : text);
        foreach (var (start, length, word) in Spans(normalised))
        {
            if (_features.TryGet(normalised.AsSpan(start, length), word, out var id))
            {
                features.Add(id);
            }
        }

        if (features.Count == 0)
        {
            return new(-1, double.NegativeInfinity, 0);
        }

        var excludedClass = exclude >= 0 && exclude < _entryClass.Length ? _entryClass[exclude] : -1;
        var excluded = excludedClass >= 0 ? new HashSet<int>(_entryFeatures[exclude]) : null;
        var vocabulary = _idf.Length;
        var scores = new double[_sections + 1];
        var weight = 0.0;
        foreach (var f in features)
        {
            var w = _idf[f];
            weight += w;
            for (var p = _postStart[f]; p < _postStart[f + 1]; p++)
            {
                var count = _postWeight[p] - (_postClass[p] == excludedClass && excluded!.Contains(f) ? w : 0);
                scores[_postClass[p]] += w * Math.Log(1 + (count / Alpha));
            }
        }

        if (weight <= 0)
        {
            return new(-1, double.NegativeInfinity, 0);
        }

        var excludedTotal = excluded?.Sum(f => _idf[f]) ?? 0;
        int best = -1, second = -1;
        for (var c = 0; c <= _sections; c++)
        {
            var total = _total[c] - (c == excludedClass ? excludedTotal : 0);
            scores[c] = (scores[c] + (weight * Math.Log(Alpha / (total + (Alpha * vocabulary))))) / weight;
            if (c == _sections || _total[c] <= 0)
            {
                continue;
            }

            if (best < 0 || scores[c] > scores[best])
            {
                (second, best) = (best, c);
            }
            else if (second < 0 || scores[c] > scores[second])
            {
                second = c;
            }
        }

        return best < 0
            ? new(-1, double.NegativeInfinity, 0)
            : new(best, scores[best] - scores[_sections], second < 0 ? 0 : scores[best] - scores[second]);
    }

    /// <summary>
    /// The characters read of a message: a story longer than this is read by its beginning (the 10,000-character
    /// message allowed in a turn would otherwise cost a millisecond; a staff story is a few hundred characters).
    /// </summary>
    internal const int MaxRead = 2000;

    /// <summary>The text's features as strings (for tests and tools): ASCII words as "w:…", Japanese grams as they are.</summary>
    internal static IEnumerable<string> Features(string text)
    {
        var normalised = Normalised(text);
        foreach (var (start, length, word) in Spans(normalised))
        {
            yield return (word ? "w:" : "") + normalised.Substring(start, length);
        }
    }

    internal static string Normalised(string text) => text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);

    /// <summary>
    /// The features of an NFKC, lower-cased text as (start, length, ASCII word): the text split at spaces and
    /// punctuation, an ASCII run whole, any other run as its character bigrams and trigrams.
    /// </summary>
    internal static IEnumerable<(int Start, int Length, bool Word)> Spans(string normalised)
    {
        var start = 0;
        for (var i = 0; i <= normalised.Length; i++)
        {
            if (i < normalised.Length && !IsSeparator(normalised[i]))
            {
                continue;
            }

            var length = i - start;
            if (length > 0 && normalised.AsSpan(start, length).ContainsAnyExcept(AsciiLettersAndDigits))
            {
                for (var size = 2; size <= 3; size++)
                {
                    for (var at = start; at + size <= i; at++)
                    {
                        yield return (at, size, false);
                    }
                }
            }
            else if (length > 0)
            {
                yield return (start, length, true);
            }

            start = i + 1;
        }
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || Separators.Contains(c);

    private const string Separators = "、。，．,.!?？！「」『』()（）…・:：;；\"'~〜ー-";
}
