using System.Text.RegularExpressions;

namespace KyodoBot.Core.Dialogs;

/// <summary>Checks a field's <c>choices</c>: only on choice fields, each with a unique value and both texts.</summary>
internal static partial class ChoicesNode
{
    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ChoiceValuePattern();


    public static IReadOnlyList<ChoiceOption> Read(FieldDto dto, FieldType type, Action<string> problem)
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
}
