using ChatSupport.Contracts.Sessions;
using Microsoft.Extensions.Logging;

namespace ChatSupport.Grains.Events;

/// <summary>What each consumer has applied (the highest event sequence number it confirmed), and whether all are done.</summary>
public sealed record DeliveryProgress(IReadOnlyDictionary<string, long> Delivered, bool Complete);

/// <summary>
/// Delivers a session's outbox (its stored, not yet confirmed events) to every registered consumer: each consumer
/// gets the events it has not confirmed, in order; a failure stops that consumer only, at that event, and the
/// others go on. Nothing here is stored: the session grain keeps the outbox and the progress in its state.
/// </summary>
public sealed class ChatEventFanOut(IEnumerable<IChatEventConsumer> consumers, ILogger<ChatEventFanOut> logger)
{
    private readonly IReadOnlyList<IChatEventConsumer> _consumers = consumers.ToList();

    /// <summary>One round to every consumer, or (<paramref name="beforeAnswerOnly"/>) only to those the answer waits for.</summary>
    public async Task<DeliveryProgress> DeliverAsync(
        IReadOnlyList<ChatEventEnvelope> outbox, IReadOnlyDictionary<string, long> delivered, bool beforeAnswerOnly = false)
    {
        var round = _consumers.Where(c => !beforeAnswerOnly || c.BeforeAnswer).ToList();
        var results = await Task.WhenAll(round.Select(c => DeliverToAsync(c, outbox, delivered.GetValueOrDefault(c.Name))));
        var progress = new Dictionary<string, long>(delivered, StringComparer.Ordinal);
        for (var i = 0; i < round.Count; i++) progress[round[i].Name] = results[i].UpTo;
        return new DeliveryProgress(progress, results.All(r => r.Complete));
    }

    /// <summary>The events some consumer still has to confirm; the rest can leave the outbox.</summary>
    public IReadOnlyList<ChatEventEnvelope> StillPending(IReadOnlyList<ChatEventEnvelope> outbox, IReadOnlyDictionary<string, long> delivered)
    {
        var everyoneHas = _consumers.Count == 0 ? long.MaxValue : _consumers.Min(c => delivered.GetValueOrDefault(c.Name));
        return outbox.Where(e => e.Seq > everyoneHas).ToList();
    }

    private async Task<(long UpTo, bool Complete)> DeliverToAsync(IChatEventConsumer consumer, IReadOnlyList<ChatEventEnvelope> outbox, long upTo)
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
