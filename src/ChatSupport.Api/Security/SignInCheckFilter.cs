using System.Security.Claims;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Security;

/// <summary>
/// On the agent hub, checks on every call (not only at connect) that the operator's sign-in is unexpired and
/// not signed out; otherwise refuses the call and closes the connection.
/// </summary>
public sealed class SignInCheckFilter(LiveSignIns signIns, OperatorConnections connections, TimeProvider clock) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!await signIns.IsLiveAsync(context.Context.User))
        {
            _ = CloseSoonAsync(context.Context);
            throw AccessRefusals.SignInExpired().AsHubException();
        }
        return await next(context);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.User?.FindFirstValue(ChatClaims.SignIn) is { } signIn) connections.Add(signIn, context.Context);
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.User?.FindFirstValue(ChatClaims.SignIn) is { } signIn) connections.Remove(signIn, context.Context);
        return next(context, exception);
    }

    /// <summary>Closes the connection just after the refusal has gone out, so the client learns why it was closed.</summary>
    private async Task CloseSoonAsync(HubCallerContext connection)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(200), clock);
        connection.Abort();
    }
}
