using System.Diagnostics;
using System.Globalization;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Bench;

/// <summary>
/// The 5-fold harness over the shipped phrasings and negatives (issue #10): stratified k-fold, and with --labels the
/// writers' TSV files (section, style, text) for the style breakdown and a second run by writer (train on one, ask the
/// other). --fit fits the answer-or-refuse decision on the fold outputs and prints its constants
/// (docs/decisions/0031-fitted-answer-decision.md).
/// </summary>
internal static class PhrasingFolds
{
    /// <summary>How much a negative counts in the fit unless --negative-weight says otherwise (the shipped constants' setting).</summary>
    private const double DefaultNegativeWeight = 10.0;

    /// <summary>The bar on the cost-weighted refit's probability its constants are printed at (--cost-bar; ADR 0038: not shipped).</summary>
    private const double DefaultCostBar = 0.20;

    public static int Run(string[] args)
    {
        var folder = Args.Text(args, "--folder") ?? ContentPaths.Resolve(null, AppContext.BaseDirectory).Knowledge;
        var labels = Args.All(args, "--labels").ToList() is { Count: > 0 } files ? PhrasingFoldEvaluation.ReadLabels(files) : null;
        if (Args.Flag(args, "--writers") && labels is null)
        {
            Console.Error.WriteLine("--writers needs the writers' files: --labels P1.tsv --labels P2.tsv (section, style, text; the writer is the file name)");
            return 2;
        }

        var knowledge = new KnowledgeBase(folder);
        knowledge.Reload();
        var index = knowledge.Current;
        var answerer = new KnowledgeAnswerer(knowledge);
        foreach (var question in Args.All(args, "--explain"))
        {
            Console.WriteLine(AnswerDecisionFit.Explain(index, answerer, question));
            if (Args.Flag(args, "--concepts"))
            {
                Console.WriteLine("  concepts: " + Concepts(index, question));
            }
        }

        // The leave-one-out alone (what PhrasingMatcherTests asserts against PhrasingCrossValidation.Floors), in seconds.
        if (Args.Flag(args, "--leave-one-out"))
        {
            // --failures: also each question the manual does not answer that was answered, with the section it got.
            static void PrintAnsweredNegative(IndexedPhrasing entry, Answer answer)
            {
                if (entry.Section < 0 && answer.Answered)
                {
                    Console.WriteLine(FormattableString.Invariant($"  negative -> {answer.Citations[0].Id} {answer.Confidence:0.00} | {entry.Text}"));
                }
            }

            // --each: every phrasing's outcome (its section's ordinal, the section answered or -), to diff two builds.
            static void PrintEach(IndexedPhrasing entry, Answer answer) =>
                Console.WriteLine($"  each {entry.Section} {(answer.Answered ? answer.Citations[0].Id : "-")} | {entry.Text}");
            Action<IndexedPhrasing, Answer>? observe = Args.Flag(args, "--each") ? PrintEach : Args.Flag(args, "--failures") ? PrintAnsweredNegative : null;
            Console.WriteLine("leave-one-out: " + PhrasingCrossValidation.Run(index, answerer, observe));
            return 0;
        }

        var evals = Args.All(args, "--eval").ToList();
        foreach (var file in evals)
        {
            var r = QuestionSetRunner.Run(file, answerer, knowledge);
            if (Args.Text(args, "--dump") is { } dump)
            {
                var logistic = index.Phrasings.Logistic;
                File.AppendAllLines(dump, r.Results.Select(x =>
                {
                    var read = logistic.Read(x.Question);
                    var story = index.Phrasings.Bayes.Read(x.Question);
                    var probs = index.Sections.Select((s, i) => (s.Section.Id, P: read.Of(i))).ToDictionary(t => t.Id, t => t.P);
                    var top = probs.OrderByDescending(t => t.Value).Take(3).Select(t => t.Key).ToList();
                    return System.Text.Json.JsonSerializer.Serialize(new { set = Path.GetFileName(file), id = x.Id, q = x.Question, oos = x.Case.OutOfScope, sections = x.Case.Sections, answered = x.Answered, cited = x.Cited, confidence = x.Confidence, pass = x.Pass, rank = x.SectionRank, pnone = read.None, lrtop = top, probs, nb = story.Section >= 0 && story.Section < index.Sections.Count ? index.Sections[story.Section].Section.Id : "", nbover = story.OverNone, nbrunner = story.OverRunner, concepts = ConceptRows(index, x.Question, x.Cited) });
                }));
            }

            if (Args.Flag(args, "--failures"))
            {
                foreach (var f in r.Results.Where(x => !x.Pass))
                {
                    Console.WriteLine("  " + QuestionSetRunner.Describe(f));
                }
            }

            Console.WriteLine($"{Path.GetFileName(file)}: in scope {r.InScopePassed}/{r.InScope}, right section first {r.Top1}/{r.WithSection}, first three {r.Top3}/{r.WithSection}; out of scope refused {r.OutOfScopeRefused}/{r.OutOfScope}");
            Console.WriteLine("    " + r.OfferedSummary);
        }

        if (evals.Count > 0 || Args.All(args, "--explain").Any())
        {
            return 0;
        }

        if (Args.Flag(args, "--fit"))
        {
            return Fit(index, answerer, PhrasingFoldEvaluation.Items(index, labels, Args.Int(args, "--folds", 5)), args);
        }

        foreach (var byWriter in Args.Flag(args, "--writers") ? new[] { false, true } : [false])
        {
            var items = PhrasingFoldEvaluation.Items(index, labels, Args.Int(args, "--folds", 5), byWriter);
            var clock = Stopwatch.StartNew();
            var report = PhrasingFoldEvaluation.Run(index, answerer, items);
            Console.WriteLine(byWriter ? "== folds by writer (P1 ↔ P2)" : "== stratified folds");
            if (Args.Flag(args, "--failures"))
            {
                PrintFailures(index, answerer, items, Args.Text(args, "--style"), args);
            }

            Console.Write(report);
            Console.WriteLine($"({clock.Elapsed.TotalSeconds:F1} s)");
        }

        return 0;
    }

