namespace ChatSupport.Bench.Clients;

// The few fields of the hub payloads the bench reads (docs/protocol.md). The bench is an outside client:
// it does not reference the server's contracts, so it measures exactly what a widget or dashboard receives.

public sealed record SessionRef(string SessionId);

public sealed record StartChatResult(SessionRef Session);

public sealed record MessageAck(long Seq, string ClientMessageId, bool Duplicate);

public sealed record PostedMessage(long Seq, string Sender, string Text);

public sealed record MessagePostedEvent(string SessionId, PostedMessage Message);

public sealed record DeskSummary(string SessionId, string VisitorId);

public sealed record DeskDelta(long Version, string Kind, DeskSummary Session);

/// <summary>The visitor details a widget sends with StartChat: realistic sizes, so desk rows weigh what they would.</summary>
public sealed record VisitorMetadata(string Name, string Browser, string Language, string PageUrl);
