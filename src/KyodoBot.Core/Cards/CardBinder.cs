using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace KyodoBot.Core.Cards;

/// <summary>
/// A small subset of the Adaptive Card Templating language, enough for our cards:
/// <c>${path.to.value}</c> inside strings; a string that is exactly <c>${path}</c> takes the value's JSON type;
/// <c>"$data": "${list}"</c> on an array element repeats it per item (with <c>${$index}</c>); <c>"$when": "${flag}"</c>
/// keeps an element only when the value is truthy. Values are inserted as data, never re-parsed as JSON.
/// The bound card is written straight to JSON (no intermediate tree): cards are rendered on every answer.
/// </summary>
public static partial class CardBinder
{
    // Japanese stays readable (and a third of the size) instead of \uXXXX; HTML-significant characters stay escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>The bound card as JSON text.</summary>
    public static string Render(JsonNode template, JsonObject data)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, template, [data]);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The bound card as a JSON tree (for tests and callers that want to inspect it).</summary>
    public static JsonNode Bind(JsonNode template, JsonObject data) => JsonNode.Parse(Render(template, data)) ?? new JsonObject();

    private static void Write(Utf8JsonWriter writer, JsonNode? node, List<JsonNode?> scopes)
    {
        switch (node)
        {
            case JsonObject obj:
                WriteObject(writer, obj, scopes);
                break;
            case JsonArray array:
                WriteArray(writer, array, scopes);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WriteString(writer, value.GetValue<string>(), scopes);
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonObject obj, List<JsonNode?> scopes)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in obj)
        {
            if (key is "$data" or "$when")
            {
                continue;
            }

            writer.WritePropertyName(key);
            Write(writer, value, scopes);
        }

        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, JsonArray array, List<JsonNode?> scopes)
    {
        writer.WriteStartArray();
        foreach (var item in array)
        {
            if (item is JsonObject obj && obj["$data"] is JsonValue dataRef)
            {
                if (WholePlaceholder(dataRef.GetValue<string>()) is { } path && Resolve(path, scopes) is JsonArray list)
                {
                    for (var i = 0; i < list.Count; i++)
                    {
                        // Two scopes per item: the item itself (or {value}) and {$index}; lookups fall through in order.
                        scopes.Add(list[i] is JsonObject o ? o : new JsonObject { ["value"] = list[i]?.DeepClone() });
                        scopes.Add(new JsonObject { ["$index"] = i });
                        if (IsIncluded(obj, scopes))
                        {
                            WriteObject(writer, obj, scopes);
                        }

                        scopes.RemoveRange(scopes.Count - 2, 2);
                    }
                }

                continue;
            }

            if (item is JsonObject conditional && !IsIncluded(conditional, scopes))
            {
                continue;
            }

            Write(writer, item, scopes);
        }

        writer.WriteEndArray();
    }

    private static bool IsIncluded(JsonObject obj, List<JsonNode?> scopes)
    {
        if (obj["$when"] is not JsonValue when)
        {
            return true;
        }

        var text = when.GetValue<string>();
        var value = WholePlaceholder(text) is { } path ? Resolve(path, scopes) : JsonValue.Create(text);
        return value switch
        {
            null => false,
            JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length > 0 && v.GetValue<string>() != "false",
            JsonArray a => a.Count > 0,
            _ => true,
        };
    }

    private static void WriteString(Utf8JsonWriter writer, string text, List<JsonNode?> scopes)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            writer.WriteStringValue(text);
            return;
        }

        if (WholePlaceholder(text) is { } path)
        {
            var value = Resolve(path, scopes);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }

            return;
        }

        writer.WriteStringValue(Placeholder().Replace(text, m => Resolve(m.Groups[1].Value, scopes) switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            var other => other.ToJsonString(),
        }));
    }

    /// <summary>The path when the text is exactly one placeholder (<c>${a.b}</c>), else null.</summary>
    private static string? WholePlaceholder(string text) =>
        text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') && text.IndexOf('}') == text.Length - 1
            ? text[2..^1]
            : null;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> Paths = new(StringComparer.Ordinal);

    private static JsonNode? Resolve(string path, List<JsonNode?> scopes)
    {
        // Template paths are few and fixed: split each once.
        var parts = Paths.GetOrAdd(path, p => p.Trim().Split('.'));
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
