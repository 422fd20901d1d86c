namespace ChatSupport.Contracts.Webhooks;

/// <summary>A registered webhook endpoint as admins see it: never its signing secret (shown once, in <see cref="WebhookSecretIssued"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookEndpoint
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Url { get; init; }
    /// <summary>The event names wanted (<see cref="WebhookEventNames"/>).</summary>
    [Id(2)] public required IReadOnlyList<string> Events { get; init; }
    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public required string CreatedBy { get; init; }
    [Id(5)] public required DateTimeOffset SecretIssuedAt { get; init; }
    /// <summary>While set and in the future, deliveries carry the previous secret's signature too (the rotation's overlap).</summary>
    [Id(6)] public DateTimeOffset? PreviousSecretValidUntil { get; init; }
}

/// <summary>The answer to creating an endpoint or rotating its secret: the only time the secret is shown.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookSecretIssued
{
    [Id(0)] public required WebhookEndpoint Endpoint { get; init; }
    [Id(1)] public required string Secret { get; init; }
}

/// <summary>One event's delivery to one endpoint, as the endpoint's delivery log shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookDelivery
{
    /// <summary>Sent as <c>X-ChatSupport-Delivery</c>; the same on every retry, a new one on "redeliver".</summary>
    [Id(0)] public required string DeliveryId { get; init; }
    /// <summary>The event's own id (the body's <c>id</c>): receivers deduplicate by it.</summary>
    [Id(1)] public required string EventId { get; init; }
    [Id(2)] public required string Event { get; init; }
    [Id(3)] public required string SessionId { get; init; }
    [Id(4)] public required string Status { get; init; }
    [Id(5)] public required int Attempts { get; init; }
    [Id(6)] public int? LastStatusCode { get; init; }
    [Id(7)] public string? LastError { get; init; }
    [Id(8)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(9)] public DateTimeOffset? LastAttemptAt { get; init; }
    [Id(10)] public DateTimeOffset? NextAttemptAt { get; init; }
}

/// <summary>A delivery's status: <c>pending</c> (queued or waiting for its next retry), <c>succeeded</c> (2xx), <c>failed</c> (retries used up, or a refusal that a retry would not change).</summary>
public static class WebhookDeliveryStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
