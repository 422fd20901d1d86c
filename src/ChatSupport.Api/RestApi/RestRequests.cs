namespace ChatSupport.Api.RestApi;

/// <summary>The bodies of REST API v1's writes (docs/protocol.md, "REST API v1"); camelCase on the wire.</summary>
public sealed record SendMessageRequest
{
    /// <summary>The agent the message is from: the chat's assigned agent (not_assigned_agent otherwise).</summary>
    public string? AgentId { get; init; }
    public string? Text { get; init; }
    /// <summary>Optional: a retry with the same id stores nothing new. Defaults to one derived from the Idempotency-Key.</summary>
    public string? ClientMessageId { get; init; }
}

public sealed record AssignRequest
{
    public string? AgentId { get; init; }
}

public sealed record TransferRequest
{
    public string? ToAgentId { get; init; }
    public string? Note { get; init; }
}

/// <summary>Resolve takes no fields; an empty body or <c>{}</c>.</summary>
public sealed record ResolveRequest;

public sealed record AddNoteRequest
{
    /// <summary>The agent the private note is by.</summary>
    public string? AgentId { get; init; }
    public string? Text { get; init; }
    public string? ClientNoteId { get; init; }
}

public sealed record AddLabelRequest
{
    public string? LabelId { get; init; }
}

/// <summary>Every refusal: a stable code, a sentence, and for bad input the field it is about (when one is).</summary>
public sealed record RestError(string Error, string Message, string? Field = null);
