namespace KyodoBot.Core.Dialogs;

/// <summary>
/// Checks a field's <c>when</c>: it tests an earlier choice or yesno field, with exactly one of <c>equals</c> or
/// <c>in</c>, for values that field can hold.
/// </summary>
internal static class ConditionNode
{

    public static FieldCondition? Read(ConditionDto? dto, List<FieldDefinition> earlier, Action<string> problem)
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

        if (DefinitionChecks.EarlierField(dto.Field, earlier, "when", problem) is not { } source)
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
}