    /// <summary>
    /// The held-out phrasings not answered with their exact section, the negatives answered and the negatives asked back
    /// (of one style with --style): expected section, answered section (or "refused") and confidence, then the text.
    /// </summary>
    private static void PrintFailures(KnowledgeIndex index, KnowledgeAnswerer answerer, IReadOnlyList<PhrasingFoldEvaluation.Item> items, string? style, string[] args)
    {
        foreach (var (item, answer) in PhrasingFoldEvaluation.Answers(index, answerer, items))
        {
            if (style is not null && item.Section >= 0 && item.Style != style)
            {
                continue;
            }

            // A refusal that asks back which principle (docs/decisions/0040-clarify-ask-back.md) is listed as such; under a
            // negative it is noise, so listed too.
            var askedBack = KyodoBot.Core.Ask.AskBack.Applies(index, item.Text, answer);
            var answered = answer.Answered ? answer.Citations[0].Id : askedBack ? "asked back" : "refused";
            var expected = item.Section < 0 ? "negative" : index.Sections[item.Section].Section.Id;
            if (item.Section < 0 && askedBack)
            {
                Console.WriteLine(FormattableString.Invariant($"  negative -> asked back {answer.Confidence:0.00} | {item.Text}"));
                continue;
            }

            if (answered != expected && !(item.Section < 0 && !answer.Answered))
            {
                Console.WriteLine(FormattableString.Invariant($"  {expected} -> {answered} {answer.Confidence:0.00} | {item.Text}"));
                if (Args.Flag(args, "--concepts"))
                {
                    Console.WriteLine("      " + Concepts(index, item.Text));
                }
            }
        }
    }

    /// <summary>
    /// Each concept of a question for --dump: its weight, whether it is context, whether no section holds it, how much
    /// of it the cited section holds, and whether it is a predicate (for looking at what an answer leaves uncovered).
    /// </summary>
    private static object[] ConceptRows(KnowledgeIndex index, string text, string? cited)
    {
        var q = index.Analyze(text);
        var unknown = new bool[q.Concepts.Count];
        var w = index.Weights(q, unknown);
        var unit = index.Sections.FirstOrDefault(s => s.Section.Id == cited);
        return [.. q.Concepts.Select((c, i) => (object)new { k = c.Key, w = Math.Round(w[i], 3), cw = c.Weight, ctx = c.Context, unk = unknown[i], inunit = unit is null ? -1 : Math.Round(c.MatchIn(unit.Full), 2), pred = index.Vocabulary.Predicates.Contains(c.Key) })];
    }

