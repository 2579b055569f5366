using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Dialogs.Parsing;

namespace KyodoBot.Core.Dialogs;

/// <summary>A valid answer in canonical form, and the comment of a yes/no field.</summary>
public sealed record FieldAnswer(string Value, string? Comment = null);

/// <summary>The outcome of checking one answer: a canonical answer, an error, or nothing given.</summary>
public sealed record FieldCheck(FieldAnswer? Answer, string? Error)
{
    public static FieldCheck Empty { get; } = new(null, null);

    public bool IsValid => Answer is not null;
    public bool IsEmpty => Answer is null && Error is null;
}

/// <summary>
/// Checks one answer against its field: parses it by type (after NFKC), applies the field's rules and returns the
/// canonical value, or an error that says what is wrong and how to answer, with an example, in the user's language.
/// Pure: the same input, answers and day give the same result. Used for chat answers, for re-checking stored answers,
/// and for whole forms (<see cref="DialogEngine.ValidateAll"/>).
/// </summary>
public sealed class FieldValidator(DialogTexts texts)
{
    /// <summary>Definition regexes run on user input: bounded, so a careless pattern cannot stall a turn.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Limits when the definition gives none (cards must stay small: Teams refuses messages over 100 KB).</summary>
    public const int DefaultTextMaxLength = 200;
    public const int DefaultMultilineMaxLength = 2000;
    public const int CommentMaxLength = 500;
    public const int DefaultMaxDates = 12;

