using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Api;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static ChatSupport.Browser.Tests.StatusColors;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// The dashboard's Map view in Debian's Chromium, on two agents' pages (1280×720 and 1920×1080), with visitors who start
/// their chats "from" public addresses: real SignalR clients whose requests carry X-Forwarded-For, which the test host
/// trusts from 127.0.0.1 as it would from a reverse proxy. Screenshots land in TestResults/screenshots/ (git-ignored).
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class MapTests(WidgetHost host)
{

    [Fact]
    public async Task Chats_from_around_the_world_show_as_live_markers_that_filter_open_details_and_turn_blue_on_every_map()
    {
        var (alexContext, alex) = await host.DashboardAsync(WidgetHost.AgentUser, 1280, 720);
        var (samContext, sam) = await host.DashboardAsync(WidgetHost.SecondAgentUser, 1920, 1080);
        var visitors = new List<(HubConnection Connection, string SessionId)>();
        try
        {
            foreach (var page in new[] { alex, sam })
            {
                await page.Locator("nav button[data-view=map]").ClickAsync();
                await Expect(page.Locator(".map-country").First).ToBeAttachedAsync();
            }
            var unknownBefore = int.Parse((await alex.Locator(".map-unknown").GetAttributeAsync("data-count"))!);

            var london = await StartAsync(visitors, "London", "81.2.69.142");
            var saoPaulo = await StartAsync(visitors, "Sao Paulo", "177.71.128.1");
            var tokyo = await StartAsync(visitors, "Tokyo", "133.11.0.1");
            var mountainView = await StartAsync(visitors, "Mountain View", "8.8.8.8");
            await StartAsync(visitors, "Nowhere", forwardedFor: null); // loopback: no place

            // Every located chat is a yellow marker on both maps, in its country; the one without a place is counted.
            foreach (var page in new[] { alex, sam })
            {
                foreach (var (id, country) in new[] { (london, "GB"), (saoPaulo, "BR"), (tokyo, "JP"), (mountainView, "US") })
                {
                    await Expect(Marker(page, id)).ToHaveAttributeAsync("data-country", country);
                    await Expect(Marker(page, id)).ToHaveCSSAsync("background-color", Yellow);
                }
                await Expect(page.Locator(".map-unknown")).ToHaveAttributeAsync("data-count", (unknownBefore + 1).ToString());
                await Expect(page.Locator(".map-unknown")).ToHaveTextAsync($"Location unknown: {unknownBefore + 1}");

                // Where they are: London is right of and above São Paulo, Tokyo right of London, Mountain View left of London.
                var (lx, ly) = await CenterAsync(Marker(page, london));
                var (sx, sy) = await CenterAsync(Marker(page, saoPaulo));
                var (tx, ty) = await CenterAsync(Marker(page, tokyo));
                var (mx, my) = await CenterAsync(Marker(page, mountainView));
                lx.Should().BeGreaterThan(sx);
                ly.Should().BeLessThan(sy);
                tx.Should().BeGreaterThan(lx);
                ty.Should().BeGreaterThan(ly).And.BeLessThan(sy);
                mx.Should().BeLessThan(sx);
                my.Should().BeLessThan(sy);
            }
            await Shots(alex, sam, "1-waiting");

            // Filtering hides and shows them.
            var waiting = alex.GetByRole(AriaRole.Checkbox, new() { Name = "Waiting" });
            await waiting.UncheckAsync();
            await Expect(Marker(alex, saoPaulo)).ToHaveCountAsync(0);
            await Expect(Marker(alex, london)).ToHaveCountAsync(0);
            await Expect(alex.Locator(".map-count")).ToContainTextAsync("(filtered)");
            await waiting.CheckAsync();
            await Expect(Marker(alex, saoPaulo)).ToBeVisibleAsync();

            // A marker opens its session's details; "Assign to Me" there turns it blue on every open map.
            await Marker(alex, saoPaulo).ClickAsync();
            var details = alex.GetByRole(AriaRole.Complementary, new() { Name = "Session details" });
            await Expect(details.GetByRole(AriaRole.Heading, new() { Name = "Sao Paulo" })).ToBeVisibleAsync();
            await Expect(details).ToContainTextAsync("Sao Paulo, Brazil");
            await details.GetByRole(AriaRole.Button, new() { Name = "Assign to Me" }).ClickAsync();
            foreach (var page in new[] { alex, sam })
            {
                await Expect(Marker(page, saoPaulo)).ToHaveAttributeAsync("data-status", "assigned_to_agent");
                await Expect(Marker(page, saoPaulo)).ToHaveCSSAsync("background-color", Blue);
            }
            await Shots(alex, sam, "2-assigned");

            // Sam hides assigned chats: São Paulo goes, London stays.
            var assigned = sam.GetByRole(AriaRole.Checkbox, new() { Name = "Assigned" });
            await assigned.UncheckAsync();
            await Expect(Marker(sam, saoPaulo)).ToHaveCountAsync(0);
            await Expect(Marker(sam, london)).ToBeVisibleAsync();
            await assigned.CheckAsync();
            await Expect(Marker(sam, saoPaulo)).ToBeVisibleAsync();

            // A chat that ends leaves every map.
            await visitors[2].Connection.InvokeAsync<VisitorSessionView>("CloseChat", tokyo);
            await Expect(Marker(alex, tokyo)).ToHaveCountAsync(0);
            await Expect(Marker(sam, tokyo)).ToHaveCountAsync(0);

            // Paris and Amsterdam are a few pixels apart on the whole world: one group with the count; a click zooms in
            // until they are markers of their own.
            var paris = await StartAsync(visitors, "Paris", "212.27.48.10");
            var amsterdam = await StartAsync(visitors, "Amsterdam", "193.0.6.139");
            var group = alex.Locator($".map-cluster[data-sessions~='{paris}'][data-sessions~='{amsterdam}']");
            await Expect(group).ToBeVisibleAsync();
            (int.Parse((await group.GetAttributeAsync("data-count"))!)).Should().BeGreaterThanOrEqualTo(2);
            await Expect(group).ToHaveAttributeAsync("data-statuses", new System.Text.RegularExpressions.Regex("waiting_for_agent:"));
            await Shots(alex, sam, "3-grouped");
            await group.ClickAsync();
            await Expect(Marker(alex, paris)).ToBeVisibleAsync();
            await Expect(Marker(alex, amsterdam)).ToBeVisibleAsync();
            (await CenterAsync(Marker(alex, amsterdam))).Y.Should().BeLessThan((await CenterAsync(Marker(alex, paris))).Y, "Amsterdam is north of Paris");
            await alex.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "map-4-zoomed-alex-1280.png") });

            // Two chats from one place never separate: the group lists them, and each opens its details.
            var paris2 = await StartAsync(visitors, "Paris Two", "80.67.169.12");
            var samePlace = alex.Locator($".map-cluster[data-sessions~='{paris}'][data-sessions~='{paris2}']");
            await Expect(samePlace).ToBeVisibleAsync();
            var list = alex.GetByRole(AriaRole.Dialog, new() { Name = "Chats at this place" });
            await samePlace.ClickAsync();
            await Expect(list).ToBeVisibleAsync();
            await Expect(list.Locator(".map-list-item")).ToHaveCountAsync(2);
            await list.Locator($".map-list-item[data-session-id='{paris2}']").ClickAsync();
            await Expect(details.GetByRole(AriaRole.Heading, new() { Name = "Paris Two" })).ToBeVisibleAsync();
            await alex.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "map-5-same-place-alex-1280.png") });
        }
        finally
        {
            await EndAllAsync(visitors);
            await alexContext.CloseAsync();
            await samContext.CloseAsync();
        }
    }

    [Fact]
    public async Task The_map_has_no_serious_or_critical_accessibility_violation()
    {
        var (context, page) = await host.DashboardAsync(WidgetHost.AgentUser, bypassCsp: true);
        var visitors = new List<(HubConnection Connection, string SessionId)>();
        try
        {
            await StartAsync(visitors, "Robin", "1.1.1.1");
            await page.Locator("nav button[data-view=map]").ClickAsync();
            await Expect(page.Locator(".map-marker, .map-cluster").First).ToBeVisibleAsync();
            (await Axe.SeriousViolationsAsync(page)).Should().BeEmpty();
        }
        finally
        {
            await EndAllAsync(visitors);
            await context.CloseAsync();
        }
    }

    /// <summary>A visitor's chat started through the real visitor hub; <paramref name="forwardedFor"/> is what the proxy saw.</summary>
    private async Task<string> StartAsync(List<(HubConnection Connection, string SessionId)> visitors, string name, string? forwardedFor)
    {
        using var http = new HttpClient { BaseAddress = host.ApiBase };
        var response = await http.PostAsJsonAsync($"api/visitor/token?tenant={WidgetHost.Tenant}", new { previousToken = (string?)null });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.ApiBase, "hubs/visitor"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult(token);
                if (forwardedFor is not null) o.Headers["X-Forwarded-For"] = forwardedFor;
            })
            .AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync();
        var started = await connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = name });
        visitors.Add((connection, started.Session.SessionId));
        return started.Session.SessionId;
    }

    /// <summary>The visitors end their chats, so the tenant's desk is as the other tests of the collection expect it.</summary>
    private static async Task EndAllAsync(List<(HubConnection Connection, string SessionId)> visitors)
    {
        foreach (var (connection, sessionId) in visitors)
        {
            var session = await connection.InvokeAsync<VisitorSessionView>("GetSession", sessionId);
            if (session.Status != ChatStatus.Resolved) await connection.InvokeAsync<VisitorSessionView>("CloseChat", sessionId);
            await connection.DisposeAsync();
        }
    }

    private static ILocator Marker(IPage page, string sessionId) => page.Locator($".map-marker[data-session-id='{sessionId}']");

    private static async Task<(double X, double Y)> CenterAsync(ILocator marker)
    {
        var box = await marker.BoundingBoxAsync();
        box.Should().NotBeNull();
        return (box!.X + box.Width / 2, box.Y + box.Height / 2);
    }

    private static async Task Shots(IPage alex, IPage sam, string state)
    {
        await alex.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, $"map-{state}-alex-1280.png") });
        await sam.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, $"map-{state}-sam-1920.png") });
    }
}
