using ChatSupport.Contracts;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Webhooks;
using ChatSupport.Grains.Events;
using ChatSupport.Grains.Messages;

namespace ChatSupport.Grains.Webhooks;

/// <summary>
/// Queues webhook deliveries from the sessions' stored events (docs/architecture.md, "Webhooks"): for each endpoint
/// that wants it, a row in the durable outbox, written before the event counts as delivered here, so a node's death
/// loses nothing (the session delivers the event again; rows already queued stay as they are). Messages are not
/// session events: with each event, the chat's messages stored before it and not yet queued are queued first, from
/// the message log, so a chat's webhook events keep the chat's order and none is skipped.
/// </summary>
public sealed class WebhookEventConsumer(IGrainFactory grains, WebhookOutbox outbox, MessageLog log, TimeProvider clock) : IChatEventConsumer
{
    public string Name => "webhooks";

    public async Task ApplyAsync(ChatEventEnvelope e)
    {
        var endpoints = await grains.GetGrain<IWebhookTargets>(e.TenantId).Subscriptions();
        if (endpoints.Count == 0) return;

        var queued = new List<WebhookEvent>();
        var cursor = await outbox.CursorAsync(e.TenantId, e.SessionId);
        var lastMessage = e.Session.LastSeq;
        if (lastMessage > cursor && endpoints.Any(x => x.Events.Contains(WebhookEventNames.MessageCreated)))
            queued.AddRange((await MessagesAsync(e, cursor, lastMessage)).Select(m => WebhookPayloads.FromMessage(e.Session, m)));
        if (WebhookPayloads.From(e) is { } mapped) queued.Add(mapped);

        var now = clock.GetUtcNow();
        foreach (var endpoint in endpoints)
        {
            var wanted = queued.Where(q => endpoint.Events.Contains(q.Name)).ToList();
            if (wanted.Count == 0) continue;
            foreach (var q in wanted) await outbox.AddAsync(e.TenantId, endpoint.EndpointId, q, now);
            await grains.GetGrain<IWebhookDeliveryGrain>(GrainKeys.Compose(e.TenantId, endpoint.EndpointId)).Wake();
        }
        if (lastMessage > cursor) await outbox.SetCursorAsync(e.TenantId, e.SessionId, lastMessage);
    }

    private async Task<List<Contracts.Messages.ChatMessage>> MessagesAsync(ChatEventEnvelope e, long after, long upTo)
    {
        var key = GrainKeys.Compose(e.TenantId, e.SessionId);
        var messages = new List<Contracts.Messages.ChatMessage>();
        while (after < upTo)
        {
            var (page, _) = await log.ReadAfterAsync(key, after, ChatLimits.HistoryPageMax);
            var inRange = page.Where(m => m.Seq <= upTo).ToList();
            if (inRange.Count == 0) break;
            messages.AddRange(inRange);
            after = inRange[^1].Seq;
        }
        return messages;
    }
}
