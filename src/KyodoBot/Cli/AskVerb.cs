using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;

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
    private readonly Argument<string> _question = new("質問") { Description = "The question, quoted when it has spaces." };
    private readonly Option<bool> _json = CliOptions.Switch("--json", "Print exactly one JSON object (answer, confidence, citations, suggestions) and nothing else.");
    private readonly Option<string> _lang = CliOptions.OneOf("--lang", "Answer in this language (default: the question's own).", "ja", "en");

    public AskVerb()
    {
        _question.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError("the question is empty");
            }
        });
        Command = new Command(Name, "Answers one question as the bot would, without recording it.") { _question, _json, _lang };
    }

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken cancellationToken)
    {
        var question = parsed.GetValue(_question)!;
        var language = parsed.GetValue(_lang) switch
        {
            "en" => Language.English,
            "ja" => Language.Japanese,
            _ => LanguageResolver.Resolve(question, Language.Japanese),
        };
        var (answer, _) = await services.GetRequiredService<AnswerService>().AnswerAsync(question, language, cancellationToken);
        // What the bot would ask back instead of the refusal (docs/decisions/0040-clarify-ask-back.md).
        var askBack = services.GetRequiredService<AskBack>();
        var principles = askBack.Applies(question, answer) ? askBack.Principles() : [];
        if (parsed.GetValue(_json))
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                answered = answer.Answered,
                answer = answer.Text,
                confidence = Math.Round(answer.Confidence, 3),
                citations = answer.Citations.Select(c => new { id = c.Id, title = c.Title, excerpt = c.Excerpt }),
                suggestions = answer.Suggestions.Select(s => new { id = s.Id, title = s.Title }),
                near = answer.NearSuggestions,
                missing = answer.Missing.Select(m => new { sentence = m.Sentence, kind = m.Kind.ToString() }),
                missingNote = answer.MissingNote,
                askedBack = principles.Select(p => new { id = p.Id, title = p.Title }),
            }, Json));
            return 0;
        }

        var texts = services.GetRequiredService<Texts>();
        Console.WriteLine(principles.Count > 0 ? texts.Get(language, "ask.askBack") : answer.Text);
        if (principles.Count > 0)
        {
            Console.WriteLine(string.Join(" / ", principles.Select(p => p.Title)) + " / " + texts.Get(language, "ask.askBackNone"));
        }

        if (answer.MissingNote.Length > 0)
        {
            Console.WriteLine(answer.MissingNote);
        }

        Console.WriteLine();
        foreach (var (citation, i) in answer.Citations.Select((c, i) => (c, i)))
        {
            Console.WriteLine($"[{i + 1}] {citation.Title}");
            Console.WriteLine($"    {citation.Excerpt}");
        }

        if (answer.Suggestions.Count > 0)
        {
            Console.WriteLine((answer.Answered ? "関連: " : answer.NearSuggestions ? "近い項目: " : "もしかして: ") + string.Join(" / ", answer.Suggestions.Select(s => s.Title)));
        }

        Console.WriteLine($"confidence {answer.Confidence:F2}{(answer.Answered ? "" : " (not answered)")}");
        return 0;
    }
}
