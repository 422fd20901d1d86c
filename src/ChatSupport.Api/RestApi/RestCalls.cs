using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatSupport.Api.ApiKeys;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Idempotency;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.RestApi;

/// <summary>
/// What every REST API v1 route does around its grain calls: reads a write's body (at most 64 KB, else 413; JSON of the
/// route's shape, else 400 naming the field), honours an <c>Idempotency-Key</c> (the same answer on a retry; the same
/// key with another body is 409), and turns the shared commands' refusals into statuses (<see cref="RestRefusals"/>).
/// </summary>
public sealed class RestCalls(IGrainFactory grains, IOptions<JsonOptions> json)
{
    public const long MaxBodyBytes = 64 * 1024;
    public const string IdempotencyHeader = "Idempotency-Key";

    private JsonSerializerOptions Json => json.Value.SerializerOptions;

    public static ChatIdentity Caller(HttpContext http) => ChatIdentity.From(http.User);

    /// <summary>A read: the value as JSON, or the refusal.</summary>
    public static async Task<IResult> ReadAsync<T>(Func<Task<T>> read)
    {
        try { return Results.Json(await read()); }
        catch (HubException e) { return RestRefusals.FromHub(e).AsRestResult(); }
    }

    /// <summary>A write: body, idempotency, the command, and its answer stored for the key before it is sent.</summary>
    public async Task<IResult> WriteAsync<TBody, TResult>(HttpContext http, Func<TBody, Task<TResult>> write) where TBody : class
    {
        var (raw, tooLarge) = await ReadBodyAsync(http);
        if (tooLarge) return new ChatError("body_too_large", $"The request body is too large (at most {MaxBodyBytes / 1024} KB).").AsRestResult();
        var (body, refusal) = Parse<TBody>(raw);
        if (refusal is not null) return refusal;

        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length == 0) return await RunAsync(write, body!);
        if (ChatInput.CheckId(key, IdempotencyHeader, IdempotencyLimits.KeyMaxLength) is { } badKey) return badKey.AsRestResult(IdempotencyHeader);

        var me = Caller(http);
        var grain = grains.GetGrain<IIdempotencyGrain>(GrainKeys.Compose(me.TenantId, $"{http.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value}/{key}"));
        var fingerprint = Fingerprint(http, raw);
        var check = await grain.Begin(fingerprint);
        switch (check.Outcome)
        {
            case IdempotencyOutcome.Replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Content(check.Reply!.Body, "application/json", Encoding.UTF8, check.Reply.Status);
            case IdempotencyOutcome.Reused:
                return new ChatError("idempotency_key_reused", "That Idempotency-Key was used for a different request. Nothing was done.").AsRestResult(IdempotencyHeader);
            case IdempotencyOutcome.InUse:
                return new ChatError("idempotency_key_in_use", "A request with that Idempotency-Key is still running; retry in a moment.").AsRestResult(IdempotencyHeader);
        }
        try
        {
            var (status, payload) = await RunCoreAsync(write, body!);
            // A transient failure is not an answer to keep: the client's retry must run again.
            if (status >= 500) await grain.Abandon(fingerprint);
            else await grain.Complete(fingerprint, new StoredReply(status, payload));
            return Results.Content(payload, "application/json", Encoding.UTF8, status);
        }
        catch
        {
            await grain.Abandon(fingerprint);
            throw;
        }
    }

    /// <summary>
    /// What a message's or note's client id defaults to: one derived from the Idempotency-Key (so even a retry after the
    /// stored answer expired stores nothing new), else a new one.
    /// </summary>
    public static string ClientIdOf(HttpContext http) => http.Request.Headers[IdempotencyHeader].ToString() is { Length: > 0 } key
        ? "idem-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40]
        : GrainKeys.NewId();

    private async Task<IResult> RunAsync<TBody, TResult>(Func<TBody, Task<TResult>> write, TBody body)
    {
        var (status, payload) = await RunCoreAsync(write, body);
        return Results.Content(payload, "application/json", Encoding.UTF8, status);
    }

    private async Task<(int Status, string Json)> RunCoreAsync<TBody, TResult>(Func<TBody, Task<TResult>> write, TBody body)
    {
        try
        {
            return (StatusCodes.Status200OK, JsonSerializer.Serialize(await write(body), Json));
        }
        catch (HubException e)
        {
            var error = RestRefusals.FromHub(e);
            return (RestRefusals.StatusOf(error.Code), JsonSerializer.Serialize(error.AsRestError(), Json));
        }
    }

    private (TBody? Body, IResult? Refusal) Parse<TBody>(byte[] raw) where TBody : class
    {
        // No body is an empty object: a route whose fields are all optional (resolve) needs none.
        if (raw.Length == 0) raw = "{}"u8.ToArray();
        try
        {
            return JsonSerializer.Deserialize<TBody>(raw, Json) is { } body
                ? (body, null)
                : (null, ChatErrors.InvalidInput("The body is JSON null: send an object.").AsRestResult("$"));
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
            var what = field == "$" ? "The body is not a JSON object" : $"{field} has a value of the wrong type or is not valid JSON";
            return (null, ChatErrors.InvalidInput($"{what}. Nothing was done.").AsRestResult(field));
        }
    }

    /// <summary>The body, read up to the limit; a larger one (declared or sent) is refused without reading the rest.</summary>
    private static async Task<(byte[] Raw, bool TooLarge)> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes) return ([], true);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return ([], true);
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), false);
    }

    private static string Fingerprint(HttpContext http, byte[] raw)
    {
        var head = Encoding.UTF8.GetBytes($"{http.Request.Method}\n{http.Request.Path}{http.Request.QueryString}\n");
        return Convert.ToHexStringLower(SHA256.HashData([.. head, .. raw]));
    }
}
