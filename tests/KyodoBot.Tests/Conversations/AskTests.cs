using KyodoBot.Core.Ask;
using KyodoBot.Core.Storage;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace KyodoBot.Tests.Conversations;

/// <summary>Questions through the Teams handler: sourced answers, refusals, follow-ups and feedback, all stored.</summary>
public sealed class AskTests : IAsyncLifetime
{
    // The default user (aad-user-1) is an admin, so that 未回答一覧 lists; nobody is one unless configured.
    private BotTestHost _host = new(new Dictionary<string, string?> { ["Kyodo:Admins:0"] = "aad-user-1" });

    [Fact]
    public async Task Question_IsAnsweredWithSourceCitationAndFeedbackButtons()
    {
        var adapter = BotTestHost.Personal();

        var reply = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "公開の原則とは何ですか")));

        Assert.Contains("透明性", reply.Text);
        Assert.Contains("[1]", reply.Text);
        Assert.Equal(TextFormatTypes.Plain, reply.TextFormat);
        var card = reply.CardJson();
        Assert.Contains("公開の原則", card);
        Assert.Contains("\"action\":\"feedback\"", card);
        var citation = Assert.Single(reply.Entities!, e => e.Type == "https://schema.org/Message");
        Assert.Contains("公開の原則", citation.Properties["citation"]![0]!["appearance"]!["name"]!.ToString());
        Assert.Equal(0, await Questions().CountAsync());
    }

    [Fact]
    public async Task Answer_OffersRelatedSectionsAsFollowUps_OtherThanTheCitedOne_EachOpeningItsSection()
    {
        var adapter = BotTestHost.Personal();

        var reply = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "公開の原則とは何ですか")));

        var card = JObject.Parse(reply.CardJson());
        var cited = ButtonData(reply, "👍")["sections"]!.ToString().Split(',');
        var followUps = card.SelectTokens("$..data").OfType<JObject>().Where(d => d["action"]?.ToString() == "section")
            .Select(d => (Id: d["id"]!.ToString(), Title: ((JObject)d.Parent!.Parent!)["title"]!.ToString())).ToList();
        Assert.NotEmpty(followUps);
        Assert.DoesNotContain(followUps, f => cited.Contains(f.Id));
        var timeLimited = Assert.Single(followUps, f => f.Title.Contains("定期的に評価", StringComparison.Ordinal)); // 7 時限性の原則

        var opened = Assert.Single(await adapter.SendAsync(_host.Bot, Submit(adapter, new { action = "section", id = timeLimited.Id })));

        // The link shows the whole title, as the section's card does.
        Assert.Contains(timeLimited.Title, opened.CardJson());
        Assert.DoesNotContain("該当する記載が見つかりませんでした", opened.Text);
    }

    [Fact]
    public async Task OutOfScopeQuestion_IsRefusedHonestly_AndRecordedAsUnanswered()
    {
        var adapter = BotTestHost.Personal();

        var reply = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "明日の天気を教えてください")));

        Assert.Contains("協働マニュアルには該当する記載が見つかりませんでした", reply.Text);
        Assert.DoesNotContain("\"action\":\"feedback\"", reply.CardJson());
        Assert.False((await Questions().SingleAsync()).Answered);
    }

    [Fact]
    public async Task Refusal_IsSaidOnce_NotRepeatedOnTheCard()
    {
        var adapter = BotTestHost.Personal();

        var reply = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "明日の天気を教えてください")));

        Assert.Contains("協働マニュアルには該当する記載が見つかりませんでした", reply.Text);
        Assert.DoesNotContain("協働マニュアルには該当する記載が見つかりませんでした", reply.CardJson());
    }

    [Fact]
    public async Task ThumbsDownComment_SentWithExecute_ReplacesTheCommentCardWithItsFinalState()
    {
        var adapter = BotTestHost.Personal();
        var router = _host.Services.GetRequiredService<Core.Conversations.TurnRouter>();
        var answer = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "公開の原則とは何ですか")));
        var vote = Assert.Single(await adapter.SendAsync(_host.Bot, Submit(adapter, ButtonData(answer, "👎"))));
        var feedbackId = JObject.Parse(vote.CardJson()).SelectToken("$.actions[0].data.feedbackId")!.Value<long>();
        var turn = new Core.Conversations.IncomingTurn
        {
            ActivityId = Guid.NewGuid().ToString("N"),
            UserId = BotTestHost.Message(adapter, "x").From.Id,
            ConversationId = adapter.Conversation.Conversation.Id,
            Kind = Core.Conversations.ConversationKind.Personal,
        };

        var done = await router.ExecuteAsync(turn, FeedbackCommentAction.ExecuteVerb,
            System.Text.Json.JsonSerializer.SerializeToElement(new { action = "feedbackComment", feedbackId, comment = "申請書の書き方が知りたかった", lang = "ja" }), default);

        Assert.Contains("\"verb\":\"feedback.comment\"", vote.CardJson());
        Assert.NotNull(done.CardJson);
        Assert.Contains("コメントを受け付けました", done.CardJson);
        Assert.Contains("\"type\":\"TextRun\",\"text\":\"申請書の書き方が知りたかった\"", done.CardJson);
        Assert.DoesNotContain("Input.Text", done.CardJson);
        Assert.DoesNotContain("Action.", done.CardJson);
        await using var db = await Db();
        Assert.Equal("申請書の書き方が知りたかった", (await db.Feedback.SingleAsync()).Comment);
    }

    [Fact]
    public async Task EnglishQuestion_FindsTheJapaneseSection()
    {
        var adapter = BotTestHost.Personal(locale: "en-US");

        var reply = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "What does the principle of equality mean?")));

        Assert.Contains("対等", reply.Text);
        Assert.Contains("Source", reply.CardJson());
    }

    [Fact]
    public async Task ThumbsDown_AsksForComment_AndBothAreStored_AndListedForEditors()
    {
        var adapter = BotTestHost.Personal();
        var answer = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "公開の原則とは何ですか")));

        var vote = Assert.Single(await adapter.SendAsync(_host.Bot, Submit(adapter, ButtonData(answer, "👎"))));
        var feedbackId = JObject.Parse(vote.CardJson()).SelectToken("$.actions[0].data.feedbackId")!.Value<long>();
        var thanks = Assert.Single(await adapter.SendAsync(_host.Bot, Submit(adapter, new { action = "feedbackComment", feedbackId, comment = "手続きの流れが知りたかった" })));
        var listed = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "未回答一覧")));

        Assert.Contains("Input.Text", vote.CardJson());
        Assert.Contains("コメントを受け付けました", thanks.Text);
        var question = await Questions().SingleAsync();
        Assert.True(question.Answered);
        Assert.Equal("principle-6", question.SectionIds);
        await using var db = await Db();
        var feedback = await db.Feedback.SingleAsync();
        Assert.Equal(Vote.Down, feedback.Vote);
        Assert.Equal("手続きの流れが知りたかった", feedback.Comment);
        Assert.Equal(BotTestHost.Message(adapter, "x").From.Id, feedback.UserId);
        Assert.Contains("公開の原則とは何ですか", listed.Text);
        Assert.Contains("手続きの流れが知りたかった", listed.Text);
    }

    [Fact]
    public async Task ThumbsDownComment_KeepsFullWidthBrackets_AsTyped_InTheStoreAndInTheUnansweredList()
    {
        const string Comment = "「公開」の手続き（期限など）が知りたかった！";
        var adapter = BotTestHost.Personal();
        var answer = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "公開の原則とは何ですか")));
        var vote = Assert.Single(await adapter.SendAsync(_host.Bot, Submit(adapter, ButtonData(answer, "👎"))));
        var feedbackId = JObject.Parse(vote.CardJson()).SelectToken("$.actions[0].data.feedbackId")!.Value<long>();

        await adapter.SendAsync(_host.Bot, Submit(adapter, new { action = "feedbackComment", feedbackId, comment = "  " + Comment + "\u0007 " }));
        var listed = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "未回答一覧")));

        await using var db = await Db();
        Assert.Equal(Comment, (await db.Feedback.SingleAsync()).Comment);
        Assert.Contains("（期限など）", listed.Text);
        Assert.Contains("知りたかった！", listed.Text);
    }

    [Fact]
    public async Task ThumbsUpTwice_KeepsOneVotePerUser()
    {
        var adapter = BotTestHost.Personal();
        var answer = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "対等の原則の内容は？")));

        await adapter.SendAsync(_host.Bot, Submit(adapter, ButtonData(answer, "👍")));
        var again = Assert.Single(await adapter.SendAsync(_host.Bot, Submit(adapter, ButtonData(answer, "👍"))));

        Assert.Contains("ありがとうございます", again.Text);
        await using var db = await Db();
        Assert.Equal(1, await db.Feedback.CountAsync());
        Assert.Equal(1, await db.Questions.CountAsync());
    }

    [Fact]
    public async Task Feedback_WithForgedOrMissingData_IsAnsweredPolitely_AndStoresNothing()
    {
        var adapter = BotTestHost.Personal();

        var reply = Assert.Single(await adapter.SendAsync(_host.Bot, Submit(adapter, new { action = "feedback", vote = "down", questionId = "999" })));

        Assert.Contains("見つかりませんでした", reply.Text);
        Assert.Equal(0, await Questions().CountAsync());
    }

    [Fact]
    public async Task SectionButton_ShowsThatSection()
    {
        var adapter = BotTestHost.Personal();

        var reply = Assert.Single(await adapter.SendAsync(_host.Bot, Submit(adapter, new { action = "section", id = "principle-7" })));

        Assert.Contains("評価", reply.Text);
        Assert.Contains("時限性の原則", reply.CardJson());
    }

    [Fact]
    public async Task SameActivityRecordedTwice_IsStoredOnce()
    {
        // (TestAdapter renumbers activities, so redelivery through /api/messages is tested in the integration tests.)
        var log = _host.Services.GetRequiredService<QuestionLog>();
        QuestionRecord Record() => new() { ActivityId = "a-1", UserId = "u", ConversationId = "c", Question = "明日の天気は？" };

        var first = await log.RecordAsync(Record(), default);
        var second = await log.RecordAsync(Record(), default);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, await Questions().CountAsync());
    }

    [Fact]
    public async Task Unanswered_ByNonAdmin_WhenAdminsConfigured_IsRefused()
    {
        await _host.DisposeAsync();
        _host = new BotTestHost(new Dictionary<string, string?> { ["Kyodo:Admins:0"] = "aad-editor" });
        var adapter = BotTestHost.Personal(aadObjectId: "aad-someone");

        var reply = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "未回答一覧")));

        Assert.Contains("管理者のみ", reply.Text);
    }

    [Fact]
    public async Task Unanswered_WithNoAdminsConfigured_IsRefusedForEveryone_SayingWhatToConfigure()
    {
        await _host.DisposeAsync();
        _host = new BotTestHost();
        var adapter = BotTestHost.Personal();
        await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "明日の天気を教えてください"));

        var reply = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "未回答一覧")));

        Assert.Contains("Kyodo:Admins", reply.Text);
        Assert.DoesNotContain("天気", reply.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😀😀")]
    [InlineData("\u0001\u0002")]
    public async Task EmptyOrSymbolOnlyMessage_AsksForAQuestion_WithoutRecording(string text)
    {
        var adapter = BotTestHost.Personal();

        var reply = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, text)));

        Assert.Contains("ご用件を入力してください", reply.Text);
        Assert.Equal(0, await Questions().CountAsync());
    }

    [Fact]
    public async Task OnlyAMention_InChannel_AsksForAQuestion()
    {
        var adapter = BotTestHost.Channel();

        var reply = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "")));

        Assert.Contains("ご用件を入力してください", reply.Text);
    }

    [Fact]
    public async Task VeryLongQuestion_UsesTheFirst1000Characters_AndSaysSo()
    {
        var adapter = BotTestHost.Personal();
        var text = "公開の原則とは何ですか" + new string('あ', 10_000);

        var reply = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, text)));
        await adapter.SendAsync(_host.Bot, Submit(adapter, ButtonData(reply, "👎")));

        Assert.Contains("最初の1,000文字", reply.CardJson());
        Assert.True((await Questions().SingleAsync()).Question.Length <= 1000);
    }

    [Fact]
    public async Task HtmlAndMarkdownInQuestion_AreNeverEchoedAsMarkdown()
    {
        var adapter = BotTestHost.Personal();
        await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "[クリック](http://evil.example) **税金の申告**"));

        var listed = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "未回答一覧")));

        Assert.DoesNotContain("](http", listed.Text);
        Assert.DoesNotContain("**税金", listed.Text);
    }

    /// <summary>The data of the card button whose title starts with <paramref name="titleStart"/>, as Teams would send it back.</summary>
    private static JObject ButtonData(Activity reply, string titleStart) =>
        (JObject)JObject.Parse(reply.CardJson())["actions"]!.Single(a => a["title"]!.ToString().StartsWith(titleStart, StringComparison.Ordinal))["data"]!;

    private static Activity Submit(Microsoft.Bot.Builder.Adapters.TestAdapter adapter, object value)
    {
        var activity = BotTestHost.Message(adapter, "");
        activity.Text = null;
        activity.Value = JObject.FromObject(value);
        return activity;
    }

    private IQueryable<QuestionRecord> Questions()
    {
        var db = _host.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContext();
        return db.Questions.AsNoTracking();
    }

    private async Task<KyodoDbContext> Db() =>
        await _host.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
