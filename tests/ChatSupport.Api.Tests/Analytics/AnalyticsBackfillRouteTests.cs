using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Tests.Analytics;

/// <summary>POST /api/analytics/backfill: an operator runs the backfill again by hand and is told how many chats it added.</summary>
[Collection(ApiCollection.Name)]
public sealed class AnalyticsBackfillRouteTests(ApiHostFixture f)
{
    [Fact]
    public async Task The_backfill_counts_an_archived_chat_analytics_never_saw_once_and_says_how_many_it_added()
    {
        var tenant = await f.Host.NewTenantAsync();
        await f.Host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var browser = await f.Host.SignInAsync(tenant, "alex");
        // A chat that ended before analytics existed: in the archive, but none of its events ever reached analytics.
        var resolvedAt = DateTimeOffset.UtcNow.AddHours(-2);
        await f.Host.Grains.GetGrain<IArchiveGrain>(0).Save(new ArchivedChat
        {
            TenantId = tenant, SessionId = "old-" + Guid.NewGuid().ToString("N")[..8], VisitorId = "v-old", Agent = new AgentRef("alex", "Alex"),
            CreatedAt = resolvedAt.AddMinutes(-10), ResolvedAt = resolvedAt, ResolvedBy = ChatParty.Agent,
        });

        // Without the anti-forgery header: refused, nothing counted.
        using (var bare = new HttpClient(new HttpClientHandler { CookieContainer = browser.Cookies }) { BaseAddress = f.Host.BaseAddress })
        {
            var refused = await bare.PostAsJsonAsync("api/analytics/backfill", new { });
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("antiforgery_required");
        }

        (await AddedAsync(browser)).Should().Be(1, "the archived chat is counted now");
        (await AddedAsync(browser)).Should().Be(0, "a second run finds nothing left to count");

        var day = resolvedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var from = resolvedAt.AddMinutes(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var report = await (await browser.GetAsync($"api/analytics/report?from={from}&to={day}")).Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("totals").GetProperty("started").GetInt64().Should().Be(1, "counted once");
        report.GetProperty("totals").GetProperty("resolved").GetInt64().Should().Be(1);
    }

    private static async Task<int> AddedAsync(OperatorBrowser browser)
    {
        var response = await browser.SendAsync(HttpMethod.Post, "api/analytics/backfill", new { });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32();
    }
}
