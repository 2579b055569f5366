using System.Globalization;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Cli;

/// <summary><c>eval FILE.jsonl [--min-accuracy 0.9]</c>: runs a question set against the embedded answerer.</summary>
public sealed class EvalVerb : ICliVerb
{
    public string Name => "eval";
    public string Usage => "eval FILE.jsonl [--min-accuracy 0.9]";
    public IReadOnlyList<CliSyntax> Syntax { get; } = [new(null, 1, CliOption.Text("--min-accuracy"))];

    public async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, CancellationToken cancellationToken)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != CliRunner.Option(args, "--min-accuracy"));
        if (file is null)
        {
            await Console.Error.WriteLineAsync($"usage: {Usage}");
            return 2;
        }

        var minimum = 0.0;
        if (CliRunner.Option(args, "--min-accuracy") is { } text
            && (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out minimum) || minimum is < 0 or > 1))
        {
            await Console.Error.WriteLineAsync("eval: --min-accuracy takes a number between 0 and 1, e.g. 0.9");
            return 2;
        }

        IReadOnlyList<EvalCase> cases;
        try
        {
            cases = EvalRunner.Load(CliRunner.UserPath(file));
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"eval: {ex.Message}");
            return 2;
        }

        var report = EvalRunner.Run(cases, services.GetRequiredService<IKnowledgeAnswerer>(), services.GetRequiredService<IKnowledgeBase>());
        foreach (var result in report.Results)
        {
            var answer = result.AnswerText.ReplaceLineEndings(" ");
            Console.WriteLine($"{(result.Pass ? "PASS" : "FAIL")} {result.Id} {result.Question} → {result.AnsweredWith}" +
                (result.Answered ? $" ({result.Confidence:F2}): {(answer.Length > 80 ? answer[..80] + "…" : answer)}" : "") +
                (result.Case.Sections.Count > 0 ? $" [section {(result.SectionRank is { } rank ? $"#{rank}" : "not in top 3")}]" : ""));
        }

        if (report.WithSection > 0)
        {
            Console.WriteLine($"right section first {report.Top1}/{report.WithSection}, in the first three {report.Top3}/{report.WithSection}");
        }

        Console.WriteLine($"in scope {report.InScopePassed}/{report.InScope}, out of scope refused {report.OutOfScopeRefused}/{report.OutOfScope}, accuracy {report.Accuracy:P1}");
        Console.WriteLine(report.Summary);
        return report.Accuracy + 1e-9 < minimum ? 1 : 0;
    }
}
