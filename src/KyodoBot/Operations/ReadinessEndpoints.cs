using KyodoBot.Core.Storage;

namespace KyodoBot.Operations;

/// <summary>A component that must be ready before the bot can serve turns (the database, the knowledge index …).</summary>
public interface IReadinessCheck
{
    string Name { get; }
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}

public sealed class DatabaseReadiness(DatabaseMigrator database) : IReadinessCheck
{
    public string Name => "database";

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await database.CanConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }
}

public sealed class KnowledgeReadiness(KyodoBot.Core.Knowledge.IKnowledgeBase knowledge) : IReadinessCheck
{
    public string Name => "knowledge";

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => Task.FromResult(knowledge.IsLoaded && knowledge.SectionCount > 0);
}

public static class ReadinessEndpoints
{
    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: every readiness check passes (503 otherwise).</summary>
    public static IEndpointRouteBuilder MapKyodoHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
        endpoints.MapGet("/readyz", async (IEnumerable<IReadinessCheck> checks, CancellationToken cancellationToken) =>
        {
            var results = new Dictionary<string, string>();
            foreach (var check in checks)
            {
                results[check.Name] = await check.IsReadyAsync(cancellationToken) ? "ready" : "not ready";
            }

            var ready = results.Values.All(v => v == "ready");
            return Results.Json(new { status = ready ? "ready" : "not ready", checks = results },
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}

/// <summary>Applies migrations before the server accepts requests.</summary>
public sealed class DatabaseMigrationHostedService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
