using System.Numerics;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// What <see cref="PhrasingLogistic"/> says of a question: a probability for each section and for "not in the manual".
/// </summary>
public sealed class PhrasingClassification
{
    private readonly float[] _probabilities;

    internal PhrasingClassification(float[] probabilities)
    {
        _probabilities = probabilities;
        Best = -1;
        for (var c = 0; c < probabilities.Length - 1; c++)
        {
            if (probabilities[c] > 0 && (Best < 0 || probabilities[c] > probabilities[Best]))
            {
                Best = c;
            }
        }
    }

    /// <summary>Nothing known of the question (no feature the phrasings hold): every probability 0, <see cref="Best"/> -1.</summary>
    internal static PhrasingClassification Unknown(int sections) => new(new float[sections + 1]);

    /// <summary>The most probable section's ordinal (-1 when nothing is known).</summary>
    public int Best { get; }

    /// <summary>The probability that the manual does not answer the question.</summary>
    public double None => _probabilities[^1];

    /// <summary>The probability of the section with this ordinal (0 for an ordinal out of range).</summary>
    public double Of(int section) => section >= 0 && section < _probabilities.Length - 1 ? _probabilities[section] : 0;
}

/// <summary>
/// A softmax regression over the phrasings (one class per section, one for the questions the manual does not answer)
/// on the features <see cref="PhrasingBayes"/> reads — the NFKC text's character bigrams and trigrams, ASCII words
/// whole (and a long one's first five letters) — as TF-IDF vectors (sublinear counts, unit length, features of at least two phrasings). Where the naive Bayes
/// adds up every word a section's phrasings use, this learns which words tell the sections apart and which tell the
/// manual's questions from the others, so it ranks a message's sections better and knows a question beyond the manual
/// (docs/decisions/0073-phrasing-classifier.md). Trained by stochastic gradient descent in a fixed order (the same
/// phrasings give the same weights) after the index is served; read-only after.
/// </summary>
public sealed class PhrasingLogistic
{
    private const int Epochs = 10;
    private const double Rate = 1.0;
    private const int Seed = 20261204;

    /// <summary>The leave-one-out's models: each trained without one fold of the entries (entry i is in fold i % Folds).</summary>
    private const int Folds = 10;

    private readonly int _classes;
    private readonly FeatureIds _features = new();
    private readonly double[] _idf;
    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly Lazy<PhrasingLogistic[]>? _folds;

