using System.Globalization;
using System.Text.Json;

namespace KyodoBot.Core.Cards;

/// <summary>Reads values a card sent back. Cards are client-side: numbers may arrive as strings, anything may be missing.</summary>
public static class CardData
{
    public static string? String(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static bool TryGetLong(JsonElement data, string name, out long result)
    {
        result = 0;
        return String(data, name) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
    }
}
