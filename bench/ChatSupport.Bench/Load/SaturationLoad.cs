using System.Diagnostics;
using ChatSupport.Bench.Measure;

namespace ChatSupport.Bench.Load;

/// <summary>
/// Throughput: every party sends its next message as soon as the previous one is acknowledged, for a fixed
/// time. Only acknowledgements that arrive inside the window count, so the rate is what the server sustains.
/// </summary>
public static class SaturationLoad
{
    private static readonly TimeSpan FailurePause = TimeSpan.FromMilliseconds(100);

    public static async Task<LoadOutcome> RunAsync(string phase, IReadOnlyList<IMessageParty> parties, TimeSpan duration,
        IEnumerable<(string Name, ProcessMeter Meter)> measured, CancellationToken ct)
    {
        var meter = new PhaseMeter(phase);
        var cpu = new CpuWindow(measured);
        var start = Stopwatch.GetTimestamp();
        var loops = parties.Select(party => Task.Run(async () =>
        {
            // A refused or failed send is followed by a pause, and a lost connection ends the party's loop:
            // failures must not turn into a busy loop that eats the CPU the server needs.
            while (Stopwatch.GetElapsedTime(start) < duration && party.IsConnected)
            {
                if (!await MessageSender.SendOneAsync(party, meter, ct)) await Task.Delay(FailurePause, ct);
            }
        }, ct)).ToList();

        var remaining = duration - Stopwatch.GetElapsedTime(start);
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining, ct);
        var ackedInWindow = meter.Acked;
        var window = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cores = cpu.CoresUsed();
        await Task.WhenAll(loops);
        await MessageSender.SettleDeliveriesAsync(meter, TimeSpan.FromSeconds(15), ct);

        return new LoadOutcome(phase, parties.Count, window, meter.Sent, meter.Acked, meter.Failed, meter.Delivered,
            ackedInWindow / window, meter.Delivery.Summarize(), meter.Ack.Summarize(), meter.DeliveryTimeline.Summarize(), meter.FailureKinds.ToDictionary(), cores);
    }
}
