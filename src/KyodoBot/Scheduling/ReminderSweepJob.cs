using KyodoBot.Core.Evaluations;
using Quartz;

namespace KyodoBot.Scheduling;

/// <summary>
/// The one Quartz job: runs the evaluation reminder sweep as of now. The sweep itself is idempotent and claims the
/// rows it sends; <see cref="DisallowConcurrentExecutionAttribute"/> keeps two sweeps from overlapping, on one
/// instance or across a cluster (the job store blocks the trigger while a firing of it is running anywhere).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderSweepJob(IReminderSweep sweep, TimeProvider time, ILogger<ReminderSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("reminder-sweep", "evaluations");
    public static readonly TriggerKey TriggerKey = new("reminder-sweep-every-interval", "evaluations");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await sweep.RunAsync(time.GetUtcNow(), cancellationToken);
        if (result != SweepResult.Empty)
        {
            logger.LogInformation("Reminder sweep: {Sent} sent, {Failed} failed, {Parked} parked", result.Sent, result.Failed, result.Parked);
        }
    }
}
