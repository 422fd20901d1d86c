using Azure.Data.Tables;

namespace ChatSupport.Silo.Health;

/// <summary>Whether table storage answers a small query within 3 s: the readiness of every host (every write needs it).</summary>
public sealed class StorageProbe(string connectionString)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly TableServiceClient _service = new(connectionString, NoRetries());

    public async Task<bool> AnswersAsync(CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            await foreach (var _ in _service.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1)) break;
            return true;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            return false;
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
