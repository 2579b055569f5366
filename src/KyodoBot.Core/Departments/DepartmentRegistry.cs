using KyodoBot.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace KyodoBot.Core.Departments;

public enum RegistrationOutcome
{
    Registered,
    AlreadyRegistered,
    Moved,
    /// <summary>Registered again in the same channel after Teams had refused posts there (the bot was re-added).</summary>
    Reactivated,
    /// <summary>Another channel holds the department and a move was not allowed: nothing changed.</summary>
    HeldElsewhere,
}

public sealed record RegistrationResult(RegistrationOutcome Outcome, Department Department, string? PreviousChannelName, string? PreviousChannelId = null);

/// <summary>
/// Told after a department is mapped to a channel (proposals waiting for it are delivered then). Called by the
/// register command rather than the registry, because listeners post through the proactive port, which itself reads
/// the registry.
/// </summary>
public interface IDepartmentRegisteredListener
{
    Task OnRegisteredAsync(Department department, CancellationToken cancellationToken);
}

/// <summary>The department registry: 所管課 → Teams channel.</summary>
public sealed class DepartmentRegistry(IDbContextFactory<Storage.KyodoDbContext> contexts, TimeProvider time)
{
    public const int MaxNameLength = 50;

    /// <summary>NFKC, trimmed, inner whitespace collapsed. Empty when nothing is left.</summary>
    public static string NormalizeName(string? name) => TextNormalizer.Normalize(name);

    /// <summary>
    /// Maps <paramref name="name"/> to <paramref name="channel"/>. A department another channel holds moves only when
    /// <paramref name="allowMove"/> (an admin, or an approved move request); otherwise the outcome is
    /// <see cref="RegistrationOutcome.HeldElsewhere"/> and nothing changes — decided in the same read as the write, so
    /// a concurrent registration cannot turn a first registration into a takeover.
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(string name, ChannelLocation channel, string? registeredBy, CancellationToken cancellationToken,
        bool allowMove = false)
    {
        var normalized = NormalizeName(name);
        if (normalized.Length == 0 || normalized.Length > MaxNameLength)
        {
            throw new ArgumentException($"Department name must be 1–{MaxNameLength} characters.", nameof(name));
        }

        var key = normalized.ToLowerInvariant();
        RegistrationResult result;
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var existing = await db.Departments.FirstOrDefaultAsync(d => d.NameKey == key, cancellationToken);
            if (existing is not null && existing.ChannelId == channel.ChannelId && !existing.Inactive)
            {
                return new RegistrationResult(RegistrationOutcome.AlreadyRegistered, existing, null);
            }

            if (existing is not null && existing.ChannelId != channel.ChannelId && !allowMove)
            {
                return new RegistrationResult(RegistrationOutcome.HeldElsewhere, existing, existing.ChannelName ?? existing.ChannelId, existing.ChannelId);
            }

            var reactivated = existing is not null && existing.ChannelId == channel.ChannelId;

            string? previous = null;
            string? previousId = null;
            if (existing is null)
            {
                existing = new Department { Name = normalized, NameKey = key, ChannelId = channel.ChannelId };
                db.Departments.Add(existing);
            }
            else if (!reactivated)
            {
                previous = existing.ChannelName ?? existing.ChannelId;
                previousId = existing.ChannelId;
            }

            Assign(existing, normalized, channel, registeredBy, time.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                var outcome = reactivated ? RegistrationOutcome.Reactivated
                    : previous is null ? RegistrationOutcome.Registered : RegistrationOutcome.Moved;
                result = new RegistrationResult(outcome, existing, previous, previousId);
                break;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // The same name was registered concurrently; the second attempt sees it and updates it.
            }
        }

        return result;
    }

    /// <summary>Points the department at the channel, active again.</summary>
    private static void Assign(Department department, string name, ChannelLocation channel, string? registeredBy, DateTimeOffset now)
    {
        department.Inactive = false;
        department.InactiveSince = null;
        department.InactiveReason = null;

        department.Name = name;
        department.ChannelId = channel.ChannelId;
        department.ChannelName = channel.ChannelName;
        department.TeamId = channel.TeamId;
        department.TeamName = channel.TeamName;
        department.RegisteredBy = registeredBy;
        department.RegisteredAt = now;
    }

    /// <summary>Removes the mapping of <paramref name="name"/>, or every department of the channel when no name is given.</summary>
    public async Task<IReadOnlyList<Department>> UnregisterAsync(string channelId, string? name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Departments.Where(d => d.ChannelId == channelId);
        var key = NormalizeName(name).ToLowerInvariant();
        if (key.Length > 0)
        {
            query = query.Where(d => d.NameKey == key);
        }

        var removed = await query.ToListAsync(cancellationToken);
        db.Departments.RemoveRange(removed);
        await db.SaveChangesAsync(cancellationToken);
        return removed;
    }

    public async Task<IReadOnlyList<Department>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var all = await db.Departments.AsNoTracking().ToListAsync(cancellationToken);
        return all.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Teams refused a post to the department's channel (403: the bot is no longer in the team). True when this call
    /// made it inactive (so the admins are told once); cards wait until someone registers the channel again.
    /// </summary>
    public async Task<bool> MarkInactiveAsync(string name, string reason, CancellationToken cancellationToken)
    {
        var key = NormalizeName(name).ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Departments.Where(d => d.NameKey == key && !d.Inactive)
            .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.Inactive, true)
                .SetProperty(d => d.InactiveSince, time.GetUtcNow())
                .SetProperty(d => d.InactiveReason, reason.Length > 500 ? reason[..500] : reason), cancellationToken);
        return changed > 0;
    }

    /// <summary>
    /// Moves the department to <paramref name="to"/> if it is still registered to <paramref name="fromChannelId"/>
    /// (an approved move request); null when it has moved or gone since the request was made.
    /// </summary>
    public async Task<Department?> MoveAsync(string name, string fromChannelId, ChannelLocation to, string? movedBy, CancellationToken cancellationToken)
    {
        var key = NormalizeName(name).ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Departments.Where(d => d.NameKey == key && d.ChannelId == fromChannelId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.ChannelId, to.ChannelId)
                .SetProperty(d => d.ChannelName, to.ChannelName)
                .SetProperty(d => d.TeamId, to.TeamId)
                .SetProperty(d => d.TeamName, to.TeamName)
                .SetProperty(d => d.RegisteredBy, movedBy)
                .SetProperty(d => d.RegisteredAt, time.GetUtcNow())
                .SetProperty(d => d.Inactive, false)
                .SetProperty(d => d.InactiveSince, (DateTimeOffset?)null)
                .SetProperty(d => d.InactiveReason, (string?)null), cancellationToken);
        return changed == 0 ? null : await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.NameKey == key, cancellationToken);
    }

    public async Task<Department?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var key = NormalizeName(name).ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.NameKey == key, cancellationToken);
    }
}

/// <summary>A Teams channel, as needed to register a department there.</summary>
public sealed record ChannelLocation(string ChannelId, string? ChannelName, string? TeamId, string? TeamName);
