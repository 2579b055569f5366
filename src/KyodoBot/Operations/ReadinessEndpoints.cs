using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KyodoBot.Operations;

/// <summary>
/// <c>/healthz</c>: the process answers (200). <c>/readyz</c>: every health check tagged <see cref="ReadyTag"/> passes
/// (200), else 503; both answer JSON, <c>/readyz</c> with each check's state.
/// </summary>
public static class ReadinessEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>The checks behind <c>/readyz</c>: the database answers, the knowledge index is loaded.</summary>
    public static IServiceCollection AddKyodoHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<KnowledgeHealthCheck>("knowledge", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapKyodoHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsJsonAsync(new { status = "alive" }),
        });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteReadinessAsync,
        });
        return endpoints;
    }

    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        static string State(HealthStatus status) => status == HealthStatus.Healthy ? "ready" : "not ready";
        var checks = report.Entries.ToDictionary(e => e.Key, e => State(e.Value.Status));
        return context.Response.WriteAsJsonAsync(new { status = State(report.Status), checks }, JsonSerializerOptions.Web);
    }
}
