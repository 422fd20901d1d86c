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

    public int Count => _waiting.Count;

    public void Set(SessionSummary summary, bool waiting)
    {
        if (_bySession.Remove(summary.SessionId, out var old)) _waiting.Remove(old);
        if (!waiting) return;
        _waiting.Add(summary);
        _bySession[summary.SessionId] = summary;
    }

    /// <summary>Each waiting session's place: 1 for the next to be taken.</summary>
    public IEnumerable<(string SessionId, int Position)> Positions() =>
        _waiting.Select((s, i) => (s.SessionId, i + 1));

    public IEnumerable<SessionSummary> InOrder() => _waiting;
}
