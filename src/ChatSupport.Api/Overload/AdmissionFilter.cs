using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Overload;

/// <summary>
/// Every hub call (agent and visitor) passes <see cref="AdmissionGate"/> first; one past the limit is answered
/// <c>try_again</c> at once. It runs inside <c>HubErrorFilter</c>, which counts the refusal for the summary line.
/// Connecting, the handshake and SignalR's keep-alive pings are not hub calls and are never refused, so a busy node
/// keeps every connection open.
/// </summary>
public sealed class AdmissionFilter(AdmissionGate gate) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!gate.TryEnter()) throw new HubException(ChatErrors.Busy().ToString());
        try
        {
            return await next(context);
        }
        finally
        {
            gate.Leave();
        }
    }
}
