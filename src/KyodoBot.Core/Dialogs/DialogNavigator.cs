using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs.Parsing;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Dialogs;

/// <summary>
/// Where the dialog goes: the next open field (<see cref="Proceed"/>, <see cref="Advance"/>), answers that became
/// moot or invalid after a change (<see cref="Settle"/>), a stored session fitted to the definition as it is now
/// (<see cref="Reconcile"/>), and the navigation commands — ヘルプ, 戻る, 状況, 修正, スキップ, the cancel answer and 送信.
/// </summary>
internal sealed class DialogNavigator(DialogTexts texts, FieldValidator validator, DialogPrompts prompts, DialogReplies replies, DialogForms forms)
{
    private readonly DialogTexts _texts = texts;
    private readonly FieldValidator _validator = validator;
    private readonly DialogPrompts _prompts = prompts;
    private readonly DialogReplies _replies = replies;
    private readonly DialogForms _forms = forms;

    /// <summary>After an answer or a skip: remember it, re-check what depends on it, and move to the next open field.</summary>
    internal DialogStep Advance(DialogTurn turn, DialogSession session, FieldDefinition field, Dictionary<string, string> answers,
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
    internal string? CountChange(DialogTurn turn, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var was = turn.Definition.VisibleFields(before).Count;
        var now = turn.Definition.VisibleFields(after).Count;
        return now > was ? T(turn.Language, "count.more", now - was, now)
            : now < was ? T(turn.Language, "count.fewer", was - now, now)
            : null;
    }

    /// <summary>Asks the first open field, or shows the summary when none is left.</summary>
    internal DialogStep Proceed(DialogTurn turn, DialogSession session, string? ack, List<string> leads)
    {
        if (Next(turn.Definition, session.Answers, session.Skipped) is { } next)
        {
            session = session with { Phase = DialogPhase.Asking, CurrentFieldId = next.Id };
            return _replies.Ask(turn, session, ack is null ? leads : [ack, .. leads]);
        }

        // The summary repeats every answer, so the acknowledgement of the last one is left out.
        return _replies.ShowSummary(turn, session, leads);
    }

    internal static FieldDefinition? Next(DialogDefinition definition, IReadOnlyDictionary<string, string> answers, IReadOnlyList<string> skipped) =>
        definition.Fields.FirstOrDefault(f => definition.IsVisible(f, answers) && !IsDone(f, answers, skipped));

    internal static bool IsDone(FieldDefinition field, IReadOnlyDictionary<string, string> answers, IReadOnlyList<string> skipped) =>
        answers.ContainsKey(field.Id) || (skipped.Contains(field.Id) && !DialogDefinition.IsRequired(field, answers));

    /// <summary>
    /// Drops the answers of fields that are no longer asked, and re-checks the others against the current answers and
    /// day (a changed start date can invalidate the end date). Returns what changed as notices for the user.
    /// </summary>
    internal (IReadOnlyDictionary<string, string> Answers, IReadOnlyList<string> Skipped, List<string> Notices) Settle(
        DialogTurn turn, IReadOnlyDictionary<string, string> answers, IReadOnlyList<string> skipped)
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

    internal DialogStep Help(DialogTurn turn, DialogSession session)
    {
        var language = turn.Language;
        if (session.Phase == DialogPhase.Summary || turn.Definition.Field(session.CurrentFieldId) is not { } field)
        {
            return _replies.SummaryReminder(turn, session, T(language, "help.summary"));
        }

        var lines = new List<string> { T(language, "help.title", field.Label.Get(language)), field.Help.Get(language) };
        if (turn.Definition.Principle(field.Principle) is { } principle)
        {
            lines.Add(T(language, "help.principle", _texts.PrincipleName(turn.Definition, principle.Number, language), principle.Summary.Get(language)));
        }

        if (DialogDefinition.IsRequired(field, session.Answers))
        {
            lines.Add(_forms.RequiredMessage(turn, field, session.Answers));
        }

        return _replies.Ask(turn, session with { FailureCount = 0 }, [string.Join("\n\n", lines)]);
    }

    internal DialogStep Back(DialogTurn turn, DialogSession session)
    {
        var definition = turn.Definition;
        if (session.ReturnToSummary && session.Phase == DialogPhase.Asking && Next(definition, session.Answers, session.Skipped) is null)
        {
            return _replies.ShowSummary(turn, session, [T(turn.Language, "back.toSummary")]);
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
                return _replies.Ask(turn, session, []);
            }
        }

        return session.Phase == DialogPhase.Summary
            ? _replies.SummaryReminder(turn, session, T(turn.Language, "back.none"))
            : _replies.Ask(turn, session, [T(turn.Language, "back.none")]);
    }

