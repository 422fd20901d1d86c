namespace ChatSupport.Grains.Desk;

/// <summary>
/// The desk's rows, written behind the deltas: a change is noted in memory (the delta goes out at once) and stored
/// with the next flush, which takes every change noted since the last one (a session changed three times between two
/// flushes is written once, as it is last). One flush at a time, so the rows land in the order they changed. Who must
/// know a change is durable (the session's "desk-row" consumer, which keeps the event in the session's outbox until
/// then) waits with <see cref="WhenStored"/>. Single-threaded: used from the desk grain's turns only.
/// </summary>
public sealed class DeskRowWriteBehind
{
    private Dictionary<string, DeskRowChange> _pending = new(StringComparer.Ordinal);
    private Dictionary<string, DeskRowChange> _inFlight = new(StringComparer.Ordinal);
    private readonly List<(string SessionId, long EventSeq, TaskCompletionSource Stored)> _waiters = [];

    public bool HasPending => _pending.Count > 0;

    public bool Flushing { get; private set; }

    public void Note(DeskRowChange change) => _pending[change.SessionId] = change;

    /// <summary>
    /// Completes once the session's row reflects event <paramref name="eventSeq"/> or a later one (at once when nothing of
    /// the session is waiting to be stored); fails when the flush that held it failed (the caller tries again later).
    /// </summary>
    public Task WhenStored(string sessionId, long eventSeq)
    {
        if (!_pending.ContainsKey(sessionId) && !_inFlight.ContainsKey(sessionId)) return Task.CompletedTask;
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((sessionId, eventSeq, stored));
        return stored.Task;
    }

    /// <summary>Writes everything noted so far with <paramref name="write"/>; what fails is kept for the next flush (unless a newer change replaced it).</summary>
    public async Task FlushAsync(Func<IReadOnlyList<DeskRowChange>, Task> write)
    {
        if (Flushing || _pending.Count == 0) return;
        Flushing = true;
        (_inFlight, _pending) = (_pending, new(StringComparer.Ordinal));
        var batch = _inFlight;
        try
        {
            await write([.. batch.Values]);
        }
        catch (Exception e)
        {
            foreach (var change in batch.Values) _pending.TryAdd(change.SessionId, change);
            _inFlight = new(StringComparer.Ordinal);
            Settle(w => batch.ContainsKey(w.SessionId), w => w.Stored.TrySetException(e));
            throw;
        }
        finally
        {
            Flushing = false;
        }
        _inFlight = new(StringComparer.Ordinal);
        // A waiter whose change was replaced by a newer one still pending waits for that one.
        Settle(w => batch.TryGetValue(w.SessionId, out var c) && c.EventSeq >= w.EventSeq, w => w.Stored.TrySetResult());
    }

    private void Settle(Func<(string SessionId, long EventSeq, TaskCompletionSource Stored), bool> which,
        Action<(string SessionId, long EventSeq, TaskCompletionSource Stored)> settle)
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (!which(_waiters[i])) continue;
            settle(_waiters[i]);
            _waiters.RemoveAt(i);
        }
    }
}
