using KyodoBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace KyodoBot.Core.Evaluations;

/// <summary>
/// The reminder outbox: which reminders are due, claiming them for one sender (however many instances sweep),
/// and what became of each card. The plan of reminders is written with the evaluation dates by
/// <see cref="EvaluationStore"/>, in the same transaction, through <see cref="AddReminders"/>.
/// </summary>
public sealed class ReminderOutbox(IDbContextFactory<KyodoDbContext> contexts, TimeProvider time)
{
    public async Task<Reminder?> FindReminderAsync(long reminderId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Reminders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reminderId, cancellationToken);
    }

    /// <summary>Reminders not yet sent whose time is at or before <paramref name="asOf"/>, oldest first.</summary>
    public async Task<IReadOnlyList<DueReminder>> DueAsync(DateTimeOffset asOf, int limit, CancellationToken cancellationToken)
    {
        var asOfMs = asOf.ToUnixTimeMilliseconds();
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from r in db.Reminders.AsNoTracking()
                          join d in db.EvaluationDues.AsNoTracking() on r.DueId equals d.Id
                          join p in db.Projects.AsNoTracking() on r.ProjectId equals p.Id
                          where r.SendAtMs <= asOfMs && d.State == DueState.Scheduled
                                && (r.State == ReminderState.Pending || (r.State == ReminderState.Sending && r.ClaimedUntilMs < nowMs))
                          orderby r.SendAtMs, r.Id
                          select new { r, d, p }).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(x => new DueReminder(x.r, x.d, x.p)).ToList();
    }

    /// <summary>Reminders still to send (pending or in flight), soonest first, up to <paramref name="until"/>.</summary>
    public async Task<IReadOnlyList<DueReminder>> UpcomingAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var untilMs = until.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from r in db.Reminders.AsNoTracking()
                          join d in db.EvaluationDues.AsNoTracking() on r.DueId equals d.Id
                          join p in db.Projects.AsNoTracking() on r.ProjectId equals p.Id
                          where r.SendAtMs <= untilMs && d.State == DueState.Scheduled && (r.State == ReminderState.Pending || r.State == ReminderState.Sending)
                          orderby r.SendAtMs, r.Id
                          select new { r, d, p }).ToListAsync(cancellationToken);
        return rows.Select(x => new DueReminder(x.r, x.d, x.p)).ToList();
    }

    /// <summary>
    /// Takes the reminders for this sender until <paramref name="until"/>, in one statement, and returns those it took:
    /// each reminder goes to exactly one sender, however many instances sweep at once. A claim that lapsed (its sender
    /// crashed) can be taken again.
    /// </summary>
    public async Task<IReadOnlySet<long>> ClaimAsync(IReadOnlyCollection<long> reminderIds, string sender, DateTimeOffset until,
        CancellationToken cancellationToken)
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var untilMs = until.ToUnixTimeMilliseconds();
        var ids = reminderIds.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var taken = await db.Reminders
            .Where(r => ids.Contains(r.Id) && (r.State == ReminderState.Pending || (r.State == ReminderState.Sending && r.ClaimedUntilMs < nowMs)))
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.State, ReminderState.Sending)
                .SetProperty(r => r.ClaimedBy, sender)
                .SetProperty(r => r.ClaimedUntilMs, untilMs)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1), cancellationToken);
        if (taken == ids.Count)
        {
            return ids.ToHashSet();
        }

        if (taken == 0)
        {
            return new HashSet<long>();
        }

        // Some were held by another sender: ours are those carrying this very claim.
        return (await db.Reminders.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && r.State == ReminderState.Sending && r.ClaimedBy == sender && r.ClaimedUntilMs == untilMs)
            .Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>Gives back claimed reminders that were not tried at all, as if never claimed (no error noted, no attempt counted).</summary>
    public async Task UnclaimAsync(IReadOnlyCollection<long> reminderIds, string sender, CancellationToken cancellationToken)
    {
        if (reminderIds.Count == 0)
        {
            return;
        }

        var ids = reminderIds.ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Reminders.Where(r => ids.Contains(r.Id) && r.State == ReminderState.Sending && r.ClaimedBy == sender)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.State, ReminderState.Pending)
                .SetProperty(r => r.ClaimedBy, (string?)null)
                .SetProperty(r => r.ClaimedUntilMs, 0L)
                .SetProperty(r => r.Attempts, r => r.Attempts - 1), cancellationToken);
    }

    /// <summary>The connector accepted the card: the reminder is sent, and where the card is is remembered.</summary>
    public async Task MarkSentAsync(long reminderId, string sender, Proactive.PostedMessage posted, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Reminders.Where(r => r.Id == reminderId && r.State == ReminderState.Sending && r.ClaimedBy == sender)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.State, ReminderState.Sent)
                .SetProperty(r => r.SentAt, time.GetUtcNow())
                .SetProperty(r => r.LastError, (string?)null)
                .SetProperty(r => r.PostedConversationId, posted.ConversationId)
                .SetProperty(r => r.PostedActivityId, posted.ActivityId)
                .SetProperty(r => r.PostedServiceUrl, posted.ServiceUrl)
                .SetProperty(r => r.PostedTenantId, posted.TenantId), cancellationToken);
    }

    /// <summary>Gives the reminder back (not sent): the next sweep tries again.</summary>
    public async Task ReleaseAsync(long reminderId, string sender, string error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Reminders.Where(r => r.Id == reminderId && r.State == ReminderState.Sending && r.ClaimedBy == sender)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.State, ReminderState.Pending)
                .SetProperty(r => r.ClaimedBy, (string?)null)
                .SetProperty(r => r.ClaimedUntilMs, 0L)
                .SetProperty(r => r.LastError, error.Length > 500 ? error[..500] : error), cancellationToken);
    }

    /// <summary>Notes why reminders wait, without claiming them; how many did not have this reason noted yet.</summary>
    public async Task<int> NoteWaitingAsync(IReadOnlyList<long> reminderIds, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Reminders.Where(r => reminderIds.Contains(r.Id) && r.State == ReminderState.Pending && r.LastError != reason)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.LastError, reason), cancellationToken);
    }

    /// <summary>Cancels reminders a later card of the same evaluation makes pointless (not those sent or in flight).</summary>
    public async Task SupersedeAsync(IReadOnlyList<long> reminderIds, CancellationToken cancellationToken)
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Reminders
            .Where(r => reminderIds.Contains(r.Id) && (r.State == ReminderState.Pending || (r.State == ReminderState.Sending && r.ClaimedUntilMs < nowMs)))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, ReminderState.Cancelled).SetProperty(r => r.LastError, "superseded"), cancellationToken);
    }

    /// <summary>Adds the next weekly escalation after one was sent, unless the evaluation was recorded meanwhile.</summary>
    public async Task AddReminderAsync(long dueId, PlannedReminder planned, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.EvaluationDues.FirstOrDefaultAsync(d => d.Id == dueId && d.State == DueState.Scheduled, cancellationToken);
        if (due is null)
        {
            return;
        }

        var existing = await db.Reminders.Where(r => r.DueId == dueId).ToListAsync(cancellationToken);
        AddReminders(db, due, [planned], existing);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance added the same escalation.
        }
    }

    /// <summary>The cards already posted for an evaluation (to update them all when it is recorded or snoozed).</summary>
    public async Task<IReadOnlyList<Reminder>> PostedCardsAsync(long dueId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Reminders.AsNoTracking()
            .Where(r => r.DueId == dueId && r.State == ReminderState.Sent && r.PostedActivityId != null)
            .OrderBy(r => r.SendAtMs).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the planned reminders; one already stored for the same kind and day is revived if it was cancelled and
    /// left alone if it was sent (a card is never posted twice for one day).
    /// </summary>
    internal static void AddReminders(KyodoDbContext db, EvaluationDue due, IEnumerable<PlannedReminder> plan, IReadOnlyList<Reminder> existing)
    {
        foreach (var planned in plan)
        {
            var sendAtMs = planned.SendAt.ToUnixTimeMilliseconds();
            if (existing.FirstOrDefault(r => r.Kind == planned.Kind && r.Day == planned.Day) is { } stored)
            {
                if (stored.State == ReminderState.Cancelled)
                {
                    stored.State = ReminderState.Pending;
                    stored.SendAtMs = sendAtMs;
                    stored.LastError = null;
                }

                continue;
            }

            db.Reminders.Add(new Reminder
            {
                DueId = due.Id,
                ProjectId = due.ProjectId,
                Kind = planned.Kind,
                Day = planned.Day,
                SendAtMs = sendAtMs,
                State = ReminderState.Pending,
            });
        }
    }
}
