using System.Text.RegularExpressions;
using KyodoBot.Core.Hosting;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace KyodoBot.Core.Dialogs;

/// <summary>
/// Reads a dialog definition (<c>dialogs/*.yaml</c>) and checks it completely before the bot starts: a broken file
/// throws <see cref="KyodoConfigurationException"/> naming the file, the field and every problem found, so that an
/// editor can fix the YAML from the start-up message alone. The format is described in the README ("Dialog
/// definitions") and by <c>dialogs/proposal-intake.yaml</c> itself.
/// </summary>
public static partial class DialogDefinitionLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    private static readonly IReadOnlyDictionary<string, FieldType> TypeNames = new Dictionary<string, FieldType>(StringComparer.Ordinal)
    {
        ["text"] = FieldType.Text,
        ["multiline"] = FieldType.Multiline,
        ["choice"] = FieldType.Choice,
        ["date"] = FieldType.Date,
        ["dates"] = FieldType.Dates,
        ["yen"] = FieldType.Yen,
        ["yesno"] = FieldType.YesNo,
        ["email"] = FieldType.Email,
        ["phone"] = FieldType.Phone,
        ["department"] = FieldType.Department,
    };

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex DefinitionIdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex FieldIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ChoiceValuePattern();

    /// <summary>Reads and checks one file.</summary>
    public static DialogDefinition LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new KyodoConfigurationException($"Dialog definition {path} was not found (set Kyodo:ContentRoot).");
        }

        return Parse(path, File.ReadAllText(path));
    }

    /// <summary>Parses and checks <paramref name="yaml"/>; <paramref name="source"/> names it in errors.</summary>
    public static DialogDefinition Parse(string source, string yaml)
    {
        DefinitionDto? dto;
        try
        {
            dto = Yaml.Deserialize<DefinitionDto?>(yaml);
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            throw new KyodoConfigurationException(
                $"Dialog definition {source} is not valid: line {ex.Start.Line}, column {ex.Start.Column}: {reason}", ex);
        }

        if (dto is null)
        {
            throw new KyodoConfigurationException($"Dialog definition {source} is empty.");
        }

        var problems = new List<string>();
        var definition = Build(dto, problems);
        if (problems.Count > 0 || definition is null)
        {
            throw new KyodoConfigurationException(
                $"Dialog definition {source} has {problems.Count} problem(s):" + string.Concat(problems.Select(p => "\n  - " + p)));
        }

        return new DialogDefinition(definition.Value.Id, definition.Value.Version, definition.Value.Title, source,
            definition.Value.Principles, definition.Value.Sections);
    }

    private static (string Id, int Version, LocalizedText Title, IReadOnlyList<PrincipleDefinition> Principles, IReadOnlyList<DialogSection> Sections)? Build(
        DefinitionDto dto, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(dto.Id))
        {
            problems.Add("'id' is missing (the dialog's id, e.g. 'proposal-intake').");
        }
        else if (!DefinitionIdPattern().IsMatch(dto.Id))
        {
            problems.Add($"'id' '{dto.Id}' may only use lower-case letters, digits and '-'.");
        }

        if (dto.Version is < 1)
        {
            problems.Add("'version' must be 1 or more.");
        }

        var title = Text(dto.Title, "'title'", problems);
        var principles = Principles(dto.Principles, problems);

        if (dto.Sections is not { Count: > 0 })
        {
            problems.Add("'sections' is missing or empty: a dialog needs at least one section with fields.");
            return null;
        }

        var sections = new List<DialogSection>();
        var fields = new List<FieldDefinition>();
        var fieldIds = new HashSet<string>(StringComparer.Ordinal);
        var sectionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < dto.Sections.Count; s++)
        {
            var section = dto.Sections[s];
            var sectionName = string.IsNullOrWhiteSpace(section?.Id) ? $"section #{s + 1}" : $"section '{section.Id}'";
            if (section is null)
            {
                problems.Add($"{sectionName} is empty.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(section.Id))
            {
                problems.Add($"{sectionName}: 'id' is missing.");
            }
            else if (!sectionIds.Add(section.Id))
            {
                problems.Add($"{sectionName}: duplicate section id.");
            }

            var sectionTitle = Text(section.Title, $"{sectionName}: 'title'", problems);
            if (section.Fields is not { Count: > 0 })
            {
                problems.Add($"{sectionName}: 'fields' is missing or empty.");
                continue;
            }

            var sectionFields = new List<FieldDefinition>();
            foreach (var fieldDto in section.Fields)
            {
                var field = Field(fieldDto, section.Id ?? "", fields, fieldIds, principles, problems);
                if (field is not null)
                {
                    sectionFields.Add(field);
                    fields.Add(field);
                }
            }

            sections.Add(new DialogSection(section.Id ?? "", sectionTitle, sectionFields));
        }

        return (dto.Id ?? "", dto.Version ?? 1, title, principles, sections);
    }

    private static IReadOnlyList<PrincipleDefinition> Principles(List<PrincipleDto?>? dtos, List<string> problems)
    {
        var principles = new List<PrincipleDefinition>();
        foreach (var dto in dtos ?? [])
        {
            if (dto?.Number is not { } number || number < 1)
            {
                problems.Add("principles: every principle needs a 'number' of 1 or more.");
                continue;
            }

            var where = $"principle {number}";
            if (principles.Any(p => p.Number == number))
            {
                problems.Add($"{where}: duplicate number.");
                continue;
            }

            principles.Add(new PrincipleDefinition(number, Text(dto.Name, $"{where}: 'name'", problems), Text(dto.Summary, $"{where}: 'summary'", problems)));
        }

        return principles;
    }

    private static FieldDefinition? Field(FieldDto? dto, string sectionId, List<FieldDefinition> earlier, HashSet<string> ids,
        IReadOnlyList<PrincipleDefinition> principles, List<string> problems)
    {
        if (dto is null)
        {
            problems.Add($"section '{sectionId}': an empty field entry.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(dto.Id))
        {
            problems.Add($"section '{sectionId}', field #{earlier.Count + 1}: 'id' is missing.");
            return null;
        }

        var where = $"field '{dto.Id}'";
        var ok = true;
        void Problem(string message)
        {
            problems.Add($"{where}: {message}");
            ok = false;
        }

        if (!FieldIdPattern().IsMatch(dto.Id))
        {
            Problem("the id may only use letters, digits and '_', starting with a letter.");
        }

        if (!ids.Add(dto.Id))
        {
            Problem("duplicate field id.");
        }

        FieldType type = default;
        if (string.IsNullOrWhiteSpace(dto.Type))
        {
            Problem($"'type' is missing (one of: {string.Join(", ", TypeNames.Keys)}).");
        }
        else if (!TypeNames.TryGetValue(dto.Type, out type))
        {
            Problem($"unknown type '{dto.Type}' (use one of: {string.Join(", ", TypeNames.Keys)}).");
        }

        var count = problems.Count;
        var label = Text(dto.Label, $"{where}: 'label'", problems);
        var prompt = Text(dto.Prompt, $"{where}: 'prompt'", problems);
        var help = Text(dto.Help, $"{where}: 'help'", problems);
        LocalizedText? requiredReason = dto.RequiredReason is null ? null : Text(dto.RequiredReason, $"{where}: 'requiredReason'", problems);
        ok &= problems.Count == count;

        if (!ok)
        {
            return null;
        }

        var choices = Choices(dto, type, Problem);
        if (dto.AllowOther == true && type != FieldType.Department)
        {
            Problem("'allowOther' applies to department fields only.");
        }

        if (dto.Comment == true && type != FieldType.YesNo)
        {
            Problem("'comment' applies to yesno fields only.");
        }

        if (dto.Principle is { } principle && principles.All(p => p.Number != principle))
        {
            Problem($"'principle' {principle} is not one of the principles defined at the top of the file ({string.Join(", ", principles.Select(p => p.Number))}).");
        }

        var when = Condition(dto.When, earlier, Problem);
        string? requiredUnless = null;
        if (dto.RequiredUnless is { } other)
        {
            if (dto.Required == true)
            {
                Problem("'requiredUnless' makes no sense on a field that is 'required: true'.");
            }
            else if (EarlierField(other, earlier, "requiredUnless", Problem) is not null)
            {
                requiredUnless = other;
            }
        }

        var rules = Rules(dto.Validation, type, earlier, Problem);
        if (!ok)
        {
            return null;
        }

        return new FieldDefinition
        {
            Id = dto.Id,
            Type = type,
            SectionId = sectionId,
            Label = label,
            Prompt = prompt,
            Help = help,
            Required = dto.Required ?? false,
            RequiredUnless = requiredUnless,
            RequiredReason = requiredReason,
            When = when,
            Principle = dto.Principle,
            Choices = choices,
            AllowOther = dto.AllowOther ?? false,
            Comment = dto.Comment ?? false,
            Validation = rules,
        };
    }

    private static IReadOnlyList<ChoiceOption> Choices(FieldDto dto, FieldType type, Action<string> problem)
    {
        if (type != FieldType.Choice)
        {
            if (dto.Choices is { Count: > 0 })
            {
                problem(type == FieldType.Department
                    ? "a department field takes its choices from the department registry at run time; remove 'choices'."
                    : $"'choices' applies to choice fields only (this field is '{dto.Type}').");
            }

            return [];
        }

        if (dto.Choices is not { Count: > 0 })
        {
            problem("a choice field needs 'choices' (a list of {value, ja, en}).");
            return [];
        }

        var choices = new List<ChoiceOption>();
        var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < dto.Choices.Count; i++)
        {
            var choice = dto.Choices[i];
            if (string.IsNullOrWhiteSpace(choice?.Value) || !ChoiceValuePattern().IsMatch(choice.Value))
            {
                problem($"choice #{i + 1} needs a 'value' of letters, digits, '_' or '-'.");
                continue;
            }

            if (!values.Add(choice.Value))
            {
                problem($"duplicate choice value '{choice.Value}'.");
            }

            if (string.IsNullOrWhiteSpace(choice.Ja) || string.IsNullOrWhiteSpace(choice.En))
            {
                problem($"choice '{choice.Value}' needs both 'ja' and 'en' text.");
                continue;
            }

            choices.Add(new ChoiceOption(choice.Value, new LocalizedText(choice.Ja.Trim(), choice.En.Trim())));
        }

        return choices;
    }

    private static FieldCondition? Condition(ConditionDto? dto, List<FieldDefinition> earlier, Action<string> problem)
    {
        if (dto is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(dto.Field))
        {
            problem("'when' needs 'field' (an earlier choice or yesno field).");
            return null;
        }

        if (EarlierField(dto.Field, earlier, "when", problem) is not { } source)
        {
            return null;
        }

        if (source.Type is not (FieldType.Choice or FieldType.YesNo))
        {
            problem($"'when' refers to '{source.Id}', which is a {source.Type.ToString().ToLowerInvariant()} field; conditions can only test choice or yesno fields.");
            return null;
        }

        List<string> values = [.. dto.In ?? []];
        if (dto.EqualsValue is { } single)
        {
            values.Add(single);
        }

        if (values.Count == 0 || (dto.EqualsValue is not null && dto.In is not null))
        {
            problem("'when' needs exactly one of 'equals: <value>' or 'in: [<values>]'.");
            return null;
        }

        var allowed = source.Type == FieldType.YesNo ? ["yes", "no"] : source.Choices.Select(c => c.Value).ToList();
        foreach (var value in values.Where(v => !allowed.Contains(v, StringComparer.Ordinal)))
        {
            problem($"'when' tests '{source.Id}' for '{value}', which it can never hold (its values: {string.Join(", ", allowed)}).");
            return null;
        }

        return new FieldCondition(source.Id, values);
    }

    private static FieldRules Rules(ValidationDto? dto, FieldType type, List<FieldDefinition> earlier, Action<string> problem)
    {
        if (dto is null)
        {
            return FieldRules.None;
        }

        var isText = type is FieldType.Text or FieldType.Multiline;
        var isDate = type is FieldType.Date or FieldType.Dates;
        void OnlyFor(bool applies, object? value, string key, string types)
        {
            if (value is not null && !applies)
            {
                problem($"validation '{key}' applies to {types} fields only.");
            }
        }

        OnlyFor(isText, dto.MinLength, "minLength", "text and multiline");
        OnlyFor(isText, dto.MaxLength, "maxLength", "text and multiline");
        OnlyFor(isText, dto.Pattern, "pattern", "text and multiline");
        OnlyFor(isText, dto.PatternMessage, "patternMessage", "text and multiline");
        OnlyFor(type == FieldType.Yen, dto.Min, "min", "yen");
        OnlyFor(type == FieldType.Yen, dto.Max, "max", "yen");
        OnlyFor(isDate, dto.NotBefore, "notBefore", "date and dates");
        OnlyFor(isDate, dto.After, "after", "date and dates");
        OnlyFor(isDate, dto.NotAfter, "notAfter", "date and dates");
        OnlyFor(isDate, dto.Before, "before", "date and dates");
        OnlyFor(type == FieldType.Dates, dto.SomeBefore, "someBefore", "dates");
        OnlyFor(type == FieldType.Dates, dto.MaxItems, "maxItems", "dates");
        OnlyFor(type == FieldType.Date, dto.MaxYears, "maxYears", "date");

        if (dto.MinLength is < 0 || dto.MaxLength is < 1 || dto.MinLength > dto.MaxLength)
        {
            problem("validation 'minLength'/'maxLength' must satisfy 0 ≤ minLength ≤ maxLength and maxLength ≥ 1.");
        }

        if (dto.Min is < 0 || dto.Max is < 0 || dto.Min > dto.Max)
        {
            problem("validation 'min'/'max' must satisfy 0 ≤ min ≤ max.");
        }

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

        Regex? pattern = null;
        if (dto.Pattern is { } text)
        {
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
        }

        LocalizedText? patternMessage = null;
        if (dto.PatternMessage is not null)
        {
            var errors = new List<string>();
            patternMessage = Text(dto.PatternMessage, "validation 'patternMessage'", errors);
            errors.ForEach(problem);
            if (dto.Pattern is null)
            {
                problem("validation 'patternMessage' without a 'pattern'.");
            }
        }

        DateReference? Date(string? value, string key) =>
            value is null ? null
            : value == DateReference.TodayKeyword ? DateReference.Today
            : EarlierField(value, earlier, $"validation '{key}'", problem) is { } f
                ? f.Type == FieldType.Date ? new DateReference(f.Id) : Fail($"validation '{key}' refers to '{f.Id}', which is not a date field.")
                : null;

        DateReference? Fail(string message)
        {
            problem(message);
            return null;
        }

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

    /// <summary>Finds <paramref name="id"/> among the fields defined before this one, explaining why not otherwise.</summary>
    private static FieldDefinition? EarlierField(string id, List<FieldDefinition> earlier, string key, Action<string> problem)
    {
        if (earlier.FirstOrDefault(f => f.Id == id) is { } found)
        {
            return found;
        }

        problem($"{key} refers to '{id}', which is not a field defined before this one (unknown, later, or the field itself).");
        return null;
    }

    private static LocalizedText Text(LocalizedDto? dto, string where, List<string> problems)
    {
        var ja = dto?.Ja?.Trim();
        var en = dto?.En?.Trim();
        if (dto is null)
        {
            problems.Add($"{where} is missing (give both 'ja' and 'en').");
        }
        else if (string.IsNullOrEmpty(ja) || string.IsNullOrEmpty(en))
        {
            problems.Add($"{where} is missing its {(string.IsNullOrEmpty(ja) ? "'ja'" : "'en'")} text.");
        }

        return new LocalizedText(ja ?? "", en ?? "");
    }

    // The YAML shapes. Properties are nullable: the checks above say what is missing, YamlDotNet rejects unknown keys.
#pragma warning disable CA1812 // instantiated by YamlDotNet
    private sealed class DefinitionDto
    {
        public string? Id { get; set; }
        public int? Version { get; set; }
        public LocalizedDto? Title { get; set; }
        public List<PrincipleDto?>? Principles { get; set; }
        public List<SectionDto?>? Sections { get; set; }
    }

    private sealed class PrincipleDto
    {
        public int? Number { get; set; }
        public LocalizedDto? Name { get; set; }
        public LocalizedDto? Summary { get; set; }
    }

    private sealed class SectionDto
    {
        public string? Id { get; set; }
        public LocalizedDto? Title { get; set; }
        public List<FieldDto?>? Fields { get; set; }
    }

    private sealed class FieldDto
    {
        public string? Id { get; set; }
        public string? Type { get; set; }
        public LocalizedDto? Label { get; set; }
        public LocalizedDto? Prompt { get; set; }
        public LocalizedDto? Help { get; set; }
        public bool? Required { get; set; }
        public string? RequiredUnless { get; set; }
        public LocalizedDto? RequiredReason { get; set; }
        public ConditionDto? When { get; set; }
        public int? Principle { get; set; }
        public List<ChoiceDto?>? Choices { get; set; }
        public bool? AllowOther { get; set; }
        public bool? Comment { get; set; }
        public ValidationDto? Validation { get; set; }
    }

    private sealed class LocalizedDto
    {
        public string? Ja { get; set; }
        public string? En { get; set; }
    }

    private sealed class ChoiceDto
    {
        public string? Value { get; set; }
        public string? Ja { get; set; }
        public string? En { get; set; }
    }

    private sealed class ConditionDto
    {
        public string? Field { get; set; }
        [YamlMember(Alias = "equals")]
        public string? EqualsValue { get; set; }
        public List<string>? In { get; set; }
    }

    private sealed class ValidationDto
    {
        public int? MinLength { get; set; }
        public int? MaxLength { get; set; }
        public string? Pattern { get; set; }
        public LocalizedDto? PatternMessage { get; set; }
        public long? Min { get; set; }
        public long? Max { get; set; }
        public string? NotBefore { get; set; }
        public string? After { get; set; }
        public string? NotAfter { get; set; }
        public string? Before { get; set; }
        public string? SomeBefore { get; set; }
        public int? MaxItems { get; set; }
        public int? MaxYears { get; set; }
    }
#pragma warning restore CA1812
}
