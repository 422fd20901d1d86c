namespace ChatSupport.Contracts.Sessions;

/// <summary>
/// Re-route (the tenant's <c>reRouteAfterSeconds</c>, captured when the chat started): the assigned agent wrote nothing
/// for <see cref="AfterSeconds"/> seconds after the assignment, so the chat went back to the queue. The router then
/// skips <see cref="From"/> for this chat, and <see cref="From"/> is told in their notifications. Stored in sessions'
/// outboxes: a stable alias.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat-event.ChatReRouted")]
public sealed record ChatReRouted : ChatEvent
{
    /// <summary>The agent who held the chat and did not answer.</summary>
    [Id(0)] public required AgentRef From { get; init; }
    [Id(1)] public required int AfterSeconds { get; init; }
}
