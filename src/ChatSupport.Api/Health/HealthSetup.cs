using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatSupport.Api.Health;

/// <summary>
/// Liveness and readiness (docs/operations.md, "Health"): <c>/healthz/live</c> says the process serves (nothing is
/// checked: a restart would not help a storage outage), <c>/healthz/ready</c> that it can do its work: storage
/// answers, the cluster answers, and whether the location database is loaded (absent is reported, not a failure:
/// visitors are then "unknown" on the map). A load balancer sends traffic only to ready nodes.
/// </summary>
public static class HealthSetup
{
    private const string Ready = "ready";

    public static void AddChatSupportHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [Ready])
            .AddCheck<ClusterHealthCheck>("cluster", tags: [Ready])
            .AddCheck<LocationDatabaseHealthCheck>("locations", tags: [Ready]);

    public static void MapChatSupportHealth(this WebApplication app)
    {
        // The original probe, kept for scripts and tests that wait for the host: the same as live.
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
    }

    /// <summary>Each check's status and a sentence; never an exception's details (they may name hosts and keys).</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        }));
    }
}
