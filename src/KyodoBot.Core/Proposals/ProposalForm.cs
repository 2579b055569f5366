using System.Text.Json;
using System.Text.Json.Nodes;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Proposals;

/// <summary>
/// Card mode: the whole intake as one Adaptive Card form, generated from <c>dialogs/proposal-intake.yaml</c>
/// (Input.* with labels, isRequired, maxLength and errorMessage; fields that depend on another answer sit in containers
/// shown with a toggle). The server validates the submission again with the chat's rules; errors come back on the same
/// card with the values kept, a valid form becomes the summary card. It speaks the conversation's language
/// (<see cref="IncomingTurn.ConversationLanguage"/>); the card carries no language a client could change.
/// </summary>
public sealed class ProposalForm(
    DialogCatalog catalog,
    DialogEngine engine,
    DraftStore drafts,
    DepartmentRegistry departments,
    ProposalCards cards,
    Texts texts,
    TimeProvider time) : ICardExecute
{
    public const string FormVerb = "proposal.form";

    public string Verb => FormVerb;

    private DialogDefinition Definition => catalog.Get(DialogCatalog.ProposalIntake);

    /// <summary><c>カードで入力</c>: the form, filled with the draft's answers when there is one.</summary>
    public async Task<OutgoingMessage> ShowAsync(IncomingTurn turn, CancellationToken cancellationToken)
    {
        var draft = await drafts.FindAsync(turn.UserId, turn.ConversationId, cancellationToken);
        var answers = draft is not null && DialogSession.TryFromJson(draft.SessionJson, out var session)
            ? session.Answers
            : new Dictionary<string, string>();
        return OutgoingMessage.FromCard(await RenderAsync(answers, new Dictionary<string, string>(), turn.ConversationLanguage, cancellationToken));
    }

    public async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.ConversationLanguage;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in data.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String && property.Name is not ("lang" or "action" or "verb"))
                {
                    values[property.Name] = property.Value.GetString()!;
                }
            }
        }

        var draft = await drafts.FindAsync(turn.UserId, turn.ConversationId, cancellationToken);
        var session = draft is not null && DialogSession.TryFromJson(draft.SessionJson, out var existing)
            ? existing
            : new DialogSession { DefinitionId = Definition.Id, StartedAt = time.GetUtcNow(), UpdatedAt = time.GetUtcNow() };
        var names = (await departments.ListAsync(cancellationToken)).Select(d => d.Name).ToList();
        var step = engine.ApplyForm(Definition, session, values, language, DialogContext.Create(time, names));
        if (step.FormErrors.Count > 0)
        {
            return new CardExecuteResult(await RenderAsync(values, step.FormErrors, language, cancellationToken),
                texts.Get(language, "proposal.form.fixFields", string.Join(texts.Get(language, "proposal.form.fieldSeparator"),
                    step.FormErrors.Keys.Select(id => Definition.Field(id)?.Label.Get(language) ?? id))));
        }

        await drafts.SaveAsync(ProposalDraft.Of(turn, Definition.Id, step.Session, draft?.ResubmitOf), cancellationToken);
        return new CardExecuteResult(cards.Summary(step.Summary!, language));
    }

    private async Task<string> RenderAsync(IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> errors, Language language, CancellationToken cancellationToken)
    {
        var names = (await departments.ListAsync(cancellationToken)).Select(d => d.Name).ToList();
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = texts.Get(language, "proposal.form.title"), ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = texts.Get(language, "proposal.form.intro"), ["wrap"] = true, ["isSubtle"] = true },
        };
        foreach (var section in Definition.Sections)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = section.Title.Get(language), ["weight"] = "Bolder", ["separator"] = true, ["spacing"] = "Medium", ["wrap"] = true });
            foreach (var field in section.Fields)
            {
                body.Add(FieldContainer(field, values, errors, names, language));
                if (Toggle(field, language) is { } toggle)
                {
                    body.Add(toggle);
                }
            }
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.Execute",
                ["title"] = texts.Get(language, "proposal.form.check"),
                ["verb"] = FormVerb,
                ["data"] = new JsonObject(),
                ["style"] = "positive",
            }),
        };
        return CardBinder.Render(card, []);
    }

    /// <summary>A field's input, its comment input, and its error; hidden while the answer it depends on says so.</summary>
    private JsonObject FieldContainer(FieldDefinition field, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> errors,
        IReadOnlyList<string> departmentNames, Language language)
    {
        var items = new JsonArray { Input(field, values.GetValueOrDefault(field.Id), departmentNames, language) };
        if (field.Comment)
        {
            items.Add(new JsonObject
            {
                ["type"] = "Input.Text", ["id"] = DialogSession.CommentKey(field.Id), ["placeholder"] = texts.Get(language, "proposal.form.comment"),
                ["maxLength"] = 500, ["value"] = values.GetValueOrDefault(DialogSession.CommentKey(field.Id)) ?? "",
            });
        }

        if (errors.TryGetValue(field.Id, out var error))
        {
            // An error may quote what the user typed: a TextRun, never Markdown.
            items.Add(new JsonObject
            {
                ["type"] = "RichTextBlock",
                ["inlines"] = new JsonArray(new JsonObject { ["type"] = "TextRun", ["text"] = error, ["color"] = "Attention", ["size"] = "Small" }),
            });
        }

        var container = new JsonObject { ["type"] = "Container", ["id"] = "f-" + field.Id, ["items"] = items };
        if (field.When is { } when)
        {
            // Shown when the answer it depends on says so; the toggle under that answer shows or hides it.
            container["isVisible"] = when.Matches(values.GetValueOrDefault(when.FieldId)) || errors.ContainsKey(field.Id);
        }

        return container;
    }

    /// <summary>Under an answer that other fields depend on: the button that shows or hides them.</summary>
    private JsonObject? Toggle(FieldDefinition field, Language language)
    {
        var dependants = Definition.Fields.Where(f => f.When?.FieldId == field.Id).Select(f => (JsonNode)("f-" + f.Id)).ToArray();
        if (dependants.Length == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["type"] = "ActionSet",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.ToggleVisibility",
                ["title"] = texts.Get(language,
                    Definition.Fields.Any(f => f.When?.FieldId == field.Id && f.Required) ? "proposal.form.toggleRequired" : "proposal.form.toggle",
                    field.Label.Get(language)),
                ["targetElements"] = new JsonArray(dependants),
            }),
        };
    }

    private JsonObject Input(FieldDefinition field, string? value, IReadOnlyList<string> departmentNames, Language language)
    {
        var label = field.Label.Get(language) + (field.Principle is { } p ? $"（{texts.Get(language, "proposal.form.principle", p)}）" : "");
        if (field.Required && field.When is { } when && Definition.Field(when.FieldId) is { } source)
        {
            // The card cannot mark it isRequired (it is hidden when not needed): say so in the label.
            label += texts.Get(language, "proposal.form.requiredWhen", source.Label.Get(language));
        }

        var input = new JsonObject
        {
            ["id"] = field.Id,
            ["label"] = label,
            ["isRequired"] = field.Required && field.When is null && field.RequiredUnless is null,
            ["errorMessage"] = texts.Get(language, "proposal.form.required", field.Label.Get(language)),
        };
        switch (field.Type)
        {
            case FieldType.Choice or FieldType.Department or FieldType.YesNo:
                ChoiceInput(input, field, value, departmentNames, language);
                break;
            case FieldType.Date:
                input["type"] = "Input.Date";
                break;
            default:
                TextInput(input, field);
                break;
        }

        if (value is not null)
        {
            input["value"] = value;
        }

        return input;
    }

    private void ChoiceInput(JsonObject input, FieldDefinition field, string? value, IReadOnlyList<string> departmentNames, Language language)
    {
        var options = field.Type switch
        {
            FieldType.YesNo => [("yes", texts.Get(language, "proposal.form.yes")), ("no", texts.Get(language, "proposal.form.no"))],
            FieldType.Department => departmentNames.Select(n => (n, n)).ToList(),
            _ => field.Choices.Select(c => (c.Value, c.Label.Get(language))).ToList(),
        };
        if (field.Type == FieldType.Department && value is not null && !departmentNames.Contains(value))
        {
            options.Add((value, value));
        }

        input["type"] = "Input.ChoiceSet";
        input["style"] = field.Type == FieldType.YesNo ? "expanded" : "compact";
        input["choices"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["title"] = o.Item2, ["value"] = o.Item1 }).ToArray());
    }

    private static void TextInput(JsonObject input, FieldDefinition field)
    {
        input["type"] = "Input.Text";
        input["isMultiline"] = field.Type == FieldType.Multiline;
        input["style"] = field.Type switch { FieldType.Email => "email", FieldType.Phone => "tel", _ => "text" };
        if (field.Type switch { FieldType.Yen => "1,200,000 / 120万円", FieldType.Dates => "2027-09-30, 2028-03-01", _ => null } is { } placeholder)
        {
            input["placeholder"] = placeholder;
        }

        if (field.Validation.MaxLength is { } max)
        {
            input["maxLength"] = max;
        }

        if (field.Type == FieldType.Email)
        {
            input["regex"] = @"^[^@\s]+@[^@\s]+\.[^@\s]+$";
        }
    }
}

/// <summary><c>カードで入力</c> / <c>form</c>: the proposal as one card form instead of one question at a time.</summary>
public sealed class ProposalFormCommand(ProposalForm form) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["カードで入力", "フォーム", "form"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        [await form.ShowAsync(context.Turn, cancellationToken)];
}
