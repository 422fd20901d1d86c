using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Messages;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// The session's newest messages by client message id: how a retried send is recognized and answered with
/// its first acknowledgement. The message log keeps no index by client id (a message is one row), so this is
/// the idempotency window: it is seeded from the log's tail when the session activates and fed every message
/// the session stores or sees stored, in sequence order, so it always holds the newest <c>capacity</c> ones.
/// A client message id is its sender's: the key is (party, sender id, client id), so an agent's message that
/// reuses the visitor's client id (or the other way round) is a message of its own, never the other's retry.
/// </summary>
internal sealed class RecentAcks(int capacity)
{
    private readonly record struct Key(ChatParty Sender, string SenderId, string ClientMessageId);

    private readonly Dictionary<Key, StoredMessageId> _byClientId = [];
    private readonly Queue<Key> _order = new();

    public bool TryGet(ChatCaller sender, string clientMessageId, out StoredMessageId stored) =>
        _byClientId.TryGetValue(new Key(sender.Party, sender.Id, clientMessageId), out stored);

    public void Add(StoredMessageId stored)
    {
        var key = new Key(stored.Sender, stored.SenderId, stored.ClientMessageId);
        if (!_byClientId.TryAdd(key, stored)) return;
        _order.Enqueue(key);
        if (_order.Count > capacity) _byClientId.Remove(_order.Dequeue());
    }
}
