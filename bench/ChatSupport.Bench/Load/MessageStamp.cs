using System.Diagnostics;
using System.Globalization;

namespace ChatSupport.Bench.Load;

/// <summary>
/// Each message carries its phase and its send time (Stopwatch ticks: senders and receivers are in this one
/// process, so one monotonic clock times both ends). The receiver reads them back from the text, so no
/// shared table of in-flight messages is needed and a late delivery is still counted in its own phase.
/// </summary>
public static class MessageStamp
{
    // A typical visitor line: payloads the size of a real chat message, not a few bytes.
    private const string Filler = "Hi, my order has not arrived yet and the tracking page shows no update since Monday.";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, PhaseMeter> Phases = [];

    public static void Register(PhaseMeter phase)
    {
        lock (Gate) Phases[phase.Id] = phase;
    }

    public static string Compose(PhaseMeter phase, long sentTimestamp) =>
        string.Create(CultureInfo.InvariantCulture, $"{phase.Id}:{sentTimestamp}: {Filler}");

    /// <summary>Called by a party when its partner's message arrives.</summary>
    public static void Received(string text)
    {
        var now = Stopwatch.GetTimestamp();
        var first = text.IndexOf(':');
        var second = first < 0 ? -1 : text.IndexOf(':', first + 1);
        if (second < 0
            || !int.TryParse(text.AsSpan(0, first), NumberStyles.None, CultureInfo.InvariantCulture, out var phaseId)
            || !long.TryParse(text.AsSpan(first + 1, second - first - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sent))
            return; // not a bench message (the warm-up's, for instance)
        PhaseMeter? phase;
        lock (Gate) phase = Phases.GetValueOrDefault(phaseId);
        phase?.OnDelivered(sent, Stopwatch.GetElapsedTime(sent, now));
    }
}
