using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Webhooks;

namespace ChatSupport.Grains.Webhooks;

/// <summary>One webhook event of a chat, ready to queue: its id, name, place in the chat's order, and the JSON body every attempt sends.</summary>
public sealed record WebhookEvent(string EventId, string Name, string SessionId, string Order, string Body);

/// <summary>
/// Turns stored session events and stored messages into webhook events (docs/protocol.md, "Webhooks"). The body is
/// made once, when queued, so every retry sends the same bytes. Nothing internal is in it: private notes, labels and
/// follow-ups raise no webhook, and an anonymous rating carries no visitor.
/// </summary>
public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The order of a chat's webhook events: message m, then the events decided after it (their snapshot's last
    /// message is m), then message m + 1. Zero-padded so the table's row order is this order.
    /// </summary>
    public static string MessageOrder(long seq) => $"{seq:D12}.0";

    public static string EventOrder(long lastMessageSeq, long eventSeq) => $"{lastMessageSeq:D12}.1.{eventSeq:D12}";

    public static WebhookEvent? From(ChatEventEnvelope e)
    {
        (string? Name, object? Data) mapped = e.Event switch
        {
            ChatStarted => (WebhookEventNames.ChatStarted, null),
            AgentAssigned a => (WebhookEventNames.ChatAssigned, new { agent = Agent(a.Agent), assignedBy = a.AssignedBy }),
            ChatTransferred t => (WebhookEventNames.ChatTransferred, new { from = Agent(t.From), to = Agent(t.To), transferredBy = t.TransferredBy }),
            ChatReRouted r => (WebhookEventNames.ChatReRouted, new { from = Agent(r.From), afterSeconds = r.AfterSeconds }),
            ChatResolved r => (WebhookEventNames.ChatResolved, new { agent = Agent(r.Agent), resolvedBy = r.ResolvedBy }),
            ChatClosedByVisitor c => (WebhookEventNames.ChatClosed, new { reason = "closed_by_visitor", agent = Agent(c.Agent) }),
            ChatAbandoned a => (WebhookEventNames.ChatClosed, new { reason = "abandoned", agent = Agent(a.Agent) }),
            ChatRated r => (WebhookEventNames.ChatRated, new { stars = r.Stars, feedback = r.Feedback, anonymous = r.Anonymous, agent = Agent(r.Agent) }),
            ChatReopened r => (WebhookEventNames.ChatReopened, new { agent = Agent(r.Agent), reopenedBy = r.ReopenedBy }),
            TargetMissed m => (WebhookEventNames.TargetMissed, new { target = m.Target, dueAt = m.DueAt, agent = Agent(m.Agent) }),
            // Notes, labels, follow-ups, the first reply (message.created tells it), targets started or met, AI assessments: no webhook.
            _ => (null, null),
        };
        if (mapped.Name is not { } name) return null;
        var data = mapped.Data;
        var id = $"evt_{e.SessionId}_e{e.Seq}";
        var hideVisitor = e.Event is ChatRated { Anonymous: true };
        return new(id, name, e.SessionId, EventOrder(e.Session.LastSeq, e.Seq),
            Body(id, name, e.Event.OccurredAt, e.TenantId, Chat(e.Session, hideVisitor), data));
    }

    public static WebhookEvent FromMessage(ChatSessionSnapshot session, ChatMessage m)
    {
        var id = $"evt_{session.SessionId}_m{m.Seq}";
        var data = new
        {
            message = new
            {
                seq = m.Seq,
                sender = m.Sender,
                senderId = m.Sender == ChatParty.Visitor ? null : m.SenderId,
                senderName = m.SenderName,
                text = m.Text,
                sentAt = m.SentAt,
                attachment = m.Attachment is { } a ? new { name = a.FileName, contentType = a.ContentType, size = a.Size } : null,
            },
        };
        return new(id, WebhookEventNames.MessageCreated, session.SessionId, MessageOrder(m.Seq),
            Body(id, WebhookEventNames.MessageCreated, m.SentAt, session.TenantId, Chat(session, hideVisitor: false), data));
    }

    private static string Body(string id, string type, DateTimeOffset at, string tenant, object chat, object? data) =>
        JsonSerializer.Serialize(new { id, type, createdAt = at, tenantId = tenant, chat, data }, Json);

    private static object Chat(ChatSessionSnapshot s, bool hideVisitor) => new
    {
        id = s.SessionId,
        status = s.Status,
        createdAt = s.CreatedAt,
        visitor = hideVisitor ? null : new { id = s.VisitorId, name = s.Visitor.Name, email = s.Visitor.Email },
        assignedAgent = Agent(s.AssignedAgent),
    };

    private static object? Agent(AgentRef? a) => a is null ? null : new { id = a.AgentId, displayName = a.DisplayName };
}
