using System.Text.Json.Nodes;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Tests.Ask;

public sealed class AnswerPresenterTests : IAsyncLifetime
{
    private readonly BotTestHost _host = new();

    [Fact]
    public void LongRelatedSectionTitle_IsShownWhole_AsAWrappingLinkThatOpensTheSection()
    {
        const string title = "第4章 協働の推進に向けた取り組み ＞ 協働事業の評価の仕組みづくり";
        var presenter = _host.Services.GetRequiredService<AnswerPresenter>();
        var answer = new Answer(true, "回答", 0.9, [new Citation("principle-7", "時限性の原則", "抜粋")], [new SectionRef("initiative-3", title)], false);

        var card = JsonNode.Parse(presenter.Present(answer, new FeedbackKey("a1", "質問", "principle-7", 0.9), Language.Japanese, aiGenerated: false).CardJson!)!;

        AssertWholeTitleLink(card, title, "initiative-3");
    }

    [Fact]
    public void AnswerInPart_ShowsWhatTheManualLacks_AfterTheQuote_AndAsATextRunOnTheCard()
    {
        // The asker's sentence is quoted in the note: a TextRun shows it as written, where a TextBlock would read
        // *費用* as Markdown.
        const string note = "なお、「*費用*はいくらですか？」については、協働マニュアルに金額の記載が見つかりませんでした。所管課にご確認ください。";
        var presenter = _host.Services.GetRequiredService<AnswerPresenter>();
        var answer = new Answer(true, "回答", 0.9, [new Citation("principle-4", "役割分担の原則", "抜粋")], [], false)
        {
            Missing = [new MissingFact("*費用*はいくらですか？", AnswerKind.Amount)],
            MissingNote = note,
        };

        var message = presenter.Present(answer, new FeedbackKey("a1", "質問", "principle-4", 0.9), Language.Japanese, aiGenerated: false);

        Assert.Equal("回答 [1]\n\n" + note, message.Text);
        Assert.True(message.PlainText);
        var card = JsonNode.Parse(message.CardJson!)!;
        Assert.Contains(Descendants(card), n => n["type"]?.GetValue<string>() == "TextRun" && n["text"]?.GetValue<string>() == note);
        Assert.DoesNotContain(Descendants(card), n => n["type"]?.GetValue<string>() == "TextBlock" && (n["text"]?.GetValue<string>() ?? "").Contains("費用", StringComparison.Ordinal));
    }

    [Fact]
    public void WholeAnswer_HasNoMissingNote()
    {
        var presenter = _host.Services.GetRequiredService<AnswerPresenter>();
        var answer = new Answer(true, "回答", 0.9, [new Citation("principle-4", "役割分担の原則", "抜粋")], [], false);

        var message = presenter.Present(answer, new FeedbackKey("a1", "質問", "principle-4", 0.9), Language.Japanese, aiGenerated: false);

        Assert.Equal("回答 [1]", message.Text);
        Assert.DoesNotContain("なお、", message.CardJson!, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefusalsSuggestions_AreWholeTitleLinksToo()
    {
        const string title = "第4章 協働の推進に向けた取り組み ＞ 協働事業の評価の仕組みづくり";
        var presenter = _host.Services.GetRequiredService<AnswerPresenter>();
        var answer = new Answer(false, "協働マニュアルには該当する記載が見つかりませんでした。", 0.1, [], [new SectionRef("initiative-3", title)], false);

        var card = JsonNode.Parse(presenter.Present(answer, new FeedbackKey("a1", "質問", "", 0.1), Language.Japanese, aiGenerated: false).CardJson!)!;

        AssertWholeTitleLink(card, title, "initiative-3");
    }

    [Fact]
    public void NearSections_HaveTheirOwnLeadIn_AndEachCarriesTheAskingActivity()
    {
        var presenter = _host.Services.GetRequiredService<AnswerPresenter>();
        var answer = new Answer(false, "協働マニュアルには該当する記載が見つかりませんでしたが、次の項目が近いかもしれません。", 0.3, [],
            [new SectionRef("principle-7", "3章 7 定期的に評価しよう"), new SectionRef("principle-1", "3章 1 同じ目的に向かって進もう")], false)
        { NearSuggestions = true };

        var card = JsonNode.Parse(presenter.Present(answer, new FeedbackKey("asked-1", "質問", "", 0.3), Language.Japanese, aiGenerated: false).CardJson!)!;

        Assert.Contains(Descendants(card), n => n["text"]?.GetValue<string>() == "近いかもしれない項目（押すと内容を表示します）");
        Assert.DoesNotContain(Descendants(card), n => n["text"]?.GetValue<string>() == "もしかして、次の項目をお探しですか？");
        var links = Descendants(card).Where(n => n["selectAction"]?["data"]?["action"]?.GetValue<string>() == "section").ToList();
        Assert.Equal(["principle-7", "principle-1"], links.Select(l => l["selectAction"]!["data"]!["id"]!.GetValue<string>()));
        Assert.All(links, l => Assert.Equal("asked-1", l["selectAction"]!["data"]!["asked"]!.GetValue<string>()));
    }

    /// <summary>
    /// No button for a section (Teams and the Playground cut a button title after ~20 full-width characters): a
    /// container whose select action opens the section, with the whole title in a TextRun (which wraps).
    /// </summary>
    private static void AssertWholeTitleLink(JsonNode card, string title, string id)
    {
        Assert.DoesNotContain(Descendants(card), n => n["type"]?.GetValue<string>() == "ActionSet"
            && n["actions"]!.AsArray().Any(a => a?["data"]?["action"]?.GetValue<string>() == "section"));
        var link = Assert.Single(Descendants(card), n => n["selectAction"]?["data"]?["action"]?.GetValue<string>() == "section");
        Assert.Equal("Container", link["type"]!.GetValue<string>());
        Assert.Equal(id, link["selectAction"]!["data"]!["id"]!.GetValue<string>());
        Assert.Equal(title, link["selectAction"]!["title"]!.GetValue<string>());
        var runs = link["items"]!.AsArray().Single()!["inlines"]!.AsArray().Select(r => r!["text"]!.GetValue<string>());
        Assert.Contains(title, runs);
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
