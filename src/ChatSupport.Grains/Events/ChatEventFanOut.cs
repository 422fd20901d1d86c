using ChatSupport.Contracts.Sessions;
using Microsoft.Extensions.Logging;

namespace ChatSupport.Grains.Events;

/// <summary>
/// Delivers a session's outbox (its stored, not yet confirmed events) to a registered consumer: it gets the events it
/// has not confirmed, in order; a failure stops that consumer only, at that event. The session grain runs one delivery
/// per consumer at a time (so each consumer sees its events in order) and keeps the outbox and the progress in its state.
/// </summary>
public sealed class ChatEventFanOut(IEnumerable<IChatEventConsumer> consumers, ILogger<ChatEventFanOut> logger)
{
    public IReadOnlyList<IChatEventConsumer> Consumers { get; } = consumers.ToList();

    /// <summary>The events some consumer still has to confirm; the rest can leave the outbox.</summary>
    public IReadOnlyList<ChatEventEnvelope> StillPending(IReadOnlyList<ChatEventEnvelope> outbox, IReadOnlyDictionary<string, long> delivered)
    {
        var everyoneHas = Consumers.Count == 0 ? long.MaxValue : Consumers.Min(c => delivered.GetValueOrDefault(c.Name));
        return outbox.Where(e => e.Seq > everyoneHas).ToList();
    }

    /// <summary>The events of <paramref name="outbox"/> after <paramref name="upTo"/>, in order, until one fails: how far it got, and whether it got to the end.</summary>
    public async Task<(long UpTo, bool Complete)> DeliverToAsync(IChatEventConsumer consumer, IReadOnlyList<ChatEventEnvelope> outbox, long upTo)
    {
        foreach (var e in outbox)
        {
            if (e.Seq <= upTo) continue;
            try
            {
                await consumer.ApplyAsync(e);
                upTo = e.Seq;
            }
            catch (Exception ex)
            {
                // Expected while a consumer's grain moves after a silo's death or its storage is down: one line, no stack.
                logger.LogWarning("Event {Seq} ({Event}) of session {Session} not yet applied by {Consumer}: {Reason}; retrying",
                    e.Seq, e.Event.GetType().Name, e.SessionId, consumer.Name, ex.Message);
                return (upTo, false);
            }
        }
        return (upTo, true);
    }
}
