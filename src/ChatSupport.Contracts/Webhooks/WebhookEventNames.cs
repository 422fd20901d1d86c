namespace ChatSupport.Contracts.Webhooks;

/// <summary>
/// The events an endpoint can ask for, as named in the delivery's <c>type</c> and on the Webhooks page
/// (docs/protocol.md, "Webhooks"). Each comes from a stored session event or a stored message, never from a push.
/// </summary>
public static class WebhookEventNames
{
    public const string ChatStarted = "chat.started";
    public const string ChatAssigned = "chat.assigned";
    public const string ChatTransferred = "chat.transferred";
    /// <summary>The assigned agent did not answer within the re-route time: the chat went back to the queue.</summary>
    public const string ChatReRouted = "chat.rerouted";
    public const string MessageCreated = "message.created";
    /// <summary>An agent resolved the chat.</summary>
    public const string ChatResolved = "chat.resolved";
    /// <summary>The visitor closed the chat, or it was abandoned (<c>data.reason</c> says which).</summary>
    public const string ChatClosed = "chat.closed";
    public const string ChatRated = "chat.rated";
    public const string ChatReopened = "chat.reopened";
    /// <summary>A response-time target ran out (<c>data.target</c>: assignment, first_reply, next_reply or resolution).</summary>
    public const string TargetMissed = "target.missed";

    public static readonly IReadOnlyList<string> All =
        [ChatStarted, ChatAssigned, ChatTransferred, ChatReRouted, MessageCreated, ChatResolved, ChatClosed, ChatRated, ChatReopened, TargetMissed];
}

public static class WebhookLimits
{
    public const int MaxEndpoints = 20;
    public const int UrlMaxLength = 2_000;
    /// <summary>The longest overlap a rotation may keep the previous secret signing.</summary>
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(7);
    /// <summary>The delivery log shows an endpoint's newest deliveries, at most this many.</summary>
    public const int LogSize = 200;
}