    /// <summary>The words a question is read as by the index (typos read, joined words cut), and the Japanese forms each reached (--concepts).</summary>
    private static string Concepts(KnowledgeIndex index, string text) =>
        string.Join(" · ", index.Analyze(text).Concepts.Select(c =>
            $"{c.Key}{(c.Context ? "(ctx)" : "")}{(c.FromDictionary ? "(dict)" : "")}=[{string.Join(",", c.Forms.Where(f => f.SingleCharacter is not null || f.Terms.Any(t => !t.All(char.IsAscii))).Select(f => f.SingleCharacter?.ToString() ?? string.Concat(f.Terms)).Distinct())}]"));

    /// <summary>
    /// Fits <see cref="AnswerDecision"/> on the fold outputs, prints the trade-off curves of the hand-set routes, the
    /// fitted model and the model fitted fold by fold (each fold scored by a model that never saw it), the operating
    /// point (no more negatives answered than the hand-set routes, no more answers with another section per exact
    /// answer gained) and the C# constants to paste into <see cref="AnswerDecision"/>.
    /// </summary>
    private static int Fit(KnowledgeIndex index, KnowledgeAnswerer answerer, IReadOnlyList<PhrasingFoldEvaluation.Item> items, string[] args)
    {
        var l2 = Args.Text(args, "--l2") is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : 1.0;
        var negativeWeight = Args.Text(args, "--negative-weight") is { } nw ? double.Parse(nw, CultureInfo.InvariantCulture) : DefaultNegativeWeight;
        var samples = AnswerDecisionFit.Collect(index, answerer, items);
        var sets = Args.All(args, "--sets").SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var setSamples = sets.SelectMany((file, k) => AnswerDecisionFit.FromSet(index, answerer, file, SetFold + k)).ToList();
        if (Args.Text(args, "--dump") is { } dump)
        {
            Dump(dump, samples, AnswerDecisionFit.LeaveOneOut(index, answerer), setSamples);
            return 0;
        }
        Console.WriteLine($"{samples.Count} held-out items, {samples.Count(s => s.Covered && !s.Refused && s.Outcome != 0)} fitted on (l2 {l2}, negatives weigh {negativeWeight})");

        var handSet = AnswerDecisionFit.Curve(samples, s => AnswerDecision.Routes(s.Features!));
        var baseline = handSet.Single(p => Math.Abs(p.Bar - KnowledgeAnswerer.Threshold) < 1e-9).Counts;
        Console.WriteLine($"hand-set routes at {KnowledgeAnswerer.Threshold}: {baseline}");

        if (Args.Text(args, "--one") is { } one)
        {
            FitOne(index, answerer, samples, one, l2, negativeWeight);
            return 0;
        }

        if (setSamples.Count > 0)
        {
            var added = Args.Text(args, "--add") is { } name ? Array.FindIndex(AnswerDecision.Names, n => n.Name == name) : -1;
            FitWithSets(index, answerer, samples, setSamples, sets, l2, negativeWeight, added, Args.Int(args, "--add-steps", 15));
            return 0;
        }

        var model = AnswerDecisionFit.Train(samples, l2, negativeWeight);
        var fitted = AnswerDecisionFit.Curve(samples, s => model.Probability(s.Features!));
        var cross = AnswerDecisionFit.CrossFitted(samples, l2, negativeWeight);
        var crossCurve = AnswerDecisionFit.Curve(samples, s => cross[s]);

        // The leave-one-out (each phrasing asked with every other one indexed; right = exact or group-or-part) must not
        // lose either: its floors are in PhrasingMatcherTests.
        var leaveOneOut = AnswerDecisionFit.LeaveOneOut(index, answerer);
        var looHandSet = AnswerDecisionFit.Curve(leaveOneOut, s => AnswerDecision.Routes(s.Features!));
        var looBaseline = looHandSet.Single(p => Math.Abs(p.Bar - KnowledgeAnswerer.Threshold) < 1e-9).Counts;
        var looFitted = AnswerDecisionFit.Curve(leaveOneOut, s => model.Probability(s.Features!));
        Console.WriteLine($"leave-one-out, hand-set routes at {KnowledgeAnswerer.Threshold}: {looBaseline}");

        Console.WriteLine("bar   | hand-set (exact/another/negatives) | fitted | fitted fold by fold | leave-one-out fitted (group-or-part/another/negatives)");
        for (var i = 0; i < fitted.Count; i++)
        {
            string Cell((double Bar, AnswerDecisionFit.Counts Counts) p) => $"{p.Counts.Exact,4} {p.Counts.Wrong,4} {p.Counts.NegativesAnswered,3}";
            var loo = looFitted[i].Counts;
            Console.WriteLine($"{fitted[i].Bar:0.00}  | {Cell(handSet[i])} | {Cell(fitted[i])} | {Cell(crossCurve[i])} | {loo.Exact + loo.Related,4} {loo.Wrong,4} {loo.NegativesAnswered,3}");
        }

        PrintCosts(
            samples,
            leaveOneOut,
            l2,
            Args.Text(args, "--close-bar") is { } cb ? double.Parse(cb, CultureInfo.InvariantCulture) : KnowledgeAnswerer.CloseBar,
            Args.Text(args, "--cost-bar") is { } bar ? double.Parse(bar, CultureInfo.InvariantCulture) : DefaultCostBar);

        bool LeaveOneOutHolds(double bar) =>
            AnswerDecisionFit.Qualifies(looFitted.Single(p => Math.Abs(p.Bar - bar) < 1e-9).Counts, looBaseline, c => c.Exact + c.Related);
        var chosen = AnswerDecisionFit.Choose(fitted, baseline, LeaveOneOutHolds);
        var chosenCross = AnswerDecisionFit.Choose(crossCurve, baseline);
        Console.WriteLine($"fitted, chosen: {(chosen is { } c ? $"bar {c.Bar:0.00}: {c.Counts}" : "none qualifies")}");
        Console.WriteLine($"fold by fold, chosen: {(chosenCross is { } x ? $"bar {x.Bar:0.00}: {x.Counts}" : "none qualifies")}");
        if (chosen is { } point)
        {
            var atBar = crossCurve.Single(p => Math.Abs(p.Bar - point.Bar) < 1e-9).Counts;
            Console.WriteLine($"fold by fold at the fitted bar {point.Bar:0.00}: {atBar}");
            Console.WriteLine($"leave-one-out at the fitted bar: {looFitted.Single(p => Math.Abs(p.Bar - point.Bar) < 1e-9).Counts}");
            Console.WriteLine();
            Console.WriteLine($"// AnswerDecision's constants (phrasing-folds --fit --l2 {l2} --negative-weight {negativeWeight}):");
            Console.Write(model.AtThreshold(point.Bar).ToCSharp());
        }

        return 0;
    }

