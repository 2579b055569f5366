using System.Net;
using System.Text.Json.Nodes;
using KyodoBot.Core.Storage;
using KyodoBot.IntegrationTests.Fakes;
using KyodoBot.IntegrationTests.Grounding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>Questions through the real /api/messages: redelivery, and the optional Azure OpenAI path end to end.</summary>
public sealed class AskThroughEndpointTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private FakeAzureOpenAI? _openAi;
    private BotApp? _app;

    [Fact]
    public async Task SameActivityDeliveredTwice_IsAnsweredTwice_ButRecordedOnce()
    {
        var client = Start(BotApp.Anonymous(_database));
        var activity = Activities.PersonalMessage("http://localhost:1/", "給与明細はどこで見られますか", expectReplies: true).ToJsonString();

        var first = await client.SendAsync(Activities.Post(activity));
        var second = await client.SendAsync(Activities.Post(activity));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await using var db = await Db();
        Assert.Equal(1, await db.Questions.CountAsync());
    }

    [Fact]
    public async Task QuestionTypedInHalfWidthKatakana_IsAnsweredWithTheSectionOfTheWordItSounds()
    {
        var client = Start(BotApp.Anonymous(_database));

        var response = await client.SendAsync(Activities.Post(
            Activities.PersonalMessage("http://localhost:1/", "ｼﾞｹﾞﾝｾｲの原則ってなに？", expectReplies: true)));

        var reply = Reply(await response.Content.ReadAsStringAsync());
        Assert.Contains("定期的に双方で評価", reply["text"]!.GetValue<string>());
        var entity = reply["entities"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "https://schema.org/Message")!;
        var appearance = entity["citation"]![0]!["appearance"]!;
        Assert.Contains("時限性の原則", appearance["name"]!.GetValue<string>());
        // Clicking the citation opens the whole section: an Adaptive Card, as a string, with the section's text.
        Assert.Equal("application/vnd.microsoft.card.adaptive", appearance["encodingFormat"]!.GetValue<string>());
        var card = System.Text.Json.Nodes.JsonNode.Parse(appearance["text"]!.GetValue<string>())!;
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Contains("定期的に双方で評価", card["body"]![1]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task CasualQuestion_IsAnsweredFromTheSectionWhosePhrasingsItIsNearest()
    {
        // The phrasings of 相互理解 (考え方が違う相手とは …) are nearest. Until session 16 the example was 「団体の人と考え方が
        // 全然ちがってしんどい、どうすれば？」; with the staff questions as phrasings it is a close refusal (0.44) that
        // offers 相互理解 first (ADR 0069).
        var client = Start(BotApp.Anonymous(_database));

        var response = await client.SendAsync(Activities.Post(
            Activities.PersonalMessage("http://localhost:1/", "考え方が全然ちがう団体さんとどう付き合えばいいの？", expectReplies: true)));

        var reply = Reply(await response.Content.ReadAsStringAsync());
        Assert.Contains("理解", reply["text"]!.GetValue<string>());
        var entity = reply["entities"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "https://schema.org/Message")!;
        Assert.Contains("相互理解の原則", entity["citation"]![0]!["appearance"]!["name"]!.GetValue<string>());
        await using var db = await Db();
        Assert.Equal(0, await db.Questions.CountAsync()); // answered: nothing recorded as a gap
    }

    [Fact]
    public async Task CasualQuestionTheManualDoesNotAnswerOutright_IsRefusedHonestly_WithDidYouMeanSections_ThatOpenWhenPressed()
    {
        var client = Start(BotApp.Anonymous(_database));

        var refused = Reply(await (await client.SendAsync(Activities.Post(
            Activities.PersonalMessage("http://localhost:1/", "団体の広報がへたくそで損してるケースってある？", expectReplies: true)))).Content.ReadAsStringAsync());

        Assert.Equal("協働マニュアルには該当する記載が見つかりませんでした。", refused["text"]!.GetValue<string>());
        var card = Descendants(refused["attachments"]![0]!["content"]).ToList();
        Assert.Contains(card, n => n is JsonObject o && o["text"]?.GetValue<string>() == "もしかして、次の項目をお探しですか？");
        var buttons = card
            .Where(n => n is JsonObject o && o["data"]?["action"]?.GetValue<string>() == "section")
            .Select(n => n!["data"]!["id"]!.GetValue<string>())
            .ToList();
        Assert.InRange(buttons.Count, 1, 3);
        Assert.Contains("initiative-civic-env-2", buttons); // 情報発信力の向上: the section about groups' publicity

        var press = Activities.PersonalMessage("http://localhost:1/", "", expectReplies: true);
        press.Remove("text");
        press["value"] = new JsonObject { ["action"] = "section", ["id"] = "initiative-civic-env-2", ["lang"] = "ja" };
        var shown = Reply(await (await client.SendAsync(Activities.Post(press))).Content.ReadAsStringAsync());

        Assert.Contains("情報発信", shown["text"]!.GetValue<string>());
        await using var db = await Db();
        Assert.False((await db.Questions.AsNoTracking().SingleAsync()).Answered); // the refusal is recorded for the editors
    }

    private static IEnumerable<JsonNode?> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { node }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    [Fact]
    public async Task Feedback_WithForgedCardData_IsStoredUnderTheUserWhoPressed_NeverTheIdInTheData()
    {
        var client = Start(BotApp.Anonymous(_database));
        var forged = Activities.PersonalMessage("http://localhost:1/", "", userId: "29:user-mallory", expectReplies: true);
        forged.Remove("text");
        forged["value"] = new JsonObject
        {
            ["action"] = "feedback",
            ["vote"] = "down",
            ["activityId"] = "activity-of-yamada",
            ["askedBy"] = "29:user-yamada",
            ["userId"] = "29:user-yamada",
            ["question"] = "公開の原則とは何ですか",
            ["sections"] = "",
            ["confidence"] = "0.9",
        };

        var response = await client.SendAsync(Activities.Post(forged));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("feedbackId", await response.Content.ReadAsStringAsync());
        await using var db = await Db();
        var question = await db.Questions.AsNoTracking().SingleAsync();
        Assert.Equal("29:user-mallory", question.UserId);
        var vote = await db.Feedback.AsNoTracking().SingleAsync();
        Assert.Equal("29:user-mallory", vote.UserId);
        Assert.False(await db.Questions.AnyAsync(q => q.UserId == "29:user-yamada"));
    }

    [Fact]
    public async Task WithAzureOpenAI_TheModelsGroundedAnswerIsSent_WithCitationsAndAiLabel()
    {
        _openAi = await FakeAzureOpenAI.StartAsync();
        _openAi.RepliesWith("公金を伴う協働では、公開の原則と時限性の原則が欠かせません[1]。");
        var client = Start(WithAzureOpenAI(BotApp.Anonymous(_database)));

        var response = await client.SendAsync(Activities.Post(
            Activities.PersonalMessage("http://localhost:1/", "公金を使う協働事業で欠かせない原則は？", expectReplies: true)));

        var reply = Reply(await response.Content.ReadAsStringAsync());
        Assert.Equal("公金を伴う協働では、公開の原則と時限性の原則が欠かせません[1]。", reply["text"]!.GetValue<string>());
        var entity = reply["entities"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "https://schema.org/Message")!;
        Assert.Equal("AIGeneratedContent", entity["additionalType"]![0]!.GetValue<string>());
        Assert.Contains("公金", entity["citation"]![0]!["appearance"]!["name"]!.GetValue<string>());
        var call = Assert.Single(_openAi.Calls);
        Assert.Contains("/openai/deployments/kyodo-gpt/chat/completions", call.Path);
        Assert.Contains(call.Messages, m => m.Role == "user" && m.Content.Contains("Question: 公金を使う協働事業で欠かせない原則は") && m.Content.Contains("[1]"));
    }

    [Fact]
    public async Task WithAzureOpenAI_Failing_TheExtractiveAnswerStandsIn()
    {
        _openAi = await FakeAzureOpenAI.StartAsync();
        _openAi.FailsWith(500);
        var client = Start(WithAzureOpenAI(BotApp.Anonymous(_database)));

        var response = await client.SendAsync(Activities.Post(
            Activities.PersonalMessage("http://localhost:1/", "公開の原則とは何ですか", expectReplies: true)));

        var reply = Reply(await response.Content.ReadAsStringAsync());
        Assert.Contains("透明性を確保しましょう", reply["text"]!.GetValue<string>());
        Assert.Single(_openAi.Calls);
    }

    [Fact]
    public async Task WithAzureOpenAI_SmallKnowledgeBase_LowScoringQuestion_IsGroundedOnEverySection()
    {
        _openAi = await FakeAzureOpenAI.StartAsync();
        _openAi.RepliesWith("最初に、何のために協働するのかという目的を共有しましょう[1]。");
        var client = Start(WithAzureOpenAI(BotApp.Anonymous(_database)));
        const string question = "ボランティアさんに仕事まるなげしちゃってもいいのかな？"; // refused by retrieval alone

        var response = await client.SendAsync(Activities.Post(Activities.PersonalMessage("http://localhost:1/", question, expectReplies: true)));

        var reply = Reply(await response.Content.ReadAsStringAsync());
        Assert.Equal("最初に、何のために協働するのかという目的を共有しましょう[1]。", reply["text"]!.GetValue<string>());
        var prompt = Assert.Single(_openAi.Calls).Messages.Single(m => m.Role == "user").Content;
        var sections = _app!.Services.GetRequiredService<KyodoBot.Core.Knowledge.KnowledgeBase>().Current.Sections.Count;
        Assert.Contains($"[{sections}]", prompt);
        Assert.DoesNotContain($"[{sections + 1}]", prompt);
    }

    [Fact]
    public async Task WithAzureOpenAI_ModelSaysNoAnswer_OverTheWholeKnowledgeBase_IsRefused()
    {
        _openAi = await FakeAzureOpenAI.StartAsync();
        _openAi.RepliesWith("NO_ANSWER");
        var client = Start(WithAzureOpenAI(BotApp.Anonymous(_database)));

        var response = await client.SendAsync(Activities.Post(
            Activities.PersonalMessage("http://localhost:1/", "明日の天気を教えてください", expectReplies: true)));

        Assert.Contains("協働マニュアルには該当する記載が見つかりませんでした", Reply(await response.Content.ReadAsStringAsync())["text"]!.GetValue<string>());
        Assert.Single(_openAi.Calls);
    }

    [Fact]
    public async Task WithAzureOpenAI_RequestThatIsNotAQuestion_NeverReachesTheModel()
    {
        _openAi = await FakeAzureOpenAI.StartAsync();
        _openAi.RepliesWith("予約しました[1]。");
        var client = Start(WithAzureOpenAI(BotApp.Anonymous(_database)));

        var response = await client.SendAsync(Activities.Post(
            Activities.PersonalMessage("http://localhost:1/", "明日の会議室を予約して", expectReplies: true)));

        Assert.Contains("協働マニュアルへの質問", Reply(await response.Content.ReadAsStringAsync())["text"]!.GetValue<string>());
        Assert.Empty(_openAi.Calls);
    }

    [Fact]
    public async Task WithAzureOpenAI_GroundAllOff_UnrelatedQuestion_IsRefusedWithoutCallingTheModel()
    {
        _openAi = await FakeAzureOpenAI.StartAsync();
        _openAi.RepliesWith("晴れです[1]。");
        var settings = WithAzureOpenAI(BotApp.Anonymous(_database));
        settings["AzureOpenAI:GroundAllSectionsUpTo"] = "0";
        var client = Start(settings);

        var response = await client.SendAsync(Activities.Post(
            Activities.PersonalMessage("http://localhost:1/", "明日の天気を教えてください", expectReplies: true)));

        Assert.Contains("協働マニュアルには該当する記載が見つかりませんでした", Reply(await response.Content.ReadAsStringAsync())["text"]!.GetValue<string>());
        Assert.Empty(_openAi.Calls);
    }

    // Told in everyday words no section shares: refused extractively, with near sections (the note on public money first).
    private const string Story = "自治会と始めた防犯パトロールも五年目です。なんとなくモヤモヤしています。";

    [Fact]
    public async Task WithAzureOpenAI_GroundAllOff_RefusalWithOnlyNearSections_IsNotGrounded_AndOffersThem()
    {
        _openAi = await FakeAzureOpenAI.StartAsync();
        _openAi.RepliesWith("振り返りをしましょう[1]。");
        var settings = WithAzureOpenAI(BotApp.Anonymous(_database));
        settings["AzureOpenAI:GroundAllSectionsUpTo"] = "0";
        var client = Start(settings);

        var response = await client.SendAsync(Activities.Post(Activities.PersonalMessage("http://localhost:1/", Story, expectReplies: true)));

        var reply = Reply(await response.Content.ReadAsStringAsync());
        Assert.Equal("協働マニュアルには該当する記載が見つかりませんでしたが、次の項目が近いかもしれません。", reply["text"]!.GetValue<string>());
        Assert.Contains("\"id\":\"public-money-note\"", reply["attachments"]!.ToJsonString());
        Assert.Empty(_openAi.Calls);
    }

    [Fact]
    public async Task WithAzureOpenAI_SmallKnowledgeBase_ModelSaysNoAnswerToAStory_TheNearSectionsStay()
    {
        _openAi = await FakeAzureOpenAI.StartAsync();
        _openAi.RepliesWith("NO_ANSWER");
        var client = Start(WithAzureOpenAI(BotApp.Anonymous(_database)));

        var response = await client.SendAsync(Activities.Post(Activities.PersonalMessage("http://localhost:1/", Story, expectReplies: true)));

        var reply = Reply(await response.Content.ReadAsStringAsync());
        Assert.Single(_openAi.Calls); // the whole small knowledge base was sent
        Assert.Equal("協働マニュアルには該当する記載が見つかりませんでしたが、次の項目が近いかもしれません。", reply["text"]!.GetValue<string>());
        Assert.Contains("\"id\":\"public-money-note\"", reply["attachments"]!.ToJsonString());
    }

    private Dictionary<string, string?> WithAzureOpenAI(Dictionary<string, string?> settings)
    {
        settings["AzureOpenAI:Endpoint"] = _openAi!.Endpoint;
        settings["AzureOpenAI:Deployment"] = "kyodo-gpt";
        settings["AzureOpenAI:ApiKey"] = "test-key-not-secret";
        return settings;
    }

    private static JsonObject Reply(string body) =>
        JsonNode.Parse(body)!["activities"]!.AsArray().Select(a => a!.AsObject()).Single(a => a["type"]!.GetValue<string>() == "message");

    private HttpClient Start(Dictionary<string, string?> settings)
    {
        _app = new BotApp(settings);
        return _app.CreateClient();
    }

    private async Task<KyodoDbContext> Db() =>
        await _app!.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();

    public Task InitializeAsync()
    {
        _database = TestDatabase.CreateSqlite();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Teardown.DisposeAllAsync(_app, _openAi, _database);
}
