using YamlDotNet.Serialization;

namespace KyodoBot.Core.Dialogs;

// The YAML shapes of dialogs/*.yaml. Properties are nullable: the node validators (FieldNode, ValidationNode …) say
// what is missing; YamlDotNet rejects unknown keys.
#pragma warning disable CA1812 // instantiated by YamlDotNet
internal sealed class DefinitionDto
{
    public string? Id { get; set; }
    public int? Version { get; set; }
    public LocalizedDto? Title { get; set; }
    public List<PrincipleDto?>? Principles { get; set; }
    public List<SectionDto?>? Sections { get; set; }
}

internal sealed class PrincipleDto
{
    public int? Number { get; set; }
    public LocalizedDto? Name { get; set; }
    public LocalizedDto? Summary { get; set; }
}

internal sealed class SectionDto
{
    public string? Id { get; set; }
    public LocalizedDto? Title { get; set; }
    public List<FieldDto?>? Fields { get; set; }
}

internal sealed class FieldDto
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

internal sealed class LocalizedDto
{
    public string? Ja { get; set; }
    public string? En { get; set; }
}

internal sealed class ChoiceDto
{
    public string? Value { get; set; }
    public string? Ja { get; set; }
    public string? En { get; set; }
}

internal sealed class ConditionDto
{
    public string? Field { get; set; }
    [YamlMember(Alias = "equals")]
    public string? EqualsValue { get; set; }
    public List<string>? In { get; set; }
}

internal sealed class ValidationDto
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
