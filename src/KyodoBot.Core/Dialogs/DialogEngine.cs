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
/// This class reads a turn (answer, command or question); <see cref="DialogNavigator"/> decides where the dialog goes,
/// <see cref="DialogReplies"/> says it, <see cref="DialogForms"/> checks whole forms.
/// </summary>
public sealed class DialogEngine
{
    public const int FailuresBeforeOffer = 3;

    private readonly DialogTexts _texts;
    private readonly FieldValidator _validator;
    private readonly DialogReplies _replies;
    private readonly DialogForms _forms;
    private readonly DialogNavigator _navigator;
    private readonly TimeProvider _time;

    public DialogEngine(Texts texts, TimeProvider time)
    {
        _texts = new DialogTexts(texts);
        _validator = new FieldValidator(_texts);
        var prompts = new DialogPrompts(_texts, _validator);
        _replies = new DialogReplies(_texts, prompts);
        _forms = new DialogForms(_texts, _validator);
        _navigator = new DialogNavigator(_texts, _validator, prompts, _replies, _forms);
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
        return _navigator.Proceed(new DialogTurn(definition, language, context), session, ack: null, [intro]);
    }

    /// <summary>Applies the user's turn to the session.</summary>
    public DialogStep Continue(DialogDefinition definition, DialogSession session, DialogInput input, Language language, DialogContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(input);
        var turn = new DialogTurn(definition, language, context);
        var step = Handle(turn, DialogNavigator.Reconcile(turn, session) with { Language = language }, input);
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
        var turn = new DialogTurn(definition, language, context);
        session = DialogNavigator.Reconcile(turn, session) with { Language = language };
        if (session.Phase is DialogPhase.Submitted or DialogPhase.Cancelled)
        {
            return _replies.Finished(turn, session);
        }

        var (answers, skipped, notices) = _navigator.Settle(turn, session.Answers, session.Skipped);
        session = session with { Answers = answers, Skipped = skipped };
        List<string> leads = [T(language, "resume", definition.Title.Get(language)), .. notices];
        if (session.Pending == PendingConfirmation.Cancel)
        {
            return Touch(_replies.ConfirmCancel(turn, session, leads));
        }

        // The same field again, unless an answer went stale: then the first open field, which is the stale one.
        var current = definition.Field(session.CurrentFieldId);
        return Touch(session.Phase == DialogPhase.Asking && current is not null && definition.IsVisible(current, answers) && notices.Count == 0
            ? _replies.Ask(turn, session, leads)
            : _navigator.Proceed(turn, session, ack: null, leads));
    }

    /// <summary>
    /// Checks a whole form (card mode) on the server: every visible field, in order, with the same parsers and rules
    /// as the chat. <paramref name="values"/> are raw inputs by field id (and <c>&lt;id&gt;.comment</c>); canonical
    /// values are accepted too, so stored answers can be checked again before submitting.
    /// </summary>
    public FormValidation ValidateAll(DialogDefinition definition, IReadOnlyDictionary<string, string> values, Language language, DialogContext context) =>
        _forms.ValidateAll(definition, values, language, context);

    /// <summary>
    /// Card mode: takes a whole submitted form. Invalid → the session is unchanged, the step carries
    /// <see cref="DialogStep.FormErrors"/> (show them on the same card with the values kept); valid → the answers are
    /// stored and the step is the summary.
    /// </summary>
    public DialogStep ApplyForm(DialogDefinition definition, DialogSession session, IReadOnlyDictionary<string, string> values, Language language, DialogContext context)
    {
        ArgumentNullException.ThrowIfNull(session);
        var turn = new DialogTurn(definition, language, context);
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
        return Touch(_replies.ShowSummary(turn, session, []));
    }

    /// <summary>The answers as labelled sections, for the summary card and the department's review card.</summary>
    public DialogSummary Summarize(DialogDefinition definition, IReadOnlyDictionary<string, string> answers, Language language) =>
        _replies.Summarize(definition, answers, language);

    // ---- one turn: an answer, a command, or a question --------------------------------------------------------

