using System.Text.Json.Nodes;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Tests.Cards;

/// <summary>
/// On the summary, review and recorded-evaluation cards a grey label belongs to the answer below it: the answer sits
/// right under its label, and the next label keeps its distance from the previous answer. (The proposal summary and
/// review cards put short answers in rows beside their labels: <c>CompactProposalCardTests</c>.)
/// </summary>
public sealed class CardLayoutTests
{
    [Theory]
    [InlineData("evaluation-recorded")]
    public void LabelledAnswers_SitUnderTheirOwnLabel(string name)
    {
        var root = ContentPaths.FindCheckout(AppContext.BaseDirectory) ?? throw new InvalidOperationException("checkout not found");
        var card = JsonNode.Parse(File.ReadAllText(Path.Combine(new ContentPaths(root).Cards, name + ".json")))!;

        var pairs = Containers(card).Where(IsLabelledAnswer).ToList();

        Assert.NotEmpty(pairs);
        Assert.All(pairs, container =>
        {
            Assert.Equal("Medium", container["spacing"]?.GetValue<string>());
            Assert.Equal("None", container["items"]![1]!["spacing"]?.GetValue<string>());
        });
    }

    [Fact]
    public void ProposalSummaryDone_ShowsTheProposersTitle_AsATextRun_NeverAsMarkdown()
    {
        // The heading is the project name the proposer typed: a TextBlock would turn "[x](https://…)" into a link.
        var root = ContentPaths.FindCheckout(AppContext.BaseDirectory) ?? throw new InvalidOperationException("checkout not found");
        var card = JsonNode.Parse(File.ReadAllText(Path.Combine(new ContentPaths(root).Cards, "proposal-summary-done.json")))!;

        var heading = card["body"]![0]!;

        Assert.Equal("RichTextBlock", heading["type"]!.GetValue<string>());
        Assert.Equal("${heading}", heading["inlines"]![0]!["text"]!.GetValue<string>());
    }

    private static bool IsLabelledAnswer(JsonObject container) =>
        container["items"] is JsonArray { Count: 2 } items
        && items[0]?["type"]?.GetValue<string>() == "TextBlock" && items[0]?["isSubtle"]?.GetValue<bool>() == true
        && items[1]?["type"]?.GetValue<string>() == "RichTextBlock";

    private static IEnumerable<JsonObject> Containers(JsonNode? node) => node switch
    {
        JsonObject o => (o["type"]?.GetValue<string>() == "Container" ? [o] : Enumerable.Empty<JsonObject>())
            .Concat(o.SelectMany(p => Containers(p.Value))),
        JsonArray a => a.SelectMany(Containers),
        _ => [],
    };
}

/// <summary>Texts call the bot by its Teams name (appPackage: 協働ボット), which is what staff type after @.</summary>
public sealed class BotNameTests
{
    // The Teams app is 協働ボット in Japanese clients and KyodoBot in English ones (appPackage/en-us.json), so a text
    // that tells people whom to mention names the bot as their client shows it.
    [Theory]
    [InlineData("ja", "@協働ボット", "@KyodoBot")]
    [InlineData("en", "@KyodoBot", "@協働ボット")]
    public void Texts_MentionTheBotByTheNameTeamsShowsInThatLanguage(string language, string shown, string other)
    {
        var root = ContentPaths.FindCheckout(AppContext.BaseDirectory) ?? throw new InvalidOperationException("checkout not found");
        var strings = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "src", "KyodoBot.Core", "Localization", language + ".json")))!.AsObject();
        var mentioning = strings.Select(p => (p.Key, Text: p.Value!.GetValue<string>())).Where(p => p.Text.Contains('@')).ToList();

        Assert.Contains(mentioning, p => p.Key == "departments.register.usage" && p.Text.Contains(shown, StringComparison.Ordinal));
        Assert.All(mentioning, p => Assert.DoesNotContain(other, p.Text, StringComparison.Ordinal));
    }
}
