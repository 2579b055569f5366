using System.CommandLine;
using System.Globalization;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Cli;

/// <summary>
/// <c>eval FILE.jsonl [--min-accuracy 0.9]</c>: runs a question set against the embedded answerer. A question whose
/// answering throws is printed as a failure with the error and the run goes on; the exit code is then 1.
/// </summary>
public sealed class EvalVerb : ICliVerb
{
    public string Name => "eval";
    public string Usage => "eval FILE.jsonl [--min-accuracy 0.9]";
    private readonly Argument<string> _file = new("FILE.jsonl") { Description = "The question set: one JSON object a line (see eval/)." };
    private readonly Option<double?> _minAccuracy = CliOptions.Parsed<double>("--min-accuracy",
        "Exit with 1 when the accuracy is below this (0 to 1).",
        (string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value is >= 0 and <= 1,
        "--min-accuracy takes a number between 0 and 1, e.g. 0.9");

    public EvalVerb() => Command = new Command(Name, "Runs a question set against the embedded answerer and reports its accuracy.") { _file, _minAccuracy };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken cancellationToken)
    {
        var file = parsed.GetValue(_file)!;
        var minimum = parsed.GetValue(_minAccuracy) ?? 0.0;

        IReadOnlyList<QuestionSetCase> cases;
        try
        {
            cases = QuestionSetRunner.Load(CliRunner.UserPath(file));
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"eval: {ex.Message}");
            return 2;
        }

        var report = QuestionSetRunner.Run(cases, services.GetRequiredService<IKnowledgeAnswerer>(), services.GetRequiredService<IKnowledgeBase>());
        foreach (var result in report.Results)
        {
            var answer = result.AnswerText.ReplaceLineEndings(" ");
            // One line per question: a message of several lines is printed with " / " between them.
            Console.WriteLine($"{(result.Pass ? "PASS" : "FAIL")} {result.Id} {result.Question.ReplaceLineEndings(" / ")} → {result.AnsweredWith}" +
                (result.Answered ? $" ({result.Confidence:F2}): {(answer.Length > 80 ? answer[..80] + "…" : answer)}" : "") +
                (result.Case.Sections.Count > 0 ? $" [section {(result.SectionRank is { } rank ? $"#{rank}" : "not in top 3")}]" : "") +
                (!result.Answered && result.Buttons.Count > 0 ? $" [buttons {string.Join(", ", result.Buttons)}]" : "") +
                (result.AskedBack ? " [asked back]" : ""));
        }

        if (report.WithSection > 0)
        {
            Console.WriteLine($"right section first {report.Top1}/{report.WithSection}, in the first three {report.Top3}/{report.WithSection}");
            Console.WriteLine(report.OfferedSummary);
        }

        Console.WriteLine(report.AskedBackSummary);

        Console.WriteLine($"in scope {report.InScopePassed}/{report.InScope}, out of scope refused {report.OutOfScopeRefused}/{report.OutOfScope}, accuracy {report.Accuracy:P1}");
        Console.WriteLine(report.Summary);
        return report.Errors > 0 || report.Accuracy + 1e-9 < minimum ? 1 : 0;
    }
}
