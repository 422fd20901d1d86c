namespace ChatSupport.Grains.Desk;

/// <summary>
/// A waiting visitor's estimated wait, from how fast the team has been taking chats lately (docs/protocol.md,
/// "Estimated wait"): the average time between the tenant's last assignments (at most <see cref="Window"/>, none older
/// than <see cref="Horizon"/>) times the visitor's place in the queue; with one recent assignment, how long that chat
/// waited. None recent (nobody has taken a chat for an hour): no estimate, the visitor sees only their place. Kept in
/// the desk's memory: a reactivated desk estimates again after its next assignments.
/// </summary>
public sealed class WaitEstimate
{
    public const int Window = 20;
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(1);

    private readonly Queue<(DateTimeOffset At, TimeSpan Waited)> _recent = new();

    public void Assigned(DateTimeOffset at, TimeSpan waited)
    {
        _recent.Enqueue((at, waited < TimeSpan.Zero ? TimeSpan.Zero : waited));
        while (_recent.Count > Window) _recent.Dequeue();
    }

    /// <summary>Seconds the visitor at <paramref name="position"/> (1 = next) may wait; null without recent assignments.</summary>
    public int? SecondsFor(int position, DateTimeOffset now)
    {
        while (_recent.Count > 0 && now - _recent.Peek().At > Horizon) _recent.Dequeue();
        if (_recent.Count == 0 || position < 1) return null;
        if (_recent.Count == 1) return (int)Math.Ceiling(_recent.Peek().Waited.TotalSeconds);
        var first = _recent.Peek().At;
        var last = _recent.Last().At;
        var between = (last - first).TotalSeconds / (_recent.Count - 1);
        return (int)Math.Ceiling(between * position);
    }
}
