using KyodoBot.Cli;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Storage;

namespace KyodoBot.Tests.Hosting;

/// <summary>The rules decided before anything starts: the environment, the command line, where the SQLite file lives.</summary>
public sealed class StartupRulesTests
{
    [Theory]
    [InlineData("Production", null, false, "Production")]
    [InlineData("Production ", null, true, "Production")]
    [InlineData(" production\t", null, true, "Production")]
    [InlineData(null, "Development", false, "Development")]
    [InlineData("Staging", "staging", true, "Staging")]
    [InlineData(null, null, true, "Development")]
    [InlineData(null, null, false, "Production")]
    public void Environment_IsTrimmedAndCanonical_AndDefaultsByWhereTheBinaryIs(string? aspnetcore, string? dotnet, bool inCheckout, string expected)
    {
        Assert.Equal(expected, HostEnvironmentName.Resolve(Variables(aspnetcore, dotnet), [], inCheckout));
    }

    [Theory]
    [InlineData("Production", "Development", "'ASPNETCORE_ENVIRONMENT' is 'Production', 'DOTNET_ENVIRONMENT' is 'Development'")]
    [InlineData("Prod", null, "'ASPNETCORE_ENVIRONMENT' has the value 'Prod'")]
    [InlineData("", null, "'ASPNETCORE_ENVIRONMENT' has the value ''")]
    [InlineData(null, "Productio n", "'DOTNET_ENVIRONMENT' has the value 'Productio n'")]
    public void Environment_UnknownOrConflicting_RefusesToStart_NamingTheKeys(string? aspnetcore, string? dotnet, string message)
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => HostEnvironmentName.Resolve(Variables(aspnetcore, dotnet), [], inSourceCheckout: true));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Environment_ArgumentMustAgreeWithTheVariables()
    {
        Assert.Equal("Staging", HostEnvironmentName.Resolve(Variables(null, null), ["--environment=Staging"], inSourceCheckout: true));
        var error = Assert.Throws<KyodoConfigurationException>(() =>
            HostEnvironmentName.Resolve(Variables("Production", null), ["--environment", "Development"], inSourceCheckout: true));
        Assert.Contains("'--environment' is 'Development'", error.Message);
    }

    [Theory]
    [InlineData("Data Source=data/kyodobot.db", "/srv/kyodo/data/kyodobot.db")]
    [InlineData("Data Source=../shared/bot.db;Cache=Shared", "/srv/shared/bot.db")]
    [InlineData("Data Source=/var/lib/kyodo/bot.db", "/var/lib/kyodo/bot.db")]
    [InlineData("Data Source=:memory:", ":memory:")]
    public void SqliteFile_Relative_IsTakenFromTheContentRoot_NotTheWorkingDirectory(string connectionString, string file)
    {
        var anchored = StorageServiceCollectionExtensions.AnchorSqliteFile(connectionString, "/srv/kyodo");

        Assert.Equal(file, new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(anchored).DataSource);
    }

    [Fact]
    public void Postgres_Description_NamesTheServer_NeverThePassword()
    {
        var options = new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=db.example;Port=5433;Database=kyodo;Username=bot;Password=s3cret" };

        Assert.Equal("the PostgreSQL database 'kyodo' on db.example:5433 as 'bot'", options.Describe());
    }

    [Theory]
    [InlineData("reminders list --day 5", "unknown option '--day'; known: --days")]
    [InlineData("reminders list --days abc", "--days takes a whole number of 1 or more, not 'abc'")]
    [InlineData("reminders list --days 0", "--days takes a whole number of 1 or more, not '0'")]
    [InlineData("reminders list --days", "--days needs a value")]
    [InlineData("reminders lst", "unknown sub-command 'lst'; use list or send-due")]
    [InlineData("reminders", "say list or send-due")]
    [InlineData("reminders list extra", "unexpected argument 'extra'")]
    [InlineData("reminders send-due --as-of tomorrow", "--as-of takes an instant with its offset, e.g. 2027-04-01T09:00+09:00")]
    [InlineData("remind list", "unknown command 'remind'")]
    [InlineData("export --format xml", "--format is csv or json, not 'xml'")]
    [InlineData("eval set.jsonl --min-accuracy 2", "--min-accuracy takes a number between 0 and 1, e.g. 0.9")]
    [InlineData("unanswered --since yesterday", "--since takes a date as YYYY-MM-DD")]
    [InlineData("projects remove", "unknown sub-command 'remove'; use list or add")]
    [InlineData("package --app-id", "--app-id needs a value")]
    [InlineData("knowledge chek", "unknown sub-command 'chek'; use check or warm")]
    [InlineData("knowledge check --set", "--set needs a value")]
    public void Cli_BadArguments_AreRefused_SayingWhat(string args, string message)
    {
        Assert.Equal(message, CliRunner.Check(args.Split(' ')));
    }

    [Theory]
    [InlineData("reminders list --days 14")]
    [InlineData("reminders send-due --as-of 2027-04-01T09:00+09:00")]
    [InlineData("Reminders list")]
    [InlineData("projects add --title x --no-public-funds")]
    public void Cli_GoodArguments_Pass(string args)
    {
        Assert.Null(CliRunner.Check(args.Split(' ')));
    }

    [Fact]
    public void Cli_Ask_TypoInAFlag_OrAnUnknownLanguage_IsRefused()
    {
        Assert.Null(CliRunner.Check(["ask", "公開の原則とは", "--json", "--lang", "en"]));
        Assert.Null(CliRunner.Check(["ask", "--json", "@公開の原則とは"]));
        Assert.Equal("unknown option '--jsn'; known: --json, --lang", CliRunner.Check(["ask", "公開の原則とは", "--jsn"]));
        Assert.Equal("unknown option '--jsn'; known: --json, --lang", CliRunner.Check(["ask", "--jsn", "公開の原則とは"]));
        Assert.Equal("--lang is ja or en, not 'fr'", CliRunner.Check(["ask", "q", "--lang", "fr"]));
        Assert.Equal("unexpected argument '原則' (quote a text with spaces)", CliRunner.Check(["ask", "公開の", "原則"]));
        Assert.Equal("質問 is missing", CliRunner.Check(["ask"]));
        Assert.Equal("the question is empty", CliRunner.Check(["ask", " "]));
    }

    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://0.0.0.0:3978" }, false)]
    [InlineData(new[] { "--help" }, true)]
    [InlineData(new[] { "remind", "list" }, true)]
    [InlineData(new[] { "ask", "x" }, true)]
    public void Cli_ABareWordOrHelp_IsNeverTheBot(string[] args, bool isCommandLine)
    {
        Assert.Equal(isCommandLine, CliRunner.IsCommandLine(args));
    }

    private static Func<string, string?> Variables(string? aspnetcore, string? dotnet) => name => name switch
    {
        "ASPNETCORE_ENVIRONMENT" => aspnetcore,
        "DOTNET_ENVIRONMENT" => dotnet,
        _ => null,
    };
}
