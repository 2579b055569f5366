namespace KyodoBot.Core.Knowledge;

/// <summary>
/// An experiment beside the phrasing matcher's 3-nearest vote (issue #10, docs/decisions/0029-linear-classifier-experiment.md):
/// a multinomial logistic regression (softmax, L2) over the same features as <see cref="PhrasingIndex"/> — the
/// analyzer's concepts and the character n-grams, TF-IDF, each half scaled to its share — with one class per section
/// that has phrasings and one for the questions the manual does not answer. Trained by stochastic gradient descent in a
/// fixed order (seeded shuffle), single-threaded, so the same phrasings always give the same weights.
/// </summary>
public sealed class PhrasingClassifier
{
    /// <summary>Training passes over the samples.</summary>
    public const int DefaultEpochs = 30;

    /// <summary>L2 penalty per sample (weight decay).</summary>
    public const double DefaultL2 = 1e-6;

    private const int Seed = 20261203;

    /// <summary>A class whose probability for a sample is within this of its target gets no weight update from it.</summary>
    private const double NegligibleGradient = 1e-3;

    private readonly Dictionary<string, int> _columns;
    private readonly double[] _idf;
    private readonly int[] _classSection;
    private readonly float[] _weights; // [feature × class]
    private readonly double[] _bias;
    private readonly int _sections;

    private PhrasingClassifier(Dictionary<string, int> columns, double[] idf, int[] classSection, float[] weights, double[] bias, int sections)
    {
        (_columns, _idf, _classSection, _weights, _bias, _sections) = (columns, idf, classSection, weights, bias, sections);
    }

    /// <summary>The number of classes (sections with phrasings, and "none" when there are negatives).</summary>
    public int Classes => _classSection.Length;

