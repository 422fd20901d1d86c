using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Analytics;

/// <summary>
/// The events a chat resolved before analytics existed would have raised, as far as the archive and its message log
/// tell: started, the first agent reply, the end (by the agent, the visitor, or abandoned), the rating. The archive does not keep
/// when a chat was assigned, nor its transfers, so those chats add nothing to the assignment figures (docs/analytics.md).
/// </summary>
public static class ArchivedChatEvents
{
    public static IReadOnlyList<ChatEventEnvelope> Of(ArchivedChat chat, IReadOnlyList<ChatMessage> messages)
    {
        var firstAgentMessage = messages.FirstOrDefault(m => m.Sender == ChatParty.Agent);
        var snapshot = new ChatSessionSnapshot
        {
            TenantId = chat.TenantId,
            SessionId = chat.SessionId,
            VisitorId = "",
            Status = ChatStatus.Resolved,
            Visitor = VisitorMetadata.Empty,
            AssignedAgent = chat.Agent,
            CreatedAt = chat.CreatedAt,
            FirstAgentReplyAt = firstAgentMessage?.SentAt,
            ResolvedAt = chat.ResolvedAt,
            ResolvedBy = chat.ResolvedBy,
            Abandoned = chat.Abandoned,
            Rating = chat.Rating,
            LastSeq = chat.MessageCount,
            Receipts = new DeliveryReceipts(),
        };
        var events = new List<ChatEvent> { new ChatStarted { VisitorId = "", OccurredAt = chat.CreatedAt } };
        if (firstAgentMessage is not null)
        {
            var agent = chat.Agent ?? new AgentRef(firstAgentMessage.SenderId, firstAgentMessage.SenderName ?? firstAgentMessage.SenderId);
            events.Add(new FirstAgentReply { Agent = agent, MessageSeq = firstAgentMessage.Seq, OccurredAt = firstAgentMessage.SentAt });
        }
        events.Add(chat switch
        {
            { Abandoned: true } => new ChatAbandoned { AwaySince = chat.CreatedAt, OccurredAt = chat.ResolvedAt },
            { ResolvedBy: ChatParty.Visitor } => new ChatClosedByVisitor { Agent = chat.Agent, OccurredAt = chat.ResolvedAt },
            _ => new ChatResolved { Agent = chat.Agent, ResolvedBy = chat.Agent?.AgentId ?? "", OccurredAt = chat.ResolvedAt },
        });
        if (chat.Rating is { } rating)
            events.Add(new ChatRated { Stars = rating.Stars, Anonymous = rating.Anonymous, Agent = chat.Agent, OccurredAt = rating.RatedAt });
        return events.Select((e, i) => new ChatEventEnvelope
        {
            TenantId = chat.TenantId, SessionId = chat.SessionId, Seq = i + 1, Event = e, Session = snapshot,
        }).ToList();
    }
}
