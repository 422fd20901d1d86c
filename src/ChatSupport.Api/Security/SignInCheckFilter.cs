using System.Security.Claims;
using ChatSupport.Api.Identity;
using ChatSupport.Api.Pushes;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Security;

/// <summary>
/// On the agent hub, checks on every call (not only at connect) that the operator's sign-in is unexpired and
/// not signed out; otherwise refuses the call and closes the connection. Between calls, the connection is closed
/// when its sign-in expires (<see cref="OperatorConnections"/>) or ends on any Api node (<see cref="PushBridge"/>).
/// </summary>
public sealed class SignInCheckFilter(LiveSignIns signIns, OperatorConnections connections, PushBridge bridge, TimeProvider clock) : IHubFilter
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

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var connection = context.Context;
        if (connection.User is not { } user || user.FindFirstValue(ChatClaims.SignIn) is not { } signIn || LiveSignIns.ExpiresAt(user) is not { } expiresAt)
        {
            await next(context);
            return;
        }
        connections.Add(signIn, connection, expiresAt);
        var member = new BridgeMember(BridgeHub.Agent, connection.ConnectionId);
        try
        {
            var who = ChatIdentity.From(user);
            await bridge.JoinSignInAsync(member, GrainKeys.Compose(who.TenantId, who.Caller.Id));
            // A sign-out between the cookie's check and the subscription would not be heard: look once more.
            if (!await signIns.IsLiveAsync(user)) connection.Abort();
            await next(context);
        }
        catch
        {
            // A connection that fails to connect is never disconnected: forget it here.
            connections.Remove(signIn, connection);
            await bridge.LeaveAllAsync(member);
            throw;
        }
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
