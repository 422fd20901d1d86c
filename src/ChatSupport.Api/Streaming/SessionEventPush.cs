using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Streaming;

/// <summary>Hands a session event to the client method of its kind: each event name is a method, not a string.</summary>
public static class SessionEventPush
{
    public static Task Push(this ISessionClient client, SessionEvent e) => e switch
    {
        MessagePosted posted => client.MessagePosted(posted),
        SessionChanged changed => client.SessionChanged(changed),
        TypingChanged typing => client.TypingChanged(typing),
        ReceiptsChanged receipts => client.ReceiptsChanged(receipts),
        // QueuePositionChanged is the visitor's alone (IVisitorClient); a kind without a client method is not for clients.
        _ => Task.CompletedTask,
    };
}
