using Azure.Data.Tables;
using ChatSupport.Contracts.Audit;
using ChatSupport.Grains.Storage;
using Orleans.Concurrency;

namespace ChatSupport.Grains.Audit;

/// <summary>
/// The tenant's audit log in the Audit table: partition = tenant, row = inverted ticks + a random suffix, so a
/// partition query reads newest first and two changes in the same tick never collide.
/// </summary>
[StatelessWorker]
public sealed class AuditLogGrain(ChatTables tables) : Grain, IAuditLogGrain
{
    private string Tenant => this.GetPrimaryKeyString();

    public async Task Record(AuditEntry entry)
    {
        var table = await tables.Audit;
        var row = new TableEntity(Tenant, $"{DateTimeOffset.MaxValue.UtcTicks - entry.At.UtcTicks:D19}-{Guid.NewGuid():N}")
        {
            ["At"] = entry.At,
            ["Actor"] = entry.Actor,
            ["Area"] = entry.Area,
            ["Action"] = entry.Action,
            ["Target"] = entry.Target,
            ["Before"] = Cut(entry.Before),
            ["After"] = Cut(entry.After),
        };
        await table.AddEntityAsync(row);
    }

    public async Task<AuditPage> List(string? area, string? cursor)
    {
        var table = await tables.Audit;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Tenant}");
        if (cursor is not null) filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {cursor}");
        if (area is not null) filter += " and " + TableClient.CreateQueryFilter($"Area eq {area}");
        var entries = new List<AuditEntry>();
        string? last = null;
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: AuditLimits.PageSize))
        {
            entries.Add(new AuditEntry(
                e.GetDateTimeOffset("At") ?? e.Timestamp ?? DateTimeOffset.MinValue,
                e.GetString("Actor") ?? "", e.GetString("Area") ?? "", e.GetString("Action") ?? "",
                e.GetString("Target") ?? "", e.GetString("Before"), e.GetString("After")));
            last = e.RowKey;
            if (entries.Count == AuditLimits.PageSize) break;
        }
        return new AuditPage(entries, entries.Count == AuditLimits.PageSize ? last : null);
    }

    private static string? Cut(string? value) =>
        value is null || value.Length <= AuditLimits.ValueMaxLength ? value : value[..(AuditLimits.ValueMaxLength - 1)] + "…";
}
