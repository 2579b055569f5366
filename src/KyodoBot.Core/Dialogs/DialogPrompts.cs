using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Dialogs;

/// <summary>
/// Builds what the dialog asks, as <see cref="DialogPrompt"/>s: a field's question with its choices, hint and
/// navigation buttons; the cancel confirmation; a short message at the summary. Decides nothing about the flow.
/// </summary>
public sealed class DialogPrompts(DialogTexts texts, FieldValidator validator)
{
    /// <summary>More options than this are listed in the text only (a wall of buttons helps nobody).</summary>
    public const int MaxButtons = 10;

    /// <summary>The question for <see cref="DialogSession.CurrentFieldId"/>, after any leads and error.</summary>
    /// <param name="offer">Help and cancel are offered as buttons (after repeated failures).</param>
    /// <param name="choices">Buttons instead of the field's own (修正: the fields to pick from).</param>
    public DialogPrompt Field(DialogDefinition definition, DialogSession session, FieldDefinition field, Language language, DialogContext context,
        IReadOnlyList<string> leads, string? error = null, bool offer = false, IReadOnlyList<SuggestedAction>? choices = null)
    {
        var allLeads = new List<string>(leads);
        if (error is not null)
        {
            allLeads.Add("⚠️ " + error);
        }

        if (offer)
        {
            allLeads.Add(T(language, "failures.offer"));
        }

        var visible = definition.VisibleFields(session.Answers);
        var required = DialogDefinition.IsRequired(field, session.Answers);
        var (body, fieldChoices, inARow) = Question(field, language, context);
        body.AddRange(CurrentAnswer(session, field, language));
        if (session.ReturnToSummary)
        {
            body.Add(T(language, "prompt.editing"));
        }

        return new DialogPrompt
        {
            Leads = allLeads,
            Heading = T(language, "prompt.header", field.Label.Get(language), visible.ToList().IndexOf(field) + 1, visible.Count)
                + (required ? "" : T(language, "prompt.optional")),
            Body = body,
            Choices = choices ?? fieldChoices,
            ChoicesInARow = choices is null && inARow,
            Hint = validator.Hint(field, language),
            Navigation = T(language, required ? "hint.navigation" : "hint.navigationOptional"),
            Actions = NavigationButtons(session, field, language, required, offer),
        };
    }

    /// <summary>「入力中の提案を中止しますか？」 with はい / いいえ.</summary>
    public DialogPrompt CancelConfirmation(Language language, IReadOnlyList<string> leads) => new()
    {
        Leads = leads,
        Body = [T(language, "cancel.confirm")],
        Choices = YesNo(language),
        ChoicesInARow = true,
    };

    /// <summary>A short message at the summary (help, status, "please choose"), with the summary's buttons.</summary>
    public DialogPrompt AtSummary(Language language, string text, IReadOnlyList<SuggestedAction>? choices = null) => new()
    {
        Body = [text],
        Choices = choices ?? [],
        Hint = T(language, "summary.actions"),
        Actions = SummaryButtons(language),
    };

    public IReadOnlyList<SuggestedAction> SummaryButtons(Language language) =>
        [Button(T(language, "button.submit")), Button(T(language, "button.edit")), Button(T(language, "button.cancel"))];

    /// <summary>The fields to pick from after 修正 without a clear field name; none when there are too many for buttons.</summary>
    public IReadOnlyList<SuggestedAction> EditButtons(IReadOnlyList<FieldDefinition> candidates, Language language) =>
        candidates.Count <= MaxButtons
            ? candidates.Select(f => Button(T(language, "button.editField", f.Label.Get(language)))).ToList()
            : [];

    /// <summary>The prompt, and the answers as buttons: numbered (typing the number works too), or はい / いいえ in a row.</summary>
    private (List<string> Body, IReadOnlyList<SuggestedAction> Choices, bool InARow) Question(FieldDefinition field, Language language, DialogContext context)
    {
        var body = new List<string> { field.Prompt.Get(language) };
        switch (field.Type)
        {
            case FieldType.Choice:
                return (body, Numbered(field.Choices.Select(c => c.Label.Get(language)).ToList()), false);
            case FieldType.Department when context.Departments.Count > MaxButtons:
                body.Add(string.Join("\n", context.Departments.Select((d, i) => $"{i + 1}. {d}")));
                return (body, [], false);
            case FieldType.Department:
                return (body, Numbered(context.Departments), false);
            case FieldType.YesNo:
                return (body, YesNo(language), true);
            default:
                return (body, [], false);
        }
    }

    private IEnumerable<string> CurrentAnswer(DialogSession session, FieldDefinition field, Language language)
    {
        if (!session.Answers.TryGetValue(field.Id, out var current))
        {
            yield break;
        }

        var shown = texts.Display(field, current, language);
        if (session.Answers.TryGetValue(DialogSession.CommentKey(field.Id), out var comment))
        {
            shown += " " + T(language, "summary.comment", comment);
        }

        yield return T(language, "prompt.current", shown.Replace("\n", " ", StringComparison.Ordinal));
        yield return T(language, "prompt.keep");
    }

    private List<SuggestedAction> NavigationButtons(DialogSession session, FieldDefinition field, Language language, bool required, bool offer)
    {
        var buttons = new List<SuggestedAction>();
        if (session.Answers.ContainsKey(field.Id))
        {
            buttons.Add(Button(T(language, "button.keep")));
        }

        if (!required)
        {
            buttons.Add(Button(T(language, "button.skip")));
        }

        if (offer)
        {
            buttons.Add(Button(T(language, "button.help")));
            buttons.Add(Button(T(language, "button.cancel")));
        }

        return buttons;
    }

    private List<SuggestedAction> YesNo(Language language) => [Button(T(language, "yes")), Button(T(language, "no"))];

    private static List<SuggestedAction> Numbered(IReadOnlyList<string> labels) =>
        labels.Select((label, i) => new SuggestedAction($"{i + 1}. {label}", label)).ToList();

    private static SuggestedAction Button(string text) => new(text, text);

    private string T(Language language, string key, params object?[] args) => texts.Get(language, key, args);
}
