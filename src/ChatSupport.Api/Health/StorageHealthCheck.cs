using Azure.Data.Tables;
using ChatSupport.Grains.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Health;

/// <summary>Ready only while table storage answers a small query within 3 s (every write of the product needs it).</summary>
public sealed class StorageHealthCheck(IOptions<ChatStorageOptions> options) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly TableServiceClient _service = new(options.Value.ConnectionString, NoRetries());

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            await foreach (var _ in _service.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1)) break;
            return HealthCheckResult.Healthy("Table storage answers.");
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            return HealthCheckResult.Unhealthy("Table storage does not answer.");
        }
    }

    private static TableClientOptions NoRetries()
    {
        // The probe asks again by itself; a retrying client would make a down storage look slow instead of down.
        var o = new TableClientOptions();
        o.Retry.MaxRetries = 0;
        o.Retry.NetworkTimeout = Timeout;
        return o;
    }
}
