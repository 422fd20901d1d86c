using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Bench.Clients;

namespace ChatSupport.Bench.Scenarios;

/// <summary>
/// How many chats the tenant's analytics counted as started today and yesterday (UTC), read the way the Analytics page reads it:
/// with the analytics consumer off it stays 0, with it on it follows the chats, so a comparison of the two can show
/// that its two runs really differed.
/// </summary>
public static class AnalyticsCount
{
    public static async Task<long?> StartedRecentlyAsync(ChatAccess access, Uri baseUrl, CancellationToken ct)
    {
        var today = DateTime.UtcNow;
        using var http = access.OperatorHttp(baseUrl, 0);
        try
        {
            var report = await http.GetFromJsonAsync<JsonElement>(
                $"api/analytics/report?from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}&groupBy=day", ct);
            return report.GetProperty("totals").GetProperty("started").GetInt64();
        }
        catch (HttpRequestException e)
        {
            BenchLog.Info($"  the analytics report could not be read: {e.Message}");
            return null;
        }
    }
}