    /// <summary>
    /// The decision fitted on the fold outputs and the questions of realistic question sets (--sets a.jsonl,b.jsonl …;
    /// docs/decisions/0051-fit-on-staff-messages.md): each set's questions are samples as the folds' items are (a
    /// negative ten times), asked of the whole index. The bar is the one with the most exact answers on the folds and
    /// the sets together such that, against the shipped decision, the folds answer no fewer exactly and no more
    /// negatives, the sets answer no more out-of-scope questions, and the leave-one-out keeps its floors. Before the
    /// constants, the same fit and choice with sets held out: leave one set out, then each half, each held-out set scored
    /// by a model that never saw it. With <c>--add NAME</c> (<paramref name="added"/> ≥ 0) nothing is refitted but that
    /// input's weight: the shipped decision without it is the baseline, and the weight (0 to 1.5 by 0.1, or to --add-steps × 0.1) and the bar
    /// (0.0025 steps around <see cref="KnowledgeAnswerer.Threshold"/>) are chosen together by the same rule
    /// (docs/decisions/0054-asks-what-the-manual-says.md).
    /// </summary>
    private static void FitWithSets(
        KnowledgeIndex index, KnowledgeAnswerer answerer, List<AnswerDecisionFit.Sample> folds, List<AnswerDecisionFit.Sample> sets, List<string> files, double l2, double negativeWeight,
        int added = -1, int addSteps = 15)
    {
        var leaveOneOut = AnswerDecisionFit.LeaveOneOut(index, answerer);
        var baseline = added >= 0 ? AnswerDecisionFit.Model.Shipped.With(added, 0) : AnswerDecisionFit.Model.Shipped;
        var floors = PhrasingCrossValidation.Floors;
        static Func<AnswerDecisionFit.Sample, bool> AnswersAt(AnswerDecisionFit.Model model, double bar) => AnswerDecisionFit.Answers(s => model.Probability(s.Features!), bar);
        var shipped = AnswersAt(baseline, KnowledgeAnswerer.Threshold);
        IEnumerable<(AnswerDecisionFit.Model Model, double Bar)> Candidates(List<AnswerDecisionFit.Sample> training) => added >= 0
            ? from w in Enumerable.Range(0, 16)
              from b in Enumerable.Range(-40, 81)
              select (baseline.With(added, w / 10.0), KnowledgeAnswerer.Threshold + (b * 0.0025))
            : AnswerDecisionFit.Train(training, l2, negativeWeight) is var model ? AnswerDecisionFit.Bars().Select(bar => (model, bar)) : [];
        static string Brief(AnswerDecisionFit.Counts c) => $"{c.Exact}/{c.Wrong + c.Related}/{c.NegativesAnswered}";
        var setFolds = Enumerable.Range(SetFold, files.Count).ToList();
        string Name(int fold) => Path.GetFileNameWithoutExtension(files[fold - SetFold]);

        (AnswerDecisionFit.Model Model, double Bar)? FitOn(IReadOnlyCollection<int> training)
        {
            var trainingSets = sets.Where(s => training.Contains(s.Fold)).ToList();
            var (foldsBefore, setsBefore) = (AnswerDecisionFit.Count(folds, shipped), AnswerDecisionFit.Count(trainingSets, shipped));
            (AnswerDecisionFit.Model Model, double Bar, int Exact, int Wrong)? best = null;
            foreach (var (model, bar) in Candidates([.. folds, .. trainingSets]))
            {
                var answers = AnswersAt(model, bar);
                var (f, t, l) = (AnswerDecisionFit.Count(folds, answers), AnswerDecisionFit.Count(trainingSets, answers), AnswerDecisionFit.Count(leaveOneOut, answers));
                if (f.Exact < foldsBefore.Exact || f.NegativesAnswered > foldsBefore.NegativesAnswered || t.NegativesAnswered > setsBefore.NegativesAnswered
                    || l.Exact + l.Related < floors.Right || l.Wrong > floors.Wrong || l.NegativesAnswered > floors.NegativesAnswered)
                {
                    continue;
                }

                var (exact, wrong) = (f.Exact + t.Exact, f.Wrong + t.Wrong + t.Related);
                if (best is not { } b || exact > b.Exact || (exact == b.Exact && wrong < b.Wrong))
                {
                    best = (model, bar, exact, wrong);
                }
            }

            return best is { } chosen ? (chosen.Model, chosen.Bar) : null;
        }

        Console.WriteLine("held out (in scope right / answered with another section / out of scope answered: shipped → refit):");
        var splits = setFolds.Select(f => (IReadOnlyCollection<int>)[f])
            .Concat([[.. setFolds.Take(setFolds.Count / 2)], [.. setFolds.Skip(setFolds.Count / 2)]]);
        foreach (var heldOut in splits)
        {
            var fit = FitOn([.. setFolds.Except(heldOut)]);
            var cells = heldOut.Select(f =>
            {
                var held = sets.Where(s => s.Fold == f).ToList();
                var after = fit is { } m ? Brief(AnswerDecisionFit.Count(held, AnswersAt(m.Model, m.Bar))) : "-";
                return $"{Name(f)} {Brief(AnswerDecisionFit.Count(held, shipped))} → {after}";
            });
            var weight = fit is { } y && added >= 0 ? FormattableString.Invariant($", {AnswerDecision.Names[added].Name} {y.Model.Weights[added]:0.0}") : "";
            Console.WriteLine(FormattableString.Invariant($"  bar {(fit is { } x ? x.Bar.ToString("0.0000", CultureInfo.InvariantCulture) : "none")}{weight}: {string.Join(", ", cells)}"));
        }

        if (FitOn(setFolds) is not { } all)
        {
            Console.WriteLine("fitted on every set: no bar qualifies");
            return;
        }

        var refit = AnswersAt(all.Model, all.Bar);
        Console.WriteLine(FormattableString.Invariant($"fitted on the folds and every set, bar {all.Bar:0.00} (shipped → refit):"));
        Console.WriteLine($"  folds: {AnswerDecisionFit.Count(folds, shipped)}\n      → {AnswerDecisionFit.Count(folds, refit)}");
        Console.WriteLine($"  leave-one-out: {AnswerDecisionFit.Count(leaveOneOut, shipped)}\n      → {AnswerDecisionFit.Count(leaveOneOut, refit)}");
        foreach (var f in setFolds)
        {
            var held = sets.Where(s => s.Fold == f).ToList();
            Console.WriteLine($"  {Name(f)}: {Brief(AnswerDecisionFit.Count(held, shipped))} → {Brief(AnswerDecisionFit.Count(held, refit))}");
        }

        Console.WriteLine();
        Console.WriteLine($"// AnswerDecision's constants (phrasing-folds --fit --sets {string.Join(',', files.Select(Path.GetFileName))} --l2 {l2} --negative-weight {negativeWeight}):");
        Console.Write(all.Model.AtThreshold(all.Bar).ToCSharp());
    }

