using ChatSupport.Contracts.Desk;

namespace ChatSupport.Grains.Desk;

/// <summary>What a waiting visitor was told of their place: the place (first places), or how many are ahead at least.</summary>
public readonly record struct QueueNotice(int? Position, int? AheadAtLeast, int? EstimatedWaitSeconds)
{
    public static readonly QueueNotice Left = new(null, null, null);
}

/// <summary>
/// Which waiting visitors to tell what (<see cref="QueuePlaces"/>): within the first places, whoever's place or estimate
/// changed; further back, only a visitor who was not told yet that they are further back; and whoever left the queue.
/// Remembers what each was told, so an unchanged place is never pushed again.
/// </summary>
public sealed class QueuePositionNotices
{
    private readonly Dictionary<string, QueueNotice> _told = new(StringComparer.Ordinal);

    /// <summary>Takes what the visitors know already (a desk activated anew: the last one told them), telling nobody.</summary>
    public void Seed(IReadOnlyList<string> waitingInOrder, Func<int, int?> estimate) => _ = Changes(waitingInOrder, estimate);

    /// <summary>The notices to send for the queue as it is now (<paramref name="waitingInOrder"/>, next first).</summary>
    public IReadOnlyList<(string SessionId, QueueNotice Notice)> Changes(IReadOnlyList<string> waitingInOrder, Func<int, int?> estimate)
    {
        var changes = new List<(string, QueueNotice)>();
        var waiting = new HashSet<string>(waitingInOrder, StringComparer.Ordinal);
        foreach (var (sessionId, _) in _told.Where(t => !waiting.Contains(t.Key)).ToList())
        {
            _told.Remove(sessionId);
            changes.Add((sessionId, QueueNotice.Left));
        }
        // The estimate further back is the same for everyone there: the first place behind the first places.
        int? behind = null;
        for (var i = 0; i < waitingInOrder.Count; i++)
        {
            var place = i + 1;
            var known = _told.TryGetValue(waitingInOrder[i], out var told);
            QueueNotice notice;
            if (place <= QueuePlaces.Exact) notice = new QueueNotice(place, null, estimate(place));
            else if (known && told.AheadAtLeast is not null) continue; // told already that they are further back
            else notice = new QueueNotice(null, QueuePlaces.Exact, behind ??= estimate(QueuePlaces.Exact + 1));
            if (known && told == notice) continue;
            _told[waitingInOrder[i]] = notice;
            changes.Add((waitingInOrder[i], notice));
        }
        return changes;
    }
}
