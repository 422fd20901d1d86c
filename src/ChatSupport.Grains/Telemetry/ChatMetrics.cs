using System.Diagnostics.Metrics;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Telemetry;

/// <summary>
/// ChatSupport's own instruments (meter <c>ChatSupport</c>), exported with the framework's by OpenTelemetry
/// (docs/operations.md, "Telemetry"). Counted where the fact becomes true: a message when its row is stored, a chat
/// event when the session's state (with its outbox) is stored. Per process: a scraper sums the nodes.
/// </summary>
public static class ChatMetrics
{
    public const string MeterName = "ChatSupport";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> MessagesStored =
        Meter.CreateCounter<long>("chatsupport.messages.stored", "{message}", "Chat messages written to the message log, by sender.");

    private static readonly Counter<long> ChatEvents =
        Meter.CreateCounter<long>("chatsupport.chat.events", "{event}", "Session events stored (chat started, assigned, resolved, …), by event.");

    private static readonly Counter<long> OverloadRefusals =
        Meter.CreateCounter<long>("chatsupport.overload.refused", "{call}", "Calls refused at once with try_again because the work they need was full, by what was full.");

    /// <summary>A call refused before doing anything because <paramref name="what"/> was full (counted, never logged per call).</summary>
    public static void Overloaded(string what) =>
        OverloadRefusals.Add(1, new KeyValuePair<string, object?>("what", what));
    private static readonly Counter<long> WebhookDeliveries =
        Meter.CreateCounter<long>("chatsupport.webhook.deliveries", "{attempt}", "Webhook delivery attempts, by outcome: succeeded, retried (a retry is scheduled) or failed (given up).");

    public static void WebhookDelivery(string outcome) =>
        WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void MessageStored(ChatParty sender) =>
        MessagesStored.Add(1, new KeyValuePair<string, object?>("sender", sender.ToString().ToLowerInvariant()));

    public static void EventsStored(IEnumerable<ChatEvent> events)
    {
        foreach (var e in events) ChatEvents.Add(1, new KeyValuePair<string, object?>("event", e.GetType().Name));
    }
}
