using KyodoBot.Bot;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Moq;

namespace KyodoBot.Tests.Hosting;

public sealed class ConfigurationTests
{
    [Fact]
    public void Production_WithoutAppId_RefusesToStart_NamingTheKey()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => BotIdentity.FromConfiguration(Config(), Environment("Production")));

        Assert.Contains("'MicrosoftAppId'", error.Message);
    }

    [Fact]
    public void Production_WithAppIdButNoPassword_RefusesToStart_NamingTheKey()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() =>
            BotIdentity.FromConfiguration(Config(("MicrosoftAppId", "5a1f0c1e-7b0e-4d3c-9a55-0d5c2f7e9b11")), Environment("Production")));

        Assert.Contains("'MicrosoftAppPassword'", error.Message);
    }

    [Fact]
    public void SingleTenant_WithoutTenantId_RefusesToStart_NamingTheKey()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => BotIdentity.FromConfiguration(
            Config(("MicrosoftAppId", "x"), ("MicrosoftAppPassword", "p"), ("MicrosoftAppType", "SingleTenant")), Environment("Production")));

        Assert.Contains("'MicrosoftAppTenantId'", error.Message);
    }

    [Fact]
    public void UnknownAppType_RefusesToStart_NamingTheKey()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() =>
            BotIdentity.FromConfiguration(Config(("MicrosoftAppType", "Anything")), Environment("Development")));

        Assert.Contains("'MicrosoftAppType'", error.Message);
    }

    [Fact]
    public void Development_WithoutAppId_RunsAnonymously()
    {
        var identity = BotIdentity.FromConfiguration(Config(), Environment("Development"));

        Assert.True(identity.IsAnonymous);
    }

    [Fact]
    public void Production_WithCredentials_Starts()
    {
        var identity = BotIdentity.FromConfiguration(
            Config(("MicrosoftAppId", "5a1f0c1e-7b0e-4d3c-9a55-0d5c2f7e9b11"), ("MicrosoftAppPassword", "p")), Environment("Production"));

        Assert.False(identity.IsAnonymous);
    }

    [Fact]
    public void StorageProvider_Unknown_RefusesToStart_NamingTheKey()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => StorageServiceCollectionExtensions.ReadOptions(Config(("Storage:Provider", "Oracle"))));

        Assert.Contains("'Storage:Provider'", error.Message);
    }

    [Fact]
    public void Postgres_WithoutConnectionString_RefusesToStart_NamingTheKey()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => StorageServiceCollectionExtensions.ReadOptions(Config(("Storage:Provider", "postgres"))));

        Assert.Contains("'ConnectionStrings:KyodoBot'", error.Message);
    }

    [Fact]
    public void Storage_Defaults_ToSqliteFileUnderData()
    {
        var options = StorageServiceCollectionExtensions.ReadOptions(Config());

        Assert.Equal(StorageProvider.Sqlite, options.Provider);
        // Under the checkout (the content root), wherever the command was run from.
        var checkout = KyodoBot.Core.Hosting.ContentPaths.FindCheckout(AppContext.BaseDirectory)!;
        Assert.Equal(Path.Combine(checkout, "data", "kyodobot.db"), new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource);
    }

    [Fact]
    public void Storage_MalformedConnectionString_RefusesToStart_NamingTheKey()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() =>
            StorageServiceCollectionExtensions.ReadOptions(Config(("ConnectionStrings:KyodoBot", "NotAKey=1;=="))));

        Assert.Contains("'ConnectionStrings:KyodoBot'", error.Message);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static IHostEnvironment Environment(string name)
    {
        var environment = new Mock<IHostEnvironment>();
        environment.SetupGet(e => e.EnvironmentName).Returns(name);
        return environment.Object;
    }
}
