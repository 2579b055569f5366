using System.Globalization;
using System.Text;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Fits <see cref="AnswerDecision"/> on the 5-fold outputs (<see cref="PhrasingFoldEvaluation.Answers"/>): a logistic
/// regression (Newton's method, L2, weights of the wrong sign held at 0) over <see cref="DecisionFeatures"/> of the
/// unit each held-out item would be answered with. Label 1 when that unit is the phrasing's own section; 0 for another
/// section and for every question the manual does not answer. An answer with the group above or a part is left out of
/// the fit (neither right nor wrong enough to learn from) but counted in the figures. Units without phrasings, capped
/// questions (a date, amount … the unit lacks) and requests are decided by rules, so they are left out too.
/// </summary>
public static class AnswerDecisionFit
{
    /// <summary>
    /// One held-out item: where it was going (1 exact, 0 group or part, −1 another section or a negative), the evidence,
    /// and whether a rule refuses it whatever the model says (nothing ranked, a cap, a request).
    /// </summary>
    /// <remarks>
    /// <see cref="Offered"/>: a refusal of the item offers its own section among its buttons ("did you mean" or near
    /// sections); <see cref="OfferedBesideUnit"/>: also when the unit takes the first button (a close decision, so
    /// only the first two others remain); <see cref="Buttons"/>: a refusal shows any button at all.
    /// </remarks>
    public sealed record Sample(int Fold, string Style, bool Negative, int Outcome, DecisionFeatures? Features, bool Covered, bool Refused)
    {
        public bool Offered { get; init; }
        public bool OfferedBesideUnit { get; init; }
        public bool Buttons { get; init; }

        /// <summary>The question asked (for listings).</summary>
        public string Text { get; init; } = "";

        internal bool Trainable => Features is not null && Covered && !Refused && Outcome != 0;
    }

    /// <summary>A fitted model: weights in the order of <see cref="AnswerDecision.Names"/>, and the intercept.</summary>
    public sealed record Model(double[] Weights, double Intercept)
    {
        /// <summary>The shipped decision (<see cref="AnswerDecision"/>'s constants; its probability is the confidence).</summary>
        public static Model Shipped => new([.. AnswerDecision.Weights], AnswerDecision.Intercept);

        /// <summary>The model with input <paramref name="input"/>'s weight set to <paramref name="weight"/>.</summary>
        public Model With(int input, double weight)
        {
            double[] weights = [.. Weights];
            weights[input] = weight;
            return this with { Weights = weights };
        }

        public double Probability(DecisionFeatures features) => AnswerDecision.Confidence(features, Weights, Intercept);

        /// <summary>The model with its intercept moved so that probability <paramref name="bar"/> becomes <see cref="KnowledgeAnswerer.Threshold"/>.</summary>
        public Model AtThreshold(double bar) => this with { Intercept = Intercept - Logit(bar) + Logit(KnowledgeAnswerer.Threshold) };

        /// <summary>The model as the C# of <see cref="AnswerDecision"/>'s constants.</summary>
        public string ToCSharp()
        {
            var text = new StringBuilder();
            text.AppendLine("    internal static readonly double[] Weights =");
            text.AppendLine("    [");
            for (var i = 0; i < Weights.Length; i++)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"        {Weights[i]:0.0000}, // {AnswerDecision.Names[i].Name}");
            }