    internal DialogStep Status(DialogTurn turn, DialogSession session)
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
        return session.Phase == DialogPhase.Summary ? _replies.SummaryReminder(turn, session, text) : _replies.Ask(turn, session, [text]);
    }

    internal DialogStep Edit(DialogTurn turn, DialogSession session, string query)
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
            return _replies.Ask(turn, session, [T(language, "edit.start", field.Label.Get(language))]);
        }

        var candidates = matches.Count > 1 ? matches : turn.Definition.VisibleFields(session.Answers);
        var lead = matches.Count > 1 ? T(language, "edit.ambiguous", query)
            : query.Length == 0 ? T(language, "edit.which")
            : T(language, "edit.notFound", query);
        var buttons = _prompts.EditButtons(candidates, language);
        var text = buttons.Count > 0 ? lead : lead + "\n" + string.Join("\n", candidates.Select(f => "- " + f.Label.Get(language)));
        return session.Phase == DialogPhase.Summary ? _replies.SummaryReminder(turn, session, text, buttons) : _replies.Ask(turn, session, [text], choices: buttons.Count > 0 ? buttons : null);
    }

    internal List<FieldDefinition> FindFields(DialogTurn turn, IReadOnlyDictionary<string, string> answers, string query, bool exactOnly)
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

    internal DialogStep Skip(DialogTurn turn, DialogSession session)
    {
        var language = turn.Language;
        if (session.Phase == DialogPhase.Summary || turn.Definition.Field(session.CurrentFieldId) is not { } field)
        {
            return _replies.SummaryReminder(turn, session, T(language, "skip.notNow"));
        }

        if (DialogDefinition.IsRequired(field, session.Answers))
        {
            return _replies.Ask(turn, session, [T(language, "skip.required", field.Label.Get(language)) + "\n\n" + _forms.RequiredMessage(turn, field, session.Answers)]);
        }

        var answers = new Dictionary<string, string>(session.Answers, StringComparer.Ordinal);
        answers.Remove(field.Id);
        answers.Remove(DialogSession.CommentKey(field.Id));
        List<string> skipped = [.. session.Skipped.Where(id => id != field.Id), field.Id];
        return Advance(turn, session, field, answers, skipped, ack: null, [T(language, "skip.done", field.Label.Get(language))]);
    }

    internal DialogStep AnswerCancel(DialogTurn turn, DialogSession session, string text)
    {
        if (!YesNoParser.TryParse(text, out var yes, out _))
        {
            return _replies.ConfirmCancel(turn, session, [T(turn.Language, "cancel.repeat")]);
        }

        if (yes)
        {
            session = session with { Phase = DialogPhase.Cancelled, Pending = null, CurrentFieldId = null };
            return new DialogStep(session, DialogStatus.Cancelled, [OutgoingMessage.FromText(T(turn.Language, "cancel.done"))]);
        }

        session = session with { Pending = null };
        List<string> leads = [T(turn.Language, "cancel.resumed")];
        return session.Phase == DialogPhase.Summary ? _replies.ShowSummary(turn, session, leads) : _replies.Ask(turn, session, leads);
    }

    internal DialogStep Submit(DialogTurn turn, DialogSession session)
    {
        if (session.Phase != DialogPhase.Summary)
        {
            return _replies.Ask(turn, session, [T(turn.Language, "submit.notYet")]);
        }

        // The answers were valid when given; days may have passed (a start date now in the past), so check again.
        var form = _forms.ValidateAll(turn.Definition, session.Answers, turn.Language, turn.Context);
        if (turn.Definition.Fields.FirstOrDefault(f => form.Errors.ContainsKey(f.Id)) is { } invalid)
        {
            var answers = new Dictionary<string, string>(session.Answers, StringComparer.Ordinal);
            answers.Remove(invalid.Id);
            session = session with { Phase = DialogPhase.Asking, CurrentFieldId = invalid.Id, Answers = answers, ReturnToSummary = true };
            return _replies.Ask(turn, session, [T(turn.Language, "submit.recheck")], form.Errors[invalid.Id]);
        }

        session = session with { Phase = DialogPhase.Submitted, CurrentFieldId = null, Pending = null };
        return new DialogStep(session, DialogStatus.Submitted, []) { Summary = _replies.Summarize(turn.Definition, session.Answers, turn.Language) };
    }

    /// <summary>
    /// Fits a stored session to the definition as it is now (a field may have been removed or renamed since): unknown
    /// answers and ids are dropped, and a current field that no longer exists is replaced by the first open one.
    /// </summary>
    internal static DialogSession Reconcile(DialogTurn turn, DialogSession session)
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

    private string T(Language language, string key, params object?[] args) => _texts.Get(language, key, args);
}
