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
    public void LongRelatedSectionTitle_IsCutVisiblyOnTheButton_AndKeptWholeInTheTooltip()
    {
        const string title = "第4章 協働の推進に向けた取り組み ＞ 協働事業の評価の仕組みづくり";
        var presenter = _host.Services.GetRequiredService<AnswerPresenter>();
        var answer = new Answer(true, "回答", 0.9, [new Citation("principle-7", "時限性の原則", "抜粋")], [new SectionRef("initiative-3", title)], false);

        var card = JsonNode.Parse(presenter.Present(answer, new FeedbackKey("a1", "質問", "principle-7", 0.9), Language.Japanese, aiGenerated: false).CardJson!)!;

        var button = card["body"]!.AsArray().Select(b => b?["actions"]).OfType<JsonArray>().SelectMany(a => a)
            .Single(a => a!["data"]?["action"]?.GetValue<string>() == "section")!;
        Assert.Equal(AnswerPresenter.MaxButtonTitle, button["title"]!.GetValue<string>().Length);
        Assert.EndsWith("…", button["title"]!.GetValue<string>());
        Assert.Equal(title, button["tooltip"]!.GetValue<string>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
