using ChatSupport.Api.Geo;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatSupport.Api.Health;

/// <summary>Reports whether visitors' locations can be found; absent is "degraded" (still ready: the chat works without it).</summary>
public sealed class LocationDatabaseHealthCheck(VisitorLocator locator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(locator.IsAvailable
            ? HealthCheckResult.Healthy("The location database is loaded.")
            : HealthCheckResult.Degraded("The location database is absent: visitors show as unknown on the map (docs/operations.md)."));
}
