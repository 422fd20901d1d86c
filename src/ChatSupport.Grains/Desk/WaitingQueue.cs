using ChatSupport.Contracts.Desk;

namespace ChatSupport.Grains.Desk;

/// <summary>Waiting sessions in arrival order (oldest first): the order agents should take them in.</summary>
internal sealed class WaitingQueue
{
    private static readonly Comparer<SessionSummary> ByArrival = Comparer<SessionSummary>.Create((a, b) =>
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.SessionId, b.SessionId);
    });

    private readonly SortedSet<SessionSummary> _waiting = new(ByArrival);
    private readonly Dictionary<string, SessionSummary> _bySession = new(StringComparer.Ordinal);
    /// <summary>Each session's place, built when first asked after a change (a burst of changes rebuilds it once).</summary>
    private Dictionary<string, int>? _places;

    public int Count => _waiting.Count;

    public void Set(SessionSummary summary, bool waiting)
    {
        if (_bySession.Remove(summary.SessionId, out var old))
        {
            _waiting.Remove(old);
            _places = null;
        }
        if (!waiting) return;
        _waiting.Add(summary);
        _bySession[summary.SessionId] = summary;
        _places = null;
    }

    /// <summary>The session's place (1 for the next to be taken); null when it does not wait.</summary>
    public int? PositionOf(string sessionId)
    {
        _places ??= _waiting.Select((s, i) => (s.SessionId, Place: i + 1)).ToDictionary(p => p.SessionId, p => p.Place, StringComparer.Ordinal);
        return _places.TryGetValue(sessionId, out var place) ? place : null;
    }

    public IEnumerable<SessionSummary> InOrder() => _waiting;
}
