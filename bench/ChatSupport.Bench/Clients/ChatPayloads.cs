namespace ChatSupport.Bench.Clients;

// The few fields of the hub payloads the bench reads (docs/protocol.md). The chat pipeline's clients are outside
// clients: they use these, not the server's contracts, so they measure exactly what a widget or dashboard receives.
// (Only the analytics scenario uses Contracts, to call the analytics grain as an Orleans client.)

public sealed record SessionRef(string SessionId);

public sealed record StartChatResult(SessionRef Session);

public sealed record MessageAck(long Seq, string ClientMessageId, bool Duplicate);

public sealed record PostedMessage(long Seq, string Sender, string Text);

public sealed record MessagePostedEvent(string SessionId, PostedMessage Message);

public sealed record DeskSummary(string SessionId, string VisitorId);

public sealed record DeskDelta(long Version, string Kind, DeskSummary Session);

/// <summary>The visitor details a widget sends with StartChat: realistic sizes, so desk rows weigh what they would.</summary>
public sealed record VisitorMetadata(string Name, string Browser, string Language, string PageUrl);
