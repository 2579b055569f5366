namespace KyodoBot.Core.Evaluations;

/// <summary>What one pass over the due reminders did.</summary>
public sealed record SweepResult(int Sent, int Failed, int Parked)
{
    public static readonly SweepResult Empty = new(0, 0, 0);
}

/// <summary>
/// Sends every evaluation reminder whose time has come (send-at ≤ <c>asOf</c>) exactly once. Idempotent: a second
/// pass for the same instant sends nothing. Called by the scheduler's job and by <c>reminders send-due</c>.
/// </summary>
public interface IReminderSweep
{
    Task<SweepResult> RunAsync(DateTimeOffset asOf, CancellationToken cancellationToken);
}
