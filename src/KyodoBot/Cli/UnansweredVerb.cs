using System.Globalization;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Storage;

namespace KyodoBot.Cli;

/// <summary><c>unanswered [--since YYYY-MM-DD] [--limit N]</c>: unanswered and 👎 questions with counts, for the manual's editors.</summary>
public sealed class UnansweredVerb : ICliVerb
{
    public string Name => "unanswered";
    public string Usage => "unanswered [--since YYYY-MM-DD] [--limit 100]";
    public IReadOnlyList<CliSyntax> Syntax { get; } = [new(null, 0, CliOption.Text("--since"), CliOption.Count("--limit"))];

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
        Console.WriteLine("unanswered\tdownvotes\tlast_asked\tquestion\tcomments");
        foreach (var line in lines)
        {
            Console.WriteLine(string.Join('\t',
                line.UnansweredCount, line.DownvoteCount, line.LastAsked.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Clean(line.Question), string.Join(" | ", line.Comments.Select(Clean))));
        }

        await Console.Error.WriteLineAsync($"{lines.Count} question(s){(since is null ? "" : $" since {since:yyyy-MM-dd}")}");
        return 0;
    }

    private static string Clean(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ');
}
