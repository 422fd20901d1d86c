using System.Text.Json;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Audit;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Webhooks;
using ChatSupport.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace ChatSupport.Grains.Webhooks;

[GenerateSerializer]
public sealed record StoredWebhook
{
    [Id(0)] public required WebhookEndpoint Endpoint { get; init; }
    /// <summary>Kept as given (it must sign): the grain state is the only place it is stored; never logged or audited.</summary>
    [Id(1)] public required string Secret { get; init; }
    [Id(2)] public string? PreviousSecret { get; init; }
}

[GenerateSerializer]
public sealed record WebhooksState
{
    [Id(0)] public IReadOnlyList<StoredWebhook> Endpoints { get; init; } = [];
}

/// <summary>
/// The tenant's webhook endpoints in grain storage (few, read on every session event of the tenant: kept in memory).
/// A URL is checked (<see cref="WebhookTargetPolicy"/>) before anything is stored; every change is audited.
/// </summary>
public sealed class WebhooksGrain(
    [PersistentState("webhooks", StorageNames.Chat)] IPersistentState<WebhooksState> state,
    WebhookTargetPolicy policy,
    WebhookOutbox outbox,
    TimeProvider clock,
    ILogger<WebhooksGrain> logger) : Grain, IWebhooksGrain, IWebhookTargets
{
    private const string Area = "webhooks";
    private string Tenant => this.GetPrimaryKeyString();

    public Task<IReadOnlyList<WebhookEndpoint>> List() =>
        Task.FromResult<IReadOnlyList<WebhookEndpoint>>(state.State.Endpoints.Select(e => e.Endpoint).ToList());

    public Task<IReadOnlyList<WebhookSubscription>> Subscriptions() =>
        Task.FromResult<IReadOnlyList<WebhookSubscription>>(state.State.Endpoints.Select(e => new WebhookSubscription(e.Endpoint.Id, e.Endpoint.Events)).ToList());

    public Task<WebhookTarget?> Target(string endpointId)
    {
        if (Find(endpointId) is not { } stored) return Task.FromResult<WebhookTarget?>(null);
        var overlap = stored.PreviousSecret is not null && stored.Endpoint.PreviousSecretValidUntil > clock.GetUtcNow();
        return Task.FromResult<WebhookTarget?>(new WebhookTarget(stored.Endpoint.Url, overlap ? [stored.Secret, stored.PreviousSecret!] : [stored.Secret]));
    }

    public async Task<ChatResult<WebhookSecretIssued>> Create(string? url, IReadOnlyList<string>? events, string actor)
    {
        if (await CheckAsync(url, events) is { } bad) return bad;
        if (state.State.Endpoints.Count >= WebhookLimits.MaxEndpoints)
            return ChatErrors.InvalidInput($"A workspace keeps at most {WebhookLimits.MaxEndpoints} webhook endpoints. Nothing was stored.");
        var now = clock.GetUtcNow();
        var endpoint = new WebhookEndpoint
        {
            Id = GrainKeys.NewId(), Url = url!.Trim(), Events = Normalized(events!), CreatedAt = now, CreatedBy = actor, SecretIssuedAt = now,
        };
        var secret = WebhookSignature.NewSecret();
        if (!await WriteAsync([.. state.State.Endpoints, new StoredWebhook { Endpoint = endpoint, Secret = secret }])) return ChatErrors.StorageUnavailable();
        await AuditAsync(actor, "create", endpoint.Id, null, Describe(endpoint));
        return new WebhookSecretIssued { Endpoint = endpoint, Secret = secret };
    }

    public async Task<ChatResult<WebhookEndpoint>> Update(string endpointId, string? url, IReadOnlyList<string>? events, string actor)
    {
        if (Find(endpointId) is not { } stored) return WebhookErrors.UnknownWebhook();
        if (await CheckAsync(url, events) is { } bad) return bad;
        var updated = stored.Endpoint with { Url = url!.Trim(), Events = Normalized(events!) };
        if (!await WriteAsync(Replace(stored with { Endpoint = updated }))) return ChatErrors.StorageUnavailable();
        await AuditAsync(actor, "update", endpointId, Describe(stored.Endpoint), Describe(updated));
        return updated;
    }

    public async Task<ChatResult<bool>> Revoke(string endpointId, string actor)
    {
        if (Find(endpointId) is not { } stored) return WebhookErrors.UnknownWebhook();
        if (!await WriteAsync(state.State.Endpoints.Where(e => e.Endpoint.Id != endpointId).ToList())) return ChatErrors.StorageUnavailable();
        await AuditAsync(actor, "revoke", endpointId, Describe(stored.Endpoint), null);
        return true;
    }

    public async Task<ChatResult<WebhookSecretIssued>> RotateSecret(string endpointId, TimeSpan overlap, string actor)
    {
        if (Find(endpointId) is not { } stored) return WebhookErrors.UnknownWebhook();
        if (overlap < TimeSpan.Zero || overlap > WebhookLimits.MaxOverlap)
            return ChatErrors.InvalidInput($"overlapHours is 0 to {WebhookLimits.MaxOverlap.TotalHours:0}. Nothing was changed.");
        var now = clock.GetUtcNow();
        var secret = WebhookSignature.NewSecret();
        var endpoint = stored.Endpoint with { SecretIssuedAt = now, PreviousSecretValidUntil = overlap > TimeSpan.Zero ? now + overlap : null };
        var rotated = new StoredWebhook { Endpoint = endpoint, Secret = secret, PreviousSecret = overlap > TimeSpan.Zero ? stored.Secret : null };
        if (!await WriteAsync(Replace(rotated))) return ChatErrors.StorageUnavailable();
        await AuditAsync(actor, "rotate_secret", endpointId, null, JsonSerializer.Serialize(new { overlapHours = overlap.TotalHours }));
        return new WebhookSecretIssued { Endpoint = endpoint, Secret = secret };
    }

    public async Task<ChatResult<IReadOnlyList<WebhookDelivery>>> Deliveries(string endpointId)
    {
        if (Find(endpointId) is null) return WebhookErrors.UnknownWebhook();
        try
        {
            return (await outbox.LogAsync(Tenant, endpointId)).Take(WebhookLimits.LogSize).Select(WebhookOutbox.ToDelivery).ToList();
        }
        catch (Azure.RequestFailedException e)
        {
            logger.LogWarning(e, "Delivery log of webhook {Endpoint} not read", endpointId);
            return ChatErrors.StorageUnavailable();
        }
    }

    public async Task<ChatResult<WebhookDelivery>> Redeliver(string endpointId, string deliveryId, string actor)
    {
        if (Find(endpointId) is null) return WebhookErrors.UnknownWebhook();
        var rows = await outbox.LogAsync(Tenant, endpointId);
        if (rows.FirstOrDefault(r => r.GetString("DeliveryId") == deliveryId) is not { } row) return WebhookErrors.UnknownDelivery();
        row["Status"] = WebhookDeliveryStatus.Pending;
        row["Attempts"] = 0;
        row["DeliveryId"] = WebhookOutbox.NewDeliveryId();
        row["NextAttemptAt"] = clock.GetUtcNow();
        row["LastError"] = null;
        row["LastStatusCode"] = null;
        await outbox.UpdateAsync(row);
        await AuditAsync(actor, "redeliver", endpointId, null, JsonSerializer.Serialize(new { eventId = row.GetString("EventId"), deliveryId = row.GetString("DeliveryId") }));
        await GrainFactory.GetGrain<IWebhookDeliveryGrain>(GrainKeys.Compose(Tenant, endpointId)).Wake();
        return WebhookOutbox.ToDelivery(row);
    }

    private async Task<ChatError?> CheckAsync(string? url, IReadOnlyList<string>? events)
    {
        if (events is null || events.Count == 0) return ChatErrors.InvalidInput("events: name at least one event. Nothing was stored.");
        if (events.FirstOrDefault(e => !WebhookEventNames.All.Contains(e)) is { } unknown)
            return ChatErrors.InvalidInput($"events: \"{unknown}\" is not an event (one of {string.Join(", ", WebhookEventNames.All)}). Nothing was stored.");
        if (policy.CheckForm(url, out var uri) is { } badUrl) return badUrl;
        return await policy.CheckTargetAsync(uri);
    }

    private static IReadOnlyList<string> Normalized(IReadOnlyList<string> events) => WebhookEventNames.All.Where(events.Contains).ToList();

    private StoredWebhook? Find(string endpointId) => state.State.Endpoints.FirstOrDefault(e => e.Endpoint.Id == endpointId);

    private IReadOnlyList<StoredWebhook> Replace(StoredWebhook changed) =>
        state.State.Endpoints.Select(e => e.Endpoint.Id == changed.Endpoint.Id ? changed : e).ToList();

    /// <summary>Stores the new list; on a failed write the old one stays (nothing half-changed).</summary>
    private async Task<bool> WriteAsync(IReadOnlyList<StoredWebhook> endpoints)
    {
        var before = state.State;
        state.State = new WebhooksState { Endpoints = endpoints };
        try
        {
            await state.WriteStateAsync();
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Webhook endpoints of {Tenant} not stored", Tenant);
            state.State = before;
            return false;
        }
    }

    /// <summary>URL and events only: the audit log never holds a secret.</summary>
    private static string Describe(WebhookEndpoint e) => JsonSerializer.Serialize(new { url = e.Url, events = e.Events });

    private Task AuditAsync(string actor, string action, string target, string? before, string? after) =>
        GrainFactory.GetGrain<IAuditLogGrain>(Tenant).Record(new AuditEntry(clock.GetUtcNow(), actor, Area, action, target, before, after));
}
