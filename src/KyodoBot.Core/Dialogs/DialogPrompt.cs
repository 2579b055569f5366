using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Dialogs;

/// <summary>
/// A dialog message that asks something — a field's question, the cancel confirmation, a reminder at the summary —
/// with the buttons that answer it. Everything in it is plain text (no Markdown, nothing escaped): it is shown as an
/// Adaptive Card (<see cref="ToMessage"/>), because clients render a card the same way, while a text message with
/// suggested actions showed <c>**</c> and ran the choices together in the Agents Playground (issue #12, ADR 0020).
/// </summary>
public sealed record DialogPrompt
{
    /// <summary>Paragraphs before the question: the acknowledgement of the last answer, notices, an error.</summary>
    public IReadOnlyList<string> Leads { get; init; } = [];
    /// <summary>The bold line naming the question: 「団体種別（2/23）」.</summary>
    public string? Heading { get; init; }
    /// <summary>The question and what goes with it (a list too long for buttons, the current answer), one paragraph each.</summary>
    public IReadOnlyList<string> Body { get; init; } = [];
    /// <summary>The answers as buttons, one under the other (choices, departments) …</summary>
    public IReadOnlyList<SuggestedAction> Choices { get; init; } = [];
    /// <summary>… or side by side (はい / いいえ).</summary>
    public bool ChoicesInARow { get; init; }
    /// <summary>How to answer (format, example): one short, subtle line.</summary>
    public string? Hint { get; init; }
    /// <summary>The words that work at any question (help, back …): a subtle line under the hint.</summary>
    public string? Navigation { get; init; }
    /// <summary>Navigation buttons in one row at the bottom (keep, skip, help, cancel).</summary>
    public IReadOnlyList<SuggestedAction> Actions { get; init; } = [];

    /// <summary>Every button, answers first: what a press may send.</summary>
    public IEnumerable<SuggestedAction> Buttons => Choices.Concat(Actions);

    public OutgoingMessage ToMessage() => OutgoingMessage.FromCard(PromptCard.Render(this));
}

/// <summary>
/// Renders a <see cref="DialogPrompt"/> as an Adaptive Card. Text goes into <c>TextRun</c>s, which no client reads as
/// Markdown, so user text quoted in a prompt needs no escaping and shows no backslash. A button is an
/// <c>Action.Submit</c> with <c>{"command": value}</c>, which the router reads as the text of the turn: a press is the
/// same as typing the value. Not <c>msteams.imBack</c> / <c>messageBack</c>: the Agents Playground (0.2.28) ignores
/// presses of such buttons (ADR 0020).
/// </summary>
public static class PromptCard
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Render(DialogPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var body = new JsonArray();
        foreach (var lead in prompt.Leads)
        {
            AddParagraph(body, lead, bold: false, subtle: false);
        }

        if (prompt.Heading is { } heading)
        {
            AddParagraph(body, heading, bold: true, subtle: false, separator: prompt.Leads.Count > 0);
        }

        foreach (var paragraph in prompt.Body)
        {
            AddParagraph(body, paragraph, bold: false, subtle: false);
        }

        AddChoices(body, prompt);
        foreach (var line in new[] { prompt.Hint, prompt.Navigation }.OfType<string>())
        {
            AddParagraph(body, line, bold: false, subtle: true);
        }

        if (prompt.Actions.Count > 0)
        {
            body.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = Buttons(prompt.Actions) });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        return card.ToJsonString(JsonOptions);
    }

    private static void AddChoices(JsonArray body, DialogPrompt prompt)
    {
        if (prompt.Choices.Count == 0)
        {
            return;
        }

        if (prompt.ChoicesInARow)
        {
            body.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = Buttons(prompt.Choices) });
            return;
        }

        // One ActionSet per choice: a vertical list that every client shows in full (Teams folds a row of more than
        // a few buttons into an overflow menu).
        for (var i = 0; i < prompt.Choices.Count; i++)
        {
            body.Add(new JsonObject
            {
                ["type"] = "ActionSet",
                ["spacing"] = i == 0 ? "Medium" : "Small",
                ["actions"] = Buttons([prompt.Choices[i]]),
            });
        }
    }

    /// <summary>A paragraph; its lines become blocks of their own, so line breaks survive in every client.</summary>
    private static void AddParagraph(JsonArray body, string text, bool bold, bool subtle, bool separator = false)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var run = new JsonObject { ["type"] = "TextRun", ["text"] = lines[i].Length == 0 ? " " : lines[i] };
            if (bold)
            {
                run["weight"] = "Bolder";
            }

            if (subtle)
            {
                run["isSubtle"] = true;
                run["size"] = "Small";
            }

            var block = new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(run) };
            if (i > 0)
            {
                block["spacing"] = "None";
            }
            else if (separator)
            {
                block["separator"] = true;
                block["spacing"] = "Medium";
            }

            body.Add(block);
        }
    }

    private static JsonArray Buttons(IEnumerable<SuggestedAction> buttons) => new(buttons.Select(b => (JsonNode)new JsonObject
    {
        ["type"] = "Action.Submit",
        ["title"] = b.Title,
        ["data"] = new JsonObject { ["command"] = b.Value },
    }).ToArray());
}
