namespace ChatSupport.Contracts.Sessions;

/// <summary>
/// Why a command was refused. The code is stable and machine-readable (clients switch on it);
/// the message is for people. A refused command changes nothing.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChatError([property: Id(0)] string Code, [property: Id(1)] string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>Every refusal the chat core can give, by code. docs/protocol.md lists the same set.</summary>
public static class ChatErrors
{
    public static ChatError InvalidInput(string message) => new("invalid_input", message);
    public static ChatError UnknownSession() => new("unknown_session", "No chat session has that id.");
    public static ChatError NotYourSession() => new("not_your_session", "That chat session belongs to someone else.");
    public static ChatError AlreadyStarted() => new("already_started", "This chat session has already started.");
    public static ChatError AlreadyAssigned(string agentName) =>
        new("already_assigned", $"This chat is already assigned to {agentName}.");
    public static ChatError NotAssigned() =>
        new("not_assigned", "This chat has no agent yet: assign it first.");
    public static ChatError NotAssignedAgent() =>
        new("not_assigned_agent", "Only the agent assigned to this chat can do that.");
    public static ChatError UnknownAgent() => new("unknown_agent", "No agent who can take chats has that id.");
    public static ChatError UnknownMention(string agentId) =>
        new("unknown_agent", $"The note mentions @{agentId}, who is not an agent of this workspace. Nothing was saved.");
    public static ChatError SameAgent() => new("same_agent", "The chat is already with that agent.");
    public static ChatError ChatResolved() => new("chat_resolved", "This chat has been resolved.");
    public static ChatError NotResolved() => new("not_resolved", "A chat can be rated only after it is resolved.");
    public static ChatError AlreadyRated() => new("already_rated", "This chat has already been rated.");
    public static ChatError AgentsOnly() => new("agents_only", "Only an agent can do that.");
    public static ChatError VisitorsOnly() => new("visitors_only", "Only the visitor of this chat can do that.");
    public static ChatError QueueFull() =>
        new("queue_full", "All our agents are busy and the queue is full. Please try again in a few minutes.");
    /// <summary>Internal: the abandonment check found the visitor still there (or they wrote). No client ever gets it.</summary>
    public static ChatError NotAbandoned() => new("not_abandoned", "The visitor is still there or has written: the chat is not abandoned.");
    public static ChatError VisitorHasOpenChat() =>
        new("visitor_has_open_chat", "The visitor has started another chat that is still open: answer them there. Nothing changed.");
    public static ChatError NotReopenable() =>
        new("not_resolved", "Only a resolved chat that an agent held can be reopened.");
    public static ChatError Busy() =>
        new("try_again", "The server is busy just now and nothing changed. Please try again in a moment.");
    public static ChatError StorageUnavailable() =>
        new("try_again", "That could not be saved just now and nothing changed. Please try again.");
}

/// <summary>The outcome of a command: a value, or the refusal that left everything unchanged.</summary>
[GenerateSerializer, Immutable]
public sealed record ChatResult<T>
{
    [Id(0)] public T? Value { get; init; }
    [Id(1)] public ChatError? Error { get; init; }

    public bool IsSuccess => Error is null;

    public static ChatResult<T> Ok(T value) => new() { Value = value };
    public static ChatResult<T> Refused(ChatError error) => new() { Error = error };

    public static implicit operator ChatResult<T>(ChatError error) => Refused(error);
    public static implicit operator ChatResult<T>(T value) => Ok(value);
}
