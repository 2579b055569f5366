using Microsoft.Data.Sqlite;

namespace KyodoBot.IntegrationTests.Process;

/// <summary><c>unanswered --suggest</c> as an editor runs it: each unanswered question with the sections likely to answer it.</summary>
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

    private async Task<(int? Exit, string Output)> RunAsync(params string[] args)
    {
        await using var run = BotProcess.Start(new Dictionary<string, string?> { ["ConnectionStrings__KyodoBot"] = ConnectionString }, args);
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
