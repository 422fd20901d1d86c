using ChatSupport.Contracts.Messages;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// The last few acknowledgements by client message id, so the common retry (a client that lost the
/// ack of its last send) is answered without a storage round trip. Older retries are caught by the
/// message log's idempotency row instead.
/// </summary>
internal sealed class RecentAcks(int capacity)
{
    private readonly Dictionary<string, MessageAck> _byClientId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string clientMessageId, out MessageAck ack) => _byClientId.TryGetValue(clientMessageId, out ack!);

    public void Add(string clientMessageId, MessageAck ack)
    {
        if (!_byClientId.TryAdd(clientMessageId, ack)) return;
        _order.Enqueue(clientMessageId);
        if (_order.Count > capacity) _byClientId.Remove(_order.Dequeue());
    }
}