    /// <summary>
    /// Trains on analysed samples: each is a section ordinal (-1: the manual does not answer it) and its features
    /// (<see cref="PhrasingIndex.Features"/>).
    /// </summary>
    public static PhrasingClassifier Train(int sections, IReadOnlyList<(int Section, Dictionary<string, double> Features)> samples, int epochs = DefaultEpochs, double l2 = DefaultL2, bool balanced = false)
    {
        var (columns, idf) = Columns(samples);
        var classSection = samples.Select(s => s.Section).Distinct().Order().ToArray();
        var classOf = classSection.Select((section, c) => (section, c)).ToDictionary(p => p.section, p => p.c);

        var classes = classSection.Length;
        var weights = new float[columns.Count * classes];
        var bias = new double[classes];
        var model = new PhrasingClassifier(columns, idf, classSection, weights, bias, sections);
        if (classes < 2)
        {
            return model;
        }

        var rows = samples.Select(s => (Class: classOf[s.Section], Vector: model.Vector(s.Features))).ToArray();
        var classWeight = ClassWeights(rows.Select(r => r.Class).ToArray(), classes, balanced);
        var order = Enumerable.Range(0, rows.Length).ToArray();
        var random = new Random(Seed);
        var logits = new double[classes];
        var scale = 1.0; // the true weights are scale × weights (weight decay without touching every weight each step)
        var step = 0L;
        const double rate0 = 0.5;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var rate = rate0 / (1 + (rate0 * l2 * step++));
                var (label, vector) = rows[i];
                model.Logits(vector, scale, logits);
                Softmax(logits);
                scale *= 1 - (rate * l2);
                if (scale < 1e-6)
                {
                    scale = Rescale(weights, scale);
                }

                for (var c = 0; c < classes; c++)
                {
                    var gradient = (logits[c] - (c == label ? 1 : 0)) * classWeight[label];
                    bias[c] -= rate * gradient;
                    if (Math.Abs(gradient) < NegligibleGradient)
                    {
                        continue; // most classes are far from most samples after a few passes: their update would change nothing
                    }

                    var update = (float)(rate * gradient / scale);
                    foreach (var (column, value) in vector)
                    {
                        weights[(column * classes) + c] -= update * (float)value;
                    }
                }
            }
        }

        Rescale(weights, scale);
        return model;
    }

    /// <summary>Multiplies the stored weights by the pending decay <paramref name="scale"/>; the new scale is 1.</summary>
    private static double Rescale(float[] weights, double scale)
    {
        for (var w = 0; w < weights.Length; w++)
        {
            weights[w] = (float)(weights[w] * scale);
        }

        return 1;
    }

    /// <summary>A column per feature of the samples, in first-seen order, and each column's IDF over the samples.</summary>
    private static (Dictionary<string, int> Columns, double[] Idf) Columns(IReadOnlyList<(int Section, Dictionary<string, double> Features)> samples)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var df = new List<int>();
        foreach (var (_, features) in samples)
        {
            foreach (var feature in features.Keys)
            {
                if (!columns.TryGetValue(feature, out var column))
                {
                    columns[feature] = column = columns.Count;
                    df.Add(0);
                }

                df[column]++;
            }
        }

        var n = Math.Max(1, samples.Count);
        return (columns, df.Select(d => Math.Log(1 + (n / (d + 0.5)))).ToArray());
    }

    /// <summary>1 per class, or balanced: a class with few samples (a section with only the Markdown's own phrasings) weighs as much in all (at most 5×).</summary>
    private static double[] ClassWeights(int[] rowClasses, int classes, bool balanced)
    {
        var sizes = new int[classes];
        foreach (var c in rowClasses)
        {
            sizes[c]++;
        }

        return sizes.Select(n => balanced ? Math.Min(5.0, (double)rowClasses.Length / classes / n) : 1.0).ToArray();
    }

    /// <summary>
    /// The probability of each section (by ordinal) and of "none" (the manual does not answer it), from the features of
    /// the question; features unseen in training are ignored.
    /// </summary>
    public (double[] Sections, double None) Predict(Dictionary<string, double> features)
    {
        var logits = new double[_classSection.Length];
        Logits(Vector(features), 1, logits);
        Softmax(logits);
        var sections = new double[_sections];
        var none = 0.0;
        for (var c = 0; c < logits.Length; c++)
        {
            if (_classSection[c] < 0)
            {
                none = logits[c];
            }
            else if (_classSection[c] < _sections)
            {
                sections[_classSection[c]] = logits[c];
            }
        }

        return (sections, none);
    }

    private void Logits(List<(int Column, double Value)> vector, double scale, double[] logits)
    {
        var classes = logits.Length;
        for (var c = 0; c < classes; c++)
        {
            logits[c] = 0;
        }

        foreach (var (column, value) in vector)
        {
            var at = column * classes;
            for (var c = 0; c < classes; c++)
            {
                logits[c] += value * _weights[at + c];
            }
        }

        for (var c = 0; c < classes; c++)
        {
            logits[c] = (logits[c] * scale) + _bias[c];
        }
    }

    private static void Softmax(double[] logits)
    {
        var max = logits.Max();
        var sum = 0.0;
        for (var c = 0; c < logits.Length; c++)
        {
            logits[c] = Math.Exp(logits[c] - max);
            sum += logits[c];
        }

        for (var c = 0; c < logits.Length; c++)
        {
            logits[c] /= sum;
        }
    }

    /// <summary>TF-IDF, each half (concepts "c:", characters "g:") scaled to unit length times its share, as the matcher does.</summary>
    private List<(int Column, double Value)> Vector(Dictionary<string, double> features)
    {
        var vector = new List<(int, double)>(features.Count);
        double conceptNorm = 0, gramNorm = 0;
        var concept = new List<bool>(features.Count);
        foreach (var (feature, tf) in features)
        {
            if (!_columns.TryGetValue(feature, out var column))
            {
                continue;
            }

            var weight = tf * _idf[column];
            var isConcept = feature[0] == 'c';
            if (isConcept)
            {
                conceptNorm += weight * weight;
            }
            else
            {
                gramNorm += weight * weight;
            }

            vector.Add((column, weight));
            concept.Add(isConcept);
        }

        var conceptScale = conceptNorm > 0 ? Math.Sqrt(PhrasingIndex.ConceptShare / conceptNorm) : 0;
        var gramScale = gramNorm > 0 ? Math.Sqrt((1 - PhrasingIndex.ConceptShare) / gramNorm) : 0;
        for (var i = 0; i < vector.Count; i++)
        {
            vector[i] = (vector[i].Item1, vector[i].Item2 * (concept[i] ? conceptScale : gramScale));
        }

        return vector;
    }
}
