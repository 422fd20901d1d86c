using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSupport.Testing;

namespace ChatSupport.Api.Tests.Settings;

/// <summary>
/// GET /api/visitor/settings?tenant=ID: what the widget reads at load and again while open. Public and cacheable,
/// for the tenant's allowed origins; a save reaches it at once on this node (the settings stream drops the cache).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WidgetSettingsRouteTests(ApiHostFixture f)
{
    private async Task<HttpResponseMessage> FetchAsync(string tenant, string origin = ApiHost.AllowedOrigin)
    {
        using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/visitor/settings?tenant={tenant}");
        request.Headers.Add("Origin", origin);
        return await http.SendAsync(request);
    }

    private async Task<JsonElement> ViewAsync(string tenant) =>
        await (await FetchAsync(tenant)).Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task The_widget_gets_the_appearance_from_a_cacheable_route_and_a_save_shows_there_at_once()
    {
        var tenant = await f.Host.NewTenantAsync();
        await f.Host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var browser = await f.Host.SignInAsync(tenant, "alex");

        var first = await FetchAsync(tenant);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.CacheControl!.Public.Should().BeTrue();
        first.Headers.CacheControl.MaxAge.Should().NotBeNull().And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(15));
        first.Headers.TryGetValues("Access-Control-Allow-Origin", out var allowed).Should().BeTrue();
        allowed!.Single().Should().Be(ApiHost.AllowedOrigin);
        var view = await first.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("open").GetBoolean().Should().BeTrue("without working hours the team is always open");
        view.GetProperty("appearance").GetProperty("primaryColor").GetString().Should().Be("#1d4ed8");
        view.GetProperty("expectedReplySeconds").ValueKind.Should().Be(JsonValueKind.Null, "no chats yet: the widget shows its fixed text");
        view.TryGetProperty("updatedBy", out _).Should().BeFalse("who saved is not the public's business");

        var settings = await SettingsRouteTests.GetAsync(browser);
        settings["widget"]!["primaryColor"] = "#7c2d12";
        settings["widget"]!["texts"]!["de"] = JsonNode.Parse("""{"launcherLabel":"Chat","title":"Schreiben Sie uns","subtitle":"","welcome":"Hallo!"}""");
        await SettingsRouteTests.SaveAsync(browser, settings);

        // The settings stream drops this node's cached copy: the next read has the change, well before the cache's own expiry.
        var changed = await Eventually.GetAsync(() => ViewAsync(tenant),
            v => v.GetProperty("appearance").GetProperty("primaryColor").GetString() == "#7c2d12", what: "the saved colour on the public route",
            timeout: TimeSpan.FromSeconds(10));
        changed.GetProperty("version").GetInt64().Should().Be(1);
        changed.GetProperty("appearance").GetProperty("texts").GetProperty("de").GetProperty("title").GetString().Should().Be("Schreiben Sie uns");
    }

    [Fact]
    public async Task Outside_working_hours_the_route_says_closed_and_when_the_team_is_back()
    {
        var tenant = await f.Host.NewTenantAsync();
        await f.Host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var browser = await f.Host.SignInAsync(tenant, "alex");
        // Open only on a date a week from now, 10:00–12:00 UTC: closed today whatever the time.
        var date = DateTime.UtcNow.Date.AddDays(7);
        var settings = await SettingsRouteTests.GetAsync(browser);
        settings["workingHours"] = JsonNode.Parse($$"""
            {"enabled":true,"weekly":[],"holidays":[],"overrides":[{"date":"{{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}","hours":[{"start":"10:00","end":"12:00"}]}]}
            """);
        await SettingsRouteTests.SaveAsync(browser, settings);

        var view = await Eventually.GetAsync(() => ViewAsync(tenant), v => v.GetProperty("version").GetInt64() == 1, what: "the saved working hours");
        view.GetProperty("open").GetBoolean().Should().BeFalse();
        view.GetProperty("backAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(date.AddHours(10), TimeSpan.Zero));
    }

    [Fact]
    public async Task A_page_on_an_origin_the_tenant_did_not_allow_is_refused()
    {
        var tenant = await f.Host.NewTenantAsync();
        var response = await FetchAsync(tenant, "https://evil.example");
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }
}
