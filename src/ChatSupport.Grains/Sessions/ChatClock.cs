namespace ChatSupport.Grains.Sessions;

/// <summary>
/// The chats' own clock: the times the session grain gives its events and messages. A keyed <see cref="TimeProvider"/>
/// apart from the container's, which Orleans itself reads (activation collection, timers) and which must stay the
/// real time: only the chats' times may be replayed (the demo history, docs/analytics.md).
/// </summary>
public static class ChatClock
{
    public const string Key = "chat";
}
