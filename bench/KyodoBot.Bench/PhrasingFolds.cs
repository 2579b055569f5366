using System.Diagnostics;
using System.Globalization;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Bench;

/// <summary>
/// The 3-nearest vote against the linear classifier under the same folds (issue #10,
/// docs/decisions/0029-linear-classifier-experiment.md): stratified k-fold, and with --labels the writers' TSV files
/// (section, style, text) for the style breakdown and a second run by writer (train on one, ask the other).
/// </summary>
internal static class PhrasingFolds
{
    public static int Run(string[] args)
    {
        var folder = Args.Text(args, "--folder") ?? ContentPaths.Resolve(null, AppContext.BaseDirectory).Knowledge;
        var labels = Args.All(args, "--labels").ToList() is { Count: > 0 } files ? PhrasingFoldEvaluation.ReadLabels(files) : null;
        var options = new PhrasingFoldEvaluation.ClassifierOptions(
            Args.Int(args, "--epochs", PhrasingClassifier.DefaultEpochs),
            Args.Text(args, "--l2") is { } l2 ? double.Parse(l2, CultureInfo.InvariantCulture) : PhrasingClassifier.DefaultL2,
            !Args.Flag(args, "--no-sentence-samples"),
            Args.Flag(args, "--section-samples"),
            Args.Flag(args, "--balanced"));
        if (Args.Flag(args, "--writers") && labels is null)
        {
            Console.Error.WriteLine("--writers needs the writers' files: --labels P1.tsv --labels P2.tsv (section, style, text; the writer is the file name)");
            return 2;
        }

        var knowledge = new KnowledgeBase(folder);
        knowledge.Reload();
        var index = knowledge.Current;
        var answerer = new KnowledgeAnswerer(knowledge);
        if (!Args.Flag(args, "--answerer-only"))
        {
            Console.WriteLine($"classifier: {options}");
            var training = PhrasingFoldEvaluation.TimeTraining(index, options);
            Console.WriteLine($"training on all {index.Phrasings.Count} phrasings and negatives (features already analysed, as the index build has them): {training.TotalMilliseconds:F0} ms");
        }

        var route = (Args.Text(args, "--route") ?? "0.5,0.2").Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var evals = Args.All(args, "--eval").ToList();
        if (evals.Count > 0)
        {
            var answererOnly = Args.Flag(args, "--answerer-only");
            var candidate = answererOnly ? null : PhrasingFoldEvaluation.Candidate(index, answerer, options, route[0], route[1], route.Length > 2 ? route[2] : -1);
            foreach (var file in evals)
            {
                foreach (var (name, who) in candidate is null
                    ? new[] { ("today", (IKnowledgeAnswerer)answerer) }
                    : [("today", answerer), ($"classifier, route {string.Join('/', route)}", candidate)])
                {
                    var r = QuestionSetRunner.Run(file, who, knowledge);
                    if (Args.Flag(args, "--failures"))
                    {
                        foreach (var f in r.Results.Where(x => !x.Pass))
                        {
                            Console.WriteLine("  " + QuestionSetRunner.Describe(f));
                        }
                    }

                    Console.WriteLine($"{Path.GetFileName(file)} {name}: in scope {r.InScopePassed}/{r.InScope}, right section first {r.Top1}/{r.WithSection}, first three {r.Top3}/{r.WithSection}; out of scope refused {r.OutOfScopeRefused}/{r.OutOfScope}");
                }
            }

            return 0;
        }

        foreach (var byWriter in Args.Flag(args, "--writers") ? new[] { false, true } : [false])
        {
            var items = PhrasingFoldEvaluation.Items(index, labels, Args.Int(args, "--folds", 5), byWriter);
            var clock = Stopwatch.StartNew();
            var report = PhrasingFoldEvaluation.Run(index, answerer, items, options, answererOnly: Args.Flag(args, "--answerer-only"));
            Console.WriteLine(byWriter ? "== folds by writer (P1 ↔ P2)" : "== stratified folds");
            Console.Write(report);
            Console.WriteLine($"({clock.Elapsed.TotalSeconds:F1} s)");
        }

        return 0;
    }
}
