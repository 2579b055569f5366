using KyodoBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.IntegrationTests.Fakes;

/// <summary>
/// The parts of a test against the real <c>/api/messages</c>, one set per test: the fake Bot Connector (started before
/// the test), and — when the test calls <see cref="StartAsync"/> — a fresh database of <paramref name="provider"/>, the
/// bot over it and a client. All stopped after the test, those that started, in reverse order.
/// </summary>
public abstract class BotEndpointTest(string provider) : IAsyncLifetime
{
    protected FakeBotConnector Connector { get; private set; } = null!;
    protected TestDatabase? Database { get; private set; }
    protected BotApp App { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Starts the bot (anonymous mode) on a new database; <paramref name="configure"/> adds or changes settings.</summary>
    protected async Task StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        Database = await TestDatabase.CreateAsync(provider);
        var settings = BotApp.Anonymous(Database);
        configure?.Invoke(settings);
        App = new BotApp(settings);
        Client = App.CreateClient();
    }

    /// <summary>The bot's own database, to look at what a turn stored.</summary>
    protected async Task<KyodoDbContext> Db() =>
        await App.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();

    public async Task InitializeAsync() => Connector = await FakeBotConnector.StartAsync();

    public Task DisposeAsync() => Teardown.DisposeAllAsync(Client, App, Database, Connector);
}
