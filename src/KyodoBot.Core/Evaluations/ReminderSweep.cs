using KyodoBot.Core.Access;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Text;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Evaluations;

/// <summary>
/// Posts every reminder whose time has come. Each reminder is claimed (one sender wins, across instances; a
/// department's cards a few at a time, in one statement), posted, and marked sent only once the connector accepted
/// it; a sender that dies mid-post loses its claim after
/// <see cref="EvaluationOptions.ClaimLease"/> and the card is posted again — at most one duplicate, never a lost card.
/// Channels are served in parallel (<see cref="EvaluationOptions.MaxParallelSends"/>), the cards of one channel in order;
/// the connector's rate limits are kept by the host's shared limiter.
/// </summary>
public sealed class ReminderSweep(
    ReminderOutbox outbox,
    EvaluationCards cards,
    IChannelMessenger messenger,
    DepartmentRegistry departments,
    AdminNotifier admins,
    ReminderPlanner planner,
    BusinessCalendar calendar,
    EvaluationOptions options,
    Texts texts,
    TimeProvider time,
    ILogger<ReminderSweep> logger) : IReminderSweep
{
    private const int BatchSize = 2000;

    /// <summary>
    /// Cards of one department claimed together. Their lease starts at the claim, so a chunk must be posted well within
    /// it: 8 is what one channel may take in 2 s (Teams' 8 per 2 s per thread).
    /// </summary>
    private const int ClaimChunk = 8;
    private const string NoChannel = "department-not-registered";
    private const string ChannelInactive = "channel-inactive";

    /// <summary>Who holds a claim: this process (several may share a database).</summary>
    public string SenderId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private enum Outcome
    {
        Sent,
        Failed,
        Parked,
    }

    public async Task<SweepResult> RunAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var total = SweepResult.Empty;
        var seen = new HashSet<long>();
        while (true)
        {
            var due = (await outbox.DueAsync(asOf, BatchSize, cancellationToken)).Where(d => seen.Add(d.Reminder.Id)).ToList();
            if (due.Count == 0)
            {
                break;
            }

            var pass = await SendAsync(await LatestPerEvaluationAsync(due, cancellationToken), asOf, cancellationToken);
            total = new SweepResult(total.Sent + pass.Sent, total.Failed + pass.Failed, total.Parked + pass.Parked);
            if (due.Count < BatchSize)
            {
                break;
            }
        }

        if (total != SweepResult.Empty)
        {
            logger.LogInformation("Reminder sweep as of {AsOf:o}: {Sent} sent, {Failed} failed (kept for the next run), {Parked} waiting for a channel",
                asOf, total.Sent, total.Failed, total.Parked);
        }

        return total;
    }

    /// <summary>
    /// After downtime several cards of one evaluation may be due at once (7 days before, the day, overdue): only the
    /// latest is worth sending; the others are cancelled as superseded.
    /// </summary>
    private async Task<IReadOnlyList<DueReminder>> LatestPerEvaluationAsync(IReadOnlyList<DueReminder> due, CancellationToken cancellationToken)
    {
        var superseded = due.GroupBy(d => d.Due.Id)
            .SelectMany(g => g.OrderByDescending(d => d.Reminder.SendAtMs).ThenByDescending(d => d.Reminder.Kind).Skip(1))
            .ToList();
        if (superseded.Count == 0)
        {
            return due;
        }

        await outbox.SupersedeAsync(superseded.Select(d => d.Reminder.Id).ToList(), cancellationToken);
        logger.LogInformation("{Count} reminder(s) superseded by a later card of the same evaluation", superseded.Count);
        return due.Except(superseded).ToList();
    }

    private async Task<SweepResult> SendAsync(IReadOnlyList<DueReminder> due, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        int sent = 0, failed = 0, parked = 0;
        var byDepartment = new List<(Department Department, List<DueReminder> Reminders)>();
        foreach (var group in due.GroupBy(d => DepartmentRegistry.NormalizeName(d.Project.Department).ToLowerInvariant()))
        {
            var reminders = group.ToList();
            var department = await departments.FindAsync(reminders[0].Project.Department, cancellationToken);
            if (department is null || department.Inactive)
            {
                parked += reminders.Count;
                await ParkAsync(reminders, department is null ? NoChannel : ChannelInactive, cancellationToken);
                continue;
            }

            byDepartment.Add((department, reminders));
        }

        // One worker per channel at a time keeps a channel's cards in order; channels run side by side.
        var channels = byDepartment.GroupBy(d => d.Department.ChannelId).Select(g => g.ToList()).ToList();
        await Parallel.ForEachAsync(channels, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelSends, CancellationToken = cancellationToken },
            async (channel, ct) =>
            {
                foreach (var (department, reminders) in channel)
                {
                    var result = await SendDepartmentAsync(department, reminders, asOf, ct);
                    Interlocked.Add(ref sent, result.Sent);
                    Interlocked.Add(ref failed, result.Failed);
                    Interlocked.Add(ref parked, result.Parked);
                }
            });
        return new SweepResult(sent, failed, parked);
    }

    /// <summary>
    /// A department's cards in order, claimed <see cref="ClaimChunk"/> at a time (one statement instead of one per
    /// card). What was claimed but not tried — after the channel refused, or on cancellation — is given back untouched.
    /// </summary>
    private async Task<SweepResult> SendDepartmentAsync(Department department, List<DueReminder> reminders, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        int sent = 0, failed = 0;
        for (var start = 0; start < reminders.Count; start += ClaimChunk)
        {
            var chunk = reminders.GetRange(start, Math.Min(ClaimChunk, reminders.Count - start));
            var claimed = await outbox.ClaimAsync([.. chunk.Select(v => v.Reminder.Id)], SenderId, time.GetUtcNow() + options.ClaimLease, cancellationToken);
            for (var i = 0; i < chunk.Count; i++)
            {
                if (!claimed.Contains(chunk[i].Reminder.Id))
                {
                    continue; // another sender has it
                }

                Outcome outcome;
                try
                {
                    outcome = await SendClaimedAsync(department, chunk[i], asOf, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    await outbox.UnclaimAsync(Untried(chunk, i, claimed), SenderId, CancellationToken.None);
                    throw;
                }

                switch (outcome)
                {
                    case Outcome.Sent: sent++; break;
                    case Outcome.Failed: failed++; break;
                    case Outcome.Parked:
                        // The channel refused: the department's remaining cards wait with it.
                        await outbox.UnclaimAsync(Untried(chunk, i, claimed), SenderId, CancellationToken.None);
                        return new SweepResult(sent, failed, reminders.Count - (start + i));
                }
            }
        }

        return new SweepResult(sent, failed, 0);
    }

    private static List<long> Untried(List<DueReminder> chunk, int current, IReadOnlySet<long> claimed) =>
        [.. chunk.Skip(current + 1).Select(v => v.Reminder.Id).Where(claimed.Contains)];

    private async Task<Outcome> SendClaimedAsync(Department department, DueReminder view, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var reminder = view.Reminder;
        try
        {
            var card = cards.Reminder(view with { Reminder = reminder }, Language.Japanese);
            var posted = await messenger.PostToDepartmentAsync(department.Name, OutgoingMessage.FromCard(card), cancellationToken);
            await outbox.MarkSentAsync(reminder.Id, SenderId, posted, CancellationToken.None);
            logger.LogInformation("Reminder {ReminderId} ({Kind}) for {Reference} due {Due} posted to {Department}",
                reminder.Id, reminder.Kind, view.Project.Reference, view.Due.DueDate, department.Name);
        }
        catch (ChannelForbiddenException ex)
        {
            await outbox.ReleaseAsync(reminder.Id, SenderId, ChannelInactive, CancellationToken.None);
            if (await departments.MarkInactiveAsync(department.Name, ex.Message, CancellationToken.None))
            {
                logger.LogWarning("Teams refused the channel of {Department} (403); its cards wait until the channel is registered again", department.Name);
                await admins.TellAsync(texts.Get(Language.Japanese, "evaluation.admin.channelInactive", Markdown.Escape(department.Name),
                    Markdown.Escape(department.ChannelName ?? department.ChannelId)), CancellationToken.None);
            }

            return Outcome.Parked;
        }
        catch (DepartmentNotRegisteredException)
        {
            await outbox.ReleaseAsync(reminder.Id, SenderId, NoChannel, CancellationToken.None);
            return Outcome.Parked;
        }
        catch (OperationCanceledException)
        {
            await outbox.ReleaseAsync(reminder.Id, SenderId, "cancelled", CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reminder {ReminderId} for {Reference} could not be posted; it stays pending", reminder.Id, view.Project.Reference);
            await outbox.ReleaseAsync(reminder.Id, SenderId, ex.Message, CancellationToken.None);
            return Outcome.Failed;
        }

        if (reminder.Kind == ReminderKind.Overdue)
        {
            await EscalateAsync(view, asOf, cancellationToken);
        }

        return Outcome.Sent;
    }

    /// <summary>
    /// Overdue: the admins hear of it, and the next escalation is planned a week on — a week after it was actually
    /// sent, so that after downtime the escalations do not catch up one per sweep.
    /// </summary>
    private async Task EscalateAsync(DueReminder view, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var sentOn = calendar.LocalDate(asOf);
        await outbox.AddReminderAsync(view.Due.Id, planner.NextEscalation(sentOn > view.Reminder.Day ? sentOn : view.Reminder.Day), cancellationToken);
        await admins.TellAsync(texts.Get(Language.Japanese, "evaluation.admin.overdue", view.Project.Reference, Markdown.Escape(view.Project.Title),
            Markdown.Escape(view.Project.Department), CardDates.Date(view.Due.DueDate, Language.Japanese)), cancellationToken);
    }

    /// <summary>
    /// Cards that cannot go out yet stay pending; the admins are told once per card and reason. A card already noted
    /// (every sweep finds it again) costs no statement.
    /// </summary>
    private async Task ParkAsync(IReadOnlyList<DueReminder> reminders, string reason, CancellationToken cancellationToken)
    {
        var first = reminders.Where(v => v.Reminder.LastError != reason).ToList();
        if (first.Count == 0 || await outbox.NoteWaitingAsync([.. first.Select(v => v.Reminder.Id)], reason, cancellationToken) == 0)
        {
            return;
        }

        if (reason == NoChannel)
        {
            var department = first[0].Project.Department;
            logger.LogWarning("{Count} evaluation reminder(s) for {Department} wait: the department has no registered channel", first.Count, department);
            await admins.TellAsync(texts.Get(Language.Japanese, "evaluation.admin.noChannel", Markdown.Escape(department),
                string.Join("、", first.Select(f => f.Project.Reference).Distinct())), cancellationToken);
        }
    }
}
