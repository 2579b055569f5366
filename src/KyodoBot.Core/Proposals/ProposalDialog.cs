using KyodoBot.Core.Access;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;
using Microsoft.Extensions.Options;

namespace KyodoBot.Core.Proposals;

/// <summary>
/// The proposal intake as a conversation: starts, continues, pauses and resumes the declarative dialog
/// (<c>dialogs/proposal-intake.yaml</c>), keeps its session in the database per user and conversation, answers a
/// question typed mid-dialog from the manual, and submits the proposal.
/// </summary>
public sealed class ProposalDialog(
    DialogCatalog catalog,
    DialogEngine engine,
    DraftStore drafts,
    DepartmentRegistry departments,
    ProposalService proposals,
    ProposalCards cards,
    AnswerService answers,
    AnswerPresenter presenter,
    Texts texts,
    TimeProvider time,
    IOptions<KyodoOptions> options) : IActiveDialog
{
    private static readonly string[] PauseWords = ["中断", "一時停止", "あとで", "後で", "pause", "later"];
    private static readonly string[] SubmitWords = ["送信", "提出", "submit", "send"];
    // Commands that start or resume this very dialog: typed while it is active they are navigation, never an answer
    // (nobody's organisation is called 続きから). The dialog says it is in progress and asks the current field again.
    private static readonly string[] InProgressWords = ["続きから", "再開", "resume", "提案", "協働提案", "提案する", "propose", "proposal"];

    private DialogDefinition Definition => catalog.Get(DialogCatalog.ProposalIntake);

    public async Task<IReadOnlyList<OutgoingMessage>?> TryContinueAsync(IncomingTurn turn, string text, CancellationToken cancellationToken)
    {
        var draft = await drafts.FindAsync(turn.UserId, turn.ConversationId, cancellationToken);
        if (draft is null && SubmitWords.Contains(TextNormalizer.Key(text)))
        {
            // The 送信 activity delivered again (Teams retries slow requests): answer as the first time, make nothing new.
            return await proposals.ConfirmationForAsync(turn, cancellationToken);
        }

        if (draft is null || draft.Paused)
        {
            return null;
        }

        if (await ExpiredAsync(draft, turn, cancellationToken) is { } expired)
        {
            return expired;
        }

        if (!DialogSession.TryFromJson(draft.SessionJson, out var session))
        {
            await drafts.DeleteAsync(turn.UserId, turn.ConversationId, cancellationToken);
            return null;
        }

        turn = KeepLanguage(turn, text, session);
        var context = await ContextAsync(cancellationToken);
        if (draft.LastActivityId == turn.ActivityId)
        {
            // Teams delivered the same activity again: do not take it as the answer to the next field.
            return engine.Resume(Definition, session, turn.Language, context).Messages;
        }

        if (PauseWords.Contains(TextNormalizer.Key(text)))
        {
            draft.Paused = true;
            await drafts.SaveAsync(draft, cancellationToken);
            return [OutgoingMessage.FromText(texts.Get(turn.Language, "proposal.paused", options.Value.DraftExpiryDayCount))];
        }

        if (InProgressWords.Contains(TextNormalizer.Key(text)))
        {
            var current = engine.Resume(Definition, session, turn.Language, context);
            return [OutgoingMessage.FromText(texts.Get(turn.Language, "proposal.inProgress")), .. WithSummaryCard(current, turn.Language)];
        }

        var step = engine.Continue(Definition, session, new DialogInput(text), turn.Language, context);
        return await ApplyAsync(turn, step, draft.ResubmitOf, cancellationToken, draftToken: draft.SubmissionToken);
    }

    /// <summary><c>提案</c>: a new intake, or the one already in progress.</summary>
    public async Task<IReadOnlyList<OutgoingMessage>> StartAsync(IncomingTurn turn, CancellationToken cancellationToken)
    {
        var existing = await drafts.FindAsync(turn.UserId, turn.ConversationId, cancellationToken);
        if (existing is not null && await ExpiredAsync(existing, turn, cancellationToken) is null)
        {
            var resumed = await ResumeAsync(turn, cancellationToken);
            return [OutgoingMessage.FromText(texts.Get(turn.Language, "proposal.alreadyInProgress")), .. resumed];
        }

        var step = engine.Start(Definition, turn.Language, await ContextAsync(cancellationToken));
        return await ApplyAsync(turn, step, resubmitOf: null, cancellationToken);
    }

    /// <summary><c>続きから</c>: continue a paused or interrupted draft at the same field.</summary>
    public async Task<IReadOnlyList<OutgoingMessage>> ResumeAsync(IncomingTurn turn, CancellationToken cancellationToken)
    {
        var draft = await drafts.FindAsync(turn.UserId, turn.ConversationId, cancellationToken);
        if (draft is null)
        {
            return [OutgoingMessage.FromText(texts.Get(turn.Language, "proposal.noDraft"))];
        }

        if (await ExpiredAsync(draft, turn, cancellationToken) is { } expired)
        {
            return expired;
        }

        if (!DialogSession.TryFromJson(draft.SessionJson, out var session))
        {
            await drafts.DeleteAsync(turn.UserId, turn.ConversationId, cancellationToken);
            return [OutgoingMessage.FromText(texts.Get(turn.Language, "proposal.noDraft"))];
        }

        turn = KeepLanguage(turn, turn.Text, session);
        var step = engine.Resume(Definition, session, turn.Language, await ContextAsync(cancellationToken));
        return await ApplyAsync(turn, step, draft.ResubmitOf, cancellationToken, fresh: true, draftToken: draft.SubmissionToken);
    }

    /// <summary><c>再提出 KP-…</c>: a returned proposal's answers become a draft again, shown at its summary to revise.</summary>
    public async Task<IReadOnlyList<OutgoingMessage>> ReviseAsync(IncomingTurn turn, Proposal proposal, CancellationToken cancellationToken)
    {
        var session = new DialogSession
        {
            DefinitionId = Definition.Id,
            Answers = ProposalService.ReadAnswers(proposal.AnswersJson),
            StartedAt = time.GetUtcNow(),
            UpdatedAt = time.GetUtcNow(),
        };
        var step = engine.Resume(Definition, session, turn.Language, await ContextAsync(cancellationToken));
        return await ApplyAsync(turn, step, proposal.Id, cancellationToken, fresh: true);
    }

    private async Task<IReadOnlyList<OutgoingMessage>> ApplyAsync(IncomingTurn turn, DialogStep step, long? resubmitOf, CancellationToken cancellationToken,
        bool fresh = false, string? draftToken = null)
    {
        switch (step.Status)
        {
            case DialogStatus.Submitted:
            {
                var confirmation = resubmitOf is { } id
                    ? await proposals.ResubmitAsync(turn, id, Definition, step.Session, cancellationToken)
                    : await proposals.SubmitAsync(turn, Definition, step.Session, draftToken, cancellationToken);
                await drafts.DeleteAsync(turn.UserId, turn.ConversationId, cancellationToken);
                return [.. step.Messages, .. confirmation];
            }

            case DialogStatus.Cancelled:
                await drafts.DeleteAsync(turn.UserId, turn.ConversationId, cancellationToken);
                return step.Messages;

            default:
                await drafts.SaveAsync(ProposalDraft.Of(turn, Definition.Id, step.Session, resubmitOf,
                    lastActivityId: fresh ? null : turn.ActivityId, submissionToken: draftToken), cancellationToken);
                var messages = WithSummaryCard(step, turn.Language);
                if (step.UnrecognisedQuestion is { } question)
                {
                    var (answer, aiGenerated) = await answers.AnswerAsync(question, turn.Language, cancellationToken);
                    var feedback = FeedbackKey.Of(turn.ActivityId, question, answer.Citations.Select(c => c.Id), answer.Confidence);
                    return [presenter.Present(answer, feedback, turn.Language, aiGenerated), .. messages];
                }

                return messages;
        }
    }

    /// <summary>
    /// The full summary comes from the engine as plain text (its last message); in Teams it is shown as a card whose
    /// answers are TextRuns, with 送信 / 修正 / キャンセル buttons.
    /// </summary>
    private IReadOnlyList<OutgoingMessage> WithSummaryCard(DialogStep step, Language language)
    {
        if (step.Status != DialogStatus.Summary || step.Summary is null || step.Messages.Count == 0 || !step.Messages[^1].PlainText)
        {
            return step.Messages;
        }

        return [.. step.Messages.Take(step.Messages.Count - 1), OutgoingMessage.FromCard(cards.Summary(step.Summary, language))];
    }

    private async Task<IReadOnlyList<OutgoingMessage>?> ExpiredAsync(ProposalDraft draft, IncomingTurn turn, CancellationToken cancellationToken)
    {
        if (draft.UpdatedAt.AddDays(options.Value.DraftExpiryDayCount) > time.GetUtcNow())
        {
            return null;
        }

        await drafts.DeleteAsync(turn.UserId, turn.ConversationId, cancellationToken);
        return [OutgoingMessage.FromText(texts.Get(turn.Language, "proposal.expired", options.Value.DraftExpiryDayCount))];
    }

    /// <summary>
    /// The dialog goes on in its own language unless the user writes another: an e-mail address, a date or the choice
    /// number the bot suggested says nothing about the language (issue #12).
    /// </summary>
    private static IncomingTurn KeepLanguage(IncomingTurn turn, string text, DialogSession session) =>
        turn with { Language = LanguageResolver.Resolve(text, session.Language ?? turn.Language) };

    private async Task<DialogContext> ContextAsync(CancellationToken cancellationToken)
    {
        var registered = await departments.ListAsync(cancellationToken);
        return DialogContext.Create(time, registered.Select(d => d.Name).ToList());
    }
}
