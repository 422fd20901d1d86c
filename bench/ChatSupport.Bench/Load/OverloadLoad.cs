using ChatSupport.Bench.Clients;
using ChatSupport.Bench.Measure;

namespace ChatSupport.Bench.Load;

/// <summary>What the overload phase measured: the offered rate, and how the server held up against its saturation.</summary>
public sealed record OverloadOutcome(LoadOutcome Load, double OfferedPerSecond, double SaturationPerSecond, LatencySummary Refusals, long ConnectionsDropped)
{
    /// <summary>Acknowledged messages a second in the overload ÷ at saturation (the target: ≥ 0.90).</summary>
    public double AckedShareOfSaturation => SaturationPerSecond > 0 ? Load.AckedPerSecond / SaturationPerSecond : 0;
}

/// <summary>
/// Offered load past saturation (issue 21: 3 ×): the open chats' parties send on a fixed schedule, whether or not the
/// previous message was acknowledged, at a total rate a multiple of the saturation measured in the same run. A server
/// that admits what it can finish keeps acknowledging at about its saturation and refuses the rest at once with
/// <c>try_again</c>; one that queues everything acknowledges late and drops connections.
/// </summary>
public static class OverloadLoad
{
    public static async Task<OverloadOutcome> RunAsync(IReadOnlyList<IMessageParty> parties, double saturationPerSecond, double multiple,
        TimeSpan duration, IEnumerable<(string Name, ProcessMeter Meter)> measured, CancellationToken ct)
    {
        var offered = saturationPerSecond * multiple;
        // Every party sends once per interval: parties ÷ interval = the offered rate.
        var interval = TimeSpan.FromSeconds(parties.Count / Math.Max(1, offered));
        var dropsBefore = BenchConnections.Drops;
        var load = await SteadyLoad.RunAsync($"chat overload ({multiple:0} × saturation)", parties, interval, duration, measured, ct);
        return new OverloadOutcome(load, offered, saturationPerSecond, load.Refusals!, BenchConnections.Drops - dropsBefore);
    }
}
