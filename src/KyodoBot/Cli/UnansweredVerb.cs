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
    public IReadOnlyList<CliSyntax> Syntax { get; } = [new(null, 0, CliOption.Text("--since"), CliOption.Count("--limit"), CliOption.Switch("--suggest"))];

    public async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, CancellationToken cancellationToken)
    {
        DateTimeOffset? since = null;
        if (CliRunner.Option(args, "--since") is { } sinceText)
        {
            if (!DateTimeOffset.TryParseExact(sinceText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                await Console.Error.WriteLineAsync("unanswered: --since takes a date as YYYY-MM-DD");
                return 2;
            }

            since = parsed;
        }

        var limit = int.TryParse(CliRunner.Option(args, "--limit"), out var l) && l > 0 ? l : 100;
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var lines = await services.GetRequiredService<QuestionLog>().UnansweredAsync(since, limit, cancellationToken);
        var knowledge = args.Contains("--suggest") ? services.GetRequiredService<IKnowledgeBase>() : null;
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
