using System.Text;
using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Stratified k-fold over the side-file phrasings and the questions the manual does not answer (issue #10,
/// docs/decisions/0029-linear-classifier-experiment.md): each fold's phrasings and negatives are removed from the knowledge
/// (the matcher and the classifier are built without them) and asked as questions. Unlike
/// <see cref="PhrasingCrossValidation"/> it counts the exact section apart from "the group above or a part", so a
/// member's question answered with the group's list shows. Phrasings written in the Markdown itself always stay in
/// (they are part of their section's words too).
/// </summary>
public static class PhrasingFoldEvaluation
{
    /// <summary>Who wrote a phrasing and in which style (the writers' TSV files: section, style, text).</summary>
    public sealed record Label(string Writer, string Style);

    /// <summary>One question asked: its section (-1: a negative), its style and writer, and its fold.</summary>
    public sealed record Item(int Section, string Text, string Style, string Writer, int Fold);

    /// <summary>How one method did on the phrasings (exact, group-or-part, another, refused) and the negatives.</summary>
    public sealed class Tally
    {
        public int Asked { get; private set; }
        public int Exact { get; private set; }
        public int Related { get; private set; }
        public int Wrong { get; private set; }
        public int Negatives { get; private set; }
        public int NegativesAnswered { get; private set; }
        public Dictionary<string, (int Asked, int Exact, int Related)> ByStyle { get; } = new(StringComparer.Ordinal);

        public int Refused => Asked - Exact - Related - Wrong;

        /// <summary>Exact section, or the group above it or a part of it (what <see cref="PhrasingCrossValidation"/> counts).</summary>
        public int GroupOrPart => Exact + Related;

        internal void Add(KnowledgeIndex index, Item item, int answered)
        {
            if (item.Section < 0)
            {
                Negatives++;
                NegativesAnswered += answered >= 0 ? 1 : 0;
                return;
            }

            Asked++;
            var exact = answered == item.Section;
            var related = !exact && answered >= 0 && Relation(index, item.Section, answered);
            Exact += exact ? 1 : 0;
            Related += related ? 1 : 0;
            Wrong += answered >= 0 && !exact && !related ? 1 : 0;
            var style = ByStyle.GetValueOrDefault(item.Style);
            ByStyle[item.Style] = (style.Asked + 1, style.Exact + (exact ? 1 : 0), style.Related + (related ? 1 : 0));
        }

        public override string ToString() =>
            $"exact {Exact}/{Asked} ({Percent(Exact, Asked)}), group-or-part {GroupOrPart} ({Percent(GroupOrPart, Asked)}), another {Wrong}, refused {Refused}; negatives answered {NegativesAnswered}/{Negatives}";

        private static string Percent(int part, int whole) => whole == 0 ? "-" : $"{100.0 * part / whole:F1} %";

        public string Styles() => string.Join(", ", ByStyle.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key} {p.Value.Exact}/{p.Value.Related + p.Value.Exact}/{p.Value.Asked}"));
    }

    /// <summary>What the classifier is trained on besides the phrasings and negatives, and how a long message is read.</summary>
    public sealed record ClassifierOptions(int Epochs = PhrasingClassifier.DefaultEpochs, double L2 = PhrasingClassifier.DefaultL2, bool SentenceSamples = true, bool SectionSamples = false, bool Balanced = false);

    /// <summary>The figures of one run: per method a tally.</summary>
    public sealed record Report(IReadOnlyList<(string Method, Tally Tally)> Methods)
    {
        public override string ToString()
        {
            var text = new StringBuilder();
            foreach (var (method, tally) in Methods)
            {
                text.AppendLine($"{method}: {tally}");
                text.AppendLine($"    by style (exact/group-or-part/asked): {tally.Styles()}");
            }

            return text.ToString();
        }
    }

    /// <summary>
    /// The side-file phrasings and the negatives of <paramref name="index"/>, each with a fold: stratified by section
    /// (negatives as one class) in a seeded order, or, <paramref name="byWriter"/>, fold 0 = writer P1's phrasings and
    /// fold 1 = the rest (negatives alternate between the two).
    /// </summary>
    public static IReadOnlyList<Item> Items(KnowledgeIndex index, IReadOnlyDictionary<string, Label>? labels, int folds = 5, bool byWriter = false)
    {
        var random = new Random(17);
        var items = new List<Item>();
        foreach (var group in index.Phrasings.Entries.Where(e => !e.InText).GroupBy(e => e.Section).OrderBy(g => g.Key))
        {
            var list = group.ToArray();
            random.Shuffle(list);
            for (var i = 0; i < list.Length; i++)
            {
                var label = labels?.GetValueOrDefault(list[i].Text);
                var writer = label?.Writer ?? "?";
                var fold = byWriter ? (list[i].Section < 0 ? i % 2 : writer == "P1" ? 0 : 1) : i % folds;
                items.Add(new Item(list[i].Section, list[i].Text, label?.Style ?? InferStyle(list[i].Text), writer, fold));
            }
        }

        return items;
    }

    /// <summary>English when it is ASCII, long when over 60 characters, else "other".</summary>
    public static string InferStyle(string text) =>
        text.All(char.IsAscii) ? "english" : text.Length > 60 ? "long" : "other";

    /// <summary>Reads writers' TSV files (section, style, text); the writer is the file name without its extension.</summary>
    public static Dictionary<string, Label> ReadLabels(IEnumerable<string> files)
    {
        var labels = new Dictionary<string, Label>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var writer = Path.GetFileNameWithoutExtension(file);
            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split('\t');
                if (fields.Length >= 3 && !line.StartsWith('#'))
                {
                    labels.TryAdd(fields[^1], new Label(writer, fields[1]));
                }
            }
        }

        return labels;
    }

    /// <summary>
    /// Runs every fold: the answerer as it is (3-nearest vote), the vote's and the classifier's first section
    /// (no refusal), and the classifier's own decision (its most probable class, "none" refuses) at each bar of
    /// <paramref name="bars"/> on the top section's probability.
    /// </summary>
    /// <param name="answererOnly">Only the answerer as it is (no classifier trained): the quick figures for a change to the answerer.</param>
    public static Report Run(KnowledgeIndex index, KnowledgeAnswerer answerer, IReadOnlyList<Item> items, ClassifierOptions? options = null, IReadOnlyList<double>? bars = null, bool answererOnly = false)
    {
        options ??= new ClassifierOptions();
        var tallies = new Tallies(bars ?? [0.0, 0.1, 0.2, 0.3, 0.4]);
        var phraseFeatures = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        Dictionary<string, double> Phrase(string text)
        {
            if (!phraseFeatures.TryGetValue(text, out var f))
            {
                phraseFeatures[text] = f = PhrasingIndex.Features(index, text);
            }

            return f;
        }

        var sections = index.Sections.Select(s => s.Section).ToList();
        var negatives = index.Phrasings.Entries.Where(e => e.Section < 0).Select(e => e.Text).ToList();
        foreach (var fold in items.Select(i => i.Fold).Distinct().Order())
        {
            var held = items.Where(i => i.Fold == fold).ToList();
            var heldTexts = held.Select(i => i.Text).ToHashSet(StringComparer.Ordinal);
            var foldIndex = KnowledgeIndex.Build(
                [.. sections.Select(s => s with { SideQuestions = [.. s.SideQuestions.Where(q => !heldTexts.Contains(q))] })],
                index.Vocabulary,
                negatives: [.. negatives.Where(q => !heldTexts.Contains(q))]);
            var classifier = answererOnly ? null : Train(foldIndex, options, Phrase);
            foreach (var item in held)
            {
                var answer = answerer.AnswerFrom(foldIndex, item.Text, LanguageResolver.Resolve(item.Text, Language.Japanese));
                tallies.Answerer.Add(index, item, answer.Answered ? Ordinal(index, answer.Citations[0].Id) : -1);
                if (classifier is not null)
                {
                    AskWithClassifier(index, answerer, foldIndex, classifier, item, tallies);
                }
            }
        }

        return answererOnly ? new Report([("answerer (3-NN vote, today)", tallies.Answerer)]) : tallies.Report();
    }

    /// <summary>One held-out item through every classifier method of <see cref="Run"/>.</summary>
    private static void AskWithClassifier(KnowledgeIndex index, KnowledgeAnswerer answerer, KnowledgeIndex foldIndex, PhrasingClassifier classifier, Item item, Tallies t)
    {
        var votes = foldIndex.Phrasings.Vote(foldIndex, item.Text);
        t.VoteFirst.Add(index, item, item.Section < 0 ? -1 : votes.Best);
        var (probabilities, none) = Classify(foldIndex, classifier, item.Text);
        var top = ArgMax(probabilities);
        t.ClassifierFirst.Add(index, item, item.Section < 0 ? -1 : top);
        var language = LanguageResolver.Resolve(item.Text, Language.Japanese);
        for (var b = 0; b < Tallies.Blends.Length; b++)
        {
            var ranking = probabilities.Select((p, s) => votes.Score(s) + (Tallies.Blends[b] * p)).ToArray();
            Tell(t.Blended[b], new KnowledgeAnswerer.ClassifierSignal(ranking, none));
            Tell(t.BlendedRouted[b], new KnowledgeAnswerer.ClassifierSignal(ranking, none, 0.5, 0.2, probabilities));
        }

        Tell(t.Replaced, new KnowledgeAnswerer.ClassifierSignal(probabilities, none));
        for (var b = 0; b < Tallies.RouteBars.Length; b++)
        {
            for (var l = 0; l < Tallies.RouteLexical.Length; l++)
            {
                Tell(t.Routed[b, l], new KnowledgeAnswerer.ClassifierSignal(probabilities, none, Tallies.RouteBars[b], Tallies.RouteLexical[l]));
            }
        }

        for (var b = 0; b < t.Bars.Count; b++)
        {
            var answered = top >= 0 && probabilities[top] - none >= t.Bars[b];
            t.Decided[b].Add(index, item, answered ? top : -1);
        }

        void Tell(Tally tally, KnowledgeAnswerer.ClassifierSignal signal)
        {
            var answer = answerer.AnswerFrom(foldIndex, item.Text, language, -1, signal);
            tally.Add(index, item, answer.Answered ? Ordinal(index, answer.Citations[0].Id) : -1);
        }
    }

    /// <summary>The tallies of every method <see cref="Run"/> compares, and their report.</summary>
    private sealed class Tallies(IReadOnlyList<double> bars)
    {
        public static readonly double[] Blends = [0.0, 0.3, 1.0];
        public static readonly double[] RouteBars = [0.3, 0.4, 0.5, 0.6, 0.7];
        public static readonly double[] RouteLexical = [0.0, 0.1, 0.2];

        public IReadOnlyList<double> Bars { get; } = bars;
        public Tally Answerer { get; } = new();
        public Tally VoteFirst { get; } = new();
        public Tally ClassifierFirst { get; } = new();
        public Tally Replaced { get; } = new();
        public Tally[] Decided { get; } = [.. bars.Select(_ => new Tally())];
        public Tally[] Blended { get; } = [.. Blends.Select(_ => new Tally())];
        public Tally[] BlendedRouted { get; } = [.. Blends.Select(_ => new Tally())];
        public Tally[,] Routed { get; } = NewGrid(RouteBars.Length, RouteLexical.Length);

        private static Tally[,] NewGrid(int rows, int columns)
        {
            var grid = new Tally[rows, columns];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    grid[r, c] = new Tally();
                }
            }

            return grid;
        }

        public Report Report() => new([
            ("answerer (3-NN vote, today)", Answerer),
            ("3-NN vote first section (no refusal)", VoteFirst),
            ("classifier first section (no refusal)", ClassifierFirst),
            .. Blends.Select((blend, b) => ($"answerer, ranking = vote + {blend:0.0} × classifier p (vote's confidence)", Blended[b])),
            .. Blends.Select((blend, b) => ($"answerer, ranking = vote + {blend:0.0} × classifier p, + route 0.50 with lexical ≥ 0.20", BlendedRouted[b])),
            ("answerer, ranking = classifier p (vote's confidence)", Replaced),
            .. RouteBars.SelectMany((bar, b) => RouteLexical.Select((lex, l) =>
                ($"answerer, ranking = classifier p, + route p(unit) − p(none) ≥ {bar:0.00} with lexical ≥ {lex:0.00}", Routed[b, l]))),
            .. Bars.Select((bar, b) => ($"classifier decides alone (p(top) − p(none) ≥ {bar:0.00})", Decided[b])),
        ]);
    }

    /// <summary>Trains the classifier on an index's phrasings and negatives (with a long phrasing's question sentence as one more sample).</summary>
    internal static PhrasingClassifier Train(KnowledgeIndex index, ClassifierOptions options, Func<string, Dictionary<string, double>> features)
    {
        var samples = new List<(int, Dictionary<string, double>)>();
        foreach (var entry in index.Phrasings.Entries)
        {
            samples.Add((entry.Section, features(entry.Text)));
            var sentence = QuestionAnalyzer.QuestionSentence(entry.Text);
            if (options.SentenceSamples && sentence.Length > 0 && sentence.Length < Text.TextNormalizer.Normalize(entry.Text).Length - 2)
            {
                samples.Add((entry.Section, features(sentence)));
            }
        }

        if (options.SectionSamples)
        {
            foreach (var section in index.Sections.Where(s => index.Phrasings.Covers(s.Ordinal)))
            {
                samples.Add((section.Ordinal, features(section.Section.Title)));
                samples.AddRange(section.Units.Where(u => u.Text.Length > 4).Select(u => (section.Ordinal, features(u.Text))));
            }
        }

        return PhrasingClassifier.Train(index.Sections.Count, samples, options.Epochs, options.L2, options.Balanced);
    }

    /// <summary>
    /// The answerer with the classifier trained on the whole index (ranking by its probabilities, and the route at
    /// <paramref name="bar"/>/<paramref name="lexicalBar"/>): to run the repository's question sets against the candidate.
    /// </summary>
    public static IKnowledgeAnswerer Candidate(KnowledgeIndex index, KnowledgeAnswerer answerer, ClassifierOptions options, double bar, double lexicalBar, double blend = -1)
    {
        var features = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var classifier = Train(index, options, t => features.TryGetValue(t, out var f) ? f : features[t] = PhrasingIndex.Features(index, t));
        return new CandidateAnswerer(index, answerer, classifier, bar, lexicalBar, blend);
    }

    /// <param name="blend">Below 0: the classifier's probabilities rank; else the vote plus this share of them.</param>
    private sealed class CandidateAnswerer(KnowledgeIndex index, KnowledgeAnswerer answerer, PhrasingClassifier classifier, double bar, double lexicalBar, double blend) : IKnowledgeAnswerer
    {
        public Answer Ask(string question, Language language)
        {
            var (sections, none) = Classify(index, classifier, question ?? "");
            var votes = index.Phrasings.Vote(index, question ?? "");
            var ranking = blend < 0 ? sections : [.. sections.Select((p, s) => votes.Score(s) + (blend * p))];
            return answerer.AnswerFrom(index, question ?? "", language, -1, new KnowledgeAnswerer.ClassifierSignal(ranking, none, bar, lexicalBar, sections));
        }

        public Answer? Show(string sectionId, Language language) => answerer.Show(sectionId, language);
    }

    /// <summary>How long training takes on the whole index, its phrasings' features analysed beforehand (bench).</summary>
    public static TimeSpan TimeTraining(KnowledgeIndex index, ClassifierOptions options)
    {
        // Analyse once (as the index build has the phrasings' features), then time the training alone.
        var features = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        Dictionary<string, double> Analysed(string text) =>
            features.TryGetValue(text, out var f) ? f : features[text] = PhrasingIndex.Features(index, text);
        Train(index, options with { Epochs = 0 }, Analysed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Train(index, options, Analysed);
        return clock.Elapsed;
    }

    /// <summary>The classifier's probabilities for a question: the whole message and its question sentence, averaged.</summary>
    internal static (double[] Sections, double None) Classify(KnowledgeIndex index, PhrasingClassifier classifier, string text)
    {
        var whole = classifier.Predict(PhrasingIndex.Features(index, text));
        var sentence = QuestionAnalyzer.QuestionSentence(text);
        if (sentence.Length == 0 || sentence.Length >= Text.TextNormalizer.Normalize(text).Length - 2)
        {
            return whole;
        }

        var alone = classifier.Predict(PhrasingIndex.Features(index, sentence));
        return ([.. whole.Sections.Zip(alone.Sections, (a, b) => (a + b) / 2)], (whole.None + alone.None) / 2);
    }

    private static int ArgMax(double[] values)
    {
        var best = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] > 0 && (best < 0 || values[i] > values[best]))
            {
                best = i;
            }
        }

        return best;
    }

    private static int Ordinal(KnowledgeIndex index, string id) => index.Find(id)?.Ordinal ?? -1;

    private static bool Relation(KnowledgeIndex index, int asked, int answered)
    {
        var section = index.Sections[asked];
        var other = index.Sections[answered];
        return section.Parent == other || other.Parent == section;
    }
}
