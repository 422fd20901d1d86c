using System.Text.Json;
using Azure.Data.Tables;
using ChatSupport.Contracts.Desk;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Desk;

/// <summary>
/// The desk's live index in Azure Table Storage: partition = tenant, one row per open session holding
/// its summary. One row per session (not one blob per desk) keeps every write small however many chats
/// are open, and stays under the 1 MB entity limit that a single desk state would hit at a few thousand chats.
/// </summary>
public sealed class DeskIndexStore(ChatTables tables)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<SessionSummary>> LoadAsync(string tenantId, CancellationToken ct = default)
    {
        var table = await tables.DeskIndex;
        var result = new List<SessionSummary>();
        await foreach (var row in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}"), cancellationToken: ct))
        {
            result.Add(JsonSerializer.Deserialize<SessionSummary>(row.GetString("Summary"), Json)!);
        }
        return result;
    }

    public async Task SaveAsync(string tenantId, SessionSummary summary)
    {
        var table = await tables.DeskIndex;
        await table.UpsertEntityAsync(new TableEntity(tenantId, summary.SessionId)
        {
            ["Summary"] = JsonSerializer.Serialize(summary with { QueuePosition = null }, Json),
        }, TableUpdateMode.Replace);
    }

    public async Task RemoveAsync(string tenantId, string sessionId)
    {
        var table = await tables.DeskIndex;
        await table.DeleteEntityAsync(tenantId, sessionId);
    }
}
