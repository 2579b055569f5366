using KyodoBot.Core.Proposals;
using KyodoBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace KyodoBot.Core.Evaluations;

/// <summary>A reminder that is due, with what its card shows.</summary>
public sealed record DueReminder(Reminder Reminder, EvaluationDue Due, Project Project);

/// <summary>A project and everything recorded about it (history, details card, export).</summary>
public sealed record ProjectHistory(Project Project, IReadOnlyList<EvaluationDue> Dues, IReadOnlyList<EvaluationRecord> Evaluations, IReadOnlyList<SnoozeRecord> Snoozes);

/// <summary>
/// Projects, their evaluations due, the reminder outbox, and what departments recorded. Every change of a date
/// cancels the pending reminders of that evaluation and stores the new plan in the same transaction.
/// </summary>
public sealed class EvaluationStore(IDbContextFactory<KyodoDbContext> contexts, TimeProvider time)
{
    private const int MaxNumberingAttempts = 20;

    /// <summary>
    /// Stores a project with its evaluations and their reminders. A project of the same proposal (or reference) is
    /// returned instead of a second one.
    /// </summary>
    public async Task<(Project Project, bool Created)> CreateProjectAsync(Project project, IReadOnlyList<ScheduledDue> dues,
        Func<DateOnly, IEnumerable<PlannedReminder>> plan, CancellationToken cancellationToken)
    {
        project.CreatedAt = time.GetUtcNow();
        var numbered = project.Reference.Length == 0;
        for (var attempt = 0; attempt < MaxNumberingAttempts; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var existing = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p =>
                (project.ProposalId != null && p.ProposalId == project.ProposalId) || (!numbered && p.Reference == project.Reference), cancellationToken);
            if (existing is not null)
            {
                return (existing, false);
            }

            if (numbered)
            {
                var fiscalYear = FiscalYear.Of(project.CreatedAt);
                var prefix = $"PJ-{fiscalYear}-";
                var taken = await db.Projects.Where(p => p.Reference.StartsWith(prefix)).Select(p => p.Reference).ToListAsync(cancellationToken);
                var next = taken.Select(r => int.TryParse(r[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
                project.Reference = $"{prefix}{next:0000}";
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            project.Id = 0;
            db.Projects.Add(project);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                var rows = dues.Select(d => new EvaluationDue
                {
                    ProjectId = project.Id,
                    DueDate = d.Date,
                    PlannedDate = d.Date,
                    IsFinal = d.IsFinal,
                    State = DueState.Scheduled,
                }).ToList();
                db.EvaluationDues.AddRange(rows);
                await db.SaveChangesAsync(cancellationToken);
                foreach (var due in rows)
                {
                    AddReminders(db, due, plan(due.DueDate), []);
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (project, true);
            }
            catch (DbUpdateException)
            {
                // The same proposal was turned into a project at the same moment, or the number was taken: look again.
                await transaction.RollbackAsync(cancellationToken);
            }
        }

        throw new InvalidOperationException($"Could not store project after {MaxNumberingAttempts} attempts.");
    }

    public async Task<Project?> FindProjectAsync(string reference, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Reference == reference, cancellationToken);
    }

    public async Task<DueReminder?> FindDueAsync(long dueId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await (from d in db.EvaluationDues.AsNoTracking()
                         join p in db.Projects.AsNoTracking() on d.ProjectId equals p.Id
                         where d.Id == dueId
                         select new { d, p }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new DueReminder(new Reminder { DueId = row.d.Id, ProjectId = row.p.Id, Kind = ReminderKind.DueDay }, row.d, row.p);
    }

    public async Task<Reminder?> FindReminderAsync(long reminderId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Reminders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reminderId, cancellationToken);
    }

    public async Task<ProjectHistory?> HistoryAsync(string reference, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Reference == reference, cancellationToken);
        return project is null ? null : await HistoryAsync(db, project, cancellationToken);
    }

    public async Task<ProjectHistory?> HistoryAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        return project is null ? null : await HistoryAsync(db, project, cancellationToken);
    }