    /// <summary>The fold of the first question set's samples (--sets); the next set is the next fold.</summary>
    private const int SetFold = 100;

    /// <summary>Every sample as a TSV row (--dump FILE): where it comes from, its label, the rules, the shipped confidence and each input.</summary>
    private static void Dump(string file, IEnumerable<AnswerDecisionFit.Sample> folds, IEnumerable<AnswerDecisionFit.Sample> leaveOneOut, IEnumerable<AnswerDecisionFit.Sample> sets)
    {
        using var writer = new StreamWriter(file);
        writer.WriteLine("source\tfold\tstyle\tnegative\toutcome\tcovered\trefused\toffered\toffered_beside\tbuttons\tconfidence\t"
            + string.Join("\t", AnswerDecision.Names.Select(n => n.Name)) + "\ttext");
        foreach (var (source, list) in new[] { ("folds", folds), ("loo", leaveOneOut), ("sets", sets) })
        {
            foreach (var s in list)
            {
                var x = s.Features?.Vector() ?? new double[AnswerDecision.Names.Length];
                var confidence = s.Features is null ? 0 : s.Covered ? AnswerDecision.Confidence(s.Features) : s.Features.Lexical;
                writer.WriteLine(FormattableString.Invariant(
                    $"{source}\t{s.Fold}\t{s.Style}\t{(s.Negative ? 1 : 0)}\t{s.Outcome}\t{(s.Features is not null && s.Covered ? 1 : 0)}\t{(s.Refused ? 1 : 0)}\t{(s.Offered ? 1 : 0)}\t{(s.OfferedBesideUnit ? 1 : 0)}\t{(s.Buttons ? 1 : 0)}\t{confidence:0.0000}\t")
                    + string.Join("\t", x.Select(v => v.ToString("0.0000", CultureInfo.InvariantCulture))) + "\t" + s.Text.Replace('\t', ' ').Replace('\n', ' '));
            }
        }
    }

