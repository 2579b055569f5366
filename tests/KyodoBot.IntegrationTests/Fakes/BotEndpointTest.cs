using System.Globalization;
using KyodoBot.Core.Dialogs;
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

    /// <summary>
    /// Answers each field the proposal dialog of the one draft asks with <paramref name="answers"/> (「はい」 for a field
    /// not given; the project starts in 30 days and runs a year unless the answers say otherwise) until the dialog
    /// reaches its summary. <paramref name="answer"/> sends one answer, given the field id and the text.
    /// </summary>
    protected async Task AnswerProposalDialogAsync(IReadOnlyDictionary<string, string> answers, Func<string, string, Task> answer)
    {
        var start = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(30);
        var all = new Dictionary<string, string>
        {
            ["startDate"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["endDate"] = start.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        foreach (var (field, value) in answers)
        {
            all[field] = value;
        }

        for (var i = 0; i < 60; i++)
        {
            await using var db = await Db();
            var draft = await db.ProposalDrafts.AsNoTracking().SingleAsync();
            Assert.True(DialogSession.TryFromJson(draft.SessionJson, out var session));
            if (session.CurrentFieldId is not { } field)
            {
                return;
            }

            await answer(field, all.GetValueOrDefault(field) ?? "はい");
        }

        throw new InvalidOperationException("The dialog did not reach its summary.");
    }

    public async Task InitializeAsync() => Connector = await FakeBotConnector.StartAsync();

    public Task DisposeAsync() => Teardown.DisposeAllAsync(Client, App, Database, Connector);
}
