using KyodoBot.Core.Evaluations;

namespace KyodoBot.Scheduling;

/// <summary>Stands in for the evaluation module's sweep until it is registered, so the scheduler can start without it.</summary>
internal sealed class NoEvaluationModuleSweep(ILogger<NoEvaluationModuleSweep> logger) : IReminderSweep
{
    public Task<SweepResult> RunAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        logger.LogDebug("Reminder sweep at {AsOf}: no evaluation module is registered, nothing to send", asOf);
        return Task.FromResult(SweepResult.Empty);
    }
}
