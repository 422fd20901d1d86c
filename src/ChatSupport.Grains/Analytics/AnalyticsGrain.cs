using Azure;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Messages;

namespace ChatSupport.Grains.Analytics;

/// <summary>
/// One tenant's analytics: applies session events to quarter-hour buckets, exactly once (the ledger), and answers
/// reports from the buckets it holds in memory (loaded on activation: a report never reads storage). The only writer
/// of its tenant's analytics rows; a conflicting write (a twin activation during a failover) reloads and retries.
/// </summary>
public sealed class AnalyticsGrain(AnalyticsStore store, MessageLog log) : Grain, IAnalyticsGrain
{
    /// <summary>Sessions whose applied event number is remembered without a read; beyond this the ledger row is read.</summary>
    private const int LedgerCacheSize = 50_000;

    private readonly Dictionary<DateTimeOffset, Bucket> _buckets = [];
    private readonly Dictionary<DateTimeOffset, ETag> _etags = [];
    private readonly Dictionary<string, long> _applied = new(StringComparer.Ordinal);
    private string _tenantId = "";

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _tenantId = this.GetPrimaryKeyString();
        foreach (var (start, (bucket, etag)) in await store.LoadBucketsAsync(_tenantId, ct))
        {
            _buckets[start] = bucket;
            _etags[start] = etag;
        }
        // Once per tenant, the chats resolved before analytics existed (off the activation's path).
        this.RegisterGrainTimer(async () =>
        {
            if (!await store.BackfillDoneAsync(_tenantId)) await Backfill();
        }, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
    }

    /// <summary>
    /// Counts the archived chats that no event of theirs reached analytics (they ended before this consumer existed),
    /// from the archive and their message logs, each once (its own ledger row). Runs once by itself; running it again
    /// adds only chats not counted yet.
    /// </summary>
    public async Task<int> Backfill()
    {
        var archive = GrainFactory.GetGrain<IArchiveGrain>(0);
        var counted = 0;
        string? cursor = null;
        do
        {
            var page = await archive.List(_tenantId, ArchiveFilter.All, cursor, 100);
            if (page.Value is not { } chats) throw new InvalidOperationException(page.Error?.ToString());
            foreach (var chat in chats.Chats)
            {
                // A chat whose own events reached analytics is counted by them.
                if (await store.AppliedSeqAsync(_tenantId, chat.SessionId) > 0) continue;
                var done = await store.BackfilledSeqAsync(_tenantId, chat.SessionId);
                var messages = await ReadLogAsync(chat.SessionId);
                var events = ArchivedChatEvents.Of(chat, messages);
                if (done >= events.Count) continue;
                foreach (var e in events.Where(e => e.Seq > done)) await ApplyAsync(e, messages, backfill: true);
                counted++;
            }
            cursor = chats.NextCursor;
        }
        while (cursor is not null);
        await store.MarkBackfillDoneAsync(_tenantId);
        return counted;
    }

    public async Task Apply(ChatEventEnvelope e)
    {
        if (!_applied.TryGetValue(e.SessionId, out var applied)) applied = await store.AppliedSeqAsync(_tenantId, e.SessionId);
        if (e.Seq <= applied) return;
        await ApplyAsync(e, e.Event is ChatEnded ? await ReadLogAsync(e.SessionId) : [], backfill: false);
    }

    private async Task ApplyAsync(ChatEventEnvelope e, IReadOnlyList<ChatMessage> messages, bool backfill)
    {
        var responses = e.Event is ChatEnded ? ResponseRuns.Of(messages).ToList() : [];
        var start = Bucket.StartOf(e.Event.OccurredAt);
        var next = _buckets.TryGetValue(start, out var current) ? AnalyticsStore.Clone(current) : new Bucket();
        AnalyticsAggregator.Apply(next, e, responses);
        try
        {
            _etags[start] = await store.SaveAsync(_tenantId, e.SessionId, e.Seq, start, next, _etags.TryGetValue(start, out var etag) ? etag : null, backfill);
        }
        catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
        {
            // Someone else wrote the bucket (a twin activation): take theirs; the session delivers this event again.
            if (await store.LoadBucketAsync(_tenantId, start) is { } stored) (_buckets[start], _etags[start]) = stored;
            _applied.Remove(e.SessionId);
            throw;
        }
        _buckets[start] = next;
        if (backfill) return;
        if (_applied.Count >= LedgerCacheSize) _applied.Clear();
        _applied[e.SessionId] = e.Seq;
    }

    public Task<ChatResult<AnalyticsReport>> Report(AnalyticsQuery query) => Task.FromResult(AnalyticsReportBuilder.Build(query, _buckets));

    private Task<IReadOnlyList<ChatMessage>> ReadLogAsync(string sessionId) => log.ReadAllAsync(GrainKeys.Compose(_tenantId, sessionId));
}
