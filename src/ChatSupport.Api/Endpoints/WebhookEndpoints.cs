using System.Text.Json;
using ChatSupport.Api.Identity;
using ChatSupport.Api.Security;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Tenants;
using ChatSupport.Contracts.Webhooks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Endpoints;

public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events);

public sealed record RotateSecretRequest(double? OverlapHours);

/// <summary>
/// The Webhooks page's routes (System Admins of an entitled tenant, own origin; anti-forgery on every change):
/// endpoints, their secrets (shown once), the delivery log and "redeliver" (docs/protocol.md, "Webhooks").
/// </summary>
public static class WebhookEndpoints
{
    /// <summary>Without an overlap asked for, the previous secret keeps signing for a day.</summary>
    private static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(24);

    public static void MapWebhookEndpoints(this WebApplication app)
    {
        var hooks = app.MapGroup("/api/webhooks").RequireAuthorization(ChatPolicies.Agent);

        hooks.MapGet("", async (HttpContext http, IGrainFactory grains) =>
            Results.Json(new { endpoints = await Webhooks(grains, http).List(), events = WebhookEventNames.All }));

        hooks.MapPost("", (HttpContext http, IAntiforgery antiforgery, IGrainFactory grains, IOptions<JsonOptions> json) =>
            ChangeAsync<WebhookRequest>(http, antiforgery, json, async (body, actor) =>
                Answer(await Webhooks(grains, http).Create(body.Url, body.Events, actor), StatusCodes.Status201Created)));

        hooks.MapPut("/{endpointId}", (string endpointId, HttpContext http, IAntiforgery antiforgery, IGrainFactory grains, IOptions<JsonOptions> json) =>
            ChangeAsync<WebhookRequest>(http, antiforgery, json, async (body, actor) =>
                Answer(await Webhooks(grains, http).Update(endpointId, body.Url, body.Events, actor))));

        hooks.MapDelete("/{endpointId}", async (string endpointId, HttpContext http, IAntiforgery antiforgery, IGrainFactory grains) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return AccessRefusals.AntiforgeryRequired().AsResult();
            var revoked = await Webhooks(grains, http).Revoke(endpointId, ChatIdentity.From(http.User).Caller.Id);
            return revoked.Error is { } error ? AsResult(error) : Results.NoContent();
        });

        hooks.MapPost("/{endpointId}/rotate-secret", (string endpointId, HttpContext http, IAntiforgery antiforgery, IGrainFactory grains, IOptions<JsonOptions> json) =>
            ChangeAsync<RotateSecretRequest>(http, antiforgery, json, async (body, actor) =>
            {
                if (body.OverlapHours is { } h && (double.IsNaN(h) || h < 0 || h > WebhookLimits.MaxOverlap.TotalHours))
                    return AsResult(ChatErrors.InvalidInput($"overlapHours is 0 to {WebhookLimits.MaxOverlap.TotalHours:0}. Nothing was changed."));
                var overlap = body.OverlapHours is { } hours ? TimeSpan.FromHours(hours) : DefaultOverlap;
                return Answer(await Webhooks(grains, http).RotateSecret(endpointId, overlap, actor));
            }));

        hooks.MapGet("/{endpointId}/deliveries", async (string endpointId, HttpContext http, IGrainFactory grains) =>
        {
            var log = await Webhooks(grains, http).Deliveries(endpointId);
            return log.Error is { } error ? AsResult(error) : Results.Json(new { deliveries = log.Value });
        });

        hooks.MapPost("/{endpointId}/deliveries/{deliveryId}/redeliver", async (string endpointId, string deliveryId, HttpContext http, IAntiforgery antiforgery, IGrainFactory grains) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return AccessRefusals.AntiforgeryRequired().AsResult();
            return Answer(await Webhooks(grains, http).Redeliver(endpointId, deliveryId, ChatIdentity.From(http.User).Caller.Id));
        });
    }

    private static IWebhooksGrain Webhooks(IGrainFactory grains, HttpContext http) =>
        grains.GetGrain<IWebhooksGrain>(ChatIdentity.From(http.User).TenantId);

    /// <summary>A change: anti-forgery first, then the JSON body (a wrong type names its field), then the grain's answer.</summary>
    private static async Task<IResult> ChangeAsync<T>(HttpContext http, IAntiforgery antiforgery, IOptions<JsonOptions> json, Func<T, string, Task<IResult>> change)
        where T : class
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return AccessRefusals.AntiforgeryRequired().AsResult();
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, json.Value.SerializerOptions);
        }
        catch (JsonException e)
        {
            return AsResult(ChatErrors.InvalidInput($"The body is not valid JSON ({e.Path ?? "$"}: a value of the wrong type, or not JSON). Nothing was stored."));
        }
        if (body is null) return AsResult(ChatErrors.InvalidInput("The body is missing. Nothing was stored."));
        return await change(body, ChatIdentity.From(http.User).Caller.Id);
    }

    private static IResult Answer<T>(ChatResult<T> result, int status = StatusCodes.Status200OK) =>
        result.Error is { } error ? AsResult(error) : Results.Json(result.Value, statusCode: status);

    private static IResult AsResult(ChatError error) => error.Code is "unknown_webhook" or "unknown_delivery"
        ? Results.Json(new { error = error.Code, message = error.Message }, statusCode: StatusCodes.Status404NotFound)
        : error.AsResult();
}
