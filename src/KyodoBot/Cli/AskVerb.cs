using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Conversations;

namespace KyodoBot.Cli;

/// <summary><c>ask "質問" [--json] [--lang ja|en]</c>: answers one question as the bot would (without recording it).</summary>
public sealed class AskVerb : ICliVerb
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public string Name => "ask";
    public string Usage => "ask \"質問\" [--json] [--lang ja|en]";
    public bool UsesDatabase => false;
    public IReadOnlyList<CliSyntax> Syntax { get; } = [new(null, 1, CliOption.Switch("--json"), CliOption.OneOf("--lang", "ja", "en"))];

    public async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, CancellationToken cancellationToken)
    {
        var question = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != CliRunner.Option(args, "--lang"));
        if (string.IsNullOrWhiteSpace(question))
        {
            await Console.Error.WriteLineAsync($"usage: {Usage}");
            return 2;
        }

        var language = CliRunner.Option(args, "--lang") switch
        {
            "en" => Language.English,
            "ja" => Language.Japanese,
            _ => LanguageResolver.Resolve(question, Language.Japanese),
        };
        var (answer, _) = await services.GetRequiredService<AnswerService>().AnswerAsync(question, language, cancellationToken);
        if (args.Contains("--json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                answered = answer.Answered,
                answer = answer.Text,
                confidence = Math.Round(answer.Confidence, 3),
                citations = answer.Citations.Select(c => new { id = c.Id, title = c.Title, excerpt = c.Excerpt }),
                suggestions = answer.Suggestions.Select(s => new { id = s.Id, title = s.Title }),
            }, Json));
            return 0;
        }

        Console.WriteLine(answer.Text);
        Console.WriteLine();
        foreach (var (citation, i) in answer.Citations.Select((c, i) => (c, i)))
        {
            Console.WriteLine($"[{i + 1}] {citation.Title}");
            Console.WriteLine($"    {citation.Excerpt}");
        }

        if (answer.Suggestions.Count > 0)
        {
            Console.WriteLine((answer.Answered ? "関連: " : "もしかして: ") + string.Join(" / ", answer.Suggestions.Select(s => s.Title)));
        }

        Console.WriteLine($"confidence {answer.Confidence:F2}{(answer.Answered ? "" : " (not answered)")}");
        return 0;
    }
}
