using System.Text.Json.Nodes;
using KyodoBot.Core.Conversations;

namespace KyodoBot.Tests.Dialogs;

/// <summary>Reads a reply as the user does: its text, then its card's text runs, text blocks and button titles in order.</summary>
internal static class CardText
{
    public static string Shown(OutgoingMessage message) =>
        string.Join("\n", new[] { message.Text }.Concat(Lines(message.CardJson)).OfType<string>());

    public static IEnumerable<string> Lines(string? cardJson)
    {
        if (string.IsNullOrEmpty(cardJson))
        {
            return [];
        }

        var lines = new List<string>();
        Collect(JsonNode.Parse(cardJson), lines);
        return lines;
    }

    /// <summary>What each button sends: a suggested action's value, or a card button's <c>command</c>.</summary>
    public static IReadOnlyList<string> ButtonValues(OutgoingMessage message)
    {
        if (message.SuggestedActions.Count > 0 || message.CardJson is null)
        {
            return message.SuggestedActions.Select(a => a.Value).ToList();
        }

        var values = new List<string>();
        CollectValues(JsonNode.Parse(message.CardJson), values);
        return values;
    }

    private static void Collect(JsonNode? node, List<string> lines)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() is "TextBlock" or "TextRun" && o["text"]?.GetValue<string>() is { } text)
                {
                    lines.Add(text);
                }
                else if (o["type"]?.GetValue<string>() is { } type && type.StartsWith("Action.", StringComparison.Ordinal) && o["title"]?.GetValue<string>() is { } title)
                {
                    lines.Add(title);
                }

                foreach (var (key, child) in o)
                {
                    if (key != "data")
                    {
                        Collect(child, lines);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Collect(child, lines);
                }

                break;
        }
    }

    private static void CollectValues(JsonNode? node, List<string> values)
    {
        switch (node)
        {
            case JsonObject o when o["type"]?.GetValue<string>() == "Action.Submit":
                var data = o["data"];
                values.Add(data?["command"]?.GetValue<string>() ?? "");
                break;
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    CollectValues(child, values);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    CollectValues(child, values);
                }

                break;
        }
    }
}
