using ChatSupport.Grains.Messages;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// The session's newest messages by client message id: how a retried send is recognized and answered with
/// its first acknowledgement. The message log keeps no index by client id (a message is one row), so this is
/// the idempotency window: it is seeded from the log's tail when the session activates and fed every message
/// the session stores or sees stored, in sequence order, so it always holds the newest <c>capacity</c> ones.
/// </summary>
internal sealed class RecentAcks(int capacity)
{
    private readonly Dictionary<string, StoredMessageId> _byClientId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string clientMessageId, out StoredMessageId stored) => _byClientId.TryGetValue(clientMessageId, out stored);

    public void Add(StoredMessageId stored)
    {
        if (!_byClientId.TryAdd(stored.ClientMessageId, stored)) return;
        _order.Enqueue(stored.ClientMessageId);
        if (_order.Count > capacity) _byClientId.Remove(_order.Dequeue());
    }
}
