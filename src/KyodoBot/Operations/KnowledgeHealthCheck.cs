using KyodoBot.Core.Knowledge;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KyodoBot.Operations;

/// <summary>Ready once the knowledge index is loaded and holds at least one section.</summary>
public sealed class KnowledgeHealthCheck(IKnowledgeBase knowledge) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(knowledge.IsLoaded && knowledge.SectionCount > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy());
}
