using System.Net;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Proactive;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>
/// Proactive posts through the real host and the SDK against a fake connector that fails on cue.
/// </summary>
public sealed class ThrottlingTests : IAsyncLifetime
{
    private const string Department = "市民活動推進課";

    private FakeBotConnector _connector = null!;
    private TestDatabase _database = null!;
    private BotApp _app = null!;
    private HttpClient _client = null!;

    private static readonly OutgoingMessage Card = OutgoingMessage.FromCard(
        """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"協働事業の評価期限が近づいています"}]}""");

    private IChannelMessenger Messenger => _app.Services.GetRequiredService<IChannelMessenger>();

    [Fact]
    public async Task Forbidden_ReachesTheCaller_AsErrorResponseException_AfterOneCall()
    {
        Start();
        await RegisterAsync(Department, Activities.ChannelId);
        _connector.Fail(IsCreate, HttpStatusCode.Forbidden, errorCode: "MessageWritesBlocked");

        var error = await Assert.ThrowsAsync<ErrorResponseException>(() => Messenger.PostToDepartmentAsync(Department, Card, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.Equal("MessageWritesBlocked", error.Body?.Error?.Code);
        Assert.Single(CreateCalls());
    }

    [Fact]
    public async Task SdkConnectorClient_DoesNotRetryOnItsOwn_AndThrowsErrorResponseException()
    {
        // What the SDK does without our handler: a plain HttpClient from the factory, one call per operation, the
        // status on ErrorResponseException.Response. So our retries are the only ones, and nothing multiplies them.
        Start();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" }).Build();
        var authentication = new ConfigurationBotFrameworkAuthentication(configuration, httpClientFactory: new PlainHttpClientFactory());
        var factory = authentication.CreateConnectorFactory(new System.Security.Claims.ClaimsIdentity());
        using var connector = await factory.CreateAsync(_connector.ServiceUrl, null, CancellationToken.None);
        _connector.Fail(_ => true, HttpStatusCode.ServiceUnavailable, times: 5);

        var error = await Assert.ThrowsAsync<ErrorResponseException>(() =>
            connector.Conversations.SendToConversationAsync(new Activity { Type = ActivityTypes.Message, Text = "x", Conversation = new ConversationAccount(id: "c1") }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Response.StatusCode);
        Assert.Single(_connector.Calls);
    }

    private static bool IsCreate(ConnectorCall call) => call.Method == "POST" && call.Path == "/v3/conversations";

    private List<ConnectorCall> CreateCalls() => [.. _connector.Calls.Where(IsCreate).OrderBy(c => c.ReceivedAt)];

    private void Start(params (string Key, string Value)[] overrides)
    {
        var settings = BotApp.Anonymous(_database);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        _app = new BotApp(settings);
        _client = _app.CreateClient();
    }

    private async Task RegisterAsync(string department, string channelId)
    {
        var response = await _client.SendAsync(Activities.Post(
            Activities.ChannelMessage(_connector.ServiceUrl, $"登録 {department}", channelId, expectReplies: true)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("登録しました", await response.Content.ReadAsStringAsync());
    }

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _database = TestDatabase.CreateSqlite();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _database.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
