using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ChatSupport.Contracts.Archive;

namespace ChatSupport.Grains.Archive;

/// <summary>
/// The keys of the archive tables (docs/architecture.md). Every listing row of a chat has the same row key,
/// "{inverted resolved ticks:D19}|{sessionId}": ascending key order is newest first, a date range is a
/// key range, and the row key of the last row shown is a cursor that stays valid whatever is added later.
/// </summary>
public static partial class ArchiveKeys
{
    public static string RowKey(DateTimeOffset resolvedAt, string sessionId) => Inverted(resolvedAt.UtcTicks) + "|" + sessionId;

    /// <summary>The lowest row key of a chat resolved before <paramref name="to"/> (exclusive bound on time).</summary>
    public static string LowestBefore(DateTimeOffset to) => Inverted(to.UtcTicks - 1);

    /// <summary>One past the highest row key of a chat resolved at or after <paramref name="from"/>.</summary>
    public static string AboveFrom(DateTimeOffset from) => Inverted(from.UtcTicks - 1);

    public static bool IsCursor(string cursor) => CursorPattern().IsMatch(cursor);

    /// <summary>The month bucket of the by-month table: "2026-11" (UTC).</summary>
    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static DateTimeOffset MonthStart(string month) =>
        DateTimeOffset.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string MonthPartition(string tenantId, string month) => $"{tenantId}|{month}";

    public static string AgentPartition(string tenantId, string agentId) => $"{tenantId}|{agentId}";

    public static string VisitorIdPartition(string tenantId, string visitorId) => $"{tenantId}|id|{visitorId}";

    /// <summary>
    /// Names and emails may hold any character, and some (/, #, ?, control characters) are not allowed in keys:
    /// the partition carries a hash of the normalized value instead.
    /// </summary>
    public static string VisitorNamePartition(string tenantId, string name) => $"{tenantId}|name|{Hash(name)}";

    public static string VisitorEmailPartition(string tenantId, string email) => $"{tenantId}|email|{Hash(email)}";

    public static string MonthsPartition(string tenantId) => $"{tenantId}|months";

    public static string RatingsPartition(string tenantId) => $"{tenantId}|ratings";

    public static string AgentTotalRow(string agentId) => "agent|" + agentId;

    public static string RatingMarkerRow(string sessionId) => "session|" + sessionId;

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ArchiveFilter.Normalize(value))))[..32];

    private static string Inverted(long ticks) => (DateTimeOffset.MaxValue.UtcTicks - ticks).ToString("D19", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{19}\|[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex CursorPattern();
}
