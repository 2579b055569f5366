using System.Globalization;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs.Parsing;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Dialogs;

/// <summary>The dialog's user-facing words (<c>dialog.*</c> keys of the Localization resources) and value formats.</summary>
public sealed class DialogTexts(Texts texts)
{
    public string Get(Language language, string key, params object?[] args) => texts.Get(language, "dialog." + key, args);

    public static string FormatDate(DateOnly date, Language language) => language == Language.English
        ? date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)
        : date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    public static string FormatYen(long yen, Language language) => language == Language.English
        ? "¥" + yen.ToString("N0", CultureInfo.InvariantCulture)
        : yen.ToString("N0", CultureInfo.InvariantCulture) + "円";

    public string Separator(Language language) => Get(language, "listSeparator");

    /// <summary>「6 公開の原則」 / "principle 6 (disclosure)".</summary>
    public string? PrincipleName(DialogDefinition definition, int? number, Language language) =>
        definition.Principle(number) is { } p ? Get(language, "principle.name", p.Number, p.Name.Get(language)) : null;

    /// <summary>A canonical answer as the user reads it: choice labels, はい/いいえ, formatted dates and amounts.</summary>
    public string Display(FieldDefinition field, string value, Language language)
    {
        switch (field.Type)
        {
            case FieldType.Choice:
                return field.Choices.FirstOrDefault(c => c.Value == value)?.Label.Get(language) ?? value;
            case FieldType.YesNo:
                return Get(language, value == "yes" ? "yes" : "no");
            case FieldType.Date when JapaneseDateParser.TryParse(value, out var date):
                return FormatDate(date, language);
            case FieldType.Dates:
                return string.Join(Separator(language), value.Split(',').Select(d => JapaneseDateParser.TryParse(d, out var each) ? FormatDate(each, language) : d));
            case FieldType.Yen when YenParser.TryParse(value, out var yen):
                return FormatYen(yen, language);
            default:
                return value;
        }
    }
}
