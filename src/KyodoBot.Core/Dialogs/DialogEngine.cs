using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs.Parsing;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Dialogs;

/// <summary>
/// Runs a <see cref="DialogDefinition"/> one turn at a time. Stateless: every call takes the stored
/// <see cref="DialogSession"/> and returns a new one in a <see cref="DialogStep"/>, with the messages to send.
/// <list type="bullet">
/// <item>Fields are asked one at a time in definition order; a field whose <c>when</c> is false is skipped, and its
/// answer is dropped when an earlier change makes it moot (公金の支出 はい → いいえ drops 予算額 …). Stored answers
/// are re-checked after every change, so an 終了日 that is no longer after a changed 開始日 is asked again.</item>
/// <item>Commands at any step: ヘルプ/help, 戻る/back, 状況/status, 修正 &lt;項目&gt;/edit &lt;field&gt;, スキップ/skip
/// (optional fields only), キャンセル/cancel (asks first), and at the summary 送信/submit.</item>
/// <item>An invalid answer is explained and the field asked again; from the third failure in a row help and cancel
/// are offered as buttons, while a valid answer is still accepted.</item>
/// <item>A question typed instead of an answer is handed back as <see cref="DialogStep.UnrecognisedQuestion"/>.</item>
/// </list>
/// Everything the engine says is plain text: questions are cards (<see cref="DialogPrompts"/>, <see cref="PromptCard"/>),
/// other messages are sent as plain text, so nothing the user typed needs escaping.
/// </summary>
public sealed class DialogEngine
{
    public const int FailuresBeforeOffer = 3;

    private readonly DialogTexts _texts;
    private readonly FieldValidator _validator;
    private readonly DialogPrompts _prompts;
    private readonly TimeProvider _time;

    public DialogEngine(Texts texts, TimeProvider time)
    {
        _texts = new DialogTexts(texts);
        _validator = new FieldValidator(_texts);
        _prompts = new DialogPrompts(_texts, _validator);
        _time = time;
    }

    public FieldValidator Validator => _validator;

    /// <summary>A new session at the first field, with a short introduction.</summary>
    public DialogStep Start(DialogDefinition definition, Language language, DialogContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var now = _time.GetUtcNow();
        var session = new DialogSession { DefinitionId = definition.Id, Language = language, StartedAt = now, UpdatedAt = now };
        var intro = T(language, "start", definition.Title.Get(language), definition.VisibleFields(session.Answers).Count);
        return Proceed(new Turn(definition, language, context), session, ack: null, [intro]);
    }

    /// <summary>Applies the user's turn to the session.</summary>
    public DialogStep Continue(DialogDefinition definition, DialogSession session, DialogInput input, Language language, DialogContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(input);
        var turn = new Turn(definition, language, context);
        var step = Handle(turn, Reconcile(turn, session) with { Language = language }, input);
        return Touch(step);
    }

    /// <summary>
    /// Picks a stored session up again (「続きから」/resume): the same field is asked again with a short notice; answers
    /// that have gone stale meanwhile (a start date now in the past) are dropped and asked again.
    /// </summary>
    public DialogStep Resume(DialogDefinition definition, DialogSession session, Language language, DialogContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(session);
        var turn = new Turn(definition, language, context);
        session = Reconcile(turn, session) with { Language = language };
        if (session.Phase is DialogPhase.Submitted or DialogPhase.Cancelled)
        {
            return Finished(turn, session);
        }

        var (answers, skipped, notices) = Settle(turn, session.Answers, session.Skipped);
        session = session with { Answers = answers, Skipped = skipped };
        List<string> leads = [T(language, "resume", definition.Title.Get(language)), .. notices];
        if (session.Pending == PendingConfirmation.Cancel)
        {
            return Touch(ConfirmCancel(turn, session, leads));
        }

        // The same field again, unless an answer went stale: then the first open field, which is the stale one.
        var current = definition.Field(session.CurrentFieldId);
        return Touch(session.Phase == DialogPhase.Asking && current is not null && definition.IsVisible(current, answers) && notices.Count == 0
            ? Ask(turn, session, leads)
            : Proceed(turn, session, ack: null, leads));
    }