            text.AppendLine("    ];");
            text.AppendLine(CultureInfo.InvariantCulture, $"    internal const double Intercept = {Intercept:0.0000};");
            return text.ToString();
        }
    }

    /// <summary>Why a question is answered or refused: the unit, each input of the model with its weight, and the confidence.</summary>
    public static string Explain(KnowledgeIndex index, KnowledgeAnswerer answerer, string question)
    {
        var answer = answerer.AnswerFrom(index, question, Conversations.LanguageResolver.Resolve(question, Conversations.Language.Japanese));
        if (answer.Evidence is not { } e)
        {
            return $"nothing ranked; confidence {answer.Confidence}";
        }

        var x = e.Features.Vector();
        var inputs = string.Join(", ", AnswerDecision.Names.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n.Name} {x[i]:0.000}×{AnswerDecision.Weights[i]:0.00}")));
        return $"{e.Unit}: answered {answer.Answered}, confidence {answer.Confidence} (covered {e.Covered}, capped {e.Capped}, request {e.Request}); {inputs}"
            + $"\n  nearest negative: {index.Phrasings.Match(index, question).NegativePhrasing}"
            + StoryLine(index, question)
            + ClassifierLine(index, question)
            + Votes(index, question);
    }

    /// <summary>The story reading's best section and margins (docs/decisions/0072-story-reading.md).</summary>
    private static string StoryLine(KnowledgeIndex index, string question)
    {
        var story = index.Phrasings.Bayes.Read(question);
        var best = story.Section >= 0 && story.Section < index.Sections.Count ? index.Sections[story.Section].Section.Id : "none";
        return string.Create(CultureInfo.InvariantCulture,
            $"\n  story reading: {best}, over none {story.OverNone:0.00}, over runner-up {story.OverRunner:0.00}, mostly Japanese {Conversations.LanguageResolver.MostlyJapanese(question)}");
    }

    /// <summary>The phrasing classifier's three most probable sections and "not in the manual" (docs/decisions/0073-phrasing-classifier.md).</summary>
    private static string ClassifierLine(KnowledgeIndex index, string question)
    {
        var read = index.Phrasings.Logistic.Read(question);
        var top = index.Sections.OrderByDescending(s => read.Of(s.Ordinal)).Take(3).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Section.Id} {read.Of(s.Ordinal):0.00}"));
        return string.Create(CultureInfo.InvariantCulture, $"\n  classifier: {string.Join(", ", top)}; not in the manual {read.None:0.00}");
    }

    /// <summary>
    /// How a message was read and voted on: each sentence with its role (and its own three nearest sections), then the
    /// sections with the highest combined score — vote (whole message, sentence vote) + the lexical share.
    /// </summary>
    private static string Votes(KnowledgeIndex index, string question)
    {
        var q = index.Analyze(question);
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n  vague {q.VagueQuestion}, generic {q.GenericQuestion}, sentences {q.SentenceCount}, expects {q.Expects}");
        foreach (var sentence in q.Sentences)
        {
            var alone = index.Phrasings.Vote(index, sentence.Text);
            var near = Enumerable.Range(0, index.Sections.Count).OrderByDescending(alone.Score).Take(3)
                .Select(s => string.Create(CultureInfo.InvariantCulture, $"{index.Sections[s].Section.Id} {alone.Score(s):0.00}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"  [{sentence.Role}] {sentence.Text}\n      → {string.Join(", ", near)}");
        }

        var weights = index.Weights(q);
        var ranked = index.Rank(q, weights);
        var top = ranked.Count == 0 ? 1 : Math.Max(ranked.Max(r => r.Score), 1e-9);
        var lexical = new double[index.Sections.Count];
        foreach (var r in ranked)
        {
            lexical[r.Entry.Ordinal] = r.Score / top;
        }

        var votes = index.Phrasings.Vote(index, question, analyzed: q);
        foreach (var s in Enumerable.Range(0, index.Sections.Count).OrderByDescending(s => votes.Score(s) + (KnowledgeAnswerer.RankingShare * lexical[s])).Take(6))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {index.Sections[s].Section.Id}: {votes.Score(s) + (KnowledgeAnswerer.RankingShare * lexical[s]):0.000} = vote {votes.Score(s):0.000} (whole {votes.WholeScore(s):0.000}, sentences {votes.SentenceScore(s):0.000}, best sentence {votes.BestSentence(s):0.00}) + lexical {lexical[s]:0.00}");
        }

        return text.ToString();
    }

    /// <summary>
    /// How many answers a decision gives: exact section, group or part, another section; refused phrasings whose own
    /// section is offered; negatives answered and refused negatives shown buttons.
    /// </summary>
    public sealed record Counts(int Exact, int Related, int Wrong, int NegativesAnswered, int Asked, int Negatives, int Offered = 0, int NegativesWithButtons = 0)
    {
        public int Refused => Asked - Exact - Related - Wrong;

        /// <summary>What the answers cost the askers (<see cref="OperatingCost"/>).</summary>
        public double Cost => OperatingCost.Of(this);

        public override string ToString() =>
            FormattableString.Invariant($"exact {Exact}/{Asked}, group-or-part {Exact + Related}, another {Wrong}, refused {Refused} (own section offered {Offered}); negatives answered {NegativesAnswered}/{Negatives} (refused with buttons {NegativesWithButtons}); cost {Cost:0.0}");
    }

    /// <summary>
    /// What a reply costs the asker, a wrong answer counting 1 (docs/decisions/0038-operating-point.md): the exact
    /// section 0; the group above or a part 0.1 (the right text is in the list or one click down); a refusal that
    /// offers the right section 0.2 (one click, after reading three titles); a refusal without it 0.5 (a dead end: the
    /// asker searches the manual or asks a colleague, but is not misled); a question the manual does not answer
    /// answered 10 (misleading, and no section to correct it exists; as ADR 0031 weighs negatives); refused with buttons 0.05.
    /// </summary>
    public static class OperatingCost
    {
        public const double Another = 1.0;
        public const double GroupOrPart = 0.1;
        public const double RefusedOffered = 0.2;
        public const double RefusedDeadEnd = 0.5;
        public const double NegativeAnswered = 10.0;
        public const double NegativeButtons = 0.05;

        public static double Of(Counts c) =>
            (Another * c.Wrong) + (GroupOrPart * c.Related) + (RefusedOffered * c.Offered) + (RefusedDeadEnd * (c.Refused - c.Offered))
            + (NegativeAnswered * c.NegativesAnswered) + (NegativeButtons * c.NegativesWithButtons);
    }

    /// <summary>The held-out items with the evidence of the unit each would be answered with.</summary>
    public static List<Sample> Collect(KnowledgeIndex index, KnowledgeAnswerer answerer, IReadOnlyList<PhrasingFoldEvaluation.Item> items) =>
        [.. PhrasingFoldEvaluation.Answers(index, answerer, items).Select(p => Of(index, p.Item, p.Answer))];

    /// <summary>The leave-one-out items (<see cref="PhrasingCrossValidation"/>: each phrasing and negative asked with itself left out), as samples of fold 0.</summary>
    public static List<Sample> LeaveOneOut(KnowledgeIndex index, KnowledgeAnswerer answerer)
    {
        var samples = new List<Sample>();
        PhrasingCrossValidation.Run(index, answerer, (entry, answer) =>
            samples.Add(Of(index, new PhrasingFoldEvaluation.Item(entry.Section, entry.Text, "", "", 0), answer)));
        return samples;
    }

    /// <summary>
    /// The questions of a question set (<see cref="QuestionSetRunner"/>'s format, with expected <c>section</c> ids) as
    /// samples of fold <paramref name="fold"/>, asked of the whole index: label 1 when the unit is one of the expected
    /// sections, 0 for the group above or a part of one, −1 otherwise; an out-of-scope question is a negative. Realistic
    /// staff messages (stories, keigo, English) are not written like the phrasings, so the decision is fitted on them
    /// too (docs/decisions/0051-fit-on-staff-messages.md).
    /// </summary>
    public static List<Sample> FromSet(KnowledgeIndex index, KnowledgeAnswerer answerer, string path, int fold)
    {
        var samples = new List<Sample>();
        foreach (var c in QuestionSetRunner.Load(path))
        {
            var answer = answerer.AnswerFrom(index, c.Question, Conversations.LanguageResolver.Resolve(c.Question, Conversations.Language.Japanese));
            var style = $"{Path.GetFileNameWithoutExtension(path)}:{c.Id}";
            if (answer.Evidence is not { } e)
            {
                samples.Add(new Sample(fold, style, c.OutOfScope, -1, null, false, true) { Text = c.Question });
                continue;
            }

            var expected = c.Sections.Select(id => index.Find(id)).OfType<IndexedSection>().ToList();
            var unit = index.Find(e.Unit);
            var outcome = c.OutOfScope || unit is null ? -1
                : expected.Contains(unit) ? 1
                : expected.Any(x => x.Parent == unit || unit.Parent == x) ? 0
                : -1;
            var besideUnit = e.Offers.Where(id => id != e.Unit).Take(2);
            samples.Add(new Sample(fold, style, c.OutOfScope, outcome, e.Features, e.Covered, e.Capped || e.Request)
            {
                Offered = !e.Request && !c.OutOfScope && e.Offers.Any(c.Sections.Contains),
                OfferedBesideUnit = !e.Request && !c.OutOfScope && besideUnit.Any(c.Sections.Contains),
                Buttons = !e.Request && e.Offers.Count > 0,
                Text = c.Question,
            });
        }

        return samples;
    }

    private static Sample Of(KnowledgeIndex index, PhrasingFoldEvaluation.Item item, Answer answer)
    {
        if (answer.Evidence is not { } e)
        {
            return new Sample(item.Fold, item.Style, item.Section < 0, -1, null, false, true) { Text = item.Text };
        }

        var own = item.Section >= 0 ? index.Sections[item.Section].Section.Id : null;
        var besideUnit = e.Offers.Where(id => id != e.Unit).Take(2);
        return new Sample(item.Fold, item.Style, item.Section < 0, PhrasingFoldEvaluation.Outcome(index, item, e.Unit), e.Features, e.Covered, e.Capped || e.Request)
        {
            Offered = !e.Request && own is not null && e.Offers.Contains(own),
            OfferedBesideUnit = !e.Request && own is not null && besideUnit.Contains(own),
            Buttons = !e.Request && e.Offers.Count > 0,
            Text = item.Text,
        };
    }

    /// <summary>
    /// Counts the answers of a decision (true: answer) over <paramref name="samples"/>; rules refuse first. A refusal
    /// that <paramref name="close"/> marks offers the unit first (<see cref="KnowledgeAnswerer.CloseBar"/>).
    /// </summary>
    public static Counts Count(IEnumerable<Sample> samples, Func<Sample, bool> answers, Func<Sample, bool>? close = null)
    {
        int exact = 0, related = 0, wrong = 0, negativesAnswered = 0, asked = 0, negatives = 0, offered = 0, buttons = 0;
        foreach (var s in samples)
        {
            var answered = s.Features is not null && !s.Refused && answers(s);
            var unitOffered = !answered && s.Features is not null && !s.Refused && close is not null && close(s);
            if (s.Negative)
            {
                negatives++;
                negativesAnswered += answered ? 1 : 0;
                buttons += !answered && (s.Buttons || unitOffered) ? 1 : 0;
                continue;
            }

            asked++;
            exact += answered && s.Outcome == 1 ? 1 : 0;
            related += answered && s.Outcome == 0 ? 1 : 0;
            wrong += answered && s.Outcome < 0 ? 1 : 0;
            offered += answered ? 0 : unitOffered ? (s.Outcome == 1 || s.OfferedBesideUnit ? 1 : 0) : s.Offered ? 1 : 0;
        }

        return new Counts(exact, related, wrong, negativesAnswered, asked, negatives, offered, buttons);
    }

    /// <summary>Fits the model on the trainable samples (see the class summary).</summary>
    /// <param name="l2">The penalty on the weights (not the intercept), on the summed log-loss.</param>
    /// <param name="negativeWeight">How much a question the manual does not answer counts against a phrasing: the operating point is bound by negatives answered.</param>
    /// <param name="weight">Each sample's weight instead (<see cref="CostWeight"/>).</param>
    public static Model Train(IEnumerable<Sample> samples, double l2 = 1.0, double negativeWeight = 1.0, Func<Sample, double>? weight = null)
    {
        var data = samples.Where(s => s.Trainable).Select(s => (X: s.Features!.Vector(), Y: !s.Negative && s.Outcome == 1 ? 1.0 : 0.0, W: weight?.Invoke(s) ?? (s.Negative ? negativeWeight : 1.0))).ToList();
        var dimensions = AnswerDecision.Names.Length;
        var active = Enumerable.Repeat(true, dimensions).ToArray();
        while (true)
        {
            var (weights, intercept) = Newton(data, active, l2);
            var worst = -1;
            for (var j = 0; j < dimensions; j++)
            {
                var sign = AnswerDecision.Names[j].Sign;
                if (active[j] && sign != 0 && weights[j] * sign < 0 && (worst < 0 || weights[j] * sign < weights[worst] * AnswerDecision.Names[worst].Sign))
                {
                    worst = j;
                }
            }

            if (worst < 0)
            {
                return new Model(weights, intercept);
            }

            active[worst] = false;
        }
    }

    /// <summary>
    /// The weight of input <paramref name="j"/> that minimises the weighted, L2-penalised log-loss with every other
    /// shipped constant held (<see cref="AnswerDecision.Weights"/>; the intercept shifted back from
    /// <see cref="KnowledgeAnswerer.Threshold"/> to the fit's own bar): how much a new input is worth on top of the
    /// shipped decision without moving what it already decides. Newton's method in one dimension, the sign of
    /// <see cref="AnswerDecision.Names"/> kept.
    /// </summary>
    public static double TrainOne(IEnumerable<Sample> samples, int j, double l2 = 1.0, double negativeWeight = 1.0, double fitBar = 0.30)
    {
        var data = samples.Where(s => s.Trainable).Select(s =>
        {
            var x = s.Features!.Vector();
            var z = AnswerDecision.Intercept + Logit(fitBar) - Logit(KnowledgeAnswerer.Threshold);
            for (var i = 0; i < x.Length; i++)
            {
                z += i == j ? 0 : AnswerDecision.Weights[i] * x[i];
            }

            return (Offset: z, X: x[j], Y: !s.Negative && s.Outcome == 1 ? 1.0 : 0.0, W: s.Negative ? negativeWeight : 1.0);
        }).ToList();
        var w = 0.0;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double gradient = l2 * w, hessian = l2;
            foreach (var d in data)
            {
                var p = 1 / (1 + Math.Exp(-(d.Offset + (w * d.X))));
                gradient += d.W * (p - d.Y) * d.X;
                hessian += d.W * p * (1 - p) * d.X * d.X;
            }

            var step = gradient / hessian;
            w -= step;
            if (Math.Abs(step) < 1e-9)
            {
                break;
            }
        }

        var sign = AnswerDecision.Names[j].Sign;
        return sign != 0 && w * sign < 0 ? 0 : w;
    }

    /// <summary>
    /// A sample's weight in a fit on <see cref="OperatingCost"/>: what choosing wrongly between answering and refusing
    /// it costs — an exact section refused costs the refusal (0.2 when its section is offered, else 0.5), another
    /// section answered costs 1 less the refusal it replaced, a negative answered 10 less its refusal.
    /// </summary>
    public static double CostWeight(Sample s)
    {
        var refusal = s.Negative ? (s.Buttons ? OperatingCost.NegativeButtons : 0)
            : s.Offered ? OperatingCost.RefusedOffered : OperatingCost.RefusedDeadEnd;
        return s.Negative ? OperatingCost.NegativeAnswered - refusal
            : s.Outcome == 1 ? refusal
            : OperatingCost.Another - refusal;
    }

    /// <summary>The bar of <paramref name="curve"/> with the lowest <see cref="Counts.Cost"/> and no more negatives answered than <paramref name="maxNegatives"/>.</summary>
    public static (double Bar, Counts Counts)? Cheapest(IEnumerable<(double Bar, Counts Counts)> curve, int maxNegatives) =>
        curve.Where(p => p.Counts.NegativesAnswered <= maxNegatives).OrderBy(p => p.Counts.Cost).ThenBy(p => p.Counts.Wrong).Cast<(double, Counts)?>().FirstOrDefault();

    /// <summary>The probability bars <see cref="Curve"/> tries.</summary>
    public static IEnumerable<double> Bars() => Enumerable.Range(5, 91).Select(i => i / 100.0);

    /// <summary>
    /// The trade-off: per bar on the probability, the answers it gives; with <paramref name="closeBar"/> (a confidence,
    /// as <see cref="KnowledgeAnswerer.CloseBar"/>) a refusal whose confidence — the probability shifted so that the bar
    /// lands on <see cref="KnowledgeAnswerer.Threshold"/> — reaches it offers the unit first.
    /// </summary>
    /// <remarks>A unit without phrasings is decided on its lexical confidence at <see cref="KnowledgeAnswerer.Threshold"/> at every bar.</remarks>
    public static List<(double Bar, Counts Counts)> Curve(IReadOnlyList<Sample> samples, Func<Sample, double> probability, double? closeBar = null) =>
        [.. Bars().Select(bar => (bar, Count(
            samples,
            Answers(probability, bar),
            closeBar is not { } close ? null : s => s.Covered ? Confidence(probability(s), bar) >= close : s.Features!.Lexical >= close)))];

    /// <summary>
    /// Whether a sample is answered when <paramref name="probability"/> must reach <paramref name="bar"/>; a unit without
    /// phrasings is decided on its lexical confidence at <see cref="KnowledgeAnswerer.Threshold"/> at every bar.
    /// </summary>
    public static Func<Sample, bool> Answers(Func<Sample, double> probability, double bar) =>
        s => s.Covered ? probability(s) >= bar : s.Features!.Lexical >= KnowledgeAnswerer.Threshold;

    /// <summary>The confidence the answerer shows for model probability <paramref name="p"/> when <paramref name="bar"/> is the operating point.</summary>
    public static double Confidence(double p, double bar)
    {
        var z = Logit(Math.Clamp(p, 1e-12, 1 - 1e-12)) - Logit(bar) + Logit(KnowledgeAnswerer.Threshold);
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>
    /// The operating point: the most exact answers with no more negatives answered than <paramref name="baseline"/>
    /// and at most as many more answers with another section per exact answer gained as the baseline gives per exact
    /// answer; null when no bar qualifies.
    /// </summary>
    /// <param name="also">A further condition on the bar (the leave-one-out's, <see cref="Qualifies"/>).</param>
    public static (double Bar, Counts Counts)? Choose(IEnumerable<(double Bar, Counts Counts)> curve, Counts baseline, Func<double, bool>? also = null)
    {
        (double Bar, Counts Counts)? best = null;
        foreach (var point in curve)
        {
            var c = point.Counts;
            if (!Qualifies(c, baseline, c => c.Exact) || (also is not null && !also(point.Bar)))
            {
                continue;
            }

            if (best is null || c.Exact > best.Value.Counts.Exact || (c.Exact == best.Value.Counts.Exact && c.Wrong < best.Value.Counts.Wrong))
            {
                best = point;
            }
        }

        return best;
    }

    /// <summary>
    /// No more negatives answered than <paramref name="baseline"/>, and no more answers with another section per right
    /// answer gained (<paramref name="right"/>: exact, or group-or-part for the leave-one-out) than the baseline gives per right answer.
    /// </summary>
    public static bool Qualifies(Counts counts, Counts baseline, Func<Counts, int> right)
    {
        var ratio = right(baseline) == 0 ? 0 : (double)baseline.Wrong / right(baseline);
        return counts.NegativesAnswered <= baseline.NegativesAnswered
            && counts.Wrong - baseline.Wrong <= ratio * Math.Max(0, right(counts) - right(baseline));
    }

    /// <summary>Out-of-fold probabilities: each fold's samples scored by a model fitted on the other folds.</summary>
    public static Dictionary<Sample, double> CrossFitted(IReadOnlyList<Sample> samples, double l2 = 1.0, double negativeWeight = 1.0, Func<Sample, double>? weight = null)
    {
        var scores = new Dictionary<Sample, double>(ReferenceEqualityComparer.Instance);
        foreach (var fold in samples.Select(s => s.Fold).Distinct())
        {
            var model = Train(samples.Where(s => s.Fold != fold), l2, negativeWeight, weight);
            foreach (var s in samples.Where(s => s.Fold == fold && s.Features is not null))
            {
                scores[s] = model.Probability(s.Features!);
            }
        }

        return scores;
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    /// <summary>Newton's method on the L2-penalised log-loss over the active weights and the intercept (the last unknown).</summary>
    private static (double[] Weights, double Intercept) Newton(List<(double[] X, double Y, double W)> data, bool[] active, double l2)
    {
        var columns = Enumerable.Range(0, active.Length).Where(j => active[j]).ToArray();
        var n = columns.Length + 1;
        var beta = new double[n];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var (gradient, hessian) = Derivatives(data, columns, beta, l2);
            var step = Solve(hessian, gradient);
            var size = 0.0;
            for (var k = 0; k < n; k++)
            {
                beta[k] -= step[k];
                size = Math.Max(size, Math.Abs(step[k]));
            }

            if (size < 1e-10)
            {
                break;
            }
        }

        var weights = new double[active.Length];
        for (var k = 0; k < columns.Length; k++)
        {
            weights[columns[k]] = beta[k];
        }

        return (weights, beta[n - 1]);
    }

    /// <summary>The gradient and Hessian of the weighted, penalised log-loss at <paramref name="beta"/> (the intercept last, not penalised).</summary>
    private static (double[] Gradient, double[,] Hessian) Derivatives(List<(double[] X, double Y, double W)> data, int[] columns, double[] beta, double l2)
    {
        var n = columns.Length + 1;
        var gradient = new double[n];
        var hessian = new double[n, n];
        var row = new double[n];
        foreach (var (x, y, weight) in data)
        {
            for (var k = 0; k < columns.Length; k++)
            {
                row[k] = x[columns[k]];
            }

            row[n - 1] = 1;
            var z = 0.0;
            for (var k = 0; k < n; k++)
            {
                z += beta[k] * row[k];
            }

            var p = 1 / (1 + Math.Exp(-z));
            var w = weight * Math.Max(p * (1 - p), 1e-9);
            for (var a = 0; a < n; a++)
            {
                gradient[a] += weight * (p - y) * row[a];
                for (var b = 0; b < n; b++)
                {
                    hessian[a, b] += w * row[a] * row[b];
                }
            }
        }

        for (var k = 0; k < n - 1; k++)
        {
            gradient[k] += l2 * beta[k];
            hessian[k, k] += l2;
        }

        hessian[n - 1, n - 1] += 1e-9;
        return (gradient, hessian);
    }

    /// <summary>Gaussian elimination with partial pivoting (the Hessian is small and positive definite).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                pivot = Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]) ? r : pivot;
            }

            for (var c = 0; c < n; c++)
            {
                (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            }

            (v[col], v[pivot]) = (v[pivot], v[col]);
            for (var r = col + 1; r < n; r++)
            {
                var factor = m[r, col] / m[col, col];
                for (var c = col; c < n; c++)
                {
                    m[r, c] -= factor * m[col, c];
                }

                v[r] -= factor * v[col];
            }
        }

        var result = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = v[r];
            for (var c = r + 1; c < n; c++)
            {
                sum -= m[r, c] * result[c];
            }

            result[r] = sum / m[r, r];
        }

        return result;
    }
}