    /// <summary>
    /// One weight fitted with every other shipped constant held (--one NAME): the weighted log-loss's minimum for that
    /// weight on the fold outputs (the shipped intercept shifted back to the fit's bar), then the folds' and the
    /// leave-one-out's counts at the shipped threshold for a grid of values around it.
    /// </summary>
    private static void FitOne(KnowledgeIndex index, KnowledgeAnswerer answerer, IReadOnlyList<AnswerDecisionFit.Sample> samples, string name, double l2, double negativeWeight)
    {
        var j = Array.FindIndex(AnswerDecision.Names, n => n.Name == name);
        if (j < 0)
        {
            Console.Error.WriteLine($"--one takes an input of the decision: {string.Join(", ", AnswerDecision.Names.Select(n => n.Name))}");
            return;
        }

        var best = AnswerDecisionFit.TrainOne(samples, j, l2, negativeWeight);
        Console.WriteLine(FormattableString.Invariant($"{name}: fitted alone {best:0.0000}"));
        var leaveOneOut = AnswerDecisionFit.LeaveOneOut(index, answerer);
        foreach (var w in new[] { 0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, best }.Distinct())
        {
            var model = AnswerDecisionFit.Model.Shipped.With(j, w);
            bool Answers(AnswerDecisionFit.Sample s) => !s.Refused && s.Covered && model.Probability(s.Features!) >= KnowledgeAnswerer.Threshold;
            bool Close(AnswerDecisionFit.Sample s) => model.Probability(s.Features!) >= KnowledgeAnswerer.CloseBar;
            Console.WriteLine(FormattableString.Invariant($"{w:0.000}: folds {AnswerDecisionFit.Count(samples, Answers, Close)} | leave-one-out {AnswerDecisionFit.Count(leaveOneOut, Answers, Close)}"));
        }
    }

