using System.Collections.Frozen;
using System.Text.RegularExpressions;
using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Dialogs;

/// <summary>What a field collects; decides how an answer is parsed and stored (see <see cref="FieldValidator"/>).</summary>
public enum FieldType
{
    /// <summary>One line of text (whitespace collapsed). Canonical: the NFKC-normalised text.</summary>
    Text,
    /// <summary>Text that keeps its line breaks. Canonical: NFKC per line, joined with <c>\n</c>.</summary>
    Multiline,
    /// <summary>One of the definition's <c>choices</c>. Canonical: the choice's <c>value</c>.</summary>
    Choice,
    /// <summary>A date. Canonical: <c>yyyy-MM-dd</c>.</summary>
    Date,
    /// <summary>One or more dates. Canonical: sorted, distinct <c>yyyy-MM-dd</c> joined with <c>,</c>.</summary>
    Dates,
    /// <summary>An amount in yen. Canonical: the integer, invariant culture, no separators.</summary>
    Yen,
    /// <summary>はい / いいえ. Canonical: <c>yes</c> or <c>no</c>; an optional comment is stored under <see cref="DialogSession.CommentKey"/>.</summary>
    YesNo,
    /// <summary>An e-mail address. Canonical: as typed (NFKC), domain lower-cased.</summary>
    Email,
    /// <summary>A Japanese phone number. Canonical: the user's grouping with <c>-</c>, or a standard grouping, or digits.</summary>
    Phone,
    /// <summary>A department (所管課); choices come at run time from <see cref="DialogContext.Departments"/>. Canonical: the name.</summary>
    Department,
}

/// <summary>A text in both languages of the bot.</summary>
public sealed record LocalizedText(string Ja, string En)
{
    public string Get(Language language) => language == Language.English ? En : Ja;
}

/// <summary>One of the seed's principles of conduct (行動規範), e.g. 6 公開の原則.</summary>
public sealed record PrincipleDefinition(int Number, LocalizedText Name, LocalizedText Summary);

/// <summary>An option of a <see cref="FieldType.Choice"/> field; <see cref="Value"/> is what is stored.</summary>
public sealed record ChoiceOption(string Value, LocalizedText Label);

/// <summary>The field is asked only when the earlier field <see cref="FieldId"/> holds one of <see cref="Values"/>.</summary>
public sealed record FieldCondition(string FieldId, IReadOnlyList<string> Values)
{
    public bool Matches(string? answer) => answer is not null && Values.Contains(answer, StringComparer.Ordinal);
}

/// <summary>The other end of a date rule: today (Asia/Tokyo) or the answer of an earlier date field.</summary>
public sealed record DateReference(string? FieldId)
{
    public const string TodayKeyword = "today";

    public static DateReference Today { get; } = new((string?)null);

    public bool IsToday => FieldId is null;
}

/// <summary>The checks of one field. Every rule is optional; the loader rejects rules that do not fit the type.</summary>
public sealed record FieldRules
{
    public static FieldRules None { get; } = new();

    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public Regex? Pattern { get; init; }
    public LocalizedText? PatternMessage { get; init; }
    public long? Min { get; init; }
    public long? Max { get; init; }
    /// <summary>On or after (≥).</summary>
    public DateReference? NotBefore { get; init; }
    /// <summary>Strictly after (&gt;).</summary>
    public DateReference? After { get; init; }
    /// <summary>On or before (≤).</summary>
    public DateReference? NotAfter { get; init; }
    /// <summary>Strictly before (&lt;).</summary>
    public DateReference? Before { get; init; }
    /// <summary><see cref="FieldType.Dates"/> only: at least one of the dates is strictly before this.</summary>
    public DateReference? SomeBefore { get; init; }
    /// <summary><see cref="FieldType.Dates"/> only: how many dates at most.</summary>
    public int? MaxItems { get; init; }
    /// <summary>
    /// <see cref="FieldType.Date"/> only: at most this many years after the date named by <see cref="After"/> (or
    /// <see cref="NotBefore"/>) — a project's end date, so that its evaluation schedule stays bounded.
    /// </summary>
    public int? MaxYears { get; init; }
}

