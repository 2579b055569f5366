using KyodoBot.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KyodoBot.Operations;

/// <summary>Ready when the database answers.</summary>
public sealed class DatabaseHealthCheck(DatabaseMigrator database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(exception: ex);
        }
    }
}
