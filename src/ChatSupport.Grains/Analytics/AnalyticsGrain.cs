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
/// <para>
/// Events are stored in batches: <see cref="Apply"/> interleaves, queues its event and waits; one loop takes what is
/// queued (up to <see cref="MaxEventsPerBatch"/>), applies it to copies of the buckets and stores ledger rows and
/// buckets in one transaction. One event per round trip made a tenant's analytics take ~100 events/s, too slow for a
/// backfill of a large archive; a batch costs about what one event did.
/// </para>
/// </summary>
public sealed class AnalyticsGrain(AnalyticsStore store, MessageLog log) : Grain, IAnalyticsGrain
{
    /// <summary>Sessions whose applied event number is remembered without a read; beyond this the ledger row is read.</summary>
    private const int LedgerCacheSize = 50_000;

    /// <summary>Each event is at most one ledger row and one bucket row: two rows each, within a transaction's 100.</summary>
    private const int MaxEventsPerBatch = AnalyticsStore.MaxRowsPerTransaction / 2;

    private readonly Dictionary<DateTimeOffset, Bucket> _buckets = [];
    private readonly Dictionary<DateTimeOffset, ETag> _etags = [];
    private readonly Dictionary<string, long> _applied = new(StringComparer.Ordinal);
    private readonly List<Pending> _queue = [];
    /// <summary>
    /// Events queued or being stored, by ledger row and number: a session whose call timed out while analytics was
    /// behind delivers the same event again, and that copy waits for the first instead of queueing a second (under
    /// load, copies piling up behind the backlog kept it growing).
    /// </summary>
    private readonly Dictionary<(string LedgerKey, long Seq), Pending> _waiting = [];
    /// <summary>True while the storing loop runs (a flag, not its task: a loop with nothing to write completes at once).</summary>
    private bool _storing;
    private string _tenantId = "";

