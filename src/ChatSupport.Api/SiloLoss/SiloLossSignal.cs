namespace ChatSupport.Api.SiloLoss;

/// <summary>
/// A token that is cancelled when this Api node learns that a silo was lost (its gateway connection closed, or the
/// membership table stopped listing it), then replaced by a fresh one. A grain call that passes <see cref="Token"/>
/// therefore ends at that moment instead of at the 10 s response timeout: Orleans tracks a client's call only by the
/// gateway it went through and never hears that the reply is gone (a request forwarded to the dead silo, or sent to
/// its dead gateway, just waits). The caller answers <c>try_again</c> and the client resends with the same client
/// message id, which the session stores at most once. Calls to live silos that happened to be in flight are ended
/// too: they cost one resend, which is why this is only for calls that are idempotent.
/// </summary>
public sealed class SiloLossSignal(ILogger<SiloLossSignal> logger)
{
    private CancellationTokenSource _current = new();

    /// <summary>Cancelled at the next silo loss.</summary>
    public CancellationToken Token => Volatile.Read(ref _current).Token;

    /// <summary>Ends every call holding the current token; later calls get a new one.</summary>
    public void Trip(string reason)
    {
        var lost = Interlocked.Exchange(ref _current, new CancellationTokenSource());
        logger.LogWarning("Silo lost ({Reason}): in-flight sends end now and are resent by their clients", reason);
        // Cancelled off the caller's thread: Orleans calls the observer from its connection loop.
        _ = Task.Run(() =>
        {
            lost.Cancel();
            lost.Dispose();
        });
    }
}
