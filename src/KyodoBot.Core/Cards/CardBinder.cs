using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KyodoBot.Core.Cards;

/// <summary>
/// A small subset of the Adaptive Card Templating language, enough for our cards:
/// <c>${path.to.value}</c> inside strings; a string that is exactly <c>${path}</c> takes the value's JSON type;
/// <c>"$data": "${list}"</c> on an array element repeats it per item (with <c>${$index}</c>); <c>"$when": "${flag}"</c>
/// keeps an element only when the value is truthy. Values are inserted as data, never re-parsed as JSON.
/// </summary>
public static partial class CardBinder
{
    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Placeholder();

    public static JsonNode Bind(JsonNode template, JsonObject data) =>
        BindNode(template, [data]) ?? new JsonObject();

    private static JsonNode? BindNode(JsonNode? node, IReadOnlyList<JsonNode?> scopes) => node switch
    {
        JsonObject obj => BindObject(obj, scopes),
        JsonArray array => BindArray(array, scopes),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => BindString(value.GetValue<string>(), scopes),
        null => null,
        _ => node.DeepClone(),
    };

    private static JsonObject BindObject(JsonObject obj, IReadOnlyList<JsonNode?> scopes)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is "$data" or "$when")
            {
                continue;
            }

            result[key] = BindNode(value, scopes);
        }

        return result;
    }

    private static JsonArray BindArray(JsonArray array, IReadOnlyList<JsonNode?> scopes)
    {
        var result = new JsonArray();
        foreach (var item in array)
        {
            if (item is JsonObject obj && obj["$data"] is JsonValue dataRef)
            {
                var items = BindString(dataRef.GetValue<string>(), scopes);
                if (items is JsonArray list)
                {
                    for (var i = 0; i < list.Count; i++)
                    {
                        var itemScope = list[i] is JsonObject o ? (JsonObject)o.DeepClone() : new JsonObject { ["value"] = list[i]?.DeepClone() };
                        itemScope["$index"] = i;
                        var inner = new List<JsonNode?>(scopes) { itemScope };
                        if (IsIncluded(obj, inner))
                        {
                            result.Add(BindObject(obj, inner));
                        }
                    }
                }

                continue;
            }

            if (item is JsonObject conditional && !IsIncluded(conditional, scopes))
            {
                continue;
            }

            result.Add(BindNode(item, scopes));
        }

        return result;
    }

    private static bool IsIncluded(JsonObject obj, IReadOnlyList<JsonNode?> scopes)
    {
        if (obj["$when"] is not JsonValue when)
        {
            return true;
        }

        return BindString(when.GetValue<string>(), scopes) switch
        {
            null => false,
            JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length > 0 && v.GetValue<string>() != "false",
            JsonArray a => a.Count > 0,
            _ => true,
        };
    }

    private static JsonNode? BindString(string text, IReadOnlyList<JsonNode?> scopes)
    {
        var matches = Placeholder().Matches(text);
        if (matches.Count == 0)
        {
            return JsonValue.Create(text);
        }

        if (matches.Count == 1 && matches[0].Length == text.Length)
        {
            return Resolve(matches[0].Groups[1].Value, scopes)?.DeepClone();
        }

        return JsonValue.Create(Placeholder().Replace(text, m => Resolve(m.Groups[1].Value, scopes) switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            var other => other.ToJsonString(),
        }));
    }

    private static JsonNode? Resolve(string path, IReadOnlyList<JsonNode?> scopes)
    {
        var parts = path.Trim().Split('.');
        for (var s = scopes.Count - 1; s >= 0; s--)
        {
            var node = scopes[s];
            var found = true;
            foreach (var part in parts)
            {
                if (node is JsonObject obj && obj.TryGetPropertyValue(part, out var next))
                {
                    node = next;
                }
                else
                {
                    found = false;
                    break;
                }
            }

            if (found)
            {
                return node;
            }
        }

        return null;
    }
}
