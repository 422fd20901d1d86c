using Azure.Data.Tables;
using ChatSupport.Contracts.Archive;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Archive;

/// <summary>
/// Writes resolved chats into the archive tables. Every row is an upsert keyed by the session (its row key
/// comes from the resolve time, which never changes), so writing a chat twice — a retry, a catch-up, the
/// rating arriving — leaves the same rows. Many chats are written as entity-group batches per partition.
/// </summary>
public sealed class ArchiveWriter(ChatTables tables, AgentRatingTotals ratings)
{
    private const int BatchMax = 100;
    private const int ParallelBatches = 4;

    public Task SaveAsync(ArchivedChat chat, CancellationToken ct = default) => SaveManyAsync([chat], ct);

    public async Task SaveManyAsync(IReadOnlyList<ArchivedChat> chats, CancellationToken ct = default)
    {
        var rows = new List<(ArchiveTable Table, TableEntity Row)>();
        foreach (var chat in chats) rows.AddRange(ListingRowsOf(chat));
        foreach (var tenant in chats.GroupBy(c => c.TenantId))
            foreach (var month in tenant.Select(c => ArchiveKeys.Month(c.ResolvedAt)).Distinct())
                rows.Add((ArchiveTable.ArchiveStats, new TableEntity(ArchiveKeys.MonthsPartition(tenant.Key), month)));
        await UpsertAsync(rows, ct);

        // Counted after the chat is listed with its rating, so the average never moves ahead of the list.
        await ratings.CountAsync(chats.Where(c => c.Rating is not null && c.Agent is not null).ToList(), ct);

        // The by-id row goes last: it is what EnsureSaved checks, so once it shows the chat as it is, every
        // other row (and the rating's count) is written too.
        await UpsertAsync(chats.Select(c => (ArchiveTable.ArchiveSessions, ArchiveEntities.ToEntity(c, c.TenantId, c.SessionId))).ToList(), ct);
    }

    private async Task UpsertAsync(List<(ArchiveTable Table, TableEntity Row)> rows, CancellationToken ct)
    {
        var batches = rows
            .GroupBy(r => (r.Table, r.Row.PartitionKey))
            .SelectMany(g => g.Select(r => r.Row).Chunk(BatchMax).Select(chunk => (g.Key.Table, Rows: chunk)))
            .ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = ParallelBatches, CancellationToken = ct },
            async (batch, token) =>
            {
                var table = await tables.Archive(batch.Table);
                await table.SubmitTransactionAsync(batch.Rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token);
            });
    }

    /// <summary>Deletes every row of the archived chat (a delete of a row already gone is no error), the by-id row first.</summary>
    public async Task RemoveAsync(ArchivedChat chat, CancellationToken ct = default)
    {
        await (await tables.Archive(ArchiveTable.ArchiveSessions)).DeleteEntityAsync(chat.TenantId, chat.SessionId, cancellationToken: ct);
        foreach (var (table, row) in ListingRowsOf(chat))
            await (await tables.Archive(table)).DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: ct);
    }

    /// <summary>The chat as the archive holds it now, or null.</summary>
    public async Task<ArchivedChat?> GetAsync(string tenantId, string sessionId, CancellationToken ct = default)
    {
        var table = await tables.Archive(ArchiveTable.ArchiveSessions);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(tenantId, sessionId, cancellationToken: ct);
        return row.HasValue && row.Value is not null ? ArchiveEntities.FromEntity(tenantId, row.Value) : null;
    }

    private static IEnumerable<(ArchiveTable, TableEntity)> ListingRowsOf(ArchivedChat c)
    {
        var rowKey = ArchiveKeys.RowKey(c.ResolvedAt, c.SessionId);
        yield return (ArchiveTable.Archive, ArchiveEntities.ToEntity(c, ArchiveKeys.MonthPartition(c.TenantId, ArchiveKeys.Month(c.ResolvedAt)), rowKey));
        if (c.Agent is { } agent)
            yield return (ArchiveTable.ArchiveByAgent, ArchiveEntities.ToEntity(c, ArchiveKeys.AgentPartition(c.TenantId, agent.AgentId), rowKey));
        // Visitor rows are written even for an anonymous rating (they carry Anonymous = true and visitor
        // searches skip them): upserts stay batchable and idempotent, with no delete to get lost.
        yield return (ArchiveTable.ArchiveByVisitor, ArchiveEntities.ToEntity(c, ArchiveKeys.VisitorIdPartition(c.TenantId, c.VisitorId), rowKey));
        if (!string.IsNullOrWhiteSpace(c.VisitorName))
            yield return (ArchiveTable.ArchiveByVisitor, ArchiveEntities.ToEntity(c, ArchiveKeys.VisitorNamePartition(c.TenantId, c.VisitorName), rowKey));
        if (!string.IsNullOrWhiteSpace(c.VisitorEmail))
            yield return (ArchiveTable.ArchiveByVisitor, ArchiveEntities.ToEntity(c, ArchiveKeys.VisitorEmailPartition(c.TenantId, c.VisitorEmail), rowKey));
    }
}
