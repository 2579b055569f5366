using System.Text.Json;
using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Cards;

/// <summary>Our cards' buttons carry <c>"lang": "ja"|"en"</c>, so a press is answered in the card's language.</summary>
public static class CardLanguage
{
    public static string Code(Language language) => language == Language.English ? "en" : "ja";

    public static Language? FromCardData(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("lang", out var lang) && lang.ValueKind == JsonValueKind.String
            ? lang.GetString() switch
            {
                "en" => Language.English,
                "ja" => Language.Japanese,
                _ => null,
            }
            : null;
}
