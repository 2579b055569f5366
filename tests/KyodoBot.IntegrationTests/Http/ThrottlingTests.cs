using System.Net;
using KyodoBot.Bot.Throttling;
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
/// Proactive posts through the real host and the SDK against a fake connector that throttles, fails on cue, and
/// enforces Teams' limits with exact sliding windows. Backoff steps are shortened so the suite stays fast; the
/// limits and the safety margin are the production ones unless a test says otherwise.
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
    public async Task TooManyRequests_WithRetryAfter_IsWaitedOut_AndTheCardIsPostedOnce()
    {
        Start();
        await RegisterAsync(Department, Activities.ChannelId);
        _connector.Fail(IsCreate, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1));

        await Messenger.PostToDepartmentAsync(Department, Card, CancellationToken.None);

        var calls = CreateCalls();
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].ReceivedAt - calls[0].ReceivedAt >= TimeSpan.FromSeconds(1), "the retry came before Retry-After");
        Assert.Equal(1, _connector.AcceptedPostsByConversation()[Activities.ChannelId]);
    }

    [Fact]
    public async Task TooManyRequests_WithoutRetryAfter_BacksOff_AndTheCardIsPostedOnce()
    {
        Start();
        await RegisterAsync(Department, Activities.ChannelId);
        _connector.Fail(IsCreate, HttpStatusCode.TooManyRequests, times: 2);

        await Messenger.PostToDepartmentAsync(Department, Card, CancellationToken.None);

        Assert.Equal([429, 429, 200], CreateCalls().Select(c => c.Status));
        Assert.Equal(1, _connector.AcceptedPostsByConversation()[Activities.ChannelId]);
    }

    [Fact]
    public async Task ServiceUnavailable_IsRetried_AndTheCardIsPostedOnce()
    {
        Start();
        await RegisterAsync(Department, Activities.ChannelId);
        _connector.Fail(IsCreate, HttpStatusCode.ServiceUnavailable, times: 2);

        await Messenger.PostToDepartmentAsync(Department, Card, CancellationToken.None);

        Assert.Equal([503, 503, 200], CreateCalls().Select(c => c.Status));
        Assert.Equal(1, _connector.AcceptedPostsByConversation()[Activities.ChannelId]);
    }

    [Fact]
    public async Task CardUpdate_IsRetriedToo()
    {
        Start();
        await RegisterAsync(Department, Activities.ChannelId);
        var posted = await Messenger.PostToDepartmentAsync(Department, Card, CancellationToken.None);
        _connector.Fail(c => c.Method == "PUT", HttpStatusCode.BadGateway);

        await Messenger.UpdateAsync(posted, Card, CancellationToken.None);

        Assert.Equal([502, 200], _connector.Calls.Where(c => c.Method == "PUT").Select(c => c.Status));
    }

    [Fact]
    public async Task Forbidden_ReachesTheCaller_AsChannelForbidden_AfterOneCall()
    {
        Start();
        await RegisterAsync(Department, Activities.ChannelId);
        _connector.Fail(IsCreate, HttpStatusCode.Forbidden, errorCode: "MessageWritesBlocked");

        var forbidden = await Assert.ThrowsAsync<KyodoBot.Core.Proactive.ChannelForbiddenException>(() => Messenger.PostToDepartmentAsync(Department, Card, CancellationToken.None));

        var error = Assert.IsType<ErrorResponseException>(forbidden.InnerException);
        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.Equal("MessageWritesBlocked", error.Body?.Error?.Code);
        Assert.Single(CreateCalls());
    }

    [Fact]
    public async Task StillFailingAfterMaxAttempts_ReachesTheCaller_WithTheLastStatus()
    {
        Start(("Teams:RateLimits:MaxAttempts", "3"));
        await RegisterAsync(Department, Activities.ChannelId);
        _connector.Fail(IsCreate, HttpStatusCode.ServiceUnavailable, times: 10);

        var error = await Assert.ThrowsAsync<ErrorResponseException>(() => Messenger.PostToDepartmentAsync(Department, Card, CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Response.StatusCode);
        Assert.Equal(3, CreateCalls().Count);
        Assert.Empty(_connector.AcceptedPostsByConversation());
    }

    [Fact]
    public async Task BurstOf150CardsInto30Channels_KeepsEveryTeamsWindow_AndDeliversAll()
    {
        Start();
        var departments = await RegisterManyAsync(30);
        _connector.EnforceTeamsLimits();

        await PostConcurrentlyAsync(departments, cardsEach: 5);

        Assert.True(_connector.Violations == 0, string.Join("; ", _connector.ViolationDetails));
        Assert.Equal(0, _connector.WindowViolations());
        var accepted = _connector.AcceptedPostsByConversation();
        Assert.All(departments, d => Assert.Equal(5, accepted.GetValueOrDefault(d.ChannelId)));
        Assert.Equal(150, _connector.Calls.Count);
        Assert.Equal(150, _app.Services.GetRequiredService<TeamsRateLimiter>().Statistics.PermitsGranted);
    }

    [Fact]
    public async Task TightLimits_TheLimiterHoldsPostsBack_AndTheServerSeesNoViolation()
    {
        // Teams' numbers are more than this test host can send on a busy machine, so the limits are scaled down on
        // both sides to make sure the limiter, not a slow host, keeps the windows: 2 per second and 3 per 2 s per
        // thread, 5 per second for the tenant.
        Start(TightLimits);
        var departments = await RegisterManyAsync(3);
        _connector.EnforceTeamsLimits(TightThreadLimits, new ConnectorLimit(5, TimeSpan.FromSeconds(1)));

        await PostConcurrentlyAsync(departments, cardsEach: 3);

        Assert.True(_connector.Violations == 0, string.Join("; ", _connector.ViolationDetails));
        Assert.Equal(0, _connector.WindowViolations());
        Assert.All(departments, d => Assert.Equal(3, _connector.AcceptedPostsByConversation().GetValueOrDefault(d.ChannelId)));
        Assert.True(_app.Services.GetRequiredService<TeamsRateLimiter>().Statistics.PermitsDelayed > 0, "the limiter never had to wait");
    }

    [Fact]
    public async Task UserMessage_DuringAReminderFanOut_IsAnsweredBeforeTheQueuedCards()
    {
        // Limits scaled down as above (5 per second for the tenant): 30 cards queue for six seconds. A user who writes
        // to the bot meanwhile gets the reply in the next free place of the tenant's window, not after the cards.
        Start(TightLimits);
        var departments = await RegisterManyAsync(10);
        _connector.EnforceTeamsLimits(TightThreadLimits, new ConnectorLimit(5, TimeSpan.FromSeconds(1)));
        var fanOut = PostConcurrentlyAsync(departments, cardsEach: 3);
        await _connector.WaitForAsync(IsCreate, count: 5);

        using var response = await _client.SendAsync(Activities.Post(Activities.PersonalMessage(_connector.ServiceUrl, "ヘルプ")));
        await fanOut;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_connector.Calls, c => c.ConversationId == "a:personal-29:user-yamada" && c.Accepted);
        var cardsBefore = CreateCalls().Count(c => c.ReceivedAt < reply.ReceivedAt);
        Assert.True(cardsBefore <= 10, $"{cardsBefore} of 30 cards went before the reply");
        Assert.Equal(30, CreateCalls().Count(c => c.Accepted));
        Assert.Equal(0, _connector.WindowViolations());
    }

    [Fact]
    public async Task LimiterLooserThanTheServer_TheFakeCatchesIt()
    {
        // The control for the two tests above: the same burst from a bot whose limiter allows far more than the
        // server does, with no retries, is caught — so their zero violations mean something.
        Start(("Teams:RateLimits:PerThreadPerSecond", "100"), ("Teams:RateLimits:PerThreadPer2Seconds", "100"),
            ("Teams:RateLimits:PerTenantPerSecond", "100"), ("Teams:RateLimits:MaxAttempts", "1"));
        var departments = await RegisterManyAsync(3);
        _connector.EnforceTeamsLimits(TightThreadLimits, new ConnectorLimit(5, TimeSpan.FromSeconds(1)));

        var posts = departments.SelectMany(d => Enumerable.Range(0, 3).Select(_ =>
            Messenger.PostToDepartmentAsync(d.Name, Card, CancellationToken.None))).ToList();
        var failure = await Record.ExceptionAsync(() => Task.WhenAll(posts));

        Assert.True(_connector.Violations > 0, "the fake saw no violation from a bot that sends too fast");
        Assert.Equal(HttpStatusCode.TooManyRequests, Assert.IsType<ErrorResponseException>(failure).Response.StatusCode);
        Assert.Equal(9 - _connector.Violations, posts.Count(p => p.IsCompletedSuccessfully));
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

    private static readonly (string, string)[] TightLimits =
    [
        ("Teams:RateLimits:PerThreadPerSecond", "2"),
        ("Teams:RateLimits:PerThreadPer2Seconds", "3"),
        ("Teams:RateLimits:PerTenantPerSecond", "5"),
    ];

    private static readonly ConnectorLimit[] TightThreadLimits =
    [
        new(2, TimeSpan.FromSeconds(1)),
        new(3, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
    ];

    private Task PostConcurrentlyAsync(List<(string Name, string ChannelId)> departments, int cardsEach) =>
        Task.WhenAll(departments.SelectMany(d => Enumerable.Range(0, cardsEach).Select(_ =>
            Messenger.PostToDepartmentAsync(d.Name, Card, CancellationToken.None))));

    private static bool IsCreate(ConnectorCall call) => call.Method == "POST" && call.Path == "/v3/conversations";

    private List<ConnectorCall> CreateCalls() => [.. _connector.Calls.Where(IsCreate).OrderBy(c => c.ReceivedAt)];

    private void Start(params (string Key, string Value)[] overrides)
    {
        var settings = BotApp.Anonymous(_database);
        // Short backoff steps keep the suite fast; Retry-After (1 s from the fake) is still honoured in full.
        settings["Teams:RateLimits:BaseDelayMs"] = "20";
        settings["Teams:RateLimits:MaxDelaySeconds"] = "2";
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

    private async Task<List<(string Name, string ChannelId)>> RegisterManyAsync(int count)
    {
        var departments = Enumerable.Range(1, count).Select(i => ($"部署{i:00}課", $"19:dept-{i:00}@thread.tacv2")).ToList();
        foreach (var (name, channelId) in departments)
        {
            await RegisterAsync(name, channelId);
        }

        Assert.Empty(_connector.Calls);
        return departments;
    }

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _database = TestDatabase.CreateSqlite();
    }

    public Task DisposeAsync() => Teardown.DisposeAllAsync(_client, _app, _database, _connector);

    private sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
