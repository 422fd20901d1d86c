using System.Globalization;
using NodaTime;

namespace ChatSupport.Grains.Settings;

/// <summary>
/// Names a closed period by the opening that ends it, so "once per closed period" is "once per client message id":
/// every instant of one night (or weekend, or holiday) gets the same id, the next closed period another.
/// </summary>
public static class AwayPeriod
{
    public const string Prefix = "auto:away:";

    /// <summary>The away message's client message id at <paramref name="at"/>; null while open.</summary>
    public static string? ClientMessageId(WorkingSchedule schedule, Instant at)
    {
        if (schedule.IsOpen(at)) return null;
        return schedule.BackAt(at) is { } back
            ? Prefix + back.ToDateTimeOffset().UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture)
            // Nothing opens within a year: one period for as long as that lasts.
            : Prefix + "later";
    }
}
