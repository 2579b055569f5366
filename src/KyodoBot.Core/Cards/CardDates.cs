using System.Globalization;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs;

namespace KyodoBot.Core.Cards;

/// <summary>
/// Dates and times as people read them on cards, the way the dialog writes them: 2027年4月1日 / 2027年4月1日 14:30 in
/// Japanese, April 1, 2027 / April 1, 2027 14:30 in English. Machine formats (yyyy-MM-dd) stay in exports and the CLI.
/// </summary>
public static class CardDates
{
    public static string Date(DateOnly date, Language language) => DialogTexts.FormatDate(date, language);

    /// <summary>A moment in <paramref name="zone"/> (the city's, Asia/Tokyo), to the minute.</summary>
    public static string DateTime(DateTimeOffset at, TimeZoneInfo zone, Language language)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return Date(DateOnly.FromDateTime(local.DateTime), language) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>「2027年4月1日〜2028年3月31日」 / "April 1, 2027 – March 31, 2028".</summary>
    public static string Period(DateOnly start, DateOnly end, Language language) =>
        Date(start, language) + (language == Language.English ? " – " : "〜") + Date(end, language);
}
