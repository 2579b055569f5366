using Microsoft.Bot.Schema;

namespace KyodoBot.Tests.Conversations;

public sealed class HelpAndWelcomeTests : IAsyncLifetime
{
    private readonly BotTestHost _host = new();

    [Theory]
    [InlineData("ヘルプ")]
    [InlineData("ﾍﾙﾌﾟ")]
    [InlineData("  help  ")]
    [InlineData("HELP")]
    public async Task Help_InPersonalChat_ShowsWelcomeCardInJapanese(string text)
    {
        var adapter = BotTestHost.Personal();

        var replies = await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, text));

        var reply = Assert.Single(replies);
        Assert.Contains("協働ボット", reply.CardJson());
        Assert.Contains("部署一覧", reply.CardJson());
    }

    [Fact]
    public async Task Help_WithEnglishLocale_AnswersInTheCityLanguage()
    {
        var adapter = BotTestHost.Personal(locale: "en-US");

        var replies = await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "help"));

        var card = Assert.Single(replies).CardJson();
        Assert.Contains("協働ボット（KyodoBot）です", card);
        Assert.DoesNotContain("Hello, I am KyodoBot", card);
    }

    [Fact]
    public async Task Help_WhereTheCityLanguageIsEnglish_AnswersInEnglish()
    {
        await using var english = new BotTestHost(new Dictionary<string, string?> { ["Kyodo:DefaultLanguage"] = "en" });
        var adapter = BotTestHost.Personal(locale: "ja-JP");

        var replies = await adapter.SendAsync(english.Bot, BotTestHost.Message(adapter, "help"));

        Assert.Contains("Hello, I am KyodoBot", Assert.Single(replies).CardJson());
    }

    [Fact]
    public async Task Help_IsTheCardAlone_Install_AddsTheHowToLine()
    {
        var adapter = BotTestHost.Personal(locale: "en-US");

        var installed = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.BotAdded(adapter, ActivityTypes.InstallationUpdate)));
        var help = Assert.Single(await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "ヘルプ")));

        Assert.Equal("協働ボットです。「ヘルプ」と送ると使い方を表示します。", installed.Text);
        Assert.True(string.IsNullOrEmpty(help.Text));
        Assert.Contains("部署一覧", help.CardJson());
    }

    [Fact]
    public async Task Help_InChannelWithMention_StripsMentionAndAnswers()
    {
        var adapter = BotTestHost.Channel();

        var replies = await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "ヘルプ"));

        Assert.Contains("協働ボット", Assert.Single(replies).CardJson());
    }

    [Fact]
    public async Task Help_InGroupChat_Answers()
    {
        var adapter = BotTestHost.GroupChat();

        var replies = await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, "ヘルプ"));

        Assert.Contains("協働ボット", Assert.Single(replies).CardJson());
    }

    [Fact]
    public async Task Install_SendsWelcomeOnce_EvenWhenTeamsSendsBothEvents()
    {
        var adapter = BotTestHost.Personal();

        var first = await adapter.SendAsync(_host.Bot, BotTestHost.BotAdded(adapter, ActivityTypes.InstallationUpdate));
        var second = await adapter.SendAsync(_host.Bot, BotTestHost.BotAdded(adapter, ActivityTypes.ConversationUpdate));

        AssertWelcome(Assert.Single(first));
        Assert.Empty(second);
    }

    [Fact]
    public async Task Install_InTeam_WelcomesInTheChannel()
    {
        var adapter = BotTestHost.Channel();
        var added = BotTestHost.BotAdded(adapter);
        added.ChannelData = BotTestHost.Message(adapter, "x").ChannelData;

        var replies = await adapter.SendAsync(_host.Bot, added);

        Assert.Contains("協働ボット", Assert.Single(replies).CardJson());
    }

    [Fact]
    public async Task Reinstall_AfterRemoval_WelcomesAgain()
    {
        var adapter = BotTestHost.Personal();
        await adapter.SendAsync(_host.Bot, BotTestHost.BotAdded(adapter, ActivityTypes.InstallationUpdate));
        var removed = BotTestHost.BotAdded(adapter, ActivityTypes.InstallationUpdate);
        removed.Action = "remove";
        await adapter.SendAsync(_host.Bot, removed);

        var again = await adapter.SendAsync(_host.Bot, BotTestHost.BotAdded(adapter, ActivityTypes.InstallationUpdate));

        AssertWelcome(Assert.Single(again));
    }

    [Fact]
    public async Task EmptyText_AsksForAQuestionAndOffersHelp()
    {
        var adapter = BotTestHost.Personal();

        var replies = await adapter.SendAsync(_host.Bot, BotTestHost.Message(adapter, " "));

        var reply = Assert.Single(replies);
        Assert.Contains("ヘルプ", reply.Text);
        Assert.Contains(reply.SuggestedActions.Actions, a => (string)a.Value == "ヘルプ");
    }

    [Fact]
    public async Task CardButton_WithCommandValue_RunsTheCommand()
    {
        var adapter = BotTestHost.Personal();
        var activity = BotTestHost.Message(adapter, "");
        activity.Text = null;
        activity.Value = Newtonsoft.Json.Linq.JObject.Parse("{\"command\":\"部署一覧\"}");

        var replies = await adapter.SendAsync(_host.Bot, activity);

        Assert.Contains("登録されている部署はまだありません", Assert.Single(replies).Text);
    }

    /// <summary>The welcome as a new member sees it: the how-to line, then the card with its title, features and buttons.</summary>
    private static void AssertWelcome(Activity reply)
    {
        Assert.Equal("協働ボットです。「ヘルプ」と送ると使い方を表示します。", reply.Text);
        var card = Newtonsoft.Json.Linq.JObject.Parse(reply.CardJson());
        Assert.Equal("協働ボット（KyodoBot）です", card["body"]![0]!["text"]!.ToString());
        Assert.Contains("協働提案の受付", card.ToString());
        Assert.Equal(["提案を始める", "部署一覧を見る"], card["actions"]!.Select(a => a["title"]!.ToString()));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
