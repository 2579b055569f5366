using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KyodoBot.Core.Evaluations;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>
/// 評価日程 / 評価履歴 through the real /api/messages for a project made before the schedule bounds existed (a quarterly
/// project ending 2999-12-31: 3,891 dates): the cards are cut, and each stays under Teams' 80 KB.
/// </summary>
public abstract class ScheduleCardSizeTests(string provider, Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase? _database;
    private BotApp? _app;
    private HttpClient? _client;

    [SkippableTheory]
    [InlineData("評価日程")]
    [InlineData("評価履歴")]
    public async Task ScheduleAndHistory_OfAProjectWith3891Dates_AreCardsUnder80KB(string command)
    {
        _database = await TestDatabase.CreateAsync(provider);
        _app = new BotApp(BotApp.Anonymous(_database));
        _client = _app.CreateClient();
        var store = _app.Services.GetRequiredService<EvaluationStore>();
        var dues = Enumerable.Range(1, 3890).Select(k => new ScheduledDue(new DateOnly(2026, 12, 1).AddMonths(3 * k), IsFinal: false))
            .Append(new ScheduledDue(new DateOnly(2999, 12, 31), IsFinal: true)).ToList();
        await store.CreateProjectAsync(new Project
        {
            Reference = "KP-2026-0001", Title = new string('題', 200), Organization = new string('団', 200), Department = "市民活動推進課",
            StartDate = new DateOnly(2026, 12, 1), EndDate = new DateOnly(2999, 12, 31), PublicFunds = true, Schedule = ScheduleKind.Quarterly,
        }, dues, _ => [], default);

        var response = await _client.SendAsync(Activities.Post(Activities.PersonalMessage("http://localhost:1/", command + " KP-2026-0001", expectReplies: true)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var card = body["activities"]![0]!["attachments"]![0]!["content"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        Assert.Contains("2999年12月31日", card);
        Assert.Contains("ほか3,851件", card);
        var bytes = Encoding.UTF8.GetByteCount(card);
        output.WriteLine($"{command}: card {bytes} bytes");
        Assert.True(bytes < 80 * 1024, $"the card is {bytes} bytes");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Teardown.DisposeAllAsync(_client, _app, _database);
}

public sealed class SqliteScheduleCardSizeTests(Xunit.Abstractions.ITestOutputHelper output) : ScheduleCardSizeTests("Sqlite", output);

public sealed class PostgresScheduleCardSizeTests(Xunit.Abstractions.ITestOutputHelper output) : ScheduleCardSizeTests("Postgres", output);
