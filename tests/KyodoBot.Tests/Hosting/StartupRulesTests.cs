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

    private static readonly CliSyntax[] Reminders = [new("list", 0, CliOption.Count("--days")), new("send-due", 0, CliOption.Text("--as-of"))];
    private static readonly CliSyntax[] Ask = [new(null, 1, CliOption.Switch("--json"), CliOption.OneOf("--lang", "ja", "en"))];

    [Theory]
    [InlineData("list --day 5", "unknown option '--day'; known: --days")]
    [InlineData("list --days abc", "--days takes a whole number of 1 or more, not 'abc'")]
    [InlineData("list --days 0", "--days takes a whole number of 1 or more, not '0'")]
    [InlineData("list --days", "--days needs a value")]
    [InlineData("lst", "unknown sub-command 'lst'; use list or send-due")]
    [InlineData("list extra", "unexpected argument 'extra'")]
    public void Cli_BadReminderArguments_AreRefused_SayingWhat(string args, string message)
    {
        Assert.Equal(message, CliSyntax.Check(Reminders, args.Split(' ')));
    }

    [Theory]
    [InlineData("list --days 14")]
    [InlineData("send-due --as-of 2027-04-01T09:00+09:00")]
    public void Cli_GoodReminderArguments_Pass(string args)
    {
        Assert.Null(CliSyntax.Check(Reminders, args.Split(' ')));
    }

    [Fact]
    public void Cli_Ask_TypoInAFlag_OrAnUnknownLanguage_IsRefused()
    {
        Assert.Null(CliSyntax.Check(Ask, ["公開の原則とは", "--json", "--lang", "en"]));
        Assert.Equal("unknown option '--jsn'; known: --json, --lang", CliSyntax.Check(Ask, ["公開の原則とは", "--jsn"]));
        Assert.Equal("--lang is ja or en, not 'fr'", CliSyntax.Check(Ask, ["q", "--lang", "fr"]));
        Assert.Equal("unexpected argument '原則' (quote a text with spaces)", CliSyntax.Check(Ask, ["公開の", "原則"]));
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
