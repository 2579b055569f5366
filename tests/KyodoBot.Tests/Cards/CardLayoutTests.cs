using System.Text.Json.Nodes;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Tests.Cards;

/// <summary>
/// On the summary, review and recorded-evaluation cards a grey label belongs to the answer below it: the answer sits
/// right under its label, and the next label keeps its distance from the previous answer.
/// </summary>
public sealed class CardLayoutTests
{
    [Theory]
    [InlineData("proposal-summary")]
    [InlineData("proposal-review")]
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
    [Theory]
    [InlineData("departments.channelOnly")]
    [InlineData("departments.register.usage")]
    [InlineData("departments.list.empty")]
    public void Texts_MentionTheBotByItsTeamsName(string key)
    {
        var root = ContentPaths.FindCheckout(AppContext.BaseDirectory) ?? throw new InvalidOperationException("checkout not found");
        foreach (var language in new[] { "ja", "en" })
        {
            var strings = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "src", "KyodoBot.Core", "Localization", language + ".json")))!;
            var text = strings[key]!.GetValue<string>();

            Assert.Contains("@協働ボット", text);
            Assert.DoesNotContain("@KyodoBot", text);
        }
    }
}
