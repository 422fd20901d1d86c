using ChatSupport.Api.Identity;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Authentication;

namespace ChatSupport.Api.Security;

/// <summary>
/// Connections per visitor token: a request that opens a visitor hub connection (the negotiate, or a WebSocket connect
/// that skips it) is refused with <c>429 slow_down</c> when the token already holds its limit of open connections, or
/// opened too many in the window (<see cref="VisitorRateLimits.TryConnect"/>). Refused here, before SignalR, it is a
/// connect refusal like the others: no connection, no hub error, no log line per attempt.
/// </summary>
public sealed class VisitorConnectionLimit(RequestDelegate next)
{
    public static string VisitorKey(ChatIdentity who) => who.TenantId + "/" + who.Caller.Id;

    public async Task InvokeAsync(HttpContext context, VisitorRateLimits limits)
    {
        if (OpensConnection(context.Request)
            && (await context.AuthenticateAsync(SecuritySetup.VisitorScheme)).Principal is { } visitor
            && !limits.TryConnect(VisitorKey(ChatIdentity.From(visitor))))
        {
            await RefusalResponses.WriteAsync(context, AccessRefusals.SlowDown());
            return;
        }
        await next(context);
    }

    /// <summary>Later requests of a connection carry its <c>id</c> (the connect after a negotiate, long polls).</summary>
    private static bool OpensConnection(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs/visitor", out var rest) && !HttpMethods.IsOptions(request.Method)
        && (rest == "/negotiate" || rest.Value is null or "" or "/" && !request.Query.ContainsKey("id"));
}
