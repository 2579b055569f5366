namespace KyodoBot.Core.Evaluations;

/// <summary>A 協働事業: an accepted proposal (or a project an admin registered directly) with evaluations due.</summary>
public sealed class Project
{
    public long Id { get; set; }
    /// <summary>The proposal's KP-… number, or PJ-&lt;fiscal year&gt;-&lt;seq&gt; for a project registered directly.</summary>
    public required string Reference { get; set; }
    public long? ProposalId { get; set; }
    public required string Title { get; set; }
    public required string Organization { get; set; }
    public required string Department { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public bool PublicFunds { get; set; }
    public ScheduleKind Schedule { get; set; }
    public string? RegisteredBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum DueState
{
    Scheduled,
    Recorded,
    Removed,
}

/// <summary>One evaluation the department owes: its date (moved by snoozes and schedule edits) and where its card is.</summary>
public sealed class EvaluationDue
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public DateOnly DueDate { get; set; }
    /// <summary>The date first scheduled, before any snooze.</summary>
    public DateOnly PlannedDate { get; set; }
    public bool IsFinal { get; set; }
    public DueState State { get; set; }
    public int SnoozeCount { get; set; }
    public DateTimeOffset? RecordedAt { get; set; }
}

public enum ReminderState
{
    Pending,
    /// <summary>Claimed by a sender until <see cref="Reminder.ClaimedUntilMs"/>; a crashed sender's claim lapses.</summary>
    Sending,
    Sent,
    Cancelled,
}

/// <summary>
/// One card to post (the outbox): 7 days before, on the day, or the overdue escalation. Marked sent only after the
/// connector accepted it. Times are Unix milliseconds so that both databases compare them natively.
/// </summary>
public sealed class Reminder
{
    public long Id { get; set; }
    public long DueId { get; set; }
    public long ProjectId { get; set; }
    public ReminderKind Kind { get; set; }
    public DateOnly Day { get; set; }
    public long SendAtMs { get; set; }
    public ReminderState State { get; set; }
    public string? ClaimedBy { get; set; }
    public long ClaimedUntilMs { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? PostedConversationId { get; set; }
    public string? PostedActivityId { get; set; }
    public string? PostedServiceUrl { get; set; }
    public string? PostedTenantId { get; set; }

    public DateTimeOffset SendAt => DateTimeOffset.FromUnixTimeMilliseconds(SendAtMs);
}

/// <summary>An evaluation recorded on the card (principle 7's two questions, rated 1–5).</summary>
public sealed class EvaluationRecord
{
    public long Id { get; set; }
    public long DueId { get; set; }
    public long ProjectId { get; set; }
    public DateOnly DueDate { get; set; }
    public required string RecordedBy { get; set; }
    public string? RecordedByName { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>課題は解決されているか (1–5).</summary>
    public int IssueRating { get; set; }
    /// <summary>事業は適正に行われているか (1–5).</summary>
    public int ConductRating { get; set; }
    /// <summary>The principles the department ticked in the quick check, e.g. "1,3,7".</summary>
    public string PrincipleChecks { get; set; } = "";
    public string Comments { get; set; } = "";
    public string NextSteps { get; set; } = "";
}

/// <summary>A 延期: the due date moved by a week, with the reason.</summary>
public sealed class SnoozeRecord
{
    public long Id { get; set; }
    public long DueId { get; set; }
    public long ProjectId { get; set; }
    public required string SnoozedBy { get; set; }
    public string? SnoozedByName { get; set; }
    public DateTimeOffset SnoozedAt { get; set; }
    public required string Reason { get; set; }
    public DateOnly FromDate { get; set; }
    public DateOnly ToDate { get; set; }
}
