using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using KyodoBot.IntegrationTests.Fakes;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>What a network can send that is not a good activity: each gets a 4xx (or a quiet 200), and the bot lives on.</summary>
public sealed class RequestValidationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private BotApp _app = null!;
    private HttpClient _client = null!;

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{}")]
    [InlineData("{\"type\": 42}")]
    [InlineData("")]
    public async Task MalformedBody_Returns400(string body)
    {
        var response = await _client.SendAsync(Activities.Post(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task BodyOver1MB_Returns413()
    {
        var activity = Activities.PersonalMessage("http://localhost:1/", new string('あ', 400_000));

        var response = await _client.SendAsync(Activities.Post(activity));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task BodyOver1MB_WithoutContentLength_Returns413()
    {
        var body = Activities.PersonalMessage("http://localhost:1/", new string('a', 1_100_000)).ToJsonString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(body))),
        };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ChannelMessageNear1MB_WithThousandsOfMentions_IsAnsweredAsALongQuestion()
    {
        // The bot's mention, a question, then 5,000 people mentioned, each with its entity: ~0.8 MB, under the limit.
        var activity = Activities.ChannelMessage("http://localhost:1/", "公開の原則とは何ですか", expectReplies: true);
        var text = new StringBuilder(activity["text"]!.GetValue<string>());
        var entities = activity["entities"]!.AsArray();
        for (var i = 0; i < 5000; i++)
        {
            var markup = $"<at>User {i}</at>";
            text.Append(' ').Append(markup);
            entities.Add(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = markup,
                ["mentioned"] = new JsonObject { ["id"] = $"29:user-{i}", ["name"] = $"User {i}" },
            });
        }

        activity["text"] = text.ToString();
        var body = activity.ToJsonString();
        Assert.InRange(Encoding.UTF8.GetByteCount(body), 700_000, (int)KyodoBot.Bot.MessagesEndpoint.MaxBodyBytes);

        var response = await _client.SendAsync(Activities.Post(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The names stay in the question (only the bot's mention is removed), so it is long: searched by its start.
        Assert.Contains("最初の1,000文字で検索しました", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("endOfConversation")]
    [InlineData("somethingNew")]
    public async Task UnhandledActivityType_Returns200AndIsIgnored(string type)
    {
        var activity = Activities.PersonalMessage("http://localhost:1/", "");
        activity["type"] = type;

        var response = await _client.SendAsync(Activities.Post(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AfterBadRequests_HelpStillWorks()
    {
        await _client.SendAsync(Activities.Post("{not json"));
        await _client.SendAsync(Activities.Post(Activities.PersonalMessage("http://localhost:1/", new string('x', 1_200_000))));

        var response = await _client.SendAsync(Activities.Post(Activities.PersonalMessage("http://localhost:1/", "ヘルプ", expectReplies: true)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("協働ボット", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthAndReadiness_AreGreen()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/healthz")).StatusCode);
        var ready = await _client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("ready", body["status"]!.GetValue<string>());
        Assert.Equal("ready", body["checks"]!["database"]!.GetValue<string>());
        Assert.Equal("ready", body["checks"]!["knowledge"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readiness_OneCheckFailing_Answers503_NamingIt_WhileHealthStaysGreen()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var app = new BotApp(BotApp.Anonymous(database), services => services.AddHealthChecks()
            .AddCheck("mailbox", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy(), tags: [KyodoBot.Operations.ReadinessEndpoints.ReadyTag]));
        using var client = app.CreateClient();

        var ready = await client.GetAsync("/readyz");
        var health = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("not ready", body["status"]!.GetValue<string>());
        Assert.Equal("not ready", body["checks"]!["mailbox"]!.GetValue<string>());
        Assert.Equal("ready", body["checks"]!["database"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("alive", JsonNode.Parse(await health.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
    }

    public Task InitializeAsync()
    {
        _database = TestDatabase.CreateSqlite();
        _app = new BotApp(BotApp.Anonymous(_database));
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Teardown.DisposeAllAsync(_client, _app, _database);

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
