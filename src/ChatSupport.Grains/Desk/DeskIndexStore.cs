using System.Text.Json;
using Azure.Data.Tables;
using ChatSupport.Contracts.Desk;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Desk;

/// <summary>
/// The desk's live index in Azure Table Storage: partition = tenant, one row per open session holding
/// its summary. One row per session (not one blob per desk) keeps every write small however many chats
/// are open, and stays under the 1 MB entity limit that a single desk state would hit at a few thousand chats.
/// Each row carries the number of the session event it reflects, so a redelivered older event is recognized
/// after the desk's reactivation too.
/// </summary>
public sealed class DeskIndexStore(ChatTables tables)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<(SessionSummary Summary, long EventSeq)>> LoadAsync(string tenantId, CancellationToken ct = default)
    {
        var table = await tables.DeskIndex;
        var result = new List<(SessionSummary, long)>();
        await foreach (var row in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}"), cancellationToken: ct))
        {
            // Rows written before events were numbered have none: any event is newer than them.
            result.Add((JsonSerializer.Deserialize<SessionSummary>(row.GetString("Summary"), Json)!, row.GetInt64("EventSeq") ?? 0));
        }
        return result;
    }

    public async Task SaveAsync(string tenantId, SessionSummary summary, long eventSeq)
    {
        var table = await tables.DeskIndex;
        await table.UpsertEntityAsync(Row(tenantId, summary, eventSeq), TableUpdateMode.Replace);
    }

    /// <summary>
    /// Stores many rows of one tenant: up to <see cref="TransactionSize"/> changes in one entity-group transaction (one
    /// request instead of one each: the partition is the tenant). A transaction refused as a whole (a removal of a row
    /// that is already gone fails it) is done again row by row.
    /// </summary>
    public async Task WriteAsync(string tenantId, IReadOnlyList<DeskRowChange> changes)
    {
        var table = await tables.DeskIndex;
        foreach (var chunk in changes.Chunk(TransactionSize))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(c => c.Summary is { } summary
                    ? new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(tenantId, summary, c.EventSeq))
                    : new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(tenantId, c.SessionId), Azure.ETag.All)));
            }
            catch (TableTransactionFailedException)
            {
                foreach (var c in chunk)
                {
                    if (c.Summary is { } summary) await SaveAsync(tenantId, summary, c.EventSeq);
                    else await RemoveAsync(tenantId, c.SessionId);
                }
            }
        }
    }

    /// <summary>The most changes Azure Table Storage takes in one transaction.</summary>
    public const int TransactionSize = 100;

    private static TableEntity Row(string tenantId, SessionSummary summary, long eventSeq) => new(tenantId, summary.SessionId)
    {
        ["Summary"] = JsonSerializer.Serialize(summary with { QueuePosition = null }, Json),
        ["EventSeq"] = eventSeq,
    };

    /// <summary>Removes the session's row; a row that is already gone is fine (a redelivered removal).</summary>
    public async Task RemoveAsync(string tenantId, string sessionId)
    {
        var table = await tables.DeskIndex;
        try
        {
            await table.DeleteEntityAsync(tenantId, sessionId);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
