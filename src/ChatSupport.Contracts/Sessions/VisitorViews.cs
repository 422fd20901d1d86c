using ChatSupport.Contracts.Messages;

namespace ChatSupport.Contracts.Sessions;

// What a visitor may see of their chat (docs/security.md, "Hardening"). Every answer of the visitor hub and every push
// to a visitor carries these, never ChatSessionSnapshot or ChatMessage: those hold internal data (the transfer note,
// the operators' usernames as agent and sender ids, the AI confidence, the visitor's stored metadata, the tenant id of
// the snapshot). Each view is built from the full type by an explicit list of fields, so a field added to the full
// type stays internal until someone adds it here.

/// <summary>The agent as the visitor sees them: the name they chose to show, never their username.</summary>
[GenerateSerializer, Immutable]
public sealed record VisitorAgentView([property: Id(0)] string DisplayName);

/// <summary>A session as the visitor may see it: status, times, the agent's display name, their own rating, the newest message number and the receipts.</summary>
[GenerateSerializer, Immutable]
public sealed record VisitorSessionView
{
    [Id(0)] public required string SessionId { get; init; }
    [Id(1)] public required ChatStatus Status { get; init; }
    [Id(2)] public VisitorAgentView? AssignedAgent { get; init; }
    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public DateTimeOffset? AssignedAt { get; init; }
    [Id(5)] public DateTimeOffset? FirstAgentReplyAt { get; init; }
    [Id(6)] public DateTimeOffset? ResolvedAt { get; init; }
    [Id(7)] public ChatParty? ResolvedBy { get; init; }
    /// <summary>The visitor's own rating.</summary>
    [Id(8)] public ChatRating? Rating { get; init; }
    [Id(9)] public required long LastSeq { get; init; }
    [Id(10)] public required DeliveryReceipts Receipts { get; init; }

    public static VisitorSessionView Of(ChatSessionSnapshot s) => new()
    {
        SessionId = s.SessionId,
        Status = s.Status,
        AssignedAgent = s.AssignedAgent is { } agent ? new VisitorAgentView(agent.DisplayName) : null,
        CreatedAt = s.CreatedAt,
        AssignedAt = s.AssignedAt,
        FirstAgentReplyAt = s.FirstAgentReplyAt,
        ResolvedAt = s.ResolvedAt,
        ResolvedBy = s.ResolvedBy,
        Rating = s.Rating,
        LastSeq = s.LastSeq,
        Receipts = s.Receipts,
    };
}

/// <summary>
/// A message as the visitor sees it: who wrote it by party and display name, no sender id (an agent's is their
/// username). <see cref="ClientMessageId"/> is the visitor's own messages' (the widget matches its sends by it) and
/// null on the agent's: the visitor has no use for it, and the widget must not take an agent's id for one of its own.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VisitorMessageView
{
    [Id(0)] public required long Seq { get; init; }
    [Id(1)] public string? ClientMessageId { get; init; }
    [Id(2)] public required ChatParty Sender { get; init; }
    [Id(3)] public string? SenderName { get; init; }
    [Id(4)] public required string Text { get; init; }
    [Id(5)] public required DateTimeOffset SentAt { get; init; }
    /// <summary>The file the message carries: all of it is for the visitor (the name, detected type and size).</summary>
    [Id(6)] public ChatSupport.Contracts.Attachments.MessageAttachment? Attachment { get; init; }

    public static VisitorMessageView Of(ChatMessage m) => new()
    {
        Seq = m.Seq,
        ClientMessageId = m.Sender == ChatParty.Visitor ? m.ClientMessageId : null,
        Sender = m.Sender,
        SenderName = m.SenderName,
        Text = m.Text,
        SentAt = m.SentAt,
        Attachment = m.Attachment,
    };
}

/// <summary>A page of history as the visitor sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record VisitorMessagePage
{
    [Id(0)] public required IReadOnlyList<VisitorMessageView> Messages { get; init; }
    [Id(1)] public required bool HasMore { get; init; }
    [Id(2)] public required long LastSeq { get; init; }

    public static VisitorMessagePage Of(MessagePage p) =>
        new() { Messages = p.Messages.Select(VisitorMessageView.Of).ToList(), HasMore = p.HasMore, LastSeq = p.LastSeq };
}

/// <summary>The visitor's <c>MessagePosted</c> push (the agents' carries <see cref="MessagePosted"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record VisitorMessagePosted
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string SessionId { get; init; }
    [Id(2)] public required long? LastSeq { get; init; }
    [Id(3)] public required VisitorMessageView Message { get; init; }

    public static VisitorMessagePosted Of(MessagePosted e) =>
        new() { TenantId = e.TenantId, SessionId = e.SessionId, LastSeq = e.LastSeq, Message = VisitorMessageView.Of(e.Message) };
}

/// <summary>The visitor's <c>SessionChanged</c> push (the agents' carries <see cref="SessionChanged"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record VisitorSessionChanged
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string SessionId { get; init; }
    [Id(2)] public required long? LastSeq { get; init; }
    [Id(3)] public required VisitorSessionView Session { get; init; }

    public static VisitorSessionChanged Of(SessionChanged e) =>
        new() { TenantId = e.TenantId, SessionId = e.SessionId, LastSeq = e.LastSeq, Session = VisitorSessionView.Of(e.Session) };
}
