using System.Text.Json;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Storage;
using KyodoBot.Tests.Dialogs;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Tests.Conversations;

/// <summary>
/// The conversation keeps its language (issue #12): the user's words set it, and it is stored with the conversation,
/// so turns whose words show no language (<c>help</c>, a number, an e-mail address) stay in it across turns and a
/// restart, from a client that says en-US. The card form speaks the conversation's language, whatever its data says.
/// </summary>
public sealed class ConversationLanguageTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> EnglishCity = new() { ["Kyodo:DefaultLanguage"] = "en" };
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kyodobot-tests", Guid.NewGuid().ToString("N"));
    private BotTestHost? _host;

    [Fact]
    public async Task JapaneseConversation_StaysJapaneseThroughWordlessTurns_AndARestart_UntilTheUserWritesEnglish()
    {
        _host = new BotTestHost(EnglishCity, _directory);
        var chat = BotTestHost.Personal(locale: "en-US");
        var before = await ShownAsync(chat, "help"); // nothing said yet: the city's language

        await ShownAsync(chat, "部署一覧");
        var afterJapanese = await ShownAsync(chat, "help");
        var number = await ShownAsync(chat, "2");
        await _host.DisposeAsync();
        _host = new BotTestHost(EnglishCity, _directory);
        var afterRestart = await ShownAsync(chat, "help");
        await ShownAsync(chat, "How do I file a proposal?");
        var afterEnglish = await ShownAsync(chat, "help");

        Assert.Contains("Hello, I am KyodoBot", before);
        Assert.Contains("協働ボット（KyodoBot）です", afterJapanese);
        Assert.True(LanguageResolver.ContainsJapanese(number), number);
        Assert.Contains("協働ボット（KyodoBot）です", afterRestart);
        Assert.Contains("Hello, I am KyodoBot", afterEnglish);
        var stored = await _host.Services.GetRequiredService<IConversationStore>().FindAsync(chat.Conversation.Conversation.Id, default);
        Assert.Equal(Language.English, stored!.Language);
    }

    [Fact]
    public async Task ProposalStartedInJapanese_FromAnEnglishClient_StaysJapanese_WithEmailNumberAndDateAnswers()
    {
        _host = new BotTestHost(EnglishCity, _directory);
        var chat = BotTestHost.Personal(locale: "en-US");
        await ShownAsync(chat, "提案");
        await ShownAsync(chat, "特定非営利活動法人みどり野まちづくりネット");

        var afterNumber = await ShownAsync(chat, "1");
        var afterName = await ShownAsync(chat, "Yamada Hanako");
        var afterEmail = await ShownAsync(chat, "yamada@example.jp");

        foreach (var reply in new[] { afterNumber, afterName, afterEmail })
        {
            Assert.DoesNotContain("You can say", reply);
            Assert.Contains("使えることば", reply);
        }
    }

    [Fact]
    public async Task CardForm_UsesTheConversationsLanguage_NotALanguageInTheCardData()
    {
        _host = new BotTestHost(directory: _directory);
        var chat = BotTestHost.Personal(locale: "en-US");
        var form = Assert.Single(await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "カードで入力"))).CardJson();
        var forged = new Dictionary<string, object?>(DialogTestSupport.GoodAnswers.ToDictionary(a => a.Key, a => (object?)a.Value))
        {
            ["budget"] = "", ["lang"] = "en",
        };
        var turn = new IncomingTurn
        {
            ActivityId = Guid.NewGuid().ToString("N"),
            UserId = "29:user-1",
            ConversationId = chat.Conversation.Conversation.Id,
            Kind = ConversationKind.Personal,
        };

        var result = await _host.Services.GetRequiredService<TurnRouter>()
            .ExecuteAsync(turn, "proposal.form", JsonSerializer.SerializeToElement(forged), default);

        Assert.DoesNotContain("\"lang\"", form);
        Assert.Contains("直してください", result.Message);
        Assert.Contains("予算額", result.CardJson);
        Assert.DoesNotContain("Budget", result.CardJson);
    }

    private async Task<string> ShownAsync(TestAdapter chat, string text) =>
        string.Join("\n", (await chat.SendAsync(_host!.Bot, BotTestHost.Message(chat, text))).Select(r => r.Shown()));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on this platform: the temp folder is cleaned later.
        }
    }
}
