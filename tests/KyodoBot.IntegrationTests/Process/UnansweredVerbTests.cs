using Microsoft.Data.Sqlite;
using KyodoBot.IntegrationTests.Fakes;

namespace KyodoBot.IntegrationTests.Process;

/// <summary>
/// <c>unanswered --suggest</c> as an editor runs it: each unanswered question with the sections likely to answer it;
/// <c>unanswered --not-in-manual "…"</c>: the question goes into <c>_not-in-manual.tsv</c> and leaves the list.
/// </summary>
public sealed class UnansweredVerbTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kyodobot-unanswered-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_directory, "bot.db")}";

    [Fact]
    public async Task Suggest_AddsTheLikelySections_WithoutSuggestItDoesNot()
    {
        var (migrated, _) = await RunAsync("unanswered"); // creates the database
        Assert.Equal(0, migrated);
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO questions (ActivityId, UserId, ConversationId, AskedAt, Question, QuestionKey, Language, Answered, Confidence, SectionIds)
                VALUES ('a1', '29:u', 'c1', 0, '縦割りの弊害をなくすには？', '縦割りの弊害をなくすには', 'Japanese', 0, 0.3, '')
                """;
            await insert.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var (plainExit, plain) = await RunAsync("unanswered");
        var (suggestExit, suggested) = await RunAsync("unanswered", "--suggest");

        Assert.Equal((0, 0), (plainExit, suggestExit));
        Assert.DoesNotContain("suggested", plain);
        Assert.Contains("\tsuggested", suggested);
        var line = suggested.Split('\n').Single(l => l.Contains("縦割りの弊害をなくすには", StringComparison.Ordinal));
        Assert.Contains("challenge-city-2 4章 1(3)② 協働推進体制の不十分さ", line);
    }

    [Fact]
    public async Task NotInManual_WritesTheLineOnce_AndTheQuestionLeavesTheList_OthersStay()
    {
        // A copy of the content folders: the command writes into knowledge/.
        var content = Path.Combine(_directory, "content");
        foreach (var folder in new[] { "cards", "dialogs", "knowledge", "calendar", "appPackage" })
        {
            CopyFolder(Path.Combine(RepoPaths.Root, folder), Path.Combine(content, folder));
        }

        var tsv = Path.Combine(content, "knowledge", "_not-in-manual.tsv");
        var original = await File.ReadAllTextAsync(tsv);
        await RunAsync("unanswered"); // creates the database
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO questions (ActivityId, UserId, ConversationId, AskedAt, Question, QuestionKey, Language, Answered, Confidence, SectionIds)
                VALUES ('a1', '29:u', 'c1', 0, '補助金の締切はいつ?', '補助金の締切はいつ', 'Japanese', 0, 0.2, ''),
                       ('a2', '29:u', 'c1', 0, '縦割りの弊害をなくすには？', '縦割りの弊害をなくすには', 'Japanese', 0, 0.3, '')
                """;
            await insert.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var (exit, output) = await RunInAsync(content, "unanswered", "--not-in-manual", "補助金の締切はいつ?");
        var (again, second) = await RunInAsync(content, "unanswered", "--not-in-manual", "補助金の締切はいつ?");
        var (_, list) = await RunInAsync(content, "unanswered");

        // The output in the message: a run that failed (once exit code 134 in CI, not reproduced) says why.
        Assert.True(exit == 0, $"first run exited {exit}: {output}");
        Assert.True(again == 0, $"second run exited {again}: {second}");
        Assert.Contains("added to _not-in-manual.tsv: 補助金の締切はいつ?", output);
        Assert.Contains("already in _not-in-manual.tsv", second);
        Assert.Equal(original + "learned\t補助金の締切はいつ?\n", await File.ReadAllTextAsync(tsv));
        Assert.DoesNotContain("締切", list);
        Assert.Contains("縦割りの弊害をなくすには", list);
    }

    [Fact]
    public async Task NotInManual_WithoutWords_IsRefusedWithExitCode2()
    {
        var (exit, output) = await RunAsync("unanswered", "--not-in-manual", "？？");

        Assert.Equal(2, exit);
        Assert.Contains("--not-in-manual", output);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/build/", StringComparison.Ordinal)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private Task<(int? Exit, string Output)> RunAsync(params string[] args) => RunInAsync(null, args);

    private async Task<(int? Exit, string Output)> RunInAsync(string? contentRoot, params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__KyodoBot"] = ConnectionString };
        if (contentRoot is not null)
        {
            environment["Kyodo__ContentRoot"] = contentRoot;
        }

        await using var run = BotProcess.Start(environment, args);
        var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, run.Output);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
