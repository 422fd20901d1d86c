using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// Lets refusals (HubException) through to the caller as they are, and turns every other failure into one
/// generic "server_error" so no internal detail (storage, cluster, stack) ever reaches a client. The
/// connection stays open either way.
/// </summary>
public sealed class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is not HubException)
        {
            logger.LogError(e, "Hub method {Method} failed", context.HubMethodName);
            throw new HubException("server_error: Something went wrong on our side and nothing changed. Please try again.");
        }
    }
}
