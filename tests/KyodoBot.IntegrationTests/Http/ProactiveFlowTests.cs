using System.Net;
using System.Text.Json.Nodes;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Storage;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>
/// Register a department from its channel through /api/messages, then post and update a card there through the
/// proactive port: the fake connector must see a new thread in that channel and the update of that very message.
/// Runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class ProactiveFlowTests(string provider) : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;
    private TestDatabase? _database;
    private BotApp _app = null!;
    private HttpClient _client = null!;

    [SkippableFact]
    public async Task RegisteredDepartment_ReceivesCardAsNewThread_AndUpdateReplacesIt()
    {
        await StartAsync();
        var register = await _client.SendAsync(Activities.Post(
            Activities.ChannelMessage(_connector.ServiceUrl, "登録 市民活動推進課", expectReplies: true)));
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        Assert.Contains("登録しました", await register.Content.ReadAsStringAsync());

        var messenger = _app.Services.GetRequiredService<IChannelMessenger>();
        var card = OutgoingMessage.FromCard("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"レビュー依頼"}]}""");
        var posted = await messenger.PostToDepartmentAsync("市民活動推進課", card, CancellationToken.None);

        var created = Assert.Single(await _connector.WaitForAsync(c => c.Path == "/v3/conversations"));
        Assert.Equal(Activities.ChannelId, created.Body["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.Contains("レビュー依頼", created.Body["activity"]!.ToJsonString(Unescaped));
        Assert.StartsWith(Activities.ChannelId, posted.ConversationId);

        var updatedCard = OutgoingMessage.FromCard("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"受理されました"}]}""");
        await messenger.UpdateAsync(posted, updatedCard, CancellationToken.None);

        var update = Assert.Single(await _connector.WaitForAsync(c => c.Method == "PUT"));
        Assert.Equal(posted.ConversationId, update.ConversationId);
        Assert.Equal(posted.ActivityId, update.ActivityId);
        Assert.Contains("受理されました", update.Body.ToJsonString(Unescaped));
    }

    [SkippableFact]
    public async Task PostToDepartment_WhenTeamsAnswers403_ThrowsChannelForbidden()
    {
        await StartAsync();
        await RegisterAsync();
        _connector.Fail(_ => true, HttpStatusCode.Forbidden, times: 100);

        var error = await Assert.ThrowsAsync<ChannelForbiddenException>(() => _app.Services.GetRequiredService<IChannelMessenger>()
            .PostToDepartmentAsync("市民活動推進課", OutgoingMessage.FromText("評価のお知らせ"), CancellationToken.None));

        Assert.Equal("市民活動推進課", error.Department);
    }

    [SkippableFact]
    public async Task Update_WhenTheConnectorFails_Throws_SoTheCallerKnowsTheCardIsStale()
    {
        await StartAsync();
        await RegisterAsync();
        var messenger = _app.Services.GetRequiredService<IChannelMessenger>();
        var posted = await messenger.PostToDepartmentAsync("市民活動推進課", OutgoingMessage.FromText("評価のお知らせ"), CancellationToken.None);
        // Not a transient status: no retries, the failure reaches the caller at once.
        _connector.Fail(_ => true, HttpStatusCode.BadRequest, times: 100);

        await Assert.ThrowsAsync<Microsoft.Bot.Schema.ErrorResponseException>(() =>
            messenger.UpdateAsync(posted, OutgoingMessage.FromText("記録しました"), CancellationToken.None));
        await Assert.ThrowsAsync<Microsoft.Bot.Schema.ErrorResponseException>(() =>
            messenger.PostToDepartmentAsync("市民活動推進課", OutgoingMessage.FromText("評価のお知らせ"), CancellationToken.None));
    }

    [SkippableFact]
    public async Task UnregisteredDepartment_IsReportedNotLost()
    {
        await StartAsync();
        var messenger = _app.Services.GetRequiredService<IChannelMessenger>();

        var error = await Assert.ThrowsAsync<DepartmentNotRegisteredException>(() =>
            messenger.PostToDepartmentAsync("存在しない課", OutgoingMessage.FromText("x"), CancellationToken.None));

        Assert.Equal("存在しない課", error.Department);
        Assert.Empty(_connector.Calls);
    }

    [SkippableFact]
    public async Task PersonalChat_IsStored_AndUserCanBeMessagedLater()
    {
        await StartAsync();
        var hello = await _client.SendAsync(Activities.Post(
            Activities.PersonalMessage(_connector.ServiceUrl, "ヘルプ", userId: "29:user-tanaka", expectReplies: true)));
        Assert.Equal(HttpStatusCode.OK, hello.StatusCode);

        var stored = await _app.Services.GetRequiredService<IConversationStore>().FindPersonalChatAsync("29:user-tanaka", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(_connector.ServiceUrl, stored.ServiceUrl);
        Assert.Equal(Activities.TenantId, stored.TenantId);

        await _app.Services.GetRequiredService<IChannelMessenger>()
            .SendToUserAsync("29:user-tanaka", OutgoingMessage.FromText("提案が受理されました"), CancellationToken.None);

        var sent = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == "a:personal-29:user-tanaka" && IsMessage(c)));
        Assert.Contains("提案が受理されました", sent.Body.ToJsonString(Unescaped));
    }

    [SkippableFact]
    public async Task ChannelHelp_ReplyGoesToTheThreadAtTheConnector()
    {
        await StartAsync();

        var response = await _client.SendAsync(Activities.Post(Activities.ChannelMessage(_connector.ServiceUrl, "ヘルプ")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST" && c.ActivityId is not null && IsMessage(c)));
        Assert.Equal($"{Activities.ChannelId};messageid=1700000000001", reply.ConversationId);
        Assert.Contains("協働ボット", reply.Body.ToJsonString(Unescaped));
    }

    private async Task RegisterAsync()
    {
        var register = await _client.SendAsync(Activities.Post(
            Activities.ChannelMessage(_connector.ServiceUrl, "登録 市民活動推進課", expectReplies: true)));
        Assert.Contains("登録しました", await register.Content.ReadAsStringAsync());
    }

    // A slow first turn also sends "typing" (ShowTypingMiddleware); these tests look at messages.
    private static bool IsMessage(ConnectorCall call) => call.Body["type"]?.GetValue<string>() == "message";

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private async Task StartAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _app = new BotApp(BotApp.Anonymous(_database));
        _client = _app.CreateClient();
    }

    public async Task InitializeAsync() => _connector = await FakeBotConnector.StartAsync();

    public Task DisposeAsync() => Teardown.DisposeAllAsync(_client, _app, _database, _connector);
}

public sealed class SqliteProactiveFlowTests() : ProactiveFlowTests("Sqlite");

public sealed class PostgresProactiveFlowTests() : ProactiveFlowTests("Postgres");
