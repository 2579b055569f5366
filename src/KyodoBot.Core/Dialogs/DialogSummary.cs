namespace KyodoBot.Core.Dialogs;

/// <summary>
/// The answers of a session, ready to show: labels and display values in the user's language, grouped by section.
/// Values are the user's own text (untrusted): render them as plain text (Adaptive Card <c>TextRun</c>s), never as
/// Markdown. <see cref="PlainText"/> is a fallback for clients without cards.
/// </summary>
public sealed record DialogSummary(string Title, IReadOnlyList<SummarySection> Sections, string PlainText);

public sealed record SummarySection(string Id, string Title, IReadOnlyList<SummaryItem> Items);

/// <summary>One answer. <see cref="Value"/> is null when an optional field was left empty.</summary>
/// <param name="Principle">The principle the field serves, named (「6 公開の原則」), or null.</param>
public sealed record SummaryItem(string FieldId, string Label, string? Value, string? Comment, string? Principle);

/// <summary>The server-side check of a whole form (card mode): canonical values of the visible fields, or errors.</summary>
/// <param name="Values">Canonical answers (and comments) of the visible fields that are valid; hidden fields are dropped.</param>
/// <param name="Errors">Field id → what is wrong and how to answer, in the user's language.</param>
public sealed record FormValidation(IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