    /// <summary>Every project with its evaluations, in reference order (for export).</summary>
    public async Task<IReadOnlyList<ProjectHistory>> AllHistoriesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var projects = await db.Projects.AsNoTracking().ToListAsync(cancellationToken);
        var dues = (await db.EvaluationDues.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(d => d.ProjectId);
        var records = (await db.Evaluations.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(e => e.ProjectId);
        var snoozes = (await db.Snoozes.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(s => s.ProjectId);
        return projects.OrderBy(p => p.Reference, StringComparer.Ordinal)
            .Select(p => new ProjectHistory(p,
                dues[p.Id].OrderBy(d => d.DueDate).ToList(),
                records[p.Id].OrderBy(e => e.RecordedAt).ToList(),
                snoozes[p.Id].OrderBy(s => s.SnoozedAt).ToList()))
            .ToList();
    }

    private static async Task<ProjectHistory> HistoryAsync(KyodoDbContext db, Project project, CancellationToken cancellationToken)
    {
        var dues = await db.EvaluationDues.AsNoTracking().Where(d => d.ProjectId == project.Id).ToListAsync(cancellationToken);
        var records = await db.Evaluations.AsNoTracking().Where(e => e.ProjectId == project.Id).ToListAsync(cancellationToken);
        var snoozes = await db.Snoozes.AsNoTracking().Where(s => s.ProjectId == project.Id).ToListAsync(cancellationToken);
        return new ProjectHistory(project, dues.OrderBy(d => d.DueDate).ToList(), records.OrderBy(e => e.RecordedAt).ToList(),
            snoozes.OrderBy(s => s.SnoozedAt).ToList());
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
    /// Stores the evaluation if none is recorded yet (the first click wins) and cancels the reminders still waiting.
    /// </summary>
    public async Task<bool> RecordAsync(EvaluationRecord record, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.EvaluationDues.Where(d => d.Id == record.DueId && d.State == DueState.Scheduled)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, DueState.Recorded).SetProperty(d => d.RecordedAt, record.RecordedAt), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        db.Evaluations.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await CancelPendingAsync(db, record.DueId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<EvaluationRecord?> RecordOfAsync(long dueId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Evaluations.AsNoTracking().FirstOrDefaultAsync(e => e.DueId == dueId, cancellationToken);
    }

    /// <summary>
    /// Moves an evaluation still to be recorded to <paramref name="date"/> (a snooze when <paramref name="snooze"/> is
    /// given: only if the snooze count is still <paramref name="expectedSnoozes"/>). Pending reminders are replaced by
    /// the new plan. False when someone recorded, removed or snoozed it first.
    /// </summary>
    public async Task<bool> MoveAsync(long dueId, DateOnly date, IEnumerable<PlannedReminder> plan, SnoozeRecord? snooze, int expectedSnoozes,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var increment = snooze is null ? 0 : 1;
        var query = db.EvaluationDues.Where(d => d.Id == dueId && d.State == DueState.Scheduled);
        if (snooze is not null)
        {
            query = query.Where(d => d.SnoozeCount == expectedSnoozes);
        }

        var changed = await query.ExecuteUpdateAsync(u => u
            .SetProperty(d => d.DueDate, date)
            .SetProperty(d => d.SnoozeCount, d => d.SnoozeCount + increment), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        if (snooze is not null)
        {
            db.Snoozes.Add(snooze);
        }

        await CancelPendingAsync(db, dueId, cancellationToken);
        var due = await db.EvaluationDues.FirstAsync(d => d.Id == dueId, cancellationToken);
        var existing = await db.Reminders.Where(r => r.DueId == dueId).ToListAsync(cancellationToken);
        AddReminders(db, due, plan, existing);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Adds an evaluation date to a project (schedule edit).</summary>
    public async Task<EvaluationDue> AddDueAsync(long projectId, DateOnly date, IEnumerable<PlannedReminder> plan, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = new EvaluationDue { ProjectId = projectId, DueDate = date, PlannedDate = date, State = DueState.Scheduled };
        db.EvaluationDues.Add(due);
        await db.SaveChangesAsync(cancellationToken);
        AddReminders(db, due, plan, []);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due;
    }

    /// <summary>Removes an evaluation not yet recorded (never the final one) and cancels its reminders.</summary>
    public async Task<bool> RemoveDueAsync(long dueId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.EvaluationDues.Where(d => d.Id == dueId && d.State == DueState.Scheduled && !d.IsFinal)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, DueState.Removed), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        await CancelPendingAsync(db, dueId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static Task<int> CancelPendingAsync(KyodoDbContext db, long dueId, CancellationToken cancellationToken) =>
        db.Reminders.Where(r => r.DueId == dueId && (r.State == ReminderState.Pending || r.State == ReminderState.Sending))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, ReminderState.Cancelled), cancellationToken);

    /// <summary>
    /// Adds the planned reminders; one already stored for the same kind and day is revived if it was cancelled and
    /// left alone if it was sent (a card is never posted twice for one day).
    /// </summary>
    private static void AddReminders(KyodoDbContext db, EvaluationDue due, IEnumerable<PlannedReminder> plan, IReadOnlyList<Reminder> existing)
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
