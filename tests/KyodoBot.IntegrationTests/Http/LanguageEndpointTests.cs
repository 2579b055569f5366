using System.Net;
using System.Text.Json.Nodes;
using KyodoBot.IntegrationTests.Fakes;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>
/// The first impression through the real /api/messages, from a client that says en-US (the Agents Playground, and
/// any Teams set to English — common in Japanese offices): the city's language greets, not the client's locale
/// (issue #12).
/// </summary>
public sealed class LanguageEndpointTests : IAsyncLifetime
{
    private const string Hint = "「ヘルプ」と送ると使い方を表示します";
    private TestDatabase _database = null!;
    private BotApp? _app;

    [Fact]
    public async Task Install_FromAnEnglishClient_GreetsInJapanese_WithTheHowToLine()
    {
        var client = Start();

        var body = await SendAsync(client, Installed("en-US"));

        var reply = Assert.Single(Replies(body));
        Assert.Contains(Hint, reply["text"]!.GetValue<string>());
        Assert.Contains("部署一覧", Card(reply));
        Assert.DoesNotContain("Hello, I am KyodoBot", Card(reply));
    }

    [Fact]
    public async Task Install_WithDefaultLanguageEn_GreetsInEnglish()
    {
        var client = Start(("Kyodo:DefaultLanguage", "en"));

        var body = await SendAsync(client, Installed("ja-JP"));

        Assert.Contains("Hello, I am KyodoBot", Card(Assert.Single(Replies(body))));
    }

    [Theory]
    [InlineData("ja", "What does the principle of equality mean?", "ja-JP", "Hello, I am KyodoBot", "部署一覧")]
    [InlineData("en", "対等の原則とは何ですか", "en-US", "部署一覧", "Hello, I am KyodoBot")]
    public async Task Reinstall_GreetsInTheConversationsStoredLanguage_NotTheDefaultOrTheLocale(
        string defaultLanguage, string sentence, string locale, string greeting, string notGreeting)
    {
        // The user wrote a sentence (the conversation keeps its language), removed the app and added it again.
        var client = Start(("Kyodo:DefaultLanguage", defaultLanguage));
        await SendAsync(client, Activities.PersonalMessage("http://localhost:1/", sentence, locale: locale, expectReplies: true));
        var removed = Installed(locale);
        removed["action"] = "remove";
        await SendAsync(client, removed);

        var body = await SendAsync(client, Installed(locale));

        var card = Card(Assert.Single(Replies(body)));
        Assert.Contains(greeting, card);
        Assert.DoesNotContain(notGreeting, card);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("ヘルプ")]
    public async Task Help_FromAnEnglishClient_IsTheJapaneseCardAlone_WithoutTellingToSendHelp(string text)
    {
        var client = Start();

        var body = await SendAsync(client, Activities.PersonalMessage("http://localhost:1/", text, locale: "en-US", expectReplies: true));

        var reply = Assert.Single(Replies(body));
        Assert.Contains("部署一覧", Card(reply));
        Assert.DoesNotContain(Hint, body);
        Assert.True(reply["text"] is null || reply["text"]!.GetValue<string>().Length == 0, reply.ToJsonString());
    }

    [Theory]
    [InlineData("What does the principle of equality mean?")]
    [InlineData("Hello, I am the new CIR. What does 時限性 mean in the policy?")] // a term kept in Japanese (ADR 0077)
    public async Task EnglishSentence_FromAJapaneseClient_IsAnsweredInEnglish(string sentence)
    {
        var client = Start();

        var body = await SendAsync(client, Activities.PersonalMessage("http://localhost:1/", sentence, locale: "ja-JP", expectReplies: true));

        var reply = Assert.Single(Replies(body));
        Assert.Contains("Source", Card(reply));
        Assert.StartsWith("From the manual (", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static JsonObject Installed(string locale)
    {
        var activity = Activities.PersonalMessage("http://localhost:1/", "", locale: locale, expectReplies: true);
        activity.Remove("text");
        activity["type"] = "installationUpdate";
        activity["action"] = "add";
        return activity;
    }

    private static async Task<string> SendAsync(HttpClient client, JsonObject activity)
    {
        var response = await client.SendAsync(Activities.Post(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static List<JsonObject> Replies(string body) =>
        JsonNode.Parse(body)!["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();

    private static string Card(JsonObject reply) =>
        reply["attachments"]![0]!["content"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private HttpClient Start(params (string Key, string Value)[] extra)
    {
        var settings = BotApp.Anonymous(_database);
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        _app = new BotApp(settings);
        return _app.CreateClient();
    }

    public Task InitializeAsync()
    {
        _database = TestDatabase.CreateSqlite();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Teardown.DisposeAllAsync(_app, _database);
}