    private sealed record Pending(ChatEventEnvelope Event, IReadOnlyList<ChatMessage> Messages, bool Backfill)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string LedgerKey => AnalyticsStore.LedgerKey(Event.SessionId, Backfill);
        public (string LedgerKey, long Seq) Key => (LedgerKey, Event.Seq);
    }

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
    /// adds only chats not counted yet. The chats of a page go in together, so they share transactions.
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
            var added = await Task.WhenAll(chats.Chats.Select(BackfillAsync));
            counted += added.Count(a => a);
            cursor = chats.NextCursor;
        }
        while (cursor is not null);
        await store.MarkBackfillDoneAsync(_tenantId);
        return counted;
    }

    private async Task<bool> BackfillAsync(ArchivedChat chat)
    {
        // A chat whose own events reached analytics is counted by them.
        if (await store.AppliedSeqAsync(_tenantId, chat.SessionId) > 0) return false;
        var done = await store.BackfilledSeqAsync(_tenantId, chat.SessionId);
        var messages = await ReadLogAsync(chat.SessionId);
        var events = ArchivedChatEvents.Of(chat, messages);
        if (done >= events.Count) return false;
        foreach (var e in events.Where(e => e.Seq > done)) await EnqueueAsync(new Pending(e, messages, Backfill: true));
        return true;
    }

    public async Task Apply(ChatEventEnvelope e)
    {
        if (_applied.TryGetValue(e.SessionId, out var applied) && e.Seq <= applied) return;
        if (_waiting.TryGetValue((AnalyticsStore.LedgerKey(e.SessionId, false), e.Seq), out var queued))
        {
            await queued.Done.Task;
            return;
        }
        await EnqueueAsync(new Pending(e, e.Event is ChatEnded ? await ReadLogAsync(e.SessionId) : [], Backfill: false));
    }

    public Task<ChatResult<AnalyticsReport>> Report(AnalyticsQuery query) => Task.FromResult(AnalyticsReportBuilder.Build(query, _buckets));

    private Task EnqueueAsync(Pending pending)
    {
        if (_waiting.TryGetValue(pending.Key, out var queued)) return queued.Done.Task;
        _waiting[pending.Key] = pending;
        _queue.Add(pending);
        if (!_storing) _ = StoreQueuedAsync();
        return pending.Done.Task;
    }

    /// <summary>The one loop that changes the buckets: batches until the queue is empty. Runs on the grain's scheduler.</summary>
    private async Task StoreQueuedAsync()
    {
        _storing = true;
        try
        {
            while (_queue.Count > 0)
            {
                var batch = _queue.Take(MaxEventsPerBatch).ToList();
                _queue.RemoveRange(0, batch.Count);
                await StoreBatchAsync(batch);
            }
        }
        finally
        {
            _storing = false;
        }
    }

    private async Task StoreBatchAsync(IReadOnlyList<Pending> batch)
    {
        try
        {
            var applied = await LedgerOfAsync(batch);
            var ledger = new Dictionary<string, long>(StringComparer.Ordinal);
            var changed = new Dictionary<DateTimeOffset, Bucket>();
            foreach (var p in batch)
            {
                // In order, so a session's event that is in the batch twice (a twin's redelivery) counts once.
                if (p.Event.Seq <= applied[p.LedgerKey]) continue;
                var start = Bucket.StartOf(p.Event.Event.OccurredAt);
                if (!changed.TryGetValue(start, out var next))
                    changed[start] = next = _buckets.TryGetValue(start, out var current) ? AnalyticsStore.Clone(current) : new Bucket();
                AnalyticsAggregator.Apply(next, p.Event, p.Event.Event is ChatEnded ? ResponseRuns.Of(p.Messages).ToList() : []);
                applied[p.LedgerKey] = ledger[p.LedgerKey] = p.Event.Seq;
            }
            if (ledger.Count > 0)
            {
                var etags = await store.SaveBatchAsync(_tenantId, ledger, changed, _etags);
                foreach (var (start, bucket) in changed) (_buckets[start], _etags[start]) = (bucket, etags[start]);
                RememberApplied(batch.Where(p => !p.Backfill).Select(p => (p.Event.SessionId, applied[p.LedgerKey])));
            }
            foreach (var p in batch) Settle(p, failed: null);
        }
        catch (Exception failed)
        {
            // Nothing of the batch was stored (a transaction is all or nothing) or we cannot know (a timeout): forget
            // what we remember of its sessions, and take a twin's buckets if one wrote them; every event is delivered
            // again by its session's outbox and finds the truth in the ledger.
            foreach (var p in batch) _applied.Remove(p.Event.SessionId);
            if (failed is RequestFailedException { Status: 409 or 412 }) await ReloadAsync(batch);
            foreach (var p in batch) Settle(p, failed);
        }
    }

    private void Settle(Pending pending, Exception? failed)
    {
        _waiting.Remove(pending.Key);
        if (failed is null) pending.Done.TrySetResult();
        else pending.Done.TrySetException(failed);
    }

    /// <summary>The last event applied per ledger row of the batch: remembered, or read (in parallel) for the others.</summary>
    private async Task<Dictionary<string, long>> LedgerOfAsync(IReadOnlyList<Pending> batch)
    {
        var applied = new Dictionary<string, long>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var p in batch.DistinctBy(p => p.LedgerKey, StringComparer.Ordinal))
        {
            if (!p.Backfill && _applied.TryGetValue(p.Event.SessionId, out var seq)) applied[p.LedgerKey] = seq;
            else unknown.Add(p.LedgerKey);
        }
        var read = await Task.WhenAll(unknown.Select(key => store.LedgerAsync(_tenantId, key)));
        for (var i = 0; i < unknown.Count; i++) applied[unknown[i]] = read[i];
        return applied;
    }

    private void RememberApplied(IEnumerable<(string SessionId, long Seq)> sessions)
    {
        foreach (var (sessionId, seq) in sessions)
        {
            if (_applied.Count >= LedgerCacheSize) _applied.Clear();
            _applied[sessionId] = seq;
        }
    }

    private async Task ReloadAsync(IReadOnlyList<Pending> batch)
    {
        foreach (var start in batch.Select(p => Bucket.StartOf(p.Event.Event.OccurredAt)).Distinct())
        {
            try
            {
                if (await store.LoadBucketAsync(_tenantId, start) is { } stored) (_buckets[start], _etags[start]) = stored;
            }
            catch (Exception)
            {
                // Storage is failing too: the next write of this bucket meets the conflict again and reloads then.
            }
        }
    }

    private Task<IReadOnlyList<ChatMessage>> ReadLogAsync(string sessionId) => log.ReadAllAsync(GrainKeys.Compose(_tenantId, sessionId));
}
