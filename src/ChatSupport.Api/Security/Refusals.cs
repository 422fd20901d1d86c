using System.Text.Json;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Security;

/// <summary>An authorization failure that names what is missing.</summary>
public sealed class RefusalReason(IAuthorizationHandler handler, AccessRefusal refusal) : AuthorizationFailureReason(handler, refusal.ToString())
{
    public AccessRefusal Refusal { get; } = refusal;
}

public static class RefusalResponses
{
    /// <summary>Every HTTP refusal has the same shape: <c>{ "error": code, "message": sentence }</c>.</summary>
    public static Task WriteAsync(HttpContext context, AccessRefusal refusal)
    {
        context.Response.StatusCode = refusal.Status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = refusal.Code, message = refusal.Message }));
    }

    public static IResult AsResult(this AccessRefusal refusal) =>
        Results.Json(new { error = refusal.Code, message = refusal.Message }, statusCode: refusal.Status);

    public static HubException AsHubException(this AccessRefusal refusal) => new(refusal.ToString());
}
