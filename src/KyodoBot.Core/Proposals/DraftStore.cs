using KyodoBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace KyodoBot.Core.Proposals;

/// <summary>A proposal being written: the dialog session as JSON, per user and conversation, so it survives restarts.</summary>
public sealed class ProposalDraft
{
    public required string UserId { get; set; }
    public required string ConversationId { get; set; }
    public required string DefinitionId { get; set; }
    public required string SessionJson { get; set; }
    /// <summary>The last activity that moved the dialog on: a redelivered activity does not answer the next field.</summary>
    public string? LastActivityId { get; set; }
    /// <summary>Paused with 中断: kept, but the user's messages go to the rest of the bot until 続きから.</summary>
    public bool Paused { get; set; }
    /// <summary>Set when the draft revises a returned proposal: 送信 resubmits that proposal instead of a new one.</summary>
    public long? ResubmitOf { get; set; }
    /// <summary>
    /// Made once per draft and copied to the proposal it becomes, whose unique index on it refuses a second proposal:
    /// 送信 pressed twice (or retried by the client with new activity ids) makes one proposal per draft.
    /// </summary>
    public string? SubmissionToken { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The draft of this user's proposal in this conversation, holding the dialog session as it is now.</summary>
    public static ProposalDraft Of(Conversations.IncomingTurn turn, string definitionId, Dialogs.DialogSession session, long? resubmitOf,
        string? lastActivityId = null, string? submissionToken = null)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(session);
        return new ProposalDraft
        {
            UserId = turn.UserId,
            ConversationId = turn.ConversationId,
            DefinitionId = definitionId,
            SessionJson = session.ToJson(),
            LastActivityId = lastActivityId,
            ResubmitOf = resubmitOf,
            SubmissionToken = submissionToken,
        };
    }
}

/// <summary>
/// Loads and saves drafts. Every message asks whether its user has a draft in that conversation, so on SQLite — one
/// process by design, all writes through this store — the store remembers who has none and answers that without a
/// query. On PostgreSQL, where several instances share the drafts, it always asks the database.
/// </summary>
public sealed class DraftStore(IDbContextFactory<KyodoDbContext> contexts, TimeProvider time, StorageOptions storage)
{
    private const int MaxRemembered = 100_000;
    private readonly bool _singleProcess = storage.Provider == StorageProvider.Sqlite;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), bool> _none = new();
    // Bumped (under the lock) before and after every save: a lookup that raced with a save does not remember "none".
    private readonly Lock _gate = new();
    private long _generation;

    public async Task<ProposalDraft?> FindAsync(string userId, string conversationId, CancellationToken cancellationToken)
    {
        if (_singleProcess && _none.ContainsKey((userId, conversationId)))
        {
            return null;
        }

        long generation;
        lock (_gate)
        {
            generation = _generation;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var draft = await db.ProposalDrafts.AsNoTracking()
            .FirstOrDefaultAsync(d => d.UserId == userId && d.ConversationId == conversationId, cancellationToken);
        if (draft is null && _singleProcess)
        {
            lock (_gate)
            {
                if (_generation == generation)
                {
                    if (_none.Count >= MaxRemembered)
                    {
                        _none.Clear();
                    }

                    _none[(userId, conversationId)] = true;
                }
            }
        }

        return draft;
    }

    public async Task SaveAsync(ProposalDraft draft, CancellationToken cancellationToken)
    {
        Forget(draft.UserId, draft.ConversationId);
        draft.UpdatedAt = time.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var existing = await db.ProposalDrafts.FirstOrDefaultAsync(
                d => d.UserId == draft.UserId && d.ConversationId == draft.ConversationId, cancellationToken);
            if (existing is null)
            {
                draft.SubmissionToken ??= NewSubmissionToken();
                db.ProposalDrafts.Add(draft);
            }
            else
            {
                existing.DefinitionId = draft.DefinitionId;
                existing.SessionJson = draft.SessionJson;
                existing.LastActivityId = draft.LastActivityId;
                existing.Paused = draft.Paused;
                existing.ResubmitOf = draft.ResubmitOf;
                existing.UpdatedAt = draft.UpdatedAt;
                // The token belongs to the draft, not to one save of it: the first one stays (a draft saved before
                // tokens existed gets one now).
                existing.SubmissionToken ??= draft.SubmissionToken ?? NewSubmissionToken();
                draft.SubmissionToken = existing.SubmissionToken;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                Forget(draft.UserId, draft.ConversationId);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Created concurrently by a redelivered activity: update it instead.
            }
        }
    }

    public async Task DeleteAsync(string userId, string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ProposalDrafts.Where(d => d.UserId == userId && d.ConversationId == conversationId).ExecuteDeleteAsync(cancellationToken);
        if (_singleProcess)
        {
            lock (_gate)
            {
                _none[(userId, conversationId)] = true;
            }
        }
    }

    private static string NewSubmissionToken() => Guid.NewGuid().ToString("N");

    private void Forget(string userId, string conversationId)
    {
        lock (_gate)
        {
            _generation++;
            _none.TryRemove((userId, conversationId), out _);
        }
    }
}
