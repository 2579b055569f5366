namespace KyodoBot.Core.Dialogs;

/// <summary>Checks shared by the node validators of a dialog definition.</summary>
internal static class DefinitionChecks
{
    /// <summary>A {ja, en} text; a missing one (or a missing language) is a problem.</summary>
    public static LocalizedText Text(LocalizedDto? dto, string where, List<string> problems)
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

    /// <summary>Finds <paramref name="id"/> among the fields defined before this one, explaining why not otherwise.</summary>
    public static FieldDefinition? EarlierField(string id, List<FieldDefinition> earlier, string key, Action<string> problem)
    {
        if (earlier.FirstOrDefault(f => f.Id == id) is { } found)
        {
            return found;
        }

        problem($"{key} refers to '{id}', which is not a field defined before this one (unknown, later, or the field itself).");
        return null;
    }
}
