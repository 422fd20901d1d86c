using ChatSupport.Contracts.Webhooks;

namespace ChatSupport.Grains.Webhooks;

/// <summary>An endpoint's wanted events, for the consumer that queues deliveries.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookSubscription([property: Id(0)] string EndpointId, [property: Id(1)] IReadOnlyList<string> Events);

/// <summary>Where and how to send: the URL and the secrets that sign (current first, the previous one during an overlap). Silo-internal: secrets never leave the silo.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookTarget([property: Id(0)] string Url, [property: Id(1)] IReadOnlyList<string> Secrets);

/// <summary>The silo's side of <see cref="IWebhooksGrain"/> (the same grain): what the consumer and the delivery grains read.</summary>
public interface IWebhookTargets : IGrainWithStringKey
{
    Task<IReadOnlyList<WebhookSubscription>> Subscriptions();

    /// <summary>Null once the endpoint is revoked: nothing more is sent to it.</summary>
    Task<WebhookTarget?> Target(string endpointId);
}

/// <summary>
/// Sends one endpoint's queued deliveries (keyed tenant/endpoint): per chat in order, one at a time, chats side by
/// side; retries with back-off; a reminder while anything is queued, so a silo's death only delays them.
/// </summary>
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>Something was queued or reset: look now.</summary>
    Task Wake();
}
