using Azure.Data.Tables;
using ChatSupport.Bench.Clients;

namespace ChatSupport.Bench.Scenarios;

/// <summary>
/// "Stored before acknowledged", checked from the outside: after the run, every (session, seq) the server
/// acknowledged must be a row of the messages table. The server is idle by then, so nothing is in flight.
/// </summary>
public static class DurabilityCheck
{
    public static async Task<DurabilityOutcome> RunAsync(string connectionString, string tenant, AckLedger ledger, CancellationToken ct)
    {
        var acked = ledger.Snapshot();
        var table = new TableClient(connectionString, "ChatMessages");
        // Message partitions are "tenant|session" (docs/architecture.md, Storage); '}' sorts right after '|'.
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {tenant + "|"} and PartitionKey lt {tenant + "}"} and RowKey gt {"m"} and RowKey lt {"n"}");
        var stored = new HashSet<(string, long)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
            stored.Add((row.PartitionKey[(tenant.Length + 1)..], long.Parse(row.RowKey.AsSpan(1))));
        var missing = acked.Count(a => !stored.Contains(a));
        return new DurabilityOutcome(acked.Count, stored.Count, missing);
    }
}

/// <summary>Acknowledged messages, rows found, and acknowledged messages that storage does not hold (must be 0).</summary>
public sealed record DurabilityOutcome(int Acknowledged, int StoredRows, int AcknowledgedButMissing);
