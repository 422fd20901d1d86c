using Azure;
using Azure.Data.Tables;
using ChatSupport.Contracts.Webhooks;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Webhooks;

/// <summary>
/// The durable outbox and delivery log of webhooks, one Azure table: partition <c>tenant|endpoint</c>, one row per
/// event queued for that endpoint, row key <c>session|order</c> (<see cref="WebhookPayloads"/>), so a chat's rows are in
/// the chat's order. A row is written before the session's event counts as delivered to webhooks, so a node's death
/// loses none; a row that exists already is left alone (a redelivered session event queues nothing twice). Partition
/// <c>cursor|tenant</c> holds, per chat, the last message already queued.
/// </summary>
public sealed class WebhookOutbox(ChatTables tables)
{
    public static string PartitionOf(string tenantId, string endpointId) => $"{tenantId}|{endpointId}";

    public async Task AddAsync(string tenantId, string endpointId, WebhookEvent e, DateTimeOffset now)
    {
        var table = await tables.Webhooks;
        var row = new TableEntity(PartitionOf(tenantId, endpointId), $"{e.SessionId}|{e.Order}")
        {
            ["EventId"] = e.EventId,
            ["Event"] = e.Name,
            ["SessionId"] = e.SessionId,
            ["Body"] = e.Body,
            ["Status"] = WebhookDeliveryStatus.Pending,
            ["Attempts"] = 0,
            ["DeliveryId"] = NewDeliveryId(),
            ["CreatedAt"] = now,
            ["NextAttemptAt"] = now,
        };
        try
        {
            await table.AddEntityAsync(row);
        }
        catch (RequestFailedException e2) when (e2.Status == 409)
        {
            // Queued by an earlier delivery of the same session event: once is enough.
        }
    }

    public static string NewDeliveryId() => "dlv_" + Guid.NewGuid().ToString("N");

    public async Task<IReadOnlyList<TableEntity>> PendingAsync(string tenantId, string endpointId, CancellationToken ct = default)
    {
        var table = await tables.Webhooks;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(tenantId, endpointId)} and Status eq {WebhookDeliveryStatus.Pending}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows.Add(row);
        return rows;
    }

    /// <summary>The endpoint's newest deliveries first (the whole partition is read: endpoints keep a log, not an archive).</summary>
    public async Task<IReadOnlyList<TableEntity>> LogAsync(string tenantId, string endpointId, CancellationToken ct = default)
    {
        var table = await tables.Webhooks;
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == PartitionOf(tenantId, endpointId), cancellationToken: ct)) rows.Add(row);
        return rows.OrderByDescending(r => r.GetDateTimeOffset("CreatedAt")).ThenByDescending(r => r.RowKey, StringComparer.Ordinal).ToList();
    }

    /// <summary>Stores a row's new status (the row as read, so a concurrent change is not overwritten blindly).</summary>
    public async Task UpdateAsync(TableEntity row)
    {
        var table = await tables.Webhooks;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
    }

    public async Task<long> CursorAsync(string tenantId, string sessionId)
    {
        var table = await tables.Webhooks;
        var row = await table.GetEntityIfExistsAsync<TableEntity>($"cursor|{tenantId}", sessionId);
        return row.HasValue ? row.Value!.GetInt64("MessageSeq") ?? 0 : 0;
    }

    public async Task SetCursorAsync(string tenantId, string sessionId, long messageSeq)
    {
        var table = await tables.Webhooks;
        await table.UpsertEntityAsync(new TableEntity($"cursor|{tenantId}", sessionId) { ["MessageSeq"] = messageSeq }, TableUpdateMode.Replace);
    }

    public static WebhookDelivery ToDelivery(TableEntity row) => new()
    {
        DeliveryId = row.GetString("DeliveryId"),
        EventId = row.GetString("EventId"),
        Event = row.GetString("Event"),
        SessionId = row.GetString("SessionId"),
        Status = row.GetString("Status"),
        Attempts = row.GetInt32("Attempts") ?? 0,
        LastStatusCode = row.GetInt32("LastStatusCode"),
        LastError = row.GetString("LastError"),
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        LastAttemptAt = row.GetDateTimeOffset("LastAttemptAt"),
        NextAttemptAt = row.GetString("Status") == WebhookDeliveryStatus.Pending ? row.GetDateTimeOffset("NextAttemptAt") : null,
    };
}
