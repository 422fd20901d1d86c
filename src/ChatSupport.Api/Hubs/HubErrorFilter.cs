using ChatSupport.Api.Errors;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// Lets refusals (HubException) through to the caller as they are, counted by <see cref="RefusalLog"/> (one summary
/// line per interval, no stack), and turns every other failure into one generic "server_error" so no internal detail
/// (storage, cluster, stack) ever reaches a client. The connection stays open either way.
/// </summary>
public sealed class HubErrorFilter(ILogger<HubErrorFilter> logger, RefusalLog refusals) : IHubFilter
{
    private static bool IsTransient(Exception e) =>
        e is TimeoutException or OrleansException or SiloUnavailableException or Azure.RequestFailedException or HttpRequestException
             or System.Net.Sockets.SocketException or OperationCanceledException
        || e.InnerException is { } inner && IsTransient(inner);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (HubException e)
        {
            // A refusal (a ChatError, a rate limit, a sign-in that ended): an answer, not a failure.
            refusals.Count(e.Message);
            throw;
        }
        catch (Exception e)
        {
            // A silo that just died, a grain that could not load from storage, a call that timed out: the
            // caller should simply retry (with the same client message id, for a send).
            if (IsTransient(e))
            {
                logger.LogWarning(e, "Hub method {Method} failed for now", context.HubMethodName);
                throw new HubException(ChatErrors.StorageUnavailable().ToString());
            }
            logger.LogError(e, "Hub method {Method} failed", context.HubMethodName);
            throw new HubException(ServerErrors.Unexpected().ToString());
        }
    }
}
