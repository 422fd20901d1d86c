using ChatSupport.Api.Hubs;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Security;

/// <summary>
/// Applies <see cref="VisitorRateLimits"/> to the visitor hub: too many chat starts or messages get a clear
/// "slow_down" refusal (nothing stored, the connection stays usable); typing events that come too fast are dropped.
/// </summary>
public sealed class VisitorRateLimitFilter(VisitorRateLimits limits) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var who = ChatIdentity.From(context.Context.User);
        var visitorKey = who.TenantId + "/" + who.Caller.Id;
        var address = context.Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        switch (context.HubMethodName)
        {
            case nameof(VisitorHub.StartChat) when !limits.TryStartChat(visitorKey, address):
            case nameof(VisitorHub.SendMessage) when !limits.TrySendMessage(visitorKey, address):
                throw AccessRefusals.SlowDown().AsHubException();
            case nameof(VisitorHub.SetTyping) when !limits.ShouldForwardTyping(context.Context.ConnectionId):
                return null;
        }
        return await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        limits.Forget(context.Context.ConnectionId);
        return next(context, exception);
    }
}
