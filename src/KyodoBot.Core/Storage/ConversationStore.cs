using System.Collections.Concurrent;
using KyodoBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace KyodoBot.Core.Storage;

/// <summary>Stores conversation references so that later features can post proactively.</summary>
public interface IConversationStore
{
    Task SaveAsync(ConversationRecord record, CancellationToken cancellationToken);
    Task<ConversationRecord?> FindAsync(string conversationId, CancellationToken cancellationToken);
    Task<ConversationRecord?> FindPersonalChatAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The personal chat of the user with this Entra object id (admins are configured by object id).</summary>
    Task<ConversationRecord?> FindPersonalChatByAadObjectIdAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>True exactly once per installation: the caller that gets true sends the welcome.</summary>
    Task<bool> TryMarkWelcomedAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>The bot was uninstalled there: stop posting, and greet again on a new installation.</summary>
    Task MarkRemovedAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Remembers the language the conversation is now in (the record must exist; nothing happens otherwise).</summary>
    Task SetLanguageAsync(string conversationId, Language language, CancellationToken cancellationToken);
}

public sealed class ConversationStore(IDbContextFactory<KyodoDbContext> contexts, TimeProvider time) : IConversationStore
{
    // What this process last wrote per conversation, so an unchanged reference is not rewritten on every turn.
    // Only an optimisation: the database stays the source of truth.
    private readonly ConcurrentDictionary<string, string> _lastWritten = new(StringComparer.Ordinal);
    private const int MaxRemembered = 10_000;

    public async Task SaveAsync(ConversationRecord record, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(record);
        if (_lastWritten.TryGetValue(record.ConversationId, out var last) && last == fingerprint)
        {
            return;
        }

        record.UpdatedAt = time.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var existing = await db.Conversations.FindAsync([record.ConversationId], cancellationToken);
            if (existing is null)
            {
                db.Conversations.Add(record);
            }
            else
            {
                Merge(existing, record);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another turn (or instance) inserted the same conversation first: update it instead.
            }
        }

        if (_lastWritten.Count >= MaxRemembered)
        {
            _lastWritten.Clear();
        }

        _lastWritten[record.ConversationId] = fingerprint;
    }

    public async Task<ConversationRecord?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.ConversationId == conversationId, cancellationToken);
    }

    public async Task<ConversationRecord?> FindPersonalChatAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking()
            .Where(c => c.UserId == userId && c.Kind == Conversations.ConversationKind.Personal)
            .OrderByDescending(c => c.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<ConversationRecord?> FindPersonalChatByAadObjectIdAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var chats = await db.Conversations.AsNoTracking()
            .Where(c => c.AadObjectId == aadObjectId && c.Kind == Conversations.ConversationKind.Personal)
            .ToListAsync(cancellationToken);
        return chats.OrderByDescending(c => c.UpdatedAt).FirstOrDefault();
    }

    public async Task<bool> TryMarkWelcomedAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var updated = await db.Conversations
            .Where(c => c.ConversationId == conversationId && c.WelcomedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.WelcomedAt, now), cancellationToken);
        return updated == 1;
    }

    public async Task MarkRemovedAsync(string conversationId, CancellationToken cancellationToken)
    {
        _lastWritten.TryRemove(conversationId, out _);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Conversations
            .Where(c => c.ConversationId == conversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsActive, false).SetProperty(c => c.WelcomedAt, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task SetLanguageAsync(string conversationId, Language language, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Conversations
            .Where(c => c.ConversationId == conversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Language, language), cancellationToken);
    }

    private static void Merge(ConversationRecord target, ConversationRecord source)
    {
        target.ServiceUrl = source.ServiceUrl;
        target.ChannelPlatform = source.ChannelPlatform;
        target.TenantId = source.TenantId ?? target.TenantId;
        target.Kind = source.Kind;
        target.TeamId = source.TeamId ?? target.TeamId;
        target.TeamName = source.TeamName ?? target.TeamName;
        target.ChannelName = source.ChannelName ?? target.ChannelName;
        target.BotId = source.BotId ?? target.BotId;
        target.BotName = source.BotName ?? target.BotName;
        target.UserId = source.UserId ?? target.UserId;
        target.AadObjectId = source.AadObjectId ?? target.AadObjectId;
        target.IsActive = source.IsActive;
        target.UpdatedAt = source.UpdatedAt;
    }

    private static string Fingerprint(ConversationRecord r) =>
        string.Join('\u001f', r.ServiceUrl, r.ChannelPlatform, r.TenantId, r.Kind, r.TeamId, r.TeamName, r.ChannelName,
            r.BotId, r.BotName, r.UserId, r.AadObjectId, r.IsActive);
}
