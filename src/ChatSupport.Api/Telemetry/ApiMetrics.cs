using System.Diagnostics.Metrics;
using ChatSupport.Grains.Telemetry;

namespace ChatSupport.Api.Telemetry;

/// <summary>The Api's instruments, in the same <c>ChatSupport</c> meter as the grains' (ChatMetrics).</summary>
public static class ApiMetrics
{
    private static readonly Meter Meter = new(ChatMetrics.MeterName);

    /// <summary>The message path as the sender feels it: a send reaching the hub to its acknowledgement (stored).</summary>
    public static readonly Histogram<double> AckDuration =
        Meter.CreateHistogram<double>("chatsupport.message.ack.duration", "ms", "Time from a send reaching the hub to its acknowledgement.");
}
