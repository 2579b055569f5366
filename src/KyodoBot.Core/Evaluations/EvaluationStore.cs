using KyodoBot.Core.Proposals;
using KyodoBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace KyodoBot.Core.Evaluations;

/// <summary>A reminder that is due, with what its card shows.</summary>
public sealed record DueReminder(Reminder Reminder, EvaluationDue Due, Project Project);

/// <summary>A project and everything recorded about it (history, details card, export).</summary>
public sealed record ProjectHistory(Project Project, IReadOnlyList<EvaluationDue> Dues, IReadOnlyList<EvaluationRecord> Evaluations, IReadOnlyList<SnoozeRecord> Snoozes);

/// <summary>
/// Projects, their evaluations due, and what departments recorded. Every change of a date cancels the pending
/// reminders of that evaluation and stores the new plan in the same transaction; sending them is
/// <see cref="ReminderOutbox"/>'s.
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
                    ReminderOutbox.AddReminders(db, due, plan(due.DueDate), []);
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
        ReminderOutbox.AddReminders(db, due, plan, existing);
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
        ReminderOutbox.AddReminders(db, due, plan, []);
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
}
