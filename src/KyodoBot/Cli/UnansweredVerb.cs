using System.CommandLine;
using System.Globalization;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Storage;

namespace KyodoBot.Cli;

/// <summary>
/// <c>unanswered [--since YYYY-MM-DD] [--limit N] [--suggest]</c>: unanswered and 👎 questions with counts, for the
/// manual's editors; <c>--suggest</c> adds the sections most likely to answer each (ids to add a phrasing under).
/// <c>unanswered --not-in-manual "QUESTION"</c> is the card's 「マニュアル外として登録」: the question (as listed) goes into
/// <c>knowledge/_not-in-manual.tsv</c> and leaves the list; a running bot on the same folder reloads it by its watcher.
/// </summary>
public sealed class UnansweredVerb : ICliVerb
{
    public string Name => "unanswered";
    public string Usage => "unanswered [--since YYYY-MM-DD] [--limit 100] [--suggest] | unanswered --not-in-manual \"QUESTION\"";
    private readonly Option<DateTimeOffset?> _since = CliOptions.Parsed<DateTimeOffset>("--since", "Only questions asked on or after this day (UTC).",
        (string text, out DateTimeOffset value) => DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value),
        "--since takes a date as YYYY-MM-DD");
    private readonly Option<int> _limit = CliOptions.Count("--limit", 100, "At most this many questions.");
    private readonly Option<bool> _suggest = CliOptions.Switch("--suggest", "Add the sections most likely to answer each question.");
    private readonly Option<string> _notInManual = CliOptions.Text("--not-in-manual",
        "Instead of listing: record this question (as listed) as one the manual does not answer, in knowledge/_not-in-manual.tsv, and take it off the list.");

    public UnansweredVerb() => Command = new Command(Name, "Lists the unanswered and 👎 questions with counts, for the manual's editors.") { _since, _limit, _suggest, _notInManual };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken cancellationToken)
    {
        var since = parsed.GetValue(_since);
        var limit = parsed.GetValue(_limit);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        if (parsed.GetValue(_notInManual) is { } question)
        {
            return await NotInManualAsync(question, services, cancellationToken);
        }

        var lines = await services.GetRequiredService<QuestionLog>().UnansweredAsync(since, limit, cancellationToken);
        var knowledge = parsed.GetValue(_suggest) ? services.GetRequiredService<IKnowledgeBase>() : null;
        Console.WriteLine("unanswered\tdownvotes\tlast_asked\tquestion\tcomments" + (knowledge is null ? "" : "\tsuggested"));
        foreach (var line in lines)
        {
            Console.WriteLine(string.Join('\t',
                line.UnansweredCount, line.DownvoteCount, line.LastAsked.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Clean(line.Question), string.Join(" | ", line.Comments.Select(Clean))) +
                (knowledge is null ? "" : "\t" + string.Join(" | ", UnansweredCommand.Suggest(knowledge, line.Question, line.Picked).Select(s => $"{(s.Picked ? "picked:" : "")}{s.Section.Id} {Clean(s.Section.Title)}"))));
        }

        await Console.Error.WriteLineAsync($"{lines.Count} question(s){(since is null ? "" : $" since {since:yyyy-MM-dd}")}");
        return 0;
    }

    private static async Task<int> NotInManualAsync(string question, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (question.Trim().Length is 0 or > 1000)
        {
            await Console.Error.WriteLineAsync("unanswered: --not-in-manual takes the question as listed (1 to 1,000 characters)");
            return 2;
        }

        var outcome = await NotInManualAction.MarkAsync(services.GetRequiredService<KnowledgePhrasings>(), services.GetRequiredService<QuestionLog>(),
            question, "cli:" + Environment.UserName, cancellationToken);
        var sentence = KnowledgePhrasings.Clean(question);
        switch (outcome)
        {
            case PhrasingOutcome.Invalid:
                await Console.Error.WriteLineAsync("unanswered: --not-in-manual: the question has no words");
                return 2;
            case PhrasingOutcome.IsPhrasing:
                await Console.Error.WriteLineAsync($"unanswered: 「{sentence}」 is an alternate phrasing of a section; delete that line in knowledge/ first if it is wrong");
                return 1;
        }

        Console.WriteLine(outcome == PhrasingOutcome.AlreadyThere
            ? $"already in {NotInManual.FileName}: {sentence}"
            : $"added to {NotInManual.FileName}: {sentence}");
        return 0;
    }

    private static string Clean(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ');
}
