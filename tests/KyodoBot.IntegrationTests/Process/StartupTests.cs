using KyodoBot.IntegrationTests.Fakes;

namespace KyodoBot.IntegrationTests.Process;

/// <summary>The real executable: it starts with embedded defaults, and bad configuration stops it with a message naming the key.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Defaults_StartAndBecomeReady_CreatingTheSqliteDatabase()
    {
        var directory = Directory.CreateTempSubdirectory("kyodobot-start-");
        await using var bot = await BotProcess.StartReadyAsync(new Dictionary<string, string?>(), TimeSpan.FromSeconds(60), directory.FullName);

        Assert.True(File.Exists(Path.Combine(directory.FullName, "data", "kyodobot.db")), bot.Output);
        Assert.Contains("ANONYMOUS mode", bot.Output);
        Assert.Contains("Kyodo:Admins is empty: nobody can register projects", bot.Output);

        // A first turn through the real wiring (every feature's services resolve without a cycle or a hang).
        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl), Timeout = TimeSpan.FromSeconds(20) };
        foreach (var text in new[] { "ヘルプ", "提案", "公開の原則とは何ですか" })
        {
            var response = await http.SendAsync(Activities.Post(Activities.PersonalMessage("http://localhost:1/", text, expectReplies: true)));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"activities\"", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("Production", "MicrosoftAppId", null, null)]
    [InlineData("Development", "Storage:Provider", "Storage__Provider", "MongoDb")]
    [InlineData("Development", "MicrosoftAppPassword", "MicrosoftAppId", "5a1f0c1e-7b0e-4d3c-9a55-0d5c2f7e9b11")]
    [InlineData("Development", "ConnectionStrings:KyodoBot", "Storage__Provider", "Postgres")]
    [InlineData("Development", "Evaluation:SweepSeconds", "Evaluation__SweepSeconds", "soon")]
    [InlineData("Development", "Evaluation:ClaimLeaseSeconds", "Evaluation__ClaimLeaseSeconds", "60")]
    [InlineData("Development", "Evaluation:ReminderTime", "Evaluation__ReminderTime", "9 o'clock")]
    [InlineData("Development", "Teams:RateLimits:PerTenantPerSecond", "Teams__RateLimits__PerTenantPerSecond", "0")]
    [InlineData("Development", "Kyodo:DefaultLanguage", "Kyodo__DefaultLanguage", "fr")]
    [InlineData("Development", "Knowledge:MaxUploadBytes", "Knowledge__MaxUploadBytes", "20MB")]
    [InlineData("Development", "Knowledge:UploadTimeoutSeconds", "Knowledge__UploadTimeoutSeconds", "0")]
    [InlineData("Development", "Teams:RateLimits:BaseDelayMs", "Teams__RateLimits__BaseDelayMs", "60000")]
    [InlineData("Development", "Kyodo:DraftExpiryDays", "Kyodo__DraftExpiryDays", "soon")]
    [InlineData("Development", "Scheduler:Enabled", "Scheduler__Enabled", "sometimes")]
    [InlineData("Development", "AzureOpenAI:Endpoint", "AzureOpenAI__Endpoint", "http://example.openai.azure.com/")]
    [InlineData("Development", "Knowledge:UploadRetentionDays", "Knowledge__UploadRetentionDays", "forever")]
    public async Task BadConfiguration_StopsStartup_NamingTheKey(string environment, string key, string? variable, string? value)
    {
        var settings = new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = environment };
        if (variable is not null)
        {
            settings[variable] = value;
        }

        await using var bot = BotProcess.Start(settings, workingDirectory: Directory.CreateTempSubdirectory("kyodobot-bad-").FullName);

        var exitCode = await bot.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, exitCode);
        Assert.Contains($"'{key}'", bot.Output);
        Assert.DoesNotContain("Unhandled exception", bot.Output);
    }

    [Fact]
    public async Task IntakeYamlWithARenamedFieldTheCodeReads_StopsStartup_NamingTheId()
    {
        var directory = Directory.CreateTempSubdirectory("kyodobot-intake-").FullName;
        var content = Path.Combine(directory, "content");
        foreach (var folder in new[] { "cards", "dialogs", "knowledge", "calendar" })
        {
            CopyFolder(Path.Combine(RepoPaths.Root, folder), Path.Combine(content, folder));
        }

        var intake = Path.Combine(content, "dialogs", "proposal-intake.yaml");
        var yaml = await File.ReadAllTextAsync(intake);
        Assert.Contains("- id: orgName\n", yaml);
        await File.WriteAllTextAsync(intake, yaml.Replace("- id: orgName\n", "- id: organisationName\n", StringComparison.Ordinal));

        await using var bot = BotProcess.Start(new Dictionary<string, string?> { ["Kyodo__ContentRoot"] = content }, workingDirectory: directory);

        var exitCode = await bot.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, exitCode);
        Assert.Contains("has no field 'orgName'", bot.Output);
        Assert.DoesNotContain("Unhandled exception", bot.Output);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
