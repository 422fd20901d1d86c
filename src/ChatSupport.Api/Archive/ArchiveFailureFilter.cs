using Azure;
using ChatSupport.Api.Endpoints;
using ChatSupport.Api.Errors;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Archive;

/// <summary>
/// Storage trouble on an archive route becomes <c>503 try_again</c>, anything else <c>500 server_error</c>, with the
/// usual JSON body and the details only in the server log. Once an export has started streaming, the status is
/// sent already: the connection is then cut, so the download fails visibly instead of ending short.
/// </summary>
public sealed class ArchiveFailureFilter(ILogger<ArchiveFailureFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning(e, "Archive route {Path} failed", context.HttpContext.Request.Path);
            if (context.HttpContext.Response.HasStarted)
            {
                context.HttpContext.Abort();
                return Results.Empty;
            }
            return IsStorageFailure(e)
                ? ChatErrors.StorageUnavailable().AsResult()
                : ServerErrors.Unexpected().AsResult();
        }
    }

    private static bool IsStorageFailure(Exception e) =>
        e is RequestFailedException or TimeoutException or HttpRequestException or Orleans.Runtime.OrleansException
        || e.InnerException is { } inner && IsStorageFailure(inner);
}