    /// <summary>
    /// Checks a whole form (card mode) on the server: every visible field, in order, with the same parsers and rules
    /// as the chat. <paramref name="values"/> are raw inputs by field id (and <c>&lt;id&gt;.comment</c>); canonical
    /// values are accepted too, so stored answers can be checked again before submitting.
    /// </summary>
    public FormValidation ValidateAll(DialogDefinition definition, IReadOnlyDictionary<string, string> values, Language language, DialogContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(values);
        var turn = new Turn(definition, language, context);
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in definition.Fields)
        {
            if (!definition.IsVisible(field, canonical))
            {
                continue;
            }

            var check = _validator.Check(definition, field, values.GetValueOrDefault(field.Id), canonical, context, language);
            if (check.Answer is { } answer)
            {
                var comment = CardComment(field, values.GetValueOrDefault(DialogSession.CommentKey(field.Id)), language, out var commentError) ?? answer.Comment;
                if (commentError is not null)
                {
                    errors[field.Id] = commentError;
                    continue;
                }

                canonical[field.Id] = answer.Value;
                if (comment is not null)
                {
                    canonical[DialogSession.CommentKey(field.Id)] = comment;
                }
            }
            else if (check.Error is not null)
            {
                errors[field.Id] = check.Error;
            }
            else if (DialogDefinition.IsRequired(field, canonical))
            {
                errors[field.Id] = RequiredMessage(turn, field, canonical);
            }
        }

