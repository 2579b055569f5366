using System.Text;

namespace KyodoBot.IntegrationTests.Process;

/// <summary>The evaluation CLI verbs as an operator runs them: good input works, bad input is refused with a message.</summary>
public sealed class EvaluationVerbTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kyodobot-verbs-").FullName;

    private Dictionary<string, string?> Settings => new() { ["ConnectionStrings__KyodoBot"] = $"Data Source={Path.Combine(_directory, "bot.db")}" };

    [Fact]
    public async Task ProjectsAdd_ThenList_ThenExportJsonAndCsv()
    {
        var (added, addOutput) = await RunAsync("projects", "add", "--title", "見守り事業", "--org", "みどり野町内会", "--department", "市民活動推進課",
            "--start", "2027-04-01", "--end", "2028-03-31", "--schedule", "semiannual");
        var (listed, listOutput) = await RunAsync("projects", "list");
        var json = Path.Combine(_directory, "out.json");
        var csv = Path.Combine(_directory, "out.csv");
        var (exportedJson, _) = await RunAsync("export", "--format", "json", "--out", json);
        var (exportedCsv, _) = await RunAsync("export", "--format", "csv", "--out", csv);

        Assert.Equal((0, 0, 0, 0), (added, listed, exportedJson, exportedCsv));
        Assert.Contains("2027-10-01,2028-03-31", addOutput);
        Assert.Contains("見守り事業", listOutput);
        Assert.Contains("\"schedule\": \"semiannual\"", await File.ReadAllTextAsync(json));
        var bytes = await File.ReadAllBytesAsync(csv);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(3, Encoding.UTF8.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("export --format xml", "--format is csv or json")]
    [InlineData("reminders send-due --as-of tomorrow", "--as-of takes an instant")]
    [InlineData("reminders", "usage: reminders list")]
    [InlineData("projects add --title x", "--org is required")]
    [InlineData("projects add --title x --org y --department z --start 2027-04-01 --end 2026-04-01", "--end is before --start")]
    [InlineData("projects add --title x --org y --department z --start 2027-04-01 --end 2028-03-31 --schedule weekly", "--schedule is quarterly")]
    [InlineData("projects add --title x --org y --department z --start 2027-04-01 --end 2999-12-31 --schedule quarterly", "--end is more than 10 years after --start")]
    [InlineData("projects add --title x --org y --department z --start 2027-04-01 --end 2028-03-31 --reference abc", "--reference must look like")]
    [InlineData("projects add --title x --org y --department z --start 2027-04-01 --end 2028-03-31 --schedule dates --dates 2027-10-01,someday", "--dates takes dates as YYYY-MM-DD separated by commas; 'someday' is not one")]
    [InlineData("projects add --title x --org y --department z --start 2027-04-01 --end 2028-03-31 --dates 2027-13-01", "'2027-13-01' is not one")]
    public async Task BadInput_IsRefused_WithExitCode2_AndSaysWhy(string command, string message)
    {
        var (exit, output) = await RunAsync(command.Split(' '));

        Assert.Equal(2, exit);
        Assert.Contains(message, output);
    }

    [Theory]
    [InlineData("reminders send-due", "Teams__RateLimits__MaxAttempts", "0", "'Teams:RateLimits:MaxAttempts'")]
    [InlineData("projects list", "Kyodo__DraftExpiryDays", "soon", "'Kyodo:DraftExpiryDays'")]
    [InlineData("projects list", "Kyodo__DefaultLanguage", "fr", "'Kyodo:DefaultLanguage'")]
    public async Task BadConfiguration_IsRefused_WithExitCode2_NamingTheKey(string command, string variable, string value, string key)
    {
        // Nothing is due and no project exists: the verb would succeed but for the configuration.
        var settings = Settings;
        settings[variable] = value;

        var (exit, output) = await RunWithAsync(settings, command.Split(' '));

        Assert.Equal(2, exit);
        Assert.Contains(key, output);
        Assert.DoesNotContain("Unhandled exception", output);
    }

    private Task<(int? Exit, string Output)> RunAsync(params string[] args) => RunWithAsync(Settings, args);

    private static async Task<(int? Exit, string Output)> RunWithAsync(Dictionary<string, string?> settings, string[] args)
    {
        await using var run = BotProcess.Start(settings, args);
        var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, run.Output);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
