using System.Text.Json.Nodes;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Tests.Cards;

/// <summary>
/// Card templates as staff see them. (The proposal summary, review and recorded-evaluation cards put short answers in
/// rows beside their labels: <c>CompactProposalCardTests</c> and <c>ReviewCardTests</c>.)
/// </summary>
public sealed class CardLayoutTests
{
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