        return new FormValidation(canonical, errors);
    }

    /// <summary>
    /// Card mode: takes a whole submitted form. Invalid → the session is unchanged, the step carries
    /// <see cref="DialogStep.FormErrors"/> (show them on the same card with the values kept); valid → the answers are
    /// stored and the step is the summary.
    /// </summary>
    public DialogStep ApplyForm(DialogDefinition definition, DialogSession session, IReadOnlyDictionary<string, string> values, Language language, DialogContext context)
    {
        ArgumentNullException.ThrowIfNull(session);
        var turn = new Turn(definition, language, context);
        var form = ValidateAll(definition, values, language, context);
        if (!form.IsValid)
        {
            var message = OutgoingMessage.FromText(T(language, "form.errors", form.Errors.Count));
            return Touch(new DialogStep(session, session.Phase == DialogPhase.Summary ? DialogStatus.Summary : DialogStatus.InProgress, [message])
            {
                CurrentField = definition.Field(session.CurrentFieldId),
                FormErrors = form.Errors,
            });
        }

        var skipped = definition.VisibleFields(form.Values).Where(f => !form.Values.ContainsKey(f.Id)).Select(f => f.Id).ToList();
        session = session with { Answers = form.Values, Skipped = skipped, Pending = null, FailureCount = 0 };
        return Touch(ShowSummary(turn, session, []));
    }

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

    // ---- one turn ----------------------------------------------------------------------------------------------

    /// <summary>The fixed inputs of one call.</summary>
    private sealed record Turn(DialogDefinition Definition, Language Language, DialogContext Context);

    private DialogStep Handle(Turn turn, DialogSession session, DialogInput input)
    {
        if (session.Phase is DialogPhase.Submitted or DialogPhase.Cancelled)
        {
            return Finished(turn, session);
        }

        var (text, cardComment, fromCard) = Read(session, input);
        if (session.Pending == PendingConfirmation.Cancel)
        {
            return AnswerCancel(turn, session, text);
        }

        var command = fromCard ? null : DialogCommand.Parse(text, name => FindFields(turn, session.Answers, name, exactOnly: true).Count == 1);
        if (command is not null)
        {
            return command.Kind switch
            {
                DialogCommandKind.Help => Help(turn, session),
                DialogCommandKind.Back => Back(turn, session),
                DialogCommandKind.Status => Status(turn, session),
                DialogCommandKind.Edit => Edit(turn, session, command.Argument),
                DialogCommandKind.Skip => Skip(turn, session),
                DialogCommandKind.Cancel => ConfirmCancel(turn, session, []),
                DialogCommandKind.Submit => Submit(turn, session),
                DialogCommandKind.Keep => Keep(turn, session, text, cardComment),
                _ => throw new InvalidOperationException($"Unhandled command {command.Kind}."),
            };
        }

        if (session.Phase == DialogPhase.Summary)
        {
            var question = FreeText.SingleLine(text);
            var reminder = SummaryReminder(turn, session, T(turn.Language, "summary.reminder"));
            return QuestionDetector.LooksLikeQuestion(question, anyTextIsAnAnswer: false) ? reminder with { UnrecognisedQuestion = question } : reminder;
        }

        var field = turn.Definition.Field(session.CurrentFieldId);
        return field is null ? Proceed(turn, session, ack: null, []) : Answer(turn, session, field, text, cardComment);
    }

    /// <summary>The answer text: the card's value for the current field, else a card's <c>command</c>, else the typed text.</summary>
    private static (string Text, string? CardComment, bool FromCard) Read(DialogSession session, DialogInput input)
    {
        if (input.Values is { } values)
        {
            if (session.CurrentFieldId is { } id && values.TryGetValue(id, out var value))
            {
                return (value, values.GetValueOrDefault(DialogSession.CommentKey(id)), true);
            }

            if (string.IsNullOrWhiteSpace(input.Text) && values.TryGetValue("command", out var command))
            {
                return (command, null, false);
            }
        }

        return (input.Text ?? "", null, false);
    }

    private DialogStep Answer(Turn turn, DialogSession session, FieldDefinition field, string text, string? cardComment)
    {
        var normalized = FreeText.SingleLine(text);
        if (field.AcceptsFreeText && QuestionDetector.LooksLikeQuestion(normalized, anyTextIsAnAnswer: true))
        {
            return Question(turn, session, field, normalized);
        }

        var check = _validator.Check(turn.Definition, field, text, session.Answers, turn.Context, turn.Language);
        if (check.Answer is not { } answer)
        {
            if (check.Error is not null && !field.AcceptsFreeText && QuestionDetector.LooksLikeQuestion(normalized, anyTextIsAnAnswer: false))
            {
                return Question(turn, session, field, normalized);
            }

            var error = check.Error ?? T(turn.Language, DialogDefinition.IsRequired(field, session.Answers) ? "error.empty" : "error.emptyOptional");
            return Fail(turn, session, error);
        }

        var comment = CardComment(field, cardComment, turn.Language, out var commentError) ?? answer.Comment;
        if (commentError is not null)
        {
            return Fail(turn, session, commentError);
        }

        var answers = new Dictionary<string, string>(session.Answers, StringComparer.Ordinal) { [field.Id] = answer.Value };
        answers.Remove(DialogSession.CommentKey(field.Id));
        if (comment is not null)
        {
            answers[DialogSession.CommentKey(field.Id)] = comment;
        }

        var ack = field.Type is FieldType.Text or FieldType.Multiline
            ? null
            : T(turn.Language, "ack", field.Label.Get(turn.Language), _texts.Display(field, answer.Value, turn.Language));
        return Advance(turn, session, field, answers, session.Skipped.Where(id => id != field.Id).ToList(), ack, []);
    }

    /// <summary>After an answer or a skip: remember it, re-check what depends on it, and move to the next open field.</summary>
    private DialogStep Advance(Turn turn, DialogSession session, FieldDefinition field, Dictionary<string, string> answers,
        List<string> skipped, string? ack, List<string> leads)
    {
        var (settled, settledSkipped, notices) = Settle(turn, answers, skipped);
        var history = session.History.Count > 0 && session.History[^1] == field.Id ? session.History : [.. session.History, field.Id];
        if (CountChange(turn, session.Answers, settled) is { } count)
        {
            notices.Insert(0, count);
        }

        session = session with { Answers = settled, Skipped = settledSkipped, History = history, FailureCount = 0, Pending = null };
        return Proceed(turn, session, ack, [.. leads, .. notices]);
    }

    /// <summary>
    /// An answer that shows or hides questions (公金の支出 はい adds three) moves the counter from /23 to /26: say so,
    /// rather than let the total jump without a word.
    /// </summary>
    private string? CountChange(Turn turn, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var was = turn.Definition.VisibleFields(before).Count;
        var now = turn.Definition.VisibleFields(after).Count;
        return now > was ? T(turn.Language, "count.more", now - was, now)
            : now < was ? T(turn.Language, "count.fewer", was - now, now)
            : null;
    }

    /// <summary>Asks the first open field, or shows the summary when none is left.</summary>
    private DialogStep Proceed(Turn turn, DialogSession session, string? ack, List<string> leads)
    {
        if (Next(turn.Definition, session.Answers, session.Skipped) is { } next)
        {
            session = session with { Phase = DialogPhase.Asking, CurrentFieldId = next.Id };
            return Ask(turn, session, ack is null ? leads : [ack, .. leads]);
        }

        // The summary repeats every answer, so the acknowledgement of the last one is left out.
        return ShowSummary(turn, session, leads);
    }

    private static FieldDefinition? Next(DialogDefinition definition, IReadOnlyDictionary<string, string> answers, IReadOnlyList<string> skipped) =>
        definition.Fields.FirstOrDefault(f => definition.IsVisible(f, answers) && !IsDone(f, answers, skipped));

    private static bool IsDone(FieldDefinition field, IReadOnlyDictionary<string, string> answers, IReadOnlyList<string> skipped) =>
        answers.ContainsKey(field.Id) || (skipped.Contains(field.Id) && !DialogDefinition.IsRequired(field, answers));

    /// <summary>
    /// Drops the answers of fields that are no longer asked, and re-checks the others against the current answers and
    /// day (a changed start date can invalidate the end date). Returns what changed as notices for the user.
    /// </summary>
    private (IReadOnlyDictionary<string, string> Answers, IReadOnlyList<string> Skipped, List<string> Notices) Settle(
        Turn turn, IReadOnlyDictionary<string, string> answers, IReadOnlyList<string> skipped)
    {
        var definition = turn.Definition;
        var result = new Dictionary<string, string>(answers, StringComparer.Ordinal);
        var keptSkipped = skipped.ToList();
        var dropped = new List<string>();
        var notices = new List<string>();
        foreach (var field in definition.Fields)
        {
            if (!definition.IsVisible(field, result))
            {
                if (result.Remove(field.Id) | result.Remove(DialogSession.CommentKey(field.Id)))
                {
                    dropped.Add(field.Label.Get(turn.Language));
                }

                keptSkipped.Remove(field.Id);
                continue;
            }

            if (result.TryGetValue(field.Id, out var value)
                && _validator.Check(definition, field, value, result, turn.Context, turn.Language) is { IsValid: false } check)
            {
                result.Remove(field.Id);
                result.Remove(DialogSession.CommentKey(field.Id));
                notices.Add(T(turn.Language, "notice.invalidated", field.Label.Get(turn.Language), check.Error));
            }
        }

        if (dropped.Count > 0)
        {
            notices.Insert(0, T(turn.Language, "notice.cleared", string.Join(_texts.Separator(turn.Language), dropped)));
        }

        return (result, keptSkipped, notices);
    }

    private DialogStep Fail(Turn turn, DialogSession session, string error)
    {
        session = session with { FailureCount = session.FailureCount + 1 };
        return Ask(turn, session, [], error, offer: session.FailureCount >= FailuresBeforeOffer);
    }

    private DialogStep Question(Turn turn, DialogSession session, FieldDefinition field, string question) =>
        Ask(turn, session, [T(turn.Language, "question.resume", field.Label.Get(turn.Language))]) with { UnrecognisedQuestion = question };

    // ---- commands ----------------------------------------------------------------------------------------------

    private DialogStep Help(Turn turn, DialogSession session)
    {
        var language = turn.Language;
        if (session.Phase == DialogPhase.Summary || turn.Definition.Field(session.CurrentFieldId) is not { } field)
        {
            return SummaryReminder(turn, session, T(language, "help.summary"));
        }

        var lines = new List<string> { T(language, "help.title", field.Label.Get(language)), field.Help.Get(language) };
        if (turn.Definition.Principle(field.Principle) is { } principle)
        {
            lines.Add(T(language, "help.principle", _texts.PrincipleName(turn.Definition, principle.Number, language), principle.Summary.Get(language)));
        }

        if (DialogDefinition.IsRequired(field, session.Answers))
        {
            lines.Add(RequiredMessage(turn, field, session.Answers));
        }

        return Ask(turn, session with { FailureCount = 0 }, [string.Join("\n\n", lines)]);
    }

    private DialogStep Back(Turn turn, DialogSession session)
    {
        var definition = turn.Definition;
        if (session.ReturnToSummary && session.Phase == DialogPhase.Asking && Next(definition, session.Answers, session.Skipped) is null)
        {
            return ShowSummary(turn, session, [T(turn.Language, "back.toSummary")]);
        }

        for (var i = session.History.Count - 1; i >= 0; i--)
        {
            var id = session.History[i];
            if (id != session.CurrentFieldId && definition.Field(id) is { } target && definition.IsVisible(target, session.Answers))
            {
                session = session with
                {
                    Phase = DialogPhase.Asking,
                    CurrentFieldId = target.Id,
                    History = session.History.Take(i).ToList(),
                    FailureCount = 0,
                    ReturnToSummary = false,
                };
                return Ask(turn, session, []);
            }
        }

        return session.Phase == DialogPhase.Summary
            ? SummaryReminder(turn, session, T(turn.Language, "back.none"))
            : Ask(turn, session, [T(turn.Language, "back.none")]);
    }

    /// <summary>
    /// 「そのまま」: the field asked again (after 戻る or 修正) keeps the answer it has, and the dialog goes on. A field
    /// without an answer takes the word as its answer, like any other text.
    /// </summary>
    private DialogStep Keep(Turn turn, DialogSession session, string text, string? cardComment)
    {
        var field = turn.Definition.Field(session.CurrentFieldId);
        if (session.Phase != DialogPhase.Asking || field is null || !session.Answers.TryGetValue(field.Id, out var current))
        {
            return session.Phase == DialogPhase.Summary || field is null
                ? SummaryReminder(turn, session, T(turn.Language, "summary.reminder"))
                : Answer(turn, session, field, text, cardComment);
        }

        var ack = T(turn.Language, "keep.done", field.Label.Get(turn.Language), _texts.Display(field, current, turn.Language));
        return Advance(turn, session, field, new Dictionary<string, string>(session.Answers, StringComparer.Ordinal), session.Skipped.ToList(), ack, []);
    }

    private DialogStep Status(Turn turn, DialogSession session)
    {
        var language = turn.Language;
        var visible = turn.Definition.VisibleFields(session.Answers);
        string List(IEnumerable<FieldDefinition> fields) =>
            string.Join(_texts.Separator(language), fields.Select(f => f.Label.Get(language)));

        var answered = visible.Where(f => session.Answers.ContainsKey(f.Id)).ToList();
        var skipped = visible.Where(f => !session.Answers.ContainsKey(f.Id) && IsDone(f, session.Answers, session.Skipped)).ToList();
        var remaining = visible.Where(f => !IsDone(f, session.Answers, session.Skipped)).ToList();
        var lines = new List<string> { T(language, "status.header", answered.Count + skipped.Count, visible.Count, remaining.Count) };
        if (answered.Count > 0)
        {
            lines.Add(T(language, "status.answered", List(answered)));
        }

        if (skipped.Count > 0)
        {
            lines.Add(T(language, "status.skipped", List(skipped)));
        }

        if (remaining.Count > 0)
        {
            lines.Add(T(language, "status.remaining", List(remaining)));
        }

        var text = string.Join("\n\n", lines);
        return session.Phase == DialogPhase.Summary ? SummaryReminder(turn, session, text) : Ask(turn, session, [text]);
    }

    private DialogStep Edit(Turn turn, DialogSession session, string query)
    {
        var language = turn.Language;
        var matches = query.Length == 0 ? [] : FindFields(turn, session.Answers, query, exactOnly: false);
        if (matches.Count == 1)
        {
            var field = matches[0];
            session = session with
            {
                Phase = DialogPhase.Asking,
                CurrentFieldId = field.Id,
                FailureCount = 0,
                ReturnToSummary = session.Phase == DialogPhase.Summary || session.ReturnToSummary,
            };
            return Ask(turn, session, [T(language, "edit.start", field.Label.Get(language))]);
        }

        var candidates = matches.Count > 1 ? matches : turn.Definition.VisibleFields(session.Answers);
        var lead = matches.Count > 1 ? T(language, "edit.ambiguous", query)
            : query.Length == 0 ? T(language, "edit.which")
            : T(language, "edit.notFound", query);
        var buttons = _prompts.EditButtons(candidates, language);
        var text = buttons.Count > 0 ? lead : lead + "\n" + string.Join("\n", candidates.Select(f => "- " + f.Label.Get(language)));
        return session.Phase == DialogPhase.Summary ? SummaryReminder(turn, session, text, buttons) : Ask(turn, session, [text], choices: buttons.Count > 0 ? buttons : null);
    }

    private List<FieldDefinition> FindFields(Turn turn, IReadOnlyDictionary<string, string> answers, string query, bool exactOnly)
    {
        var key = TextNormalizer.Key(query).Trim('「', '」', '"', '\'', ' ');
        if (key.Length == 0)
        {
            return [];
        }

        var visible = turn.Definition.VisibleFields(answers);
        static IEnumerable<string> Names(FieldDefinition f) => [TextNormalizer.Key(f.Id), TextNormalizer.Key(f.Label.Ja), TextNormalizer.Key(f.Label.En)];
        var exact = visible.Where(f => Names(f).Contains(key, StringComparer.Ordinal)).ToList();
        if (exact.Count > 0 || exactOnly)
        {
            return exact;
        }

        return visible.Where(f => Names(f).Skip(1).Any(n => n.Contains(key, StringComparison.Ordinal) || (n.Length >= 2 && key.Contains(n, StringComparison.Ordinal)))).ToList();
    }

    private DialogStep Skip(Turn turn, DialogSession session)
    {
        var language = turn.Language;
        if (session.Phase == DialogPhase.Summary || turn.Definition.Field(session.CurrentFieldId) is not { } field)
        {
            return SummaryReminder(turn, session, T(language, "skip.notNow"));
        }

        if (DialogDefinition.IsRequired(field, session.Answers))
        {
            return Ask(turn, session, [T(language, "skip.required", field.Label.Get(language)) + "\n\n" + RequiredMessage(turn, field, session.Answers)]);
        }

        var answers = new Dictionary<string, string>(session.Answers, StringComparer.Ordinal);
        answers.Remove(field.Id);
        answers.Remove(DialogSession.CommentKey(field.Id));
        List<string> skipped = [.. session.Skipped.Where(id => id != field.Id), field.Id];
        return Advance(turn, session, field, answers, skipped, ack: null, [T(language, "skip.done", field.Label.Get(language))]);
    }

    /// <summary>Why a required field must be answered: the definition's reason (the ☆ rule), or "one of the two".</summary>
    private string RequiredMessage(Turn turn, FieldDefinition field, IReadOnlyDictionary<string, string> answers)
    {
        var language = turn.Language;
        if (field.RequiredReason is { } reason)
        {
            return reason.Get(language);
        }

        return !field.Required && field.RequiredUnless is { } other && turn.Definition.Field(other) is { } otherField
            ? T(language, "required.unless", otherField.Label.Get(language), field.Label.Get(language))
            : T(language, "required.plain");
    }

    private DialogStep ConfirmCancel(Turn turn, DialogSession session, List<string> leads)
    {
        session = session with { Pending = PendingConfirmation.Cancel };
        var message = _prompts.CancelConfirmation(turn.Language, leads).ToMessage();
        return new DialogStep(session, DialogStatus.AwaitingConfirmation, [message]) { CurrentField = turn.Definition.Field(session.CurrentFieldId) };
    }

    private DialogStep AnswerCancel(Turn turn, DialogSession session, string text)
    {
        if (!YesNoParser.TryParse(text, out var yes, out _))
        {
            return ConfirmCancel(turn, session, [T(turn.Language, "cancel.repeat")]);
        }

        if (yes)
        {
            session = session with { Phase = DialogPhase.Cancelled, Pending = null, CurrentFieldId = null };
            return new DialogStep(session, DialogStatus.Cancelled, [OutgoingMessage.FromText(T(turn.Language, "cancel.done"))]);
        }

        session = session with { Pending = null };
        List<string> leads = [T(turn.Language, "cancel.resumed")];
        return session.Phase == DialogPhase.Summary ? ShowSummary(turn, session, leads) : Ask(turn, session, leads);
    }

    private DialogStep Submit(Turn turn, DialogSession session)
    {
        if (session.Phase != DialogPhase.Summary)
        {
            return Ask(turn, session, [T(turn.Language, "submit.notYet")]);
        }

        // The answers were valid when given; days may have passed (a start date now in the past), so check again.
        var form = ValidateAll(turn.Definition, session.Answers, turn.Language, turn.Context);
        if (turn.Definition.Fields.FirstOrDefault(f => form.Errors.ContainsKey(f.Id)) is { } invalid)
        {
            var answers = new Dictionary<string, string>(session.Answers, StringComparer.Ordinal);
            answers.Remove(invalid.Id);
            session = session with { Phase = DialogPhase.Asking, CurrentFieldId = invalid.Id, Answers = answers, ReturnToSummary = true };
            return Ask(turn, session, [T(turn.Language, "submit.recheck")], form.Errors[invalid.Id]);
        }

        session = session with { Phase = DialogPhase.Submitted, CurrentFieldId = null, Pending = null };
        return new DialogStep(session, DialogStatus.Submitted, []) { Summary = Summarize(turn.Definition, session.Answers, turn.Language) };
    }

    // ---- messages ----------------------------------------------------------------------------------------------

    /// <summary>The question for <see cref="DialogSession.CurrentFieldId"/>, after any leads and error, with its buttons.</summary>
    private DialogStep Ask(Turn turn, DialogSession session, List<string> leads, string? error = null, bool offer = false,
        IReadOnlyList<SuggestedAction>? choices = null)
    {
        var field = turn.Definition.Field(session.CurrentFieldId)
            ?? throw new InvalidOperationException($"Dialog {turn.Definition.Id}: no current field to ask.");
        var prompt = _prompts.Field(turn.Definition, session, field, turn.Language, turn.Context, leads, error, offer, choices);
        return new DialogStep(session with { Phase = DialogPhase.Asking }, DialogStatus.InProgress, [prompt.ToMessage()]) { CurrentField = field };
    }

    private DialogStep ShowSummary(Turn turn, DialogSession session, List<string> leads)
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
    private DialogStep SummaryReminder(Turn turn, DialogSession session, string text, IReadOnlyList<SuggestedAction>? choices = null)
    {
        var message = _prompts.AtSummary(turn.Language, text, choices).ToMessage();
        return new DialogStep(session, DialogStatus.Summary, [message]) { Summary = Summarize(turn.Definition, session.Answers, turn.Language) };
    }

    private DialogStep Finished(Turn turn, DialogSession session) =>
        new(session, session.Phase == DialogPhase.Submitted ? DialogStatus.Submitted : DialogStatus.Cancelled,
            [OutgoingMessage.FromText(T(turn.Language, "finished"))]);

    private DialogStep Touch(DialogStep step) => step with { Session = step.Session with { UpdatedAt = _time.GetUtcNow() } };

    private string T(Language language, string key, params object?[] args) => _texts.Get(language, key, args);

    // ---- helpers -----------------------------------------------------------------------------------------------

    /// <summary>A comment sent in its own card input; null when none. Too long → <paramref name="error"/>.</summary>
    private string? CardComment(FieldDefinition field, string? raw, Language language, out string? error)
    {
        error = null;
        if (!field.Comment || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var comment = FreeText.Multiline(raw);
        var length = FreeText.Length(comment);
        if (length > FieldValidator.CommentMaxLength)
        {
            error = T(language, "error.comment.tooLong", FieldValidator.CommentMaxLength, length);
            return null;
        }

        return comment.Length == 0 ? null : comment;
    }

    /// <summary>
    /// Fits a stored session to the definition as it is now (a field may have been removed or renamed since): unknown
    /// answers and ids are dropped, and a current field that no longer exists is replaced by the first open one.
    /// </summary>
    private static DialogSession Reconcile(Turn turn, DialogSession session)
    {
        var definition = turn.Definition;
        if (!string.Equals(session.DefinitionId, definition.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The session runs dialog '{session.DefinitionId}', not '{definition.Id}'.", nameof(session));
        }

        bool Known(string key) =>
            definition.Field(key) is not null
            || (key.EndsWith(".comment", StringComparison.Ordinal) && definition.Field(key[..^".comment".Length]) is { Comment: true });

        var unknown = session.Answers.Keys.Any(k => !Known(k)) || session.Skipped.Any(id => definition.Field(id) is null)
            || session.History.Any(id => definition.Field(id) is null);
        if (unknown)
        {
            session = session with
            {
                Answers = session.Answers.Where(kv => Known(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
                Skipped = session.Skipped.Where(id => definition.Field(id) is not null).ToList(),
                History = session.History.Where(id => definition.Field(id) is not null).ToList(),
            };
        }

        if (session.Phase == DialogPhase.Asking
            && (definition.Field(session.CurrentFieldId) is not { } current || !definition.IsVisible(current, session.Answers)))
        {
            var next = Next(definition, session.Answers, session.Skipped);
            session = next is null
                ? session with { Phase = DialogPhase.Summary, CurrentFieldId = null }
                : session with { CurrentFieldId = next.Id };
        }

        return session;
    }
}
