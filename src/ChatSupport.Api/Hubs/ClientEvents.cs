using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Hubs;

/// <summary>The events the server pushes to agent and visitor clients (docs/protocol.md, "Events").</summary>
public static class ClientEvents
{
    public const string MessagePosted = nameof(MessagePosted);
    public const string SessionChanged = nameof(SessionChanged);
    public const string TypingChanged = nameof(TypingChanged);
    public const string ReceiptsChanged = nameof(ReceiptsChanged);
    public const string QueuePositionChanged = nameof(QueuePositionChanged);
    public const string DeskChanged = nameof(DeskChanged);

    /// <summary>A session event is pushed under its type's name (MessagePosted, SessionChanged, …).</summary>
    public static string NameOf(SessionEvent e) => e.GetType().Name;

    public static string NameOf(DeskDelta _) => DeskChanged;
}

/// <summary>Group names: one per session stream, one per tenant desk.</summary>
public static class HubGroups
{
    public static string Session(string sessionKey) => "session:" + sessionKey;
    public static string Desk(string tenantId) => "desk:" + tenantId;
}
