using ChatSupport.Api.Hubs;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Security;

/// <summary>
/// Applies <see cref="VisitorRateLimits"/> to the visitor hub, every method of it: chat starts and messages have their
/// own budgets, every other call (a method added later too) shares one; over a budget is a clear "slow_down" refusal
/// (nothing stored, the connection stays usable). Typing events that come too fast are dropped. It also counts each
/// visitor's open connections, which <see cref="VisitorConnectionLimit"/> limits.
/// </summary>
public sealed class VisitorRateLimitFilter(VisitorRateLimits limits) : IHubFilter
{
    /// <summary>Marks a connection that was counted, so that only those are given back when they close.</summary>
    private static readonly object Counted = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var visitorKey = VisitorKey(context.Context);
        var address = context.Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var allowed = context.HubMethodName switch
        {
            nameof(VisitorHub.StartChat) => limits.TryStartChat(visitorKey, address),
            nameof(VisitorHub.SendMessage) => limits.TrySendMessage(visitorKey, address),
            nameof(VisitorHub.SetTyping) => true,
            _ => limits.TryCall(visitorKey, address),
        };
        if (!allowed) throw AccessRefusals.SlowDown().AsHubException();
        if (context.HubMethodName == nameof(VisitorHub.SetTyping) && !limits.ShouldForwardTyping(context.Context.ConnectionId)) return null;
        return await next(context);
    }

    /// <summary>Counts the visitor's open connections; <see cref="VisitorConnectionLimit"/> refuses a new one past the limit.</summary>
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        limits.Connected(VisitorKey(context.Context));
        context.Context.Items[Counted] = true;
        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        limits.Forget(context.Context.ConnectionId);
        if (context.Context.Items.Remove(Counted)) limits.Disconnected(VisitorKey(context.Context));
        return next(context, exception);
    }

    private static string VisitorKey(HubCallerContext context) => VisitorConnectionLimit.VisitorKey(ChatIdentity.From(context.User));
}
