using Azure;
using Azure.Data.Tables;
using ChatSupport.Contracts.Archive;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Archive;

/// <summary>
/// Each agent's rating sum and count, kept incrementally. The total row and a marker row per counted
/// session share the tenant's ratings partition and are written in one transaction: the marker is an
/// insert, so a rating counted before fails the transaction and is not counted twice; the total is
/// replaced only at the version read (ETag), so two ratings landing at once both count.
/// </summary>
public sealed class AgentRatingTotals(ChatTables tables)
{
    // One transaction holds at most 100 actions: the markers plus the agent's total row.
    private const int MarkersPerBatch = 99;
    private const int Attempts = 20;

    public async Task CountAsync(IReadOnlyList<ArchivedChat> rated, CancellationToken ct = default)
    {
        var table = await tables.Archive(ArchiveTable.ArchiveStats);
        foreach (var group in rated.GroupBy(c => (c.TenantId, c.Agent!.AgentId)))
            foreach (var chunk in group.Chunk(MarkersPerBatch))
                await CountChunkAsync(table, chunk, ct);
    }

    public async Task<IReadOnlyList<AgentRatingStats>> ReadAsync(string tenantId, CancellationToken ct = default)
    {
        var table = await tables.Archive(ArchiveTable.ArchiveStats);
        var first = ArchiveKeys.AgentTotalRow("");
        // "agent}" sorts after every "agent|…" row key: the range holds only the totals, not the markers.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ArchiveKeys.RatingsPartition(tenantId)} and RowKey ge {first} and RowKey lt {"agent}"}");
        var result = new List<AgentRatingStats>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            result.Add(new AgentRatingStats
            {
                AgentId = row.RowKey[first.Length..],
                AgentName = row.GetString("AgentName") ?? row.RowKey[first.Length..],
                Count = row.GetInt64("Count") ?? 0,
                StarsSum = row.GetInt64("StarsSum") ?? 0,
            });
        return result;
    }

    private async Task CountChunkAsync(TableClient table, ArchivedChat[] chunk, CancellationToken ct)
    {
        var first = chunk[0];
        var partition = ArchiveKeys.RatingsPartition(first.TenantId);
        var totalRow = ArchiveKeys.AgentTotalRow(first.Agent!.AgentId);
        for (var attempt = 0; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(partition, totalRow, cancellationToken: ct);
            var total = current.HasValue && current.Value is not null ? current.Value : new TableEntity(partition, totalRow);
            total["AgentName"] = first.Agent.DisplayName;
            total["Count"] = (total.GetInt64("Count") ?? 0) + chunk.Length;
            total["StarsSum"] = (total.GetInt64("StarsSum") ?? 0) + chunk.Sum(c => (long)c.Stars);

            var actions = chunk.Select(c => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(partition, ArchiveKeys.RatingMarkerRow(c.SessionId)) { ["Stars"] = c.Stars })).ToList();
            actions.Add(current.HasValue
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, total, total.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, total));
            try
            {
                await table.SubmitTransactionAsync(actions, ct);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex < chunk.Length)
            {
                // A marker exists: that rating was counted before. Count the others one by one.
                if (chunk.Length == 1) return;
                foreach (var single in chunk) await CountChunkAsync(table, [single], ct);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < Attempts)
            {
                // Another rating of this agent moved the total first: read it again and retry.
            }
        }
    }
}
