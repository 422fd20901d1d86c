namespace ChatSupport.Contracts.Messages;

/// <summary>Who wrote a message or did an action in a chat.</summary>
[GenerateSerializer]
public enum ChatParty
{
    Visitor = 0,
    Agent = 1,
    /// <summary>The chat itself: automated responses (greeting, away, still looking, closing). Never an agent's reply.</summary>
    System = 2,
}

/// <summary>
/// One stored message. <see cref="Seq"/> numbers the messages of a session 1, 2, 3… with no gaps;
/// it is the order everyone sees and the cursor a reconnecting client resumes from.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChatMessage
{
    [Id(0)] public required long Seq { get; init; }
    [Id(1)] public required string ClientMessageId { get; init; }
    [Id(2)] public required ChatParty Sender { get; init; }
    [Id(3)] public required string SenderId { get; init; }
    [Id(4)] public string? SenderName { get; init; }
    [Id(5)] public required string Text { get; init; }
    [Id(6)] public required DateTimeOffset SentAt { get; init; }
    /// <summary>The file this message carries (its <see cref="Text"/> is then the file's name), stored before the message was.</summary>
    [Id(7)] public ChatSupport.Contracts.Attachments.MessageAttachment? Attachment { get; init; }
}

/// <summary>The acknowledgement a sender gets once its message is stored.</summary>
[GenerateSerializer, Immutable]
public sealed record MessageAck
{
    [Id(0)] public required long Seq { get; init; }
    [Id(1)] public required string ClientMessageId { get; init; }
    [Id(2)] public required DateTimeOffset SentAt { get; init; }
    /// <summary>True when this was a retry of a message already stored: nothing new was written.</summary>
    [Id(3)] public bool Duplicate { get; init; }
}

/// <summary>A page of history: the messages after a sequence number, in order.</summary>
[GenerateSerializer, Immutable]
public sealed record MessagePage
{
    [Id(0)] public required IReadOnlyList<ChatMessage> Messages { get; init; }
    /// <summary>True when more messages follow the last one in this page.</summary>
    [Id(1)] public required bool HasMore { get; init; }
    /// <summary>The session's newest sequence number when the page was read.</summary>
    [Id(2)] public required long LastSeq { get; init; }
}

/// <summary>
/// How far each side has received and displayed the other side's messages. A message is "sent" once
/// stored, "delivered" when its Seq is at most the other side's DeliveredSeq, "read" when at most ReadSeq.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryReceipts
{
    [Id(0)] public long VisitorDeliveredSeq { get; init; }
    [Id(1)] public long VisitorReadSeq { get; init; }
    [Id(2)] public long AgentDeliveredSeq { get; init; }
    [Id(3)] public long AgentReadSeq { get; init; }

    public static readonly DeliveryReceipts None = new();
}
