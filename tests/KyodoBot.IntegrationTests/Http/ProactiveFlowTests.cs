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
public abstract class ProactiveFlowTests(string provider) : BotEndpointTest(provider)
{
    [SkippableFact]
    public async Task RegisteredDepartment_ReceivesCardAsNewThread_AndUpdateReplacesIt()
    {
        await StartAsync();
        var register = await Client.SendAsync(Activities.Post(
            Activities.ChannelMessage(Connector.ServiceUrl, "登録 市民活動推進課", expectReplies: true)));
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        Assert.Contains("登録しました", await register.Content.ReadAsStringAsync());

        var messenger = App.Services.GetRequiredService<IChannelMessenger>();
        var card = OutgoingMessage.FromCard("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"レビュー依頼"}]}""");
        var posted = await messenger.PostToDepartmentAsync("市民活動推進課", card, CancellationToken.None);

        var created = Assert.Single(await Connector.WaitForAsync(c => c.Path == "/v3/conversations"));
        Assert.Equal(Activities.ChannelId, created.Body["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.Contains("レビュー依頼", created.Body["activity"]!.ToJsonString(Unescaped));
        Assert.StartsWith(Activities.ChannelId, posted.ConversationId);

        var updatedCard = OutgoingMessage.FromCard("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"受理されました"}]}""");
        await messenger.UpdateAsync(posted, updatedCard, CancellationToken.None);

        var update = Assert.Single(await Connector.WaitForAsync(c => c.Method == "PUT"));
        Assert.Equal(posted.ConversationId, update.ConversationId);
        Assert.Equal(posted.ActivityId, update.ActivityId);
        Assert.Contains("受理されました", update.Body.ToJsonString(Unescaped));
    }

    [SkippableFact]
    public async Task PostToDepartment_WhenTeamsAnswers403_ThrowsChannelForbidden()
    {
        await StartAsync();
        await RegisterAsync();
        Connector.Fail(_ => true, HttpStatusCode.Forbidden, times: 100);

        var error = await Assert.ThrowsAsync<ChannelForbiddenException>(() => App.Services.GetRequiredService<IChannelMessenger>()
            .PostToDepartmentAsync("市民活動推進課", OutgoingMessage.FromText("評価のお知らせ"), CancellationToken.None));

        Assert.Equal("市民活動推進課", error.Department);
    }

    [SkippableFact]
    public async Task Update_WhenTheConnectorFails_Throws_SoTheCallerKnowsTheCardIsStale()
    {
        await StartAsync();
        await RegisterAsync();
        var messenger = App.Services.GetRequiredService<IChannelMessenger>();
        var posted = await messenger.PostToDepartmentAsync("市民活動推進課", OutgoingMessage.FromText("評価のお知らせ"), CancellationToken.None);
        // Not a transient status: no retries, the failure reaches the caller at once.
        Connector.Fail(_ => true, HttpStatusCode.BadRequest, times: 100);

        await Assert.ThrowsAsync<Microsoft.Bot.Schema.ErrorResponseException>(() =>
            messenger.UpdateAsync(posted, OutgoingMessage.FromText("記録しました"), CancellationToken.None));
        await Assert.ThrowsAsync<Microsoft.Bot.Schema.ErrorResponseException>(() =>
            messenger.PostToDepartmentAsync("市民活動推進課", OutgoingMessage.FromText("評価のお知らせ"), CancellationToken.None));
    }

    [SkippableFact]
    public async Task UnregisteredDepartment_IsReportedNotLost()
    {
        await StartAsync();
        var messenger = App.Services.GetRequiredService<IChannelMessenger>();

        var error = await Assert.ThrowsAsync<DepartmentNotRegisteredException>(() =>
            messenger.PostToDepartmentAsync("存在しない課", OutgoingMessage.FromText("x"), CancellationToken.None));

        Assert.Equal("存在しない課", error.Department);
        Assert.Empty(Connector.Calls);
    }

    [SkippableFact]
    public async Task PersonalChat_IsStored_AndUserCanBeMessagedLater()
    {
        await StartAsync();
        var hello = await Client.SendAsync(Activities.Post(
            Activities.PersonalMessage(Connector.ServiceUrl, "ヘルプ", userId: "29:user-tanaka", expectReplies: true)));
        Assert.Equal(HttpStatusCode.OK, hello.StatusCode);

        var stored = await App.Services.GetRequiredService<IConversationStore>().FindPersonalChatAsync("29:user-tanaka", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(Connector.ServiceUrl, stored.ServiceUrl);
        Assert.Equal(Activities.TenantId, stored.TenantId);

        await App.Services.GetRequiredService<IChannelMessenger>()
            .SendToUserAsync("29:user-tanaka", OutgoingMessage.FromText("提案が受理されました"), CancellationToken.None);

        var sent = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == "a:personal-29:user-tanaka" && IsMessage(c)));
        Assert.Contains("提案が受理されました", sent.Body.ToJsonString(Unescaped));
    }

    [SkippableFact]
    public async Task ChannelHelp_ReplyGoesToTheThreadAtTheConnector()
    {
        await StartAsync();

        var response = await Client.SendAsync(Activities.Post(Activities.ChannelMessage(Connector.ServiceUrl, "ヘルプ")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && c.ActivityId is not null && IsMessage(c)));
        Assert.Equal($"{Activities.ChannelId};messageid=1700000000001", reply.ConversationId);
        Assert.Contains("協働ボット", reply.Body.ToJsonString(Unescaped));
    }

    private async Task RegisterAsync()
    {
        var register = await Client.SendAsync(Activities.Post(
            Activities.ChannelMessage(Connector.ServiceUrl, "登録 市民活動推進課", expectReplies: true)));
        Assert.Contains("登録しました", await register.Content.ReadAsStringAsync());
    }

    // A slow first turn also sends "typing" (ShowTypingMiddleware); these tests look at messages.
    private static bool IsMessage(ConnectorCall call) => call.Body["type"]?.GetValue<string>() == "message";

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

public sealed class SqliteProactiveFlowTests() : ProactiveFlowTests("Sqlite");

public sealed class PostgresProactiveFlowTests() : ProactiveFlowTests("Postgres");
