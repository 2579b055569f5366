using System.Text.RegularExpressions;

namespace KyodoBot.Core.Dialogs;

/// <summary>
/// Checks one field of a dialog definition — id, type, texts, options, <c>requiredUnless</c> — and builds it; its
/// choices, condition and validation are checked by <see cref="ChoicesNode"/>, <see cref="ConditionNode"/> and
/// <see cref="ValidationNode"/>. Every problem is reported, prefixed with the field.
/// </summary>
internal static partial class FieldNode
{
    public static readonly IReadOnlyDictionary<string, FieldType> TypeNames = new Dictionary<string, FieldType>(StringComparer.Ordinal)
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

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex FieldIdPattern();

    private sealed record FieldTexts(LocalizedText Label, LocalizedText Prompt, LocalizedText Help, LocalizedText? RequiredReason);

    public static FieldDefinition? Read(FieldDto? dto, string sectionId, List<FieldDefinition> earlier, HashSet<string> ids,
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

        CheckId(dto.Id, ids, Problem);
        var type = TypeOf(dto.Type, Problem);
        var count = problems.Count;
        var texts = Texts(dto, where, problems);
        if (!ok || problems.Count != count)
        {
            return null;
        }

        var choices = ChoicesNode.Read(dto, type, Problem);
        CheckOptions(dto, type, principles, Problem);
        var when = ConditionNode.Read(dto.When, earlier, Problem);
        var requiredUnless = RequiredUnless(dto, earlier, Problem);
        var rules = ValidationNode.Read(dto.Validation, type, earlier, Problem);
        return ok ? Create(dto, type, sectionId, texts, when, requiredUnless, choices, rules) : null;
    }

    private static void CheckId(string id, HashSet<string> ids, Action<string> problem)
    {
        if (!FieldIdPattern().IsMatch(id))
        {
            problem("the id may only use letters, digits and '_', starting with a letter.");
        }

        if (!ids.Add(id))
        {
            problem("duplicate field id.");
        }
    }

    private static FieldType TypeOf(string? name, Action<string> problem)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problem($"'type' is missing (one of: {string.Join(", ", TypeNames.Keys)}).");
            return default;
        }

        if (!TypeNames.TryGetValue(name, out var type))
        {
            problem($"unknown type '{name}' (use one of: {string.Join(", ", TypeNames.Keys)}).");
        }

        return type;
    }

    private static FieldTexts Texts(FieldDto dto, string where, List<string> problems) => new(
        DefinitionChecks.Text(dto.Label, $"{where}: 'label'", problems),
        DefinitionChecks.Text(dto.Prompt, $"{where}: 'prompt'", problems),
        DefinitionChecks.Text(dto.Help, $"{where}: 'help'", problems),
        dto.RequiredReason is null ? null : DefinitionChecks.Text(dto.RequiredReason, $"{where}: 'requiredReason'", problems));

    /// <summary><c>allowOther</c>, <c>comment</c> and <c>principle</c>: each only where it means something.</summary>
    private static void CheckOptions(FieldDto dto, FieldType type, IReadOnlyList<PrincipleDefinition> principles, Action<string> problem)
    {
        if (dto.AllowOther == true && type != FieldType.Department)
        {
            problem("'allowOther' applies to department fields only.");
        }

        if (dto.Comment == true && type != FieldType.YesNo)
        {
            problem("'comment' applies to yesno fields only.");
        }

        if (dto.Principle is { } principle && principles.All(p => p.Number != principle))
        {
            problem($"'principle' {principle} is not one of the principles defined at the top of the file ({string.Join(", ", principles.Select(p => p.Number))}).");
        }
    }

    private static string? RequiredUnless(FieldDto dto, List<FieldDefinition> earlier, Action<string> problem)
    {
        if (dto.RequiredUnless is not { } other)
        {
            return null;
        }

        if (dto.Required == true)
        {
            problem("'requiredUnless' makes no sense on a field that is 'required: true'.");
            return null;
        }

        return DefinitionChecks.EarlierField(other, earlier, "requiredUnless", problem) is null ? null : other;
    }

    private static FieldDefinition Create(FieldDto dto, FieldType type, string sectionId, FieldTexts texts, FieldCondition? when,
        string? requiredUnless, IReadOnlyList<ChoiceOption> choices, FieldRules rules) => new()
        {
            Id = dto.Id!,
            Type = type,
            SectionId = sectionId,
            Label = texts.Label,
            Prompt = texts.Prompt,
            Help = texts.Help,
            Required = dto.Required ?? false,
            RequiredUnless = requiredUnless,
            RequiredReason = texts.RequiredReason,
            When = when,
            Principle = dto.Principle,
            Choices = choices,
            AllowOther = dto.AllowOther ?? false,
            Comment = dto.Comment ?? false,
            Validation = rules,
        };
}