    private PhrasingLogistic(IReadOnlyList<IndexedPhrasing> entries, int sections, int leftOutFold)
    {
        _classes = sections + 1;
        var training = Enumerable.Range(0, entries.Count).Where(i => leftOutFold < 0 || i % Folds != leftOutFold).ToList();
        _idf = Vocabulary(entries, training);
        _weights = new float[_idf.Length * _classes];
        _bias = new float[_classes];
        Train([.. training.Select(i => TfIdf(entries[i].Text))], [.. training.Select(i => entries[i].Section is var s && s >= 0 && s < sections ? s : sections)]);
        if (leftOutFold < 0)
        {
            _folds = new(() => [.. Enumerable.Range(0, Folds).Select(k => new PhrasingLogistic(entries, sections, k))], LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>The classifier of <paramref name="phrasings"/> (entries of section -1 are the "not in the manual" class).</summary>
    public static PhrasingLogistic Build(IReadOnlyList<IndexedPhrasing> phrasings, int sections) => new(phrasings, sections, leftOutFold: -1);

    /// <summary>
    /// Reads <paramref name="text"/>; with <paramref name="exclude"/> ≥ 0, by the model trained without that phrasing's
    /// fold (built on first such use), so that a phrasing asked as a question does not find itself (<see cref="PhrasingCrossValidation"/>).
    /// </summary>
    public PhrasingClassification Read(string text, int exclude = -1)
    {
        if (exclude >= 0 && _folds is not null)
        {
            return _folds.Value[exclude % Folds].Read(text);
        }

        var (ids, values) = TfIdf(text.Length > PhrasingBayes.MaxRead ? text[..PhrasingBayes.MaxRead] : text);
        if (ids.Length == 0)
        {
            return PhrasingClassification.Unknown(_classes - 1);
        }

        var probabilities = new float[_classes];
        Probabilities(ids, values, probabilities);
        return new(probabilities);
    }

    /// <summary>Feature ids for the training entries' features held by at least two of them; returns their IDF.</summary>
    private double[] Vocabulary(IReadOnlyList<IndexedPhrasing> entries, List<int> training)
    {
        var counts = new Dictionary<(string Text, bool Word), int>();
        foreach (var i in training)
        {
            var text = PhrasingBayes.Normalised(entries[i].Text);
            foreach (var feature in Spans(text).Select(s => (text.Substring(s.Start, s.Length), s.Word)).Distinct())
            {
                counts[feature] = counts.GetValueOrDefault(feature) + 1;
            }
        }

        var idf = new List<double>();
        foreach (var ((feature, word), df) in counts.Where(c => c.Value >= 2).OrderBy(c => c.Key.Word).ThenBy(c => c.Key.Text, StringComparer.Ordinal))
        {
            _features.Add(feature, word, idf.Count);
            idf.Add(Math.Log((1.0 + training.Count) / (1.0 + df)) + 1);
        }

        return [.. idf];
    }

    /// <summary>The text's TF-IDF vector over the known features: sublinear counts, unit length.</summary>
    private (int[] Ids, float[] Values) TfIdf(string text)
    {
        var normalised = PhrasingBayes.Normalised(text);
        var counts = new Dictionary<int, int>();
        foreach (var (start, length, word) in Spans(normalised))
        {
            if (_features.TryGet(normalised.AsSpan(start, length), word, out var id))
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        var ids = counts.Keys.Order().ToArray();
        var values = ids.Select(f => (1 + Math.Log(counts[f])) * _idf[f]).ToArray();
        var length2 = Math.Sqrt(values.Sum(v => v * v));
        return (ids, [.. values.Select(v => (float)(v / length2))]);
    }

    /// <summary>
    /// An ASCII word longer than this also counts as its first letters (a truncation stem: "evaluation" and "evaluate"
    /// share "evalu", "principles" and "principle" "princ"), which the classifier reads beside the whole word.
    /// </summary>
    private const int StemLength = 5;

    /// <summary>The story reading's features (<see cref="PhrasingBayes.Spans"/>), each long ASCII word also as its stem.</summary>
    private static IEnumerable<(int Start, int Length, bool Word)> Spans(string normalised)
    {
        foreach (var span in PhrasingBayes.Spans(normalised))
        {
            yield return span;
            if (span.Word && span.Length > StemLength)
            {
                yield return (span.Start, StemLength, true);
            }
        }
    }

    private void Train((int[] Ids, float[] Values)[] docs, int[] labels)
    {
        var order = Enumerable.Range(0, docs.Length).ToArray();
        var random = new Random(Seed);
        var p = new float[_classes];
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = (float)(Rate / (1 + epoch));
            foreach (var i in order)
            {
                var (ids, values) = docs[i];
                Probabilities(ids, values, p);
                p[labels[i]] -= 1;
                AddScaled(_bias, p, -rate);
                for (var k = 0; k < ids.Length; k++)
                {
                    AddScaled(_weights.AsSpan(ids[k] * _classes, _classes), p, -rate * values[k]);
                }
            }
        }
    }

    /// <summary>target += scale × source, element by element (both of the classes' length).</summary>
    private static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float scale)
    {
        var k = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            for (; k + Vector<float>.Count <= target.Length; k += Vector<float>.Count)
            {
                (new Vector<float>(target[k..]) + (new Vector<float>(source[k..]) * scale)).CopyTo(target[k..]);
            }
        }

        for (; k < target.Length; k++)
        {
            target[k] += scale * source[k];
        }
    }

    /// <summary>The softmax of the classes' scores for one vector, into <paramref name="p"/>.</summary>
    private void Probabilities(int[] ids, float[] values, Span<float> p)
    {
        _bias.CopyTo(p);
        for (var k = 0; k < ids.Length; k++)
        {
            AddScaled(p, _weights.AsSpan(ids[k] * _classes, _classes), values[k]);
        }

        var max = Max(p);
        var sum = 0f;
        for (var c = 0; c < p.Length; c++)
        {
            sum += p[c] = MathF.Exp(p[c] - max);
        }

        for (var c = 0; c < p.Length; c++)
        {
            p[c] /= sum;
        }
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
