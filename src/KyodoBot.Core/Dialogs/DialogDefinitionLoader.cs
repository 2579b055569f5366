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
/// definitions") and by <c>dialogs/proposal-intake.yaml</c> itself. This class reads the file and its sections; each
/// field is checked by <see cref="FieldNode"/> and the node validators it uses.
/// </summary>
public static partial class DialogDefinitionLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();


    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex DefinitionIdPattern();

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

        var title = DefinitionChecks.Text(dto.Title, "'title'", problems);
        var principles = Principles(dto.Principles, problems);

        if (dto.Sections is not { Count: > 0 })
        {
            problems.Add("'sections' is missing or empty: a dialog needs at least one section with fields.");
            return null;
        }

        var sections = new List<DialogSection>();
        var read = new ReadSoFar();
        for (var s = 0; s < dto.Sections.Count; s++)
        {
            if (Section(dto.Sections[s], s, read, principles, problems) is { } section)
            {
                sections.Add(section);
            }
        }

        return (dto.Id ?? "", dto.Version ?? 1, title, principles, sections);
    }

    /// <summary>The fields and ids read so far: a field may only refer to earlier ones, and ids are unique.</summary>
    private sealed class ReadSoFar
    {
        public List<FieldDefinition> Fields { get; } = [];
        public HashSet<string> FieldIds { get; } = new(StringComparer.Ordinal);
        public HashSet<string> SectionIds { get; } = new(StringComparer.Ordinal);
    }

    private static DialogSection? Section(SectionDto? section, int index, ReadSoFar read, IReadOnlyList<PrincipleDefinition> principles, List<string> problems)
    {
        var sectionName = string.IsNullOrWhiteSpace(section?.Id) ? $"section #{index + 1}" : $"section '{section.Id}'";
        if (section is null)
        {
            problems.Add($"{sectionName} is empty.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(section.Id))
        {
            problems.Add($"{sectionName}: 'id' is missing.");
        }
        else if (!read.SectionIds.Add(section.Id))
        {
            problems.Add($"{sectionName}: duplicate section id.");
        }

        var sectionTitle = DefinitionChecks.Text(section.Title, $"{sectionName}: 'title'", problems);
        if (section.Fields is not { Count: > 0 })
        {
            problems.Add($"{sectionName}: 'fields' is missing or empty.");
            return null;
        }

        var sectionFields = new List<FieldDefinition>();
        foreach (var fieldDto in section.Fields)
        {
            if (FieldNode.Read(fieldDto, section.Id ?? "", read.Fields, read.FieldIds, principles, problems) is { } field)
            {
                sectionFields.Add(field);
                read.Fields.Add(field);
            }
        }

        return new DialogSection(section.Id ?? "", sectionTitle, sectionFields);
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

            principles.Add(new PrincipleDefinition(number, DefinitionChecks.Text(dto.Name, $"{where}: 'name'", problems), DefinitionChecks.Text(dto.Summary, $"{where}: 'summary'", problems)));
        }

        return principles;
    }
}
