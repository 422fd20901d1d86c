namespace ChatSupport.Contracts.Sessions;

// The events of labels, reopening and follow-ups (docs/protocol.md). Stored in sessions' outboxes: stable aliases.

/// <summary>An agent added or removed a label: <see cref="Labels"/> is the chat's whole set now (label ids).</summary>
[GenerateSerializer, Immutable, Alias("chat-event.LabelsChanged")]
public sealed record LabelsChanged : ChatEvent
{
    [Id(0)] public required IReadOnlyList<string> Labels { get; init; }
    [Id(1)] public required string ChangedBy { get; init; }
}

/// <summary>A resolved chat was reopened: back to active_chat with the agent who held it (<see cref="Agent"/>).</summary>
[GenerateSerializer, Immutable, Alias("chat-event.ChatReopened")]
public sealed record ChatReopened : ChatEvent
{
    [Id(0)] public required AgentRef Agent { get; init; }
    [Id(1)] public required string ReopenedBy { get; init; }
    /// <summary>Whose follow-up on the chat was pending (it is dropped: the chat is open again), if any.</summary>
    [Id(2)] public AgentRef? FollowUpOf { get; init; }
}

/// <summary>An agent set a follow-up on the chat for <see cref="DueAt"/> (it replaces an earlier one).</summary>
[GenerateSerializer, Immutable, Alias("chat-event.FollowUpScheduled")]
public sealed record FollowUpScheduled : ChatEvent
{
    [Id(0)] public required AgentRef Agent { get; init; }
    [Id(1)] public required DateTimeOffset DueAt { get; init; }
    /// <summary>Who had the follow-up before, when it was someone else (their list drops it).</summary>
    [Id(2)] public AgentRef? Replaced { get; init; }
}

/// <summary>The follow-up's time came (its reminder fired, once).</summary>
[GenerateSerializer, Immutable, Alias("chat-event.FollowUpDue")]
public sealed record FollowUpDue : ChatEvent
{
    [Id(0)] public required AgentRef Agent { get; init; }
    [Id(1)] public required DateTimeOffset DueAt { get; init; }
}
