using System.Net.Sockets;
using System.Text.Json;
using KyodoBot.IntegrationTests.Fakes;

namespace KyodoBot.IntegrationTests.Process;

/// <summary>
/// Issue #9, the process items: the bot is started as documented (<c>dotnet run</c> included), the environment cannot be
/// sidestepped, a database that cannot be used stops start-up in one line, and the command line refuses what it does not know.
/// </summary>
public sealed class SafeStartTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("kyodobot-safe-");

    [Fact]
    public async Task DotnetRun_AskJson_PrintsExactlyOneJsonObjectOnStandardOutput()
    {
        await using var run = BotProcess.StartWithDotnetRun(new Dictionary<string, string?>(), ["ask", "公開の原則とは何ですか", "--json"], _directory.FullName);

        Assert.Equal(0, await run.WaitForExitAsync(Patience));
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.True(json.RootElement.GetProperty("answered").GetBoolean(), run.Output);
    }

    [Fact]
    public async Task DotnetRun_InProduction_WithoutAppId_RefusesToStart()
    {
        await using var run = BotProcess.StartWithDotnetRun(new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, workingDirectory: _directory.FullName);

        Assert.Equal(2, await run.WaitForExitAsync(Patience));
        Assert.Contains("'MicrosoftAppId' is required in Production", run.Output);
    }

    [Fact]
    public async Task DotnetRun_ListensWhereAspNetCoreUrlsSays()
    {
        await using var run = BotProcess.StartWithDotnetRun(new Dictionary<string, string?>(), workingDirectory: _directory.FullName);

        Assert.True(await run.WaitUntilReadyAsync(Patience), run.Output);
        Assert.DoesNotContain("launch settings", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Production ", null, "'MicrosoftAppId' is required in Production")]
    [InlineData("production", null, "'MicrosoftAppId' is required in Production")]
    [InlineData("Production", "Development", "'ASPNETCORE_ENVIRONMENT' is 'Production', 'DOTNET_ENVIRONMENT' is 'Development'")]
    [InlineData("Development", "Production", "'ASPNETCORE_ENVIRONMENT' is 'Development', 'DOTNET_ENVIRONMENT' is 'Production'")]
    [InlineData("Prod", null, "'ASPNETCORE_ENVIRONMENT' has the value 'Prod'")]
    public async Task Environment_CannotBeSidestepped_ByWhitespaceCaseOrTheOtherVariable(string aspnetcore, string? dotnet, string message)
    {
        await using var bot = BotProcess.Start(new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = aspnetcore, ["DOTNET_ENVIRONMENT"] = dotnet },
            workingDirectory: _directory.FullName);

        Assert.Equal(2, await bot.WaitForExitAsync(Patience));
        Assert.Contains(message, bot.Output);
        Assert.DoesNotContain("ANONYMOUS", bot.Output);
    }

    public enum BrokenStorage
    {
        CorruptFile,
        Directory,
        PostgresDown,
    }

    [Theory]
    [InlineData(BrokenStorage.CorruptFile, false)]
    [InlineData(BrokenStorage.CorruptFile, true)]
    [InlineData(BrokenStorage.Directory, false)]
    [InlineData(BrokenStorage.Directory, true)]
    [InlineData(BrokenStorage.PostgresDown, false)]
    [InlineData(BrokenStorage.PostgresDown, true)]
    public async Task UnusableDatabase_StopsStartup_InOneLineNamingIt_WithExitCode2(BrokenStorage broken, bool asCliVerb)
    {
        var (settings, names) = Broken(broken);

        await using var run = BotProcess.Start(settings, asCliVerb ? ["projects", "list"] : null, _directory.FullName);

        Assert.Equal(2, await run.WaitForExitAsync(Patience));
        var line = Assert.Single(run.Output.Split('\n'), l => l.Contains("cannot use the", StringComparison.Ordinal));
        Assert.StartsWith(asCliVerb ? "projects: cannot use the" : "KyodoBot cannot start: cannot use the", line);
        Assert.Contains(names, line);
        Assert.DoesNotContain("Unhandled exception", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.DoesNotContain("s3cret", run.Output);
    }

    [Fact]
    public async Task Help_PrintsTheUsage_AndExits0_WithoutStartingTheBot()
    {
        await using var run = BotProcess.Start(new Dictionary<string, string?>(), ["--help"], _directory.FullName);

        Assert.Equal(0, await run.WaitForExitAsync(Patience));
        Assert.Contains("usage: KyodoBot", run.StandardOutput);
        Assert.Contains("reminders list", run.StandardOutput);
        Assert.DoesNotContain("ANONYMOUS", run.Output);
        Assert.False(Directory.Exists(Path.Combine(_directory.FullName, "data")));
    }

    [Fact]
    public async Task VerbHelp_DescribesEachOption_WithItsDefault_AndExits0_WithoutStartingAnything()
    {
        await using var run = BotProcess.Start(new Dictionary<string, string?>(), ["reminders", "list", "--help"], _directory.FullName);

        Assert.Equal(0, await run.WaitForExitAsync(Patience));
        Assert.Contains("reminders list [options]", run.StandardOutput);
        Assert.Matches(@"--days <days>\s+How many days ahead to look\. \[default: 60\]", run.StandardOutput);
        Assert.DoesNotContain("using the SQLite database", run.Output);
        Assert.False(Directory.Exists(Path.Combine(_directory.FullName, "data")));
    }

    [Theory]
    [InlineData("remind list", "unknown command 'remind'")]
    [InlineData("reminders list --day 5", "reminders: unknown option '--day'; known: --days")]
    [InlineData("reminders list --days abc", "reminders: --days takes a whole number of 1 or more, not 'abc'")]
    [InlineData("ask 公開とは --jsn", "ask: unknown option '--jsn'")]
    [InlineData("unanswered --limit many", "unanswered: --limit takes a whole number")]
    [InlineData("projects remove", "projects: unknown sub-command 'remove'")]
    public async Task UnknownVerbOrFlag_OrBadValue_IsRefusedWithUsage_AndExitCode2(string command, string message)
    {
        await using var run = BotProcess.Start(new Dictionary<string, string?>(), command.Split(' '), _directory.FullName);

        Assert.Equal(2, await run.WaitForExitAsync(Patience));
        Assert.Contains(message, run.Output);
        Assert.Contains("usage: ", run.Output);
        Assert.DoesNotContain("ANONYMOUS", run.Output);
    }

    [Fact]
    public async Task ExportToAFolderThatDoesNotExist_SaysSo_NotThatTheDatabaseFailed()
    {
        var target = Path.Combine(_directory.FullName, "no-such-folder", "out.csv");

        await using var run = BotProcess.Start(new Dictionary<string, string?>(), ["export", "--format", "csv", "--out", target], _directory.FullName);

        Assert.Equal(2, await run.WaitForExitAsync(Patience));
        Assert.Contains("export: Could not find a part of the path", run.Output);
        Assert.DoesNotContain("cannot use the", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public async Task DefaultDatabase_IsUnderTheContentRoot_WhereverTheCommandRuns()
    {
        // A content root of its own (the checkout's data folders, linked) so that the default file lands in this test's folder.
        var root = _directory.CreateSubdirectory("root").FullName;
        foreach (var folder in new[] { "cards", "dialogs", "knowledge", "calendar", "appPackage" })
        {
            Directory.CreateSymbolicLink(Path.Combine(root, folder), Path.Combine(RepoPaths.Root, folder));
        }

        var elsewhere = _directory.CreateSubdirectory("elsewhere").FullName;
        await using var run = BotProcess.Start(new Dictionary<string, string?> { ["Kyodo__ContentRoot"] = root, ["ConnectionStrings__KyodoBot"] = null },
            ["projects", "list"], elsewhere);

        Assert.Equal(0, await run.WaitForExitAsync(Patience));
        var file = Path.Combine(root, "data", "kyodobot.db");
        Assert.True(File.Exists(file), run.Output);
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "data")));
        Assert.Contains($"projects: using the SQLite database {file}", run.Output);
    }

    private (Dictionary<string, string?> Settings, string Names) Broken(BrokenStorage broken)
    {
        switch (broken)
        {
            case BrokenStorage.CorruptFile:
                var file = Path.Combine(_directory.FullName, "corrupt.db");
                File.WriteAllBytes(file, [.. System.Text.Encoding.ASCII.GetBytes("this is not a database "), .. new byte[8192]]);
                return (new() { ["ConnectionStrings__KyodoBot"] = $"Data Source={file}" }, file);
            case BrokenStorage.Directory:
                var directory = _directory.CreateSubdirectory("folder.db").FullName;
                return (new() { ["ConnectionStrings__KyodoBot"] = $"Data Source={directory}" }, directory);
            default:
                var closed = ClosedPort();
                return (new()
                {
                    ["Storage__Provider"] = "Postgres",
                    ["ConnectionStrings__KyodoBot"] = $"Host=127.0.0.1;Port={closed};Username=kyodo;Password=s3cret;Database=kyodobot;Timeout=5",
                }, $"127.0.0.1:{closed}");
        }
    }

    /// <summary>A local port nobody listens on: bound and released at once.</summary>
    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
