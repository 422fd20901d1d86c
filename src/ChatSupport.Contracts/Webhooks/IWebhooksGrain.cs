using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Webhooks;

/// <summary>
/// The tenant's webhook endpoints (keyed by tenant id), managed by its System Admins on the Webhooks page. Every change
/// is audited (area <c>webhooks</c>: URLs and events, never a secret). A URL is refused (<c>invalid_input</c>, or
/// <c>target_not_allowed</c> for a private, loopback or link-local target not on the allow-list) before anything is stored.
/// </summary>
public interface IWebhooksGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<WebhookEndpoint>> List();

    Task<ChatResult<WebhookSecretIssued>> Create(string? url, IReadOnlyList<string>? events, string actor);

    Task<ChatResult<WebhookEndpoint>> Update(string endpointId, string? url, IReadOnlyList<string>? events, string actor);

    /// <summary>Removes the endpoint: nothing more is sent to it, its queued deliveries included.</summary>
    Task<ChatResult<bool>> Revoke(string endpointId, string actor);

    /// <summary>A new secret; the previous one signs too (a second signature) for <paramref name="overlap"/>.</summary>
    Task<ChatResult<WebhookSecretIssued>> RotateSecret(string endpointId, TimeSpan overlap, string actor);

    Task<ChatResult<IReadOnlyList<WebhookDelivery>>> Deliveries(string endpointId);

    /// <summary>Sends the delivery's event again, under a new delivery id (the event id stays).</summary>
    Task<ChatResult<WebhookDelivery>> Redeliver(string endpointId, string deliveryId, string actor);
}

public static class WebhookErrors
{
    public static ChatError UnknownWebhook() => new("unknown_webhook", "No webhook endpoint has that id.");
    public static ChatError UnknownDelivery() => new("unknown_delivery", "That endpoint has no delivery with that id.");
    public static ChatError TargetNotAllowed(string why) =>
        new("target_not_allowed", $"url: {why} Webhooks are sent only to public addresses unless the allow-list names the target (docs/operations.md, \"Webhooks\"). Nothing was stored.");
}
