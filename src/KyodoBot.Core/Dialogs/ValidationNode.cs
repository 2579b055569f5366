using System.Text.RegularExpressions;

namespace KyodoBot.Core.Dialogs;

/// <summary>
/// Checks a field's <c>validation</c>, one method per kind of rule: which rules apply to which field types, lengths,
/// amounts, dates counted in items and years, the pattern with its message, and the date references
/// (<c>today</c> or an earlier date field).
/// </summary>
internal static class ValidationNode
{
    /// <summary>Each rule, the field types it applies to, and how the error names them.</summary>
    private static readonly (string Key, Func<ValidationDto, object?> Value, Func<FieldType, bool> AppliesTo, string Types)[] Applicability =
    [
        ("minLength", d => d.MinLength, IsText, "text and multiline"),
        ("maxLength", d => d.MaxLength, IsText, "text and multiline"),
        ("pattern", d => d.Pattern, IsText, "text and multiline"),
        ("patternMessage", d => d.PatternMessage, IsText, "text and multiline"),
        ("min", d => d.Min, t => t == FieldType.Yen, "yen"),
        ("max", d => d.Max, t => t == FieldType.Yen, "yen"),
        ("notBefore", d => d.NotBefore, IsDate, "date and dates"),
        ("after", d => d.After, IsDate, "date and dates"),
        ("notAfter", d => d.NotAfter, IsDate, "date and dates"),
        ("before", d => d.Before, IsDate, "date and dates"),
        ("someBefore", d => d.SomeBefore, t => t == FieldType.Dates, "dates"),
        ("maxItems", d => d.MaxItems, t => t == FieldType.Dates, "dates"),
        ("maxYears", d => d.MaxYears, t => t == FieldType.Date, "date"),
    ];

    public static FieldRules Read(ValidationDto? dto, FieldType type, List<FieldDefinition> earlier, Action<string> problem)
    {
        if (dto is null)
        {
            return FieldRules.None;
        }

        CheckApplies(dto, type, problem);
        CheckLengths(dto, problem);
        CheckAmounts(dto, problem);
        CheckItemsAndYears(dto, problem);
        var pattern = Pattern(dto, problem);
        var patternMessage = PatternMessage(dto, problem);
        DateReference? Date(string? value, string key) => DateRef(value, key, earlier, problem);
        return new FieldRules
        {
            MinLength = dto.MinLength,
            MaxLength = dto.MaxLength,
            Pattern = pattern,
            PatternMessage = patternMessage,
            Min = dto.Min,
            Max = dto.Max,
            NotBefore = Date(dto.NotBefore, "notBefore"),
            After = Date(dto.After, "after"),
            NotAfter = Date(dto.NotAfter, "notAfter"),
            Before = Date(dto.Before, "before"),
            SomeBefore = Date(dto.SomeBefore, "someBefore"),
            MaxItems = dto.MaxItems,
            MaxYears = dto.MaxYears,
        };
    }

    private static bool IsText(FieldType type) => type is FieldType.Text or FieldType.Multiline;

    private static bool IsDate(FieldType type) => type is FieldType.Date or FieldType.Dates;

    private static void CheckApplies(ValidationDto dto, FieldType type, Action<string> problem)
    {
        foreach (var (key, value, appliesTo, types) in Applicability)
        {
            if (value(dto) is not null && !appliesTo(type))
            {
                problem($"validation '{key}' applies to {types} fields only.");
            }
        }
    }

    private static void CheckLengths(ValidationDto dto, Action<string> problem)
    {
        if (dto.MinLength is < 0 || dto.MaxLength is < 1 || dto.MinLength > dto.MaxLength)
        {
            problem("validation 'minLength'/'maxLength' must satisfy 0 ≤ minLength ≤ maxLength and maxLength ≥ 1.");
        }
    }

    private static void CheckAmounts(ValidationDto dto, Action<string> problem)
    {
        if (dto.Min is < 0 || dto.Max is < 0 || dto.Min > dto.Max)
        {
            problem("validation 'min'/'max' must satisfy 0 ≤ min ≤ max.");
        }
    }

    private static void CheckItemsAndYears(ValidationDto dto, Action<string> problem)
    {
        if (dto.MaxItems is < 1)
        {
            problem("validation 'maxItems' must be 1 or more.");
        }

        if (dto.MaxYears is < 1 or > 100)
        {
            problem("validation 'maxYears' must be between 1 and 100.");
        }

        if (dto.MaxYears is not null && (dto.After ?? dto.NotBefore) is null or DateReference.TodayKeyword)
        {
            problem("validation 'maxYears' counts from the field named by 'after' (or 'notBefore'); name an earlier date field there.");
        }
    }

    private static Regex? Pattern(ValidationDto dto, Action<string> problem)
    {
        if (dto.Pattern is not { } text)
        {
            return null;
        }

        Regex? pattern = null;
        try
        {
            pattern = new Regex(text, RegexOptions.CultureInvariant, FieldValidator.PatternTimeout);
        }
        catch (ArgumentException ex)
        {
            problem($"validation 'pattern' is not a valid regular expression: {ex.Message}");
        }

        if (dto.PatternMessage is null)
        {
            problem("validation 'pattern' needs a 'patternMessage' {ja, en} that tells the user how to answer.");
        }

        return pattern;
    }

    private static LocalizedText? PatternMessage(ValidationDto dto, Action<string> problem)
    {
        if (dto.PatternMessage is null)
        {
            return null;
        }

        var errors = new List<string>();
        var message = DefinitionChecks.Text(dto.PatternMessage, "validation 'patternMessage'", errors);
        errors.ForEach(problem);
        if (dto.Pattern is null)
        {
            problem("validation 'patternMessage' without a 'pattern'.");
        }

        return message;
    }

    /// <summary><c>today</c>, or an earlier date field by id.</summary>
    private static DateReference? DateRef(string? value, string key, List<FieldDefinition> earlier, Action<string> problem)
    {
        if (value is null)
        {
            return null;
        }

        if (value == DateReference.TodayKeyword)
        {
            return DateReference.Today;
        }

        if (DefinitionChecks.EarlierField(value, earlier, $"validation '{key}'", problem) is not { } field)
        {
            return null;
        }

        if (field.Type == FieldType.Date)
        {
            return new DateReference(field.Id);
        }

        problem($"validation '{key}' refers to '{field.Id}', which is not a date field.");
        return null;
    }
}
