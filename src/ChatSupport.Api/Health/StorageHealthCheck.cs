using ChatSupport.Grains.Storage;
using ChatSupport.Silo.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Health;

/// <summary>Ready only while table storage answers a small query within 3 s (every write of the product needs it).</summary>
public sealed class StorageHealthCheck(IOptions<ChatStorageOptions> options) : IHealthCheck
{
    private readonly StorageProbe _probe = new(options.Value.ConnectionString);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await _probe.AnswersAsync(ct)
            ? HealthCheckResult.Healthy("Table storage answers.")
            : HealthCheckResult.Unhealthy("Table storage does not answer.");
}
