using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Pushes;

/// <summary>Hands a session event to the client method of its kind: each event name is a method, not a string.</summary>
public static class SessionEventPush
{
    /// <summary>To agents: the full message and snapshot.</summary>
    public static Task Push(this IAgentClient client, SessionEvent e) => e switch
    {
        MessagePosted posted => client.MessagePosted(posted),
        SessionChanged changed => client.SessionChanged(changed),
        TypingChanged typing => client.TypingChanged(typing),
        ReceiptsChanged receipts => client.ReceiptsChanged(receipts),
        // QueuePositionChanged is the visitor's alone; a kind without a client method is not for clients.
        _ => Task.CompletedTask,
    };

    /// <summary>To the visitor: messages and the session only in the visitor's view (no transfer note, no operator username).</summary>
    public static Task Push(this IVisitorClient client, SessionEvent e) => e switch
    {
        MessagePosted posted => client.MessagePosted(VisitorMessagePosted.Of(posted)),
        SessionChanged changed => client.SessionChanged(VisitorSessionChanged.Of(changed)),
        TypingChanged typing => client.TypingChanged(typing),
        ReceiptsChanged receipts => client.ReceiptsChanged(receipts),
        QueuePositionChanged position => client.QueuePositionChanged(position),
        _ => Task.CompletedTask,
    };
}
