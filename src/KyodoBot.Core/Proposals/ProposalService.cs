using System.Text.Json;
using KyodoBot.Core.Access;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Storage;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Proposals;

/// <summary>
/// Submits proposals and routes them: a review card in the department's channel, or 未配信 (and the admins are told)
/// until the department registers a channel — then every waiting proposal is delivered.
/// </summary>
public sealed class ProposalService(
    ProposalStore store,
    ProposalCards cards,
    DepartmentRegistry departments,
    IChannelMessenger messenger,
    AdminNotifier admins,
    Texts texts,
    TimeProvider time,
    ILogger<ProposalService> logger) : IDepartmentRegisteredListener
{
    /// <summary>
    /// Makes the draft's proposal and posts its review card — once per draft (<paramref name="draftToken"/>): a second
    /// 送信 of the same draft, concurrent or later, under any activity id, is told the number and where the card is.
    /// </summary>
    public async Task<IReadOnlyList<OutgoingMessage>> SubmitAsync(IncomingTurn turn, DialogDefinition definition, DialogSession session, string? draftToken,
        CancellationToken cancellationToken)
    {
        var submitted = FromSession(turn, definition, session);
        submitted.DraftToken = draftToken;
        var (proposal, created) = await store.SubmitAsync(submitted, cancellationToken);
        if (!created)
        {
            return [await AlreadySubmittedAsync(proposal, turn.Language, cancellationToken)];
        }

        var delivered = await DeliverAsync(proposal, turn.Language, cancellationToken);
        return [Confirmation(proposal, delivered, turn.Language)];
    }

    /// <summary>The revised answers of a returned proposal go back into review under the same number.</summary>
    public async Task<IReadOnlyList<OutgoingMessage>> ResubmitAsync(IncomingTurn turn, long proposalId, DialogDefinition definition, DialogSession session, CancellationToken cancellationToken)
    {
        if (!await store.ReopenAsync(proposalId, turn.UserId, turn.ActivityId, FromSession(turn, definition, session), cancellationToken)
            || await store.FindByIdAsync(proposalId, cancellationToken) is not { } proposal)
        {
            return await ConfirmationForAsync(turn, cancellationToken) ?? [OutgoingMessage.FromText(texts.Get(turn.Language, "proposal.resubmit.notReturned"))];
        }

        var delivered = await DeliverAsync(proposal, turn.Language, cancellationToken);
        return [Confirmation(proposal, delivered, turn.Language)];
    }

    private static Proposal FromSession(IncomingTurn turn, DialogDefinition definition, DialogSession session)
    {
        var departmentField = definition.Sections.SelectMany(s => s.Fields).First(f => f.Type == FieldType.Department).Id;
        return new Proposal
        {
            Reference = "",
            SubmitActivityId = turn.ActivityId,
            ProposerId = turn.UserId,
            ProposerName = turn.UserName,
            ProposerAadObjectId = turn.AadObjectId,
            Department = session.Answer(departmentField) ?? "",
            Title = session.Answer(ProposalIntakeFields.Title) ?? "",
            Organization = session.Answer(ProposalIntakeFields.Organization) ?? "",
            AnswersJson = JsonSerializer.Serialize(session.Answers),
            State = ProposalState.Undelivered,
        };
    }

    /// <summary>
    /// 送信 without a draft: the same activity redelivered, or the button pressed twice. Either way the proposal exists
    /// already: confirm it again rather than make another (a proposal of this user submitted in the last ten minutes).
    /// </summary>
    public async Task<IReadOnlyList<OutgoingMessage>?> ConfirmationForAsync(IncomingTurn turn, CancellationToken cancellationToken)
    {
        var proposal = await store.FindBySubmitActivityAsync(turn.ActivityId, cancellationToken)
            ?? (await store.ForProposerAsync(turn.UserId, cancellationToken)).FirstOrDefault(p => p.UpdatedAt > now() - TimeSpan.FromMinutes(10));
        return proposal is null ? null : [await AlreadySubmittedAsync(proposal, turn.Language, cancellationToken)];

        DateTimeOffset now() => time.GetUtcNow();
    }

    /// <summary>
    /// The answer to a 送信 that found its proposal made already. The first 送信 may still be posting the card (the
    /// proposal reads 未配信 until the connector answered), so "no channel" is said only when the department really
    /// has none.
    /// </summary>
    private async Task<OutgoingMessage> AlreadySubmittedAsync(Proposal proposal, Language language, CancellationToken cancellationToken)
    {
        var key = proposal.State != ProposalState.Undelivered ? "proposal.alreadySubmitted"
            : await departments.FindAsync(proposal.Department, cancellationToken) is { Inactive: false } ? "proposal.alreadySubmittedDelivering"
            : "proposal.alreadySubmittedUndelivered";
        return OutgoingMessage.FromText(texts.Get(language, key, proposal.Reference, Text.Markdown.Escape(proposal.Department)));
    }

    private OutgoingMessage Confirmation(Proposal proposal, bool delivered, Language language) =>
        OutgoingMessage.FromText(texts.Get(language, delivered ? "proposal.submitted" : "proposal.submittedUndelivered",
            proposal.Reference, Text.Markdown.Escape(proposal.Department)));

    /// <summary>Posts the review card; false when the department has no channel yet (the proposal stays 未配信).</summary>
    public async Task<bool> DeliverAsync(Proposal proposal, Language language, CancellationToken cancellationToken)
    {
        try
        {
            // The card shows the proposal as it will be once posted: under review, with 受理 / 差し戻し.
            var posted = await messenger.PostToDepartmentAsync(proposal.Department,
                OutgoingMessage.FromCard(cards.Review(proposal, language, ProposalState.UnderReview)), cancellationToken);
            await store.MarkDeliveredAsync(proposal.Id, posted, cancellationToken);
            logger.LogInformation("Proposal {Reference} delivered to {Department}", proposal.Reference, proposal.Department);
            return true;
        }
        catch (DepartmentNotRegisteredException)
        {
            logger.LogWarning("Proposal {Reference} waits (未配信): {Department} has no registered channel", proposal.Reference, proposal.Department);
            await TellAdminsAsync(proposal, language, cancellationToken);
            return false;
        }
    }

    public async Task OnRegisteredAsync(Department department, CancellationToken cancellationToken)
    {
        foreach (var waiting in await store.UndeliveredForAsync(department.Name, cancellationToken))
        {
            await DeliverAsync(waiting, Language.Japanese, cancellationToken);
        }
    }

    public static IReadOnlyDictionary<string, string> ReadAnswers(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    private Task TellAdminsAsync(Proposal proposal, Language language, CancellationToken cancellationToken) =>
        admins.TellAsync(texts.Get(language, "proposal.adminUndelivered", proposal.Reference, Text.Markdown.Escape(proposal.Department)), cancellationToken);
}
