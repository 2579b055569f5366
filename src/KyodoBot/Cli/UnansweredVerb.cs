using System.CommandLine;
using System.Globalization;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Storage;

namespace KyodoBot.Cli;

/// <summary>
/// <c>unanswered [--since YYYY-MM-DD] [--limit N] [--suggest]</c>: unanswered and 👎 questions with counts, for the
/// manual's editors; <c>--suggest</c> adds the sections most likely to answer each (ids to add a phrasing under).
/// </summary>
public sealed class UnansweredVerb : ICliVerb
{
    public string Name => "unanswered";
    public string Usage => "unanswered [--since YYYY-MM-DD] [--limit 100] [--suggest]";
    private readonly Option<DateTimeOffset?> _since = CliOptions.Parsed<DateTimeOffset>("--since", "Only questions asked on or after this day (UTC).",
        (string text, out DateTimeOffset value) => DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value),
        "--since takes a date as YYYY-MM-DD");
    private readonly Option<int> _limit = CliOptions.Count("--limit", 100, "At most this many questions.");
    private readonly Option<bool> _suggest = CliOptions.Switch("--suggest", "Add the sections most likely to answer each question.");

    public UnansweredVerb() => Command = new Command(Name, "Lists the unanswered and 👎 questions with counts, for the manual's editors.") { _since, _limit, _suggest };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken cancellationToken)
    {
        var since = parsed.GetValue(_since);
        var limit = parsed.GetValue(_limit);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var lines = await services.GetRequiredService<QuestionLog>().UnansweredAsync(since, limit, cancellationToken);
        var knowledge = parsed.GetValue(_suggest) ? services.GetRequiredService<IKnowledgeBase>() : null;
        Console.WriteLine("unanswered\tdownvotes\tlast_asked\tquestion\tcomments" + (knowledge is null ? "" : "\tsuggested"));
        foreach (var line in lines)
        {
            Console.WriteLine(string.Join('\t',
                line.UnansweredCount, line.DownvoteCount, line.LastAsked.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Clean(line.Question), string.Join(" | ", line.Comments.Select(Clean))) +
                (knowledge is null ? "" : "\t" + string.Join(" | ", UnansweredCommand.Suggest(knowledge, line.Question).Select(s => $"{s.Id} {Clean(s.Title)}"))));
        }

        await Console.Error.WriteLineAsync($"{lines.Count} question(s){(since is null ? "" : $" since {since:yyyy-MM-dd}")}");
        return 0;
    }

    private static string Clean(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ');
}