    public FieldCheck Check(DialogDefinition definition, FieldDefinition field, string? input,
        IReadOnlyDictionary<string, string> answers, DialogContext context, Language language)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return FieldCheck.Empty;
        }

        return field.Type switch
        {
            FieldType.Text => CheckText(field, FreeText.SingleLine(input), language),
            FieldType.Multiline => CheckText(field, FreeText.Multiline(input), language),
            FieldType.Choice => CheckChoice(field, input, language),
            FieldType.Department => CheckDepartment(field, input, context, language),
            FieldType.Date => CheckDate(definition, field, input, answers, context, language),
            FieldType.Dates => CheckDates(definition, field, input, answers, context, language),
            FieldType.Yen => CheckYen(field, input, language),
            FieldType.YesNo => CheckYesNo(field, input, language),
            FieldType.Email => EmailAddressParser.TryParse(input, out var email) ? Ok(email) : Error(language, "error.email"),
            FieldType.Phone => PhoneNumberParser.TryParse(input, out var phone) ? Ok(phone) : Error(language, "error.phone"),
            _ => throw new InvalidOperationException($"Unhandled field type {field.Type}."),
        };
    }

    /// <summary>How to answer a field of this kind, with an example (shown under prompts and in help).</summary>
    public string? Hint(FieldDefinition field, Language language) => field.Type switch
    {
        FieldType.Text => texts.Get(language, "hint.text", MaxLength(field)),
        FieldType.Multiline => texts.Get(language, "hint.multiline", MaxLength(field)),
        FieldType.Choice => texts.Get(language, "hint.choice"),
        FieldType.Department => texts.Get(language, field.AllowOther ? "hint.departmentOther" : "hint.department"),
        FieldType.Date => texts.Get(language, "hint.date"),
        FieldType.Dates => texts.Get(language, "hint.dates"),
        FieldType.Yen => texts.Get(language, "hint.yen"),
        FieldType.YesNo => texts.Get(language, field.Comment ? "hint.yesnoComment" : "hint.yesno"),
        FieldType.Email => texts.Get(language, "hint.email"),
        FieldType.Phone => texts.Get(language, "hint.phone"),
        _ => null,
    };

    private static FieldCheck Ok(string value, string? comment = null) => new(new FieldAnswer(value, comment), null);

    private FieldCheck Error(Language language, string key, params object?[] args) => new(null, texts.Get(language, key, args));

    private static int MaxLength(FieldDefinition field) =>
        field.Validation.MaxLength ?? (field.Type == FieldType.Multiline ? DefaultMultilineMaxLength : DefaultTextMaxLength);

    private FieldCheck CheckText(FieldDefinition field, string text, Language language)
    {
        if (text.Length == 0)
        {
            return FieldCheck.Empty;
        }

        var length = FreeText.Length(text);
        if (field.Validation.MinLength is { } min && length < min)
        {
            return Error(language, "error.text.tooShort", min, length);
        }

        var max = MaxLength(field);
        if (length > max)
        {
            return Error(language, "error.text.tooLong", max, length);
        }

        if (field.Validation.Pattern is { } pattern)
        {
            bool matches;
            try
            {
                matches = pattern.IsMatch(text);
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                matches = false;
            }

            if (!matches)
            {
                return new FieldCheck(null, field.Validation.PatternMessage?.Get(language) ?? texts.Get(language, "error.pattern"));
            }
        }

        return Ok(text);
    }

    private FieldCheck CheckChoice(FieldDefinition field, string input, Language language)
    {
        if (ChoiceMatcher.Match(field.Choices, input) is { } choice)
        {
            return Ok(choice.Value);
        }

        var list = string.Join("\n", field.Choices.Select((c, i) => $"{i + 1}. {c.Label.Get(language)}"));
        return Error(language, "error.choice", list);
    }

    private FieldCheck CheckDepartment(FieldDefinition field, string input, DialogContext context, Language language)
    {
        var departments = context.Departments;
        if (ChoiceMatcher.Match(departments, input) is { } name)
        {
            return Ok(name);
        }

        var typed = DepartmentRegistry.NormalizeName(input);
        var isNumber = typed.All(c => char.IsAsciiDigit(c) || c is '.' or ')' or '(' or '番');
        if ((field.AllowOther || departments.Count == 0) && !isNumber)
        {
            return typed.Length > DepartmentRegistry.MaxNameLength
                ? Error(language, "error.department.tooLong", DepartmentRegistry.MaxNameLength)
                : Ok(typed);
        }

        if (departments.Count == 0)
        {
            return Error(language, "error.department.none");
        }

        var list = string.Join("\n", departments.Select((d, i) => $"{i + 1}. {d}"));
        return Error(language, "error.department", list);
    }

    private FieldCheck CheckDate(DialogDefinition definition, FieldDefinition field, string input,
        IReadOnlyDictionary<string, string> answers, DialogContext context, Language language)
    {
        var error = ParseDate(input, language, out var date);
        if (error is not null)
        {
            return new FieldCheck(null, error);
        }

        error = CheckDateRules(definition, field.Validation, date, answers, context, language);
        return error is null ? Ok(JapaneseDateParser.ToCanonical(date)) : new FieldCheck(null, error);
    }

    private FieldCheck CheckDates(DialogDefinition definition, FieldDefinition field, string input,
        IReadOnlyDictionary<string, string> answers, DialogContext context, Language language)
    {
        var parts = FreeText.SingleLine(input.Replace('\n', ' '))
            .Split([',', '、', ';', '；', ' ', '・', '～', '〜'], StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(p => p.Split('と', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        var dates = new SortedSet<DateOnly>();
        for (var i = 0; i < parts.Count; i++)
        {
            var error = ParseDate(parts[i], language, out var date)
                ?? CheckDateRules(definition, field.Validation, date, answers, context, language);
            if (error is not null)
            {
                return Error(language, "error.dates.item", i + 1, error);
            }

            dates.Add(date);
        }

        if (dates.Count == 0)
        {
            return Error(language, "error.date.format");
        }

        var maxItems = field.Validation.MaxItems ?? DefaultMaxDates;
        if (dates.Count > maxItems)
        {
            return Error(language, "error.dates.tooMany", maxItems);
        }

        if (field.Validation.SomeBefore is { } someBefore && Resolve(someBefore, answers, context) is { } limit && dates.Min >= limit)
        {
            return Error(language, "error.dates.someBefore", Describe(definition, someBefore, limit, language));
        }

        return Ok(string.Join(',', dates.Select(JapaneseDateParser.ToCanonical)));
    }

    private string? ParseDate(string input, Language language, out DateOnly date) => JapaneseDateParser.Parse(input, out date) switch
    {
        DateParseError.None => null,
        DateParseError.NoSuchDate => texts.Get(language, "error.date.noSuchDate"),
        DateParseError.BeforeEra => texts.Get(language, "error.date.beforeEra"),
        _ => texts.Get(language, "error.date.format"),
    };

    private string? CheckDateRules(DialogDefinition definition, FieldRules rules, DateOnly date,
        IReadOnlyDictionary<string, string> answers, DialogContext context, Language language)
    {
        // A rule whose other field has no (valid) answer yet cannot be checked; it is checked again once it has one.
        (DateReference? Rule, Func<DateOnly, DateOnly, bool> Holds, string Key)[] checks =
        [
            (rules.NotBefore, (d, l) => d >= l, "error.date.notBefore"),
            (rules.After, (d, l) => d > l, "error.date.after"),
            (rules.NotAfter, (d, l) => d <= l, "error.date.notAfter"),
            (rules.Before, (d, l) => d < l, "error.date.before"),
        ];
        foreach (var (rule, holds, key) in checks)
        {
            if (rule is not null && Resolve(rule, answers, context) is { } limit && !holds(date, limit))
            {
                return texts.Get(language, key, Describe(definition, rule, limit, language));
            }
        }

        if (rules.MaxYears is { } years && (rules.After ?? rules.NotBefore) is { } from && Resolve(from, answers, context) is { } origin
            && date > origin.AddYears(years))
        {
            return texts.Get(language, "error.date.maxYears", Describe(definition, from, origin, language), years,
                DialogTexts.FormatDate(origin.AddYears(years), language));
        }

        return null;
    }

    private static DateOnly? Resolve(DateReference reference, IReadOnlyDictionary<string, string> answers, DialogContext context) =>
        reference.IsToday ? context.Today
        : answers.TryGetValue(reference.FieldId!, out var value) && JapaneseDateParser.TryParse(value, out var date) ? date
        : null;

    /// <summary>「今日（2026年11月29日）」 or 「開始日（2027年4月1日）」.</summary>
    private string Describe(DialogDefinition definition, DateReference reference, DateOnly date, Language language) =>
        reference.IsToday
            ? texts.Get(language, "ref.today", DialogTexts.FormatDate(date, language))
            : texts.Get(language, "ref.field", definition.Field(reference.FieldId)?.Label.Get(language) ?? reference.FieldId, DialogTexts.FormatDate(date, language));

    private FieldCheck CheckYen(FieldDefinition field, string input, Language language)
    {
        var error = YenParser.Parse(input, out var yen);
        if (error == YenParseError.None)
        {
            if (field.Validation.Min is { } min && yen < min)
            {
                return Error(language, "error.yen.min", DialogTexts.FormatYen(min, language));
            }

            if (field.Validation.Max is { } max && yen > max)
            {
                return Error(language, "error.yen.max", DialogTexts.FormatYen(max, language));
            }

            return Ok(YenParser.ToCanonical(yen));
        }

        return Error(language, error switch
        {
            YenParseError.Negative => "error.yen.negative",
            YenParseError.Fraction => "error.yen.fraction",
            YenParseError.TooLarge => "error.yen.tooLarge",
            _ => "error.yen.format",
        });
    }

    private FieldCheck CheckYesNo(FieldDefinition field, string input, Language language)
    {
        if (!YesNoParser.TryParse(input, out var yes, out var rest))
        {
            return Error(language, field.Comment ? "error.yesnoComment" : "error.yesno");
        }

        string? comment = null;
        if (field.Comment && rest.Length > 0)
        {
            var length = FreeText.Length(rest);
            if (length > CommentMaxLength)
            {
                return Error(language, "error.comment.tooLong", CommentMaxLength, length);
            }

            comment = rest;
        }

        return Ok(yes ? "yes" : "no", comment);
    }
}
