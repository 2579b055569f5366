using System.Text.Json.Nodes;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Tests.Cards;

public sealed class CardBinderTests
{
    [Fact]
    public void Bind_ReplacesPlaceholdersInsideStrings()
    {
        var bound = CardBinder.Bind(JsonNode.Parse("""{"text":"こんにちは、${user.name}さん"}""")!, new JsonObject { ["user"] = new JsonObject { ["name"] = "山田" } });

        Assert.Equal("こんにちは、山田さん", bound["text"]!.GetValue<string>());
    }

    [Fact]
    public void Bind_WholePlaceholder_KeepsTheValueType()
    {
        var bound = CardBinder.Bind(JsonNode.Parse("""{"isRequired":"${required}","max":"${max}"}""")!, new JsonObject { ["required"] = true, ["max"] = 5 });

        Assert.True(bound["isRequired"]!.GetValue<bool>());
        Assert.Equal(5, bound["max"]!.GetValue<int>());
    }

    [Fact]
    public void Bind_DataOnArrayElement_RepeatsPerItemWithIndex()
    {
        var template = JsonNode.Parse("""{"facts":[{"$data":"${items}","title":"${$index}","value":"${name}"}]}""")!;
        var data = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["name"] = "a" }, new JsonObject { ["name"] = "b" }) };

        var facts = CardBinder.Bind(template, data)["facts"]!.AsArray();

        Assert.Equal(2, facts.Count);
        Assert.Equal("b", facts[1]!["value"]!.GetValue<string>());
        Assert.Equal(1, facts[1]!["title"]!.GetValue<int>());
        Assert.Null(facts[0]!["$data"]);
    }

    [Fact]
    public void Bind_When_DropsElementsWhoseConditionIsFalsy()
    {
        var template = JsonNode.Parse("""{"body":[{"$when":"${show}","text":"a"},{"$when":"${hide}","text":"b"},{"text":"c"}]}""")!;

        var body = CardBinder.Bind(template, new JsonObject { ["show"] = true, ["hide"] = false })["body"]!.AsArray();

        Assert.Equal(["a", "c"], body.Select(b => b!["text"]!.GetValue<string>()));
    }

    [Fact]
    public void Bind_UserTextContainingPlaceholderSyntaxOrJson_IsInsertedLiterally()
    {
        var bound = CardBinder.Bind(JsonNode.Parse("""{"text":"${comment}"}""")!, new JsonObject { ["comment"] = "${secret} \"},{\"type\":\"x" });

        Assert.Equal("${secret} \"},{\"type\":\"x", bound["text"]!.GetValue<string>());
    }

    [Fact]
    public void Templates_InCardsFolder_AllParseAndRender()
    {
        var templates = new CardTemplates(ContentPaths.Resolve(null, AppContext.BaseDirectory));

        Assert.Contains("welcome", templates.Names);
        Assert.Contains("\"version\":\"1.5\"", templates.Render("welcome", []));
    }
}
