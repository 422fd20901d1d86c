using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Analytics;

/// <summary>
/// The analytics table: partition = tenant; row <c>q|{yyyyMMddHHmm}</c> is a quarter-hour bucket (JSON), row
/// <c>s|{sessionId}</c> the last event of that session applied. Both change in one entity-group transaction, so an
/// event is in the aggregates exactly when its number is in the ledger.
/// </summary>
public sealed class AnalyticsStore(ChatTables tables)
{
    private const string BucketPrefix = "q|";
    private const string LedgerPrefix = "s|";
    /// <summary>Chats counted by the backfill (from the archive), apart from the events' ledger.</summary>
    private const string BackfillPrefix = "b|";
    private const string BackfillDoneKey = "m|backfill";

    public async Task<Dictionary<DateTimeOffset, (Bucket Bucket, ETag ETag)>> LoadBucketsAsync(string tenantId, CancellationToken ct = default)
    {
        var table = await tables.Analytics;
        var result = new Dictionary<DateTimeOffset, (Bucket, ETag)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey ge {BucketPrefix} and RowKey lt {"q}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            result[StartOf(row.RowKey)] = (Read(row), row.ETag);
        return result;
    }

    public async Task<(Bucket Bucket, ETag ETag)?> LoadBucketAsync(string tenantId, DateTimeOffset start)
    {
        var table = await tables.Analytics;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(tenantId, BucketKey(start));
        return row.HasValue && row.Value is { } r ? (Read(r), r.ETag) : null;
    }

    public Task<long> AppliedSeqAsync(string tenantId, string sessionId) => ReadLedgerAsync(tenantId, LedgerKey(sessionId, backfill: false));

    public Task<long> BackfilledSeqAsync(string tenantId, string sessionId) => ReadLedgerAsync(tenantId, LedgerKey(sessionId, backfill: true));

    public async Task<bool> BackfillDoneAsync(string tenantId) => await ReadLedgerAsync(tenantId, BackfillDoneKey) > 0;

    public async Task MarkBackfillDoneAsync(string tenantId)
    {
        var table = await tables.Analytics;
        await table.UpsertEntityAsync(new TableEntity(tenantId, BackfillDoneKey) { ["Applied"] = 1L });
    }

    private async Task<long> ReadLedgerAsync(string tenantId, string rowKey)
    {
        var table = await tables.Analytics;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(tenantId, rowKey);
        return row.HasValue && row.Value is { } r ? r.GetInt64("Applied") ?? 0 : 0;
    }

    /// <summary>
    /// One entity-group transaction: the ledger rows (row key → last event applied) and the buckets, each bucket only if
    /// it is still the version read (its ETag; none = a new bucket). All or nothing; returns each bucket's new ETag.
    /// At most <see cref="MaxRowsPerTransaction"/> rows; a bucket's JSON is at most 64 KB (a table string property).
    /// </summary>
    public async Task<Dictionary<DateTimeOffset, ETag>> SaveBatchAsync(string tenantId, IReadOnlyDictionary<string, long> ledger,
        IReadOnlyDictionary<DateTimeOffset, Bucket> buckets, IReadOnlyDictionary<DateTimeOffset, ETag> etags)
    {
        var table = await tables.Analytics;
        var actions = ledger.Select(l => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(tenantId, l.Key) { ["Applied"] = l.Value })).ToList();
        var starts = buckets.Keys.ToList();
        foreach (var start in starts)
        {
            var row = new TableEntity(tenantId, BucketKey(start)) { ["Data"] = JsonSerializer.Serialize(buckets[start]) };
            actions.Add(etags.TryGetValue(start, out var etag)
                ? new(TableTransactionActionType.UpdateReplace, row, etag)
                : new(TableTransactionActionType.Add, row));
        }
        var response = await table.SubmitTransactionAsync(actions);
        return starts.Select((start, i) => (start, etag: response.Value[ledger.Count + i].Headers.ETag ?? ETag.All)).ToDictionary(p => p.start, p => p.etag);
    }

    /// <summary>Azure Tables' limit for one entity-group transaction.</summary>
    public const int MaxRowsPerTransaction = 100;

    /// <summary>The ledger row of a session's events, or of its backfill.</summary>
    public static string LedgerKey(string sessionId, bool backfill) => (backfill ? BackfillPrefix : LedgerPrefix) + sessionId;

    public Task<long> LedgerAsync(string tenantId, string ledgerKey) => ReadLedgerAsync(tenantId, ledgerKey);

    public static Bucket Clone(Bucket bucket) => JsonSerializer.Deserialize<Bucket>(JsonSerializer.Serialize(bucket))!;

    private static Bucket Read(TableEntity row) => JsonSerializer.Deserialize<Bucket>(row.GetString("Data"))!;

    private static string BucketKey(DateTimeOffset start) => BucketPrefix + start.UtcDateTime.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset StartOf(string rowKey) => new(
        DateTime.ParseExact(rowKey[BucketPrefix.Length..], "yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