    private DialogStep Handle(DialogTurn turn, DialogSession session, DialogInput input)
    {
        if (session.Phase is DialogPhase.Submitted or DialogPhase.Cancelled)
        {
            return _replies.Finished(turn, session);
        }

        var (text, cardComment, fromCard) = Read(session, input);
        if (session.Pending == PendingConfirmation.Cancel)
        {
            return _navigator.AnswerCancel(turn, session, text);
        }

        var command = fromCard ? null : DialogCommand.Parse(text, name => _navigator.FindFields(turn, session.Answers, name, exactOnly: true).Count == 1);
        if (command is not null)
        {
            return command.Kind switch
            {
                DialogCommandKind.Help => _navigator.Help(turn, session),
                DialogCommandKind.Back => _navigator.Back(turn, session),
                DialogCommandKind.Status => _navigator.Status(turn, session),
                DialogCommandKind.Edit => _navigator.Edit(turn, session, command.Argument),
                DialogCommandKind.Skip => _navigator.Skip(turn, session),
                DialogCommandKind.Cancel => _replies.ConfirmCancel(turn, session, []),
                DialogCommandKind.Submit => _navigator.Submit(turn, session),
                DialogCommandKind.Keep => Keep(turn, session, text, cardComment),
                _ => throw new InvalidOperationException($"Unhandled command {command.Kind}."),
            };
        }

        if (session.Phase == DialogPhase.Summary)
        {
            var question = FreeText.SingleLine(text);
            var reminder = _replies.SummaryReminder(turn, session, T(turn.Language, "summary.reminder"));
            return QuestionDetector.LooksLikeQuestion(question, anyTextIsAnAnswer: false) ? reminder with { UnrecognisedQuestion = question } : reminder;
        }

        var field = turn.Definition.Field(session.CurrentFieldId);
        return field is null ? _navigator.Proceed(turn, session, ack: null, []) : Answer(turn, session, field, text, cardComment);
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

    private DialogStep Answer(DialogTurn turn, DialogSession session, FieldDefinition field, string text, string? cardComment)
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

        var comment = _forms.CardComment(field, cardComment, turn.Language, out var commentError) ?? answer.Comment;
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
        return _navigator.Advance(turn, session, field, answers, session.Skipped.Where(id => id != field.Id).ToList(), ack, []);
    }

    private DialogStep Fail(DialogTurn turn, DialogSession session, string error)
    {
        session = session with { FailureCount = session.FailureCount + 1 };
        return _replies.Ask(turn, session, [], error, offer: session.FailureCount >= FailuresBeforeOffer);
    }

    private DialogStep Question(DialogTurn turn, DialogSession session, FieldDefinition field, string question) =>
        _replies.Ask(turn, session, [T(turn.Language, "question.resume", field.Label.Get(turn.Language))]) with { UnrecognisedQuestion = question };

    /// <summary>
    /// 「そのまま」: the field asked again (after 戻る or 修正) keeps the answer it has, and the dialog goes on. A field
    /// without an answer takes the word as its answer, like any other text.
    /// </summary>
    private DialogStep Keep(DialogTurn turn, DialogSession session, string text, string? cardComment)
    {
        var field = turn.Definition.Field(session.CurrentFieldId);
        if (session.Phase != DialogPhase.Asking || field is null || !session.Answers.TryGetValue(field.Id, out var current))
        {
            return session.Phase == DialogPhase.Summary || field is null
                ? _replies.SummaryReminder(turn, session, T(turn.Language, "summary.reminder"))
                : Answer(turn, session, field, text, cardComment);
        }

        var ack = T(turn.Language, "keep.done", field.Label.Get(turn.Language), _texts.Display(field, current, turn.Language));
        return _navigator.Advance(turn, session, field, new Dictionary<string, string>(session.Answers, StringComparer.Ordinal), session.Skipped.ToList(), ack, []);
    }

    private DialogStep Touch(DialogStep step) => step with { Session = step.Session with { UpdatedAt = _time.GetUtcNow() } };

    private string T(Language language, string key, params object?[] args) => _texts.Get(language, key, args);
}