    /// <summary>
    /// The operating point on what askers get (AnswerDecisionFit.OperatingCost): per bar on the shipped confidence
    /// (0.45 = today's point), the folds' and the leave-one-out's exact / group-or-part / another / refused / own
    /// section offered / negatives answered / cost, without and with the close unit offered (refusals at or above
    /// <paramref name="closeBar"/> on the confidence the bar gives); then the same for a model refitted on the cost.
    /// </summary>
    private static void PrintCosts(IReadOnlyList<AnswerDecisionFit.Sample> samples, IReadOnlyList<AnswerDecisionFit.Sample> leaveOneOut, double l2, double closeBar, double costBar)
    {
        static string Cell(AnswerDecisionFit.Counts c) =>
            FormattableString.Invariant($"{c.Exact,4} {c.Exact + c.Related,4} {c.Wrong,4} {c.Refused,4} {c.Offered,4} {c.NegativesAnswered,3} {c.NegativesWithButtons,3} {c.Cost,6:0.0}");

        void Table(string title, Func<AnswerDecisionFit.Sample, double> probability, Func<AnswerDecisionFit.Sample, double> looProbability)
        {
            var plain = AnswerDecisionFit.Curve(samples, probability);
            var close = AnswerDecisionFit.Curve(samples, probability, closeBar);
            var looPlain = AnswerDecisionFit.Curve(leaveOneOut, looProbability);
            var looClose = AnswerDecisionFit.Curve(leaveOneOut, looProbability, closeBar);
            Console.WriteLine();
            Console.WriteLine($"== cost: {title}; close unit offered from confidence {closeBar:0.00}");
            Console.WriteLine("bar  | folds: exact g-or-p another refused offered neg neg-buttons cost | folds, close unit offered | leave-one-out | leave-one-out, close unit offered");
            for (var i = 0; i < plain.Count; i++)
            {
                if (plain[i].Bar is >= 0.1 and <= 0.8)
                {
                    Console.WriteLine(FormattableString.Invariant($"{plain[i].Bar:0.00} | {Cell(plain[i].Counts)} | {Cell(close[i].Counts)} | {Cell(looPlain[i].Counts)} | {Cell(looClose[i].Counts)}"));
                }
            }

            foreach (var (name, curve) in new[] { ("folds", plain), ("folds, close unit", close), ("leave-one-out", looPlain), ("leave-one-out, close unit", looClose) })
            {
                var cheapest = AnswerDecisionFit.Cheapest(curve, curve.Single(p => Math.Abs(p.Bar - KnowledgeAnswerer.Threshold) < 1e-9).Counts.NegativesAnswered);
                Console.WriteLine($"cheapest ({name}, no more negatives answered than at 0.45): {(cheapest is { } c ? $"bar {c.Bar:0.00}: {c.Counts}" : "none")}");
            }
        }

        Table("the shipped decision (bar on its confidence)", s => AnswerDecision.Confidence(s.Features!), s => AnswerDecision.Confidence(s.Features!));
        var costModel = AnswerDecisionFit.Train(samples, l2, weight: AnswerDecisionFit.CostWeight);
        Table("refitted with samples weighted by the cost of a wrong choice (bar on its probability)", s => costModel.Probability(s.Features!), s => costModel.Probability(s.Features!));
        var cross = AnswerDecisionFit.CrossFitted(samples, l2, weight: AnswerDecisionFit.CostWeight);
        var crossClose = AnswerDecisionFit.Curve(samples, s => cross[s], closeBar);
        foreach (var (bar, counts) in crossClose.Where(p => Math.Abs(p.Bar - costBar) < 0.015))
        {
            Console.WriteLine($"refitted on the cost, fold by fold (each fold scored by a model fitted without it), close unit, bar {bar:0.00}: {counts}");
        }

        Console.WriteLine();
        Console.WriteLine($"// AnswerDecision's constants refitted on the cost at bar {costBar:0.00} (phrasing-folds --fit --cost-bar {costBar:0.00}):");
        Console.Write(costModel.AtThreshold(costBar).ToCSharp());
    }
}
