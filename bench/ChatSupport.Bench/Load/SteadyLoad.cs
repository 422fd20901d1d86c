using System.Diagnostics;
using ChatSupport.Bench.Measure;

namespace ChatSupport.Bench.Load;

/// <summary>
/// The everyday load: every party sends one message every interval for the duration. First sends are
/// spread evenly over the first interval, so the server sees a flat rate rather than a burst per interval.
/// Open loop: a party sends on schedule whether or not its previous message was acknowledged, so a slow
/// server shows up as latency instead of quietly lowering the load.
/// </summary>
public static class SteadyLoad
{
    public static async Task<LoadOutcome> RunAsync(string phase, IReadOnlyList<IMessageParty> parties, TimeSpan interval,
        TimeSpan duration, IEnumerable<(string Name, ProcessMeter Meter)> measured, CancellationToken ct)
    {
        var meter = new PhaseMeter(phase);
        var cpu = new CpuWindow(measured);
        var start = Stopwatch.GetTimestamp();
        // One list per party, each written only by its own schedule and read once all schedules are done.
        var sends = parties.Select(_ => new List<Task>()).ToArray();
        var schedules = parties.Select((party, i) =>
        {
            var offset = interval * i / parties.Count;
            return Task.Run(() => RunPartyAsync(party, offset, interval, duration, start, meter, sends[i], ct), ct);
        }).ToList();
        await Task.WhenAll(schedules);
        await Task.WhenAll(sends.SelectMany(s => s));
        var cores = cpu.CoresUsed();
        await MessageSender.SettleDeliveriesAsync(meter, TimeSpan.FromSeconds(15), ct);

        return new LoadOutcome(phase, parties.Count, duration.TotalSeconds, meter.Sent, meter.Acked, meter.Failed, meter.Delivered,
            meter.Acked / duration.TotalSeconds, meter.Delivery.Summarize(), meter.Ack.Summarize(), meter.DeliveryTimeline.Summarize(),
            meter.FailureKinds.ToDictionary(), cores) { Refusals = meter.Refusal.Summarize() };
    }

    private static async Task RunPartyAsync(IMessageParty party, TimeSpan offset, TimeSpan interval, TimeSpan duration,
        long start, PhaseMeter meter, List<Task> sends, CancellationToken ct)
    {
        for (var due = offset; due < duration; due += interval)
        {
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            sends.Add(MessageSender.SendOneAsync(party, meter, ct));
        }
    }
}
