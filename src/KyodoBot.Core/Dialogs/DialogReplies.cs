using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Dialogs;

/// <summary>
/// The steps that show the user something: a field's question (<see cref="DialogPrompts"/> as a card), the summary,
/// a reminder at the summary, the cancel confirmation, "already finished". Where the dialog goes is decided by
/// <see cref="DialogNavigator"/>; this class only says it.
/// </summary>
internal sealed class DialogReplies(DialogTexts texts, DialogPrompts prompts)
{
    private readonly DialogTexts _texts = texts;
    private readonly DialogPrompts _prompts = prompts;

    /// <summary>The question for <see cref="DialogSession.CurrentFieldId"/>, after any leads and error, with its buttons.</summary>
    internal DialogStep Ask(DialogTurn turn, DialogSession session, List<string> leads, string? error = null, bool offer = false,
        IReadOnlyList<SuggestedAction>? choices = null)
    {
        var field = turn.Definition.Field(session.CurrentFieldId)
            ?? throw new InvalidOperationException($"Dialog {turn.Definition.Id}: no current field to ask.");
        var prompt = _prompts.Field(turn.Definition, session, field, turn.Language, turn.Context, leads, error, offer, choices);
        return new DialogStep(session with { Phase = DialogPhase.Asking }, DialogStatus.InProgress, [prompt.ToMessage()]) { CurrentField = field };
    }

    internal DialogStep ShowSummary(DialogTurn turn, DialogSession session, List<string> leads)
    {
        var language = turn.Language;
        session = session with { Phase = DialogPhase.Summary, CurrentFieldId = null, ReturnToSummary = false, FailureCount = 0, Pending = null };
        var summary = Summarize(turn.Definition, session.Answers, language);
        var messages = new List<OutgoingMessage>();
        if (leads.Count > 0)
        {
            messages.Add(new OutgoingMessage { Text = string.Join("\n\n", leads), PlainText = true });
        }

        // Plain text: the summary is made of what users typed, which must not be read as Markdown.
        messages.Add(new OutgoingMessage
        {
            Text = T(language, "summary.intro") + "\n\n" + summary.PlainText + "\n\n" + T(language, "summary.actions"),
            PlainText = true,
            SuggestedActions = _prompts.SummaryButtons(language),
        });
        return new DialogStep(session, DialogStatus.Summary, messages) { Summary = summary };
    }

    /// <summary>A short message at the summary (help, status, "please choose"), with the summary's buttons.</summary>
    internal DialogStep SummaryReminder(DialogTurn turn, DialogSession session, string text, IReadOnlyList<SuggestedAction>? choices = null)
    {
        var message = _prompts.AtSummary(turn.Language, text, choices).ToMessage();
        return new DialogStep(session, DialogStatus.Summary, [message]) { Summary = Summarize(turn.Definition, session.Answers, turn.Language) };
    }

    internal DialogStep ConfirmCancel(DialogTurn turn, DialogSession session, List<string> leads)
    {
        session = session with { Pending = PendingConfirmation.Cancel };
        var message = _prompts.CancelConfirmation(turn.Language, leads).ToMessage();
        return new DialogStep(session, DialogStatus.AwaitingConfirmation, [message]) { CurrentField = turn.Definition.Field(session.CurrentFieldId) };
    }

    internal DialogStep Finished(DialogTurn turn, DialogSession session) =>
        new(session, session.Phase == DialogPhase.Submitted ? DialogStatus.Submitted : DialogStatus.Cancelled,
            [OutgoingMessage.FromText(T(turn.Language, "finished"))]);

    /// <summary>The answers as labelled sections, for the summary card and the department's review card.</summary>
    public DialogSummary Summarize(DialogDefinition definition, IReadOnlyDictionary<string, string> answers, Language language)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(answers);
        var notGiven = T(language, "summary.notGiven");
        var sections = new List<SummarySection>();
        var plain = new List<string> { "■ " + definition.Title.Get(language) };
        foreach (var section in definition.Sections)
        {
            var items = section.Fields
                .Where(f => definition.IsVisible(f, answers))
                .Select(f => new SummaryItem(
                    f.Id,
                    f.Label.Get(language),
                    answers.TryGetValue(f.Id, out var value) ? _texts.Display(f, value, language) : null,
                    answers.GetValueOrDefault(DialogSession.CommentKey(f.Id)),
                    _texts.PrincipleName(definition, f.Principle, language)))
                .ToList();
            if (items.Count == 0)
            {
                continue;
            }

            sections.Add(new SummarySection(section.Id, section.Title.Get(language), items));
            plain.Add("");
            plain.Add("【" + section.Title.Get(language) + "】");
            foreach (var item in items)
            {
                var value = item.Value ?? notGiven;
                plain.Add(value.Contains('\n', StringComparison.Ordinal)
                    ? $"・{item.Label}:\n" + string.Join('\n', value.Split('\n').Select(l => "    " + l))
                    : $"・{item.Label}: {value}");
                if (item.Comment is { } comment)
                {
                    plain.Add("    " + T(language, "summary.comment", comment.Replace("\n", " ", StringComparison.Ordinal)));
                }
            }
        }

        return new DialogSummary(definition.Title.Get(language), sections, string.Join('\n', plain));
    }

    private string T(Language language, string key, params object?[] args) => _texts.Get(language, key, args);
}