/// <summary>One question of a dialog, as written in <c>dialogs/*.yaml</c>.</summary>
public sealed record FieldDefinition
{
    public required string Id { get; init; }
    public required FieldType Type { get; init; }
    public required string SectionId { get; init; }
    public required LocalizedText Label { get; init; }
    public required LocalizedText Prompt { get; init; }
    public required LocalizedText Help { get; init; }
    public bool Required { get; init; }
    /// <summary>Required only when this earlier field has no answer ("at least one of the two").</summary>
    public string? RequiredUnless { get; init; }
    /// <summary>Said when the user tries to skip this required field: why it cannot be skipped.</summary>
    public LocalizedText? RequiredReason { get; init; }
    public FieldCondition? When { get; init; }
    /// <summary>The principle (1–7 in the seed) the field serves; named in help.</summary>
    public int? Principle { get; init; }
    public IReadOnlyList<ChoiceOption> Choices { get; init; } = [];
    /// <summary><see cref="FieldType.Department"/>: a name that is not (yet) in the registry is accepted.</summary>
    public bool AllowOther { get; init; }
    /// <summary><see cref="FieldType.YesNo"/>: text after はい / いいえ is kept as a comment.</summary>
    public bool Comment { get; init; }
    public FieldRules Validation { get; init; } = FieldRules.None;

    /// <summary>Types whose answer is free text: anything typed is a valid answer.</summary>
    public bool AcceptsFreeText => Type is FieldType.Text or FieldType.Multiline || (Type == FieldType.Department && AllowOther);
}

/// <summary>A titled group of fields (提案団体, 事業内容 …); shown as one block in the summary.</summary>
public sealed record DialogSection(string Id, LocalizedText Title, IReadOnlyList<FieldDefinition> Fields);

/// <summary>
/// A declarative dialog, loaded once from <c>dialogs/*.yaml</c> by <see cref="DialogDefinitionLoader"/> (which checks
/// everything below: ids unique, references point to earlier fields, texts in both languages). Immutable.
/// </summary>
public sealed class DialogDefinition
{
    private readonly FrozenDictionary<string, int> _index;
    private readonly FrozenDictionary<string, DialogSection> _sectionOf;

    public DialogDefinition(string id, int version, LocalizedText title, string source,
        IReadOnlyList<PrincipleDefinition> principles, IReadOnlyList<DialogSection> sections)
    {
        Id = id;
        Version = version;
        Title = title;
        Source = source;
        Principles = principles;
        Sections = sections;
        Fields = sections.SelectMany(s => s.Fields).ToList();
        _index = Fields.Select((f, i) => (f.Id, i)).ToFrozenDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _sectionOf = sections.SelectMany(s => s.Fields.Select(f => (f.Id, s))).ToFrozenDictionary(x => x.Id, x => x.s, StringComparer.Ordinal);
    }

    public string Id { get; }
    public int Version { get; }
    public LocalizedText Title { get; }
    /// <summary>The file it was read from (for messages).</summary>
    public string Source { get; }
    public IReadOnlyList<PrincipleDefinition> Principles { get; }
    public IReadOnlyList<DialogSection> Sections { get; }
    /// <summary>Every field in definition order (the order questions are asked).</summary>
    public IReadOnlyList<FieldDefinition> Fields { get; }

    public FieldDefinition? Field(string? id) => id is not null && _index.TryGetValue(id, out var i) ? Fields[i] : null;

    /// <summary>Position in definition order, or -1.</summary>
    public int IndexOf(string? id) => id is not null && _index.TryGetValue(id, out var i) ? i : -1;

    public DialogSection SectionOf(FieldDefinition field) => _sectionOf[field.Id];

    public PrincipleDefinition? Principle(int? number) => number is null ? null : Principles.FirstOrDefault(p => p.Number == number);

    /// <summary>Whether the field is asked, given the answers so far (its condition, and its condition's field's, hold).</summary>
    public bool IsVisible(FieldDefinition field, IReadOnlyDictionary<string, string> answers)
    {
        if (field.When is not { } when)
        {
            return true;
        }

        return Field(when.FieldId) is { } source
            && IsVisible(source, answers)
            && when.Matches(answers.GetValueOrDefault(when.FieldId));
    }

    /// <summary>The fields asked for these answers, in order (what a card form shows).</summary>
    public IReadOnlyList<FieldDefinition> VisibleFields(IReadOnlyDictionary<string, string> answers) =>
        Fields.Where(f => IsVisible(f, answers)).ToList();

    /// <summary>Required outright, or because the field named by <c>requiredUnless</c> has no answer.</summary>
    public static bool IsRequired(FieldDefinition field, IReadOnlyDictionary<string, string> answers) =>
        field.Required || (field.RequiredUnless is { } other && !answers.ContainsKey(other));
}
