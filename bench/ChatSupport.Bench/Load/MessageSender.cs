using System.Diagnostics;

namespace ChatSupport.Bench.Load;

/// <summary>Sends one stamped message and records its fate in the phase's meter.</summary>
internal static class MessageSender
{
    // A send that has no answer after this long counts as failed; the chat's own storage timeout is 5 s.
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);
    private static long _nextClientId;

    /// <returns>Whether the message was acknowledged.</returns>
    public static async Task<bool> SendOneAsync(IMessageParty party, PhaseMeter meter, CancellationToken ct)
    {
        var clientMessageId = $"b{meter.Id}-{Interlocked.Increment(ref _nextClientId)}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SendTimeout);
        var sent = Stopwatch.GetTimestamp();
        meter.OnSent();
        try
        {
            await party.SendAsync(clientMessageId, MessageStamp.Compose(meter, sent), timeout.Token);
            meter.OnAcked(sent);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            meter.OnFailed(e, sent);
            return false;
        }
    }

    /// <summary>Waits (bounded) until every acknowledged message has reached the partner, so late deliveries are counted.</summary>
    public static async Task SettleDeliveriesAsync(PhaseMeter meter, TimeSpan limit, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (meter.Delivered < meter.Acked && Stopwatch.GetTimestamp() < deadline) await Task.Delay(50, ct);
    }
}
