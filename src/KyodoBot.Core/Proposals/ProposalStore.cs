using KyodoBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace KyodoBot.Core.Proposals;

/// <summary>Submitted proposals: numbering, idempotent submission, review state.</summary>
public sealed class ProposalStore(IDbContextFactory<KyodoDbContext> contexts, TimeProvider time)
{
    private const int MaxNumberingAttempts = 20;

    /// <summary>
    /// Stores the proposal with the next reference number of its fiscal year. The same submit activity twice, or the
    /// same draft submitted again under another activity id (a double click, a client retry), returns the first
    /// proposal: the unique indexes on the activity id and on the draft's token refuse the second row on SQLite and
    /// PostgreSQL alike, and the loser finds the winner's row. Numbers are unique under concurrency (several
    /// instances too): the (fiscal year, sequence) index refuses a duplicate and the loser takes the next number.
    /// </summary>
    public async Task<(Proposal Proposal, bool Created)> SubmitAsync(Proposal proposal, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        proposal.CreatedAt = now;
        proposal.UpdatedAt = now;
        proposal.FiscalYear = FiscalYear.Of(now);
        for (var attempt = 0; attempt < MaxNumberingAttempts; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var activityId = proposal.SubmitActivityId;
            var draftToken = proposal.DraftToken;
            if (await db.Proposals.AsNoTracking().FirstOrDefaultAsync(
                    p => p.SubmitActivityId == activityId || (draftToken != null && p.DraftToken == draftToken), cancellationToken) is { } existing)
            {
                return (existing, false);
            }

            var last = await db.Proposals.Where(p => p.FiscalYear == proposal.FiscalYear).MaxAsync(p => (int?)p.Sequence, cancellationToken) ?? 0;
            proposal.Id = 0;
            proposal.Sequence = last + 1;
            proposal.Reference = FiscalYear.Reference(proposal.FiscalYear, proposal.Sequence);
            db.Proposals.Add(proposal);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (proposal, true);
            }
            catch (DbUpdateException)
            {
                // Someone took this number (or submitted this activity or this draft) at the same moment: look again.
            }
        }

        throw new InvalidOperationException($"Could not number a proposal after {MaxNumberingAttempts} attempts.");
    }

    public async Task<Proposal?> FindBySubmitActivityAsync(string activityId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.SubmitActivityId == activityId, cancellationToken);
    }

    public async Task<Proposal?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Reference == reference, cancellationToken);
    }

    public async Task<IReadOnlyList<Proposal>> ForProposerAsync(string proposerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var list = await db.Proposals.AsNoTracking().Where(p => p.ProposerId == proposerId).ToListAsync(cancellationToken);
        return list.OrderByDescending(p => p.FiscalYear).ThenByDescending(p => p.Sequence).ToList();
    }

    public async Task<IReadOnlyList<Proposal>> UndeliveredForAsync(string departmentName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var list = await db.Proposals.AsNoTracking()
            .Where(p => p.State == ProposalState.Undelivered && p.Department == departmentName)
            .ToListAsync(cancellationToken);
        return list.OrderBy(p => p.Id).ToList();
    }

    /// <summary>
    /// A returned proposal, revised by its proposer, goes back into review under the same number: new answers, the
    /// decision cleared, 未配信 until its new review card is posted. False when it is not theirs or not returned.
    /// </summary>
    public async Task<bool> ReopenAsync(long id, string proposerId, string submitActivityId, Proposal revised, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var updated = await db.Proposals.Where(p => p.Id == id && p.ProposerId == proposerId && p.State == ProposalState.Returned)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, ProposalState.Undelivered)
                .SetProperty(p => p.SubmitActivityId, submitActivityId)
                .SetProperty(p => p.AnswersJson, revised.AnswersJson)
                .SetProperty(p => p.Title, revised.Title)
                .SetProperty(p => p.Organization, revised.Organization)
                .SetProperty(p => p.Department, revised.Department)
                .SetProperty(p => p.ReviewConversationId, (string?)null)
                .SetProperty(p => p.ReviewActivityId, (string?)null)
                .SetProperty(p => p.ReviewServiceUrl, (string?)null)
                .SetProperty(p => p.ReviewTenantId, (string?)null)
                .SetProperty(p => p.DecidedBy, (string?)null)
                .SetProperty(p => p.DecidedByName, (string?)null)
                .SetProperty(p => p.DecidedAt, (DateTimeOffset?)null)
                .SetProperty(p => p.UpdatedAt, now), cancellationToken);
        return updated == 1;
    }

    /// <summary>Records where the review card went; the proposal is then under review.</summary>
    public async Task MarkDeliveredAsync(long id, Proactive.PostedMessage posted, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.Proposals.Where(p => p.Id == id && p.State == ProposalState.Undelivered)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, ProposalState.UnderReview)
                .SetProperty(p => p.ReviewConversationId, posted.ConversationId)
                .SetProperty(p => p.ReviewActivityId, posted.ActivityId)
                .SetProperty(p => p.ReviewServiceUrl, posted.ServiceUrl)
                .SetProperty(p => p.ReviewTenantId, posted.TenantId)
                .SetProperty(p => p.UpdatedAt, now), cancellationToken);
    }

    /// <summary>Accepts or returns a proposal under review; false when it was already decided (the first decision wins).</summary>
    public async Task<bool> DecideAsync(long id, ProposalState decision, string decidedBy, string? decidedByName, string? comment, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var updated = await db.Proposals.Where(p => p.Id == id && p.State == ProposalState.UnderReview)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, decision)
                .SetProperty(p => p.DecidedBy, decidedBy)
                .SetProperty(p => p.DecidedByName, decidedByName)
                .SetProperty(p => p.DecidedAt, now)
                .SetProperty(p => p.ReturnComment, comment)
                .SetProperty(p => p.UpdatedAt, now), cancellationToken);
        return updated == 1;
    }

    public async Task<Proposal?> FindByIdAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }
}
