using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Archive;

/// <summary>
/// Answers the resolved-chats view from the archive's indexes, never by scanning the tenant:
/// a visitor search reads the visitor's partitions, an agent search the agent's partition, otherwise
/// the month partitions the date range covers. Within a partition the date range (and the cursor)
/// bound the row keys; the other filters are property conditions inside that range.
/// </summary>
public sealed class ArchiveReader(ChatTables tables)
{
    public async Task<ChatResult<ArchivePage>> ListAsync(string tenantId, ArchiveFilter filter, string? cursor, int pageSize, CancellationToken ct = default)
    {
        if (filter.Check() is { } bad) return bad;
        if (pageSize is < 1 or > ArchiveFilter.PageMax) return ChatErrors.InvalidInput($"A page holds 1 to {ArchiveFilter.PageMax} chats.");
        if (cursor is not null && !ArchiveKeys.IsCursor(cursor)) return ChatErrors.InvalidInput("cursor is not one this server gave out.");

        var chats = new List<ArchivedChat>(pageSize);
        string? lastKey = null;
        var noteText = filter.NoteText?.Trim().ToLowerInvariant();
        await foreach (var (rowKey, chat) in MergedAsync(await SourcesAsync(tenantId, filter, cursor, pageSize, ct), ct))
        {
            // Tables cannot search text: a note search reads on through the range until the page is full.
            if (noteText is not null && chat.NotesText?.Contains(noteText, StringComparison.Ordinal) != true) continue;
            if (chats.Count == pageSize) return new ArchivePage { Chats = chats, NextCursor = lastKey };
            chats.Add(chat);
            lastKey = rowKey;
        }
        return new ArchivePage { Chats = chats, NextCursor = null };
    }

    private async Task<List<IAsyncEnumerable<(string, ArchivedChat)>>> SourcesAsync(
        string tenantId, ArchiveFilter filter, string? cursor, int pageSize, CancellationToken ct)
    {
        var conditions = new List<string>();
        if (filter.To is { } to) conditions.Add(TableClient.CreateQueryFilter($"RowKey ge {ArchiveKeys.LowestBefore(to)}"));
        if (filter.From is { } from) conditions.Add(TableClient.CreateQueryFilter($"RowKey lt {ArchiveKeys.AboveFrom(from)}"));
        if (cursor is not null) conditions.Add(TableClient.CreateQueryFilter($"RowKey gt {cursor}"));
        if (filter.Stars is { Count: > 0 } stars)
            conditions.Add("(" + string.Join(" or ", stars.Distinct().Order().Select(s => TableClient.CreateQueryFilter($"Stars eq {s}"))) + ")");
        if (filter.LabelId is { } label) conditions.Add($"{ArchiveEntities.LabelProperty(label)} eq true");
        var perPage = pageSize + 1;

        if (filter.Visitor is { } visitor)
        {
            // An anonymous rating hides who gave it: such chats are not found by their visitor.
            conditions.Add("Anonymous eq false");
            if (filter.AgentId is { } agent) conditions.Add(TableClient.CreateQueryFilter($"AgentId eq {agent}"));
            var table = await tables.Archive(ArchiveTable.ArchiveByVisitor);
            var partitions = new List<string>
            {
                ArchiveKeys.VisitorNamePartition(tenantId, visitor),
                ArchiveKeys.VisitorEmailPartition(tenantId, visitor),
            };
            if (ChatInput.CheckId(visitor.Trim(), "visitor") is null) partitions.Add(ArchiveKeys.VisitorIdPartition(tenantId, visitor.Trim()));
            return partitions.Select(p => Query(table, tenantId, p, conditions, perPage, ct)).ToList();
        }
        if (filter.AgentId is { } agentId)
        {
            var table = await tables.Archive(ArchiveTable.ArchiveByAgent);
            return [Query(table, tenantId, ArchiveKeys.AgentPartition(tenantId, agentId), conditions, perPage, ct)];
        }
        var archive = await tables.Archive(ArchiveTable.Archive);
        var months = await MonthsAsync(tenantId, filter, ct);
        return [Concat(months.Select(m => Query(archive, tenantId, ArchiveKeys.MonthPartition(tenantId, m), conditions, perPage, ct)))];
    }

    /// <summary>The months holding chats, newest first, that the date range touches.</summary>
    private async Task<List<string>> MonthsAsync(string tenantId, ArchiveFilter filter, CancellationToken ct)
    {
        var stats = await tables.Archive(ArchiveTable.ArchiveStats);
        var range = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {ArchiveKeys.MonthsPartition(tenantId)}") };
        if (filter.From is { } from) range.Add(TableClient.CreateQueryFilter($"RowKey ge {ArchiveKeys.Month(from)}"));
        if (filter.To is { } to) range.Add(TableClient.CreateQueryFilter($"RowKey le {ArchiveKeys.Month(to)}"));
        var months = new List<string>();
        await foreach (var row in stats.QueryAsync<TableEntity>(string.Join(" and ", range), select: ["RowKey"], cancellationToken: ct))
            months.Add(row.RowKey);
        months.Sort(StringComparer.Ordinal);
        months.Reverse();
        return months;
    }

    private static async IAsyncEnumerable<(string, ArchivedChat)> Query(
        TableClient table, string tenantId, string partition, List<string> conditions, int perPage, [EnumeratorCancellation] CancellationToken ct)
    {
        var filter = string.Join(" and ", conditions.Prepend(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")));
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: perPage, cancellationToken: ct))
            yield return (row.RowKey, ArchiveEntities.FromEntity(tenantId, row));
    }

    /// <summary>Month partitions are disjoint and ordered: read one after the other, each only when needed.</summary>
    private static async IAsyncEnumerable<(string, ArchivedChat)> Concat(IEnumerable<IAsyncEnumerable<(string, ArchivedChat)>> parts)
    {
        foreach (var part in parts)
            await foreach (var item in part)
                yield return item;
    }

    /// <summary>Merges row-key-ordered sources into one, dropping a chat found twice (by name and by email, say).</summary>
    private static async IAsyncEnumerable<(string, ArchivedChat)> MergedAsync(
        List<IAsyncEnumerable<(string, ArchivedChat)>> sources, [EnumeratorCancellation] CancellationToken ct)
    {
        var heads = new List<IAsyncEnumerator<(string Key, ArchivedChat Chat)>>();
        try
        {
            foreach (var source in sources)
            {
                var e = source.GetAsyncEnumerator(ct);
                if (await e.MoveNextAsync()) heads.Add(e);
                else await e.DisposeAsync();
            }
            string? previous = null;
            while (heads.Count > 0)
            {
                var next = heads.MinBy(h => h.Current.Key, StringComparer.Ordinal)!;
                var item = next.Current;
                if (item.Key != previous) yield return item;
                previous = item.Key;
                if (!await next.MoveNextAsync())
                {
                    heads.Remove(next);
                    await next.DisposeAsync();
                }
            }
        }
        finally
        {
            foreach (var e in heads) await e.DisposeAsync();
        }
    }
}
