using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatSupport.Api;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Demo;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// The demo data as a newcomer meets it (docs/analytics.md, "Demo data"): the generator filled its tenant with 150 chats
/// over 30 days through the grains; the Analytics page shows them in its cards, charts and heatmap; "Live now" (open chats
/// and today's totals) follows a chat a visitor starts; the heatmap's CSV download is the table on the screen.
/// AnalyticsTests covers the page with chats a test makes itself (agents CSV, refusals, axe-core, the Resolved link).
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class DemoAnalyticsTests(WidgetHost host)
{
    [Fact]
    public async Task The_demo_history_fills_the_analytics_page_live_now_follows_a_new_chat_and_the_heatmap_csv_is_its_table()
    {
        var progress = await Eventually.GetAsync(() => host.Grains.GetGrain<IDemoHistoryGrain>(WidgetHost.DemoTenant).GetProgress(),
            p => p is { Completed: true }, TimeSpan.FromMinutes(3), "the demo history generated");
        progress!.Chats.Should().Be(WidgetHost.DemoChats);

        var (context, page) = await host.DashboardAsync(WidgetHost.AgentUser, tenant: WidgetHost.DemoTenant);
        HubConnection? visitor = null;
        try
        {
            var today = await page.EvaluateAsync<string>(
                "() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; }");
            // 31 local dates hold the 30 days up to now, whatever the hour.
            var from = DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var range = $"from={from}&to={today}";
            // Analytics takes the events just after the chats' answers: wait until it counts every generated chat.
            await Eventually.GetAsync(() => StartedAsync(page, range), n => n == WidgetHost.DemoChats, TimeSpan.FromSeconds(60), "analytics counting the demo chats");

            await page.Locator("nav button[data-view=analytics]").ClickAsync();
            var view = page.Locator("section.view-analytics");
            await page.EvaluateAsync("h => { location.hash = h; }", $"#analytics?range=custom&{range}&groupBy=day");
            await Expect(Card(view, "started")).ToHaveTextAsync(WidgetHost.DemoChats.ToString(CultureInfo.InvariantCulture));

            // Realistic history: most chats resolved, some abandoned, some missed the target, rated, answered in seconds to minutes.
            foreach (var metric in new[] { "resolved", "abandoned", "assigned" })
                Count(await Card(view, metric).TextContentAsync()).Should().BeGreaterThan(0, $"the demo has {metric} chats");
            Count(await Card(view, "resolved").TextContentAsync()).Should().BeGreaterThan(WidgetHost.DemoChats / 2, "most chats are resolved");
            await Expect(Card(view, "firstResponse")).ToContainTextAsync(" s");
            await Expect(Card(view, "csat")).ToContainTextAsync("%");

            // The charts: a line over the days, the five star bars, and the 7 × 24 heatmap holding every chat started.
            await Expect(view.Locator(".chart-series svg path.line-started")).ToBeVisibleAsync();
            await Expect(view.Locator(".chart-ratings svg rect")).ToHaveCountAsync(5);
            var heat = view.Locator(".chart-heatmap svg rect");
            await Expect(heat).ToHaveCountAsync(7 * 24);
            (await heat.EvaluateAllAsync<int>("rs => rs.reduce((a, r) => a + Number(r.dataset.count), 0)")).Should().Be(WidgetHost.DemoChats);
            (await heat.EvaluateAllAsync<int>("rs => rs.filter(r => Number(r.dataset.count) > 0).length")).Should().BeGreaterThan(24, "chats arrive on many days and hours");
            await Expect(view.Locator(".chart-heatmap .busiest")).ToContainTextAsync("Busiest: ");
            foreach (var agent in new[] { WidgetHost.AgentUser, WidgetHost.SecondAgentUser })
                await Expect(view.Locator($".agents-table tr[data-agent={agent}]")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "analytics-demo-1280.png"), FullPage = true });

            // The heatmap's CSV download holds the heatmap's table alternative, cell for cell.
            var shown = await view.Locator(".chart-heatmap details table tbody tr").EvaluateAllAsync<string[][]>(
                "rows => rows.map(r => [...r.children].map(c => c.textContent.trim()))");
            var csv = ParseCsv(await DownloadAsync(page, view.Locator("a.analytics-export[data-table=heatmap][data-format=csv]")));
            csv[0].Should().Equal(["day", .. Enumerable.Range(0, 24).Select(h => h.ToString("00", CultureInfo.InvariantCulture))]);
            csv.Skip(1).Where(r => r.Any(c => c.Length > 0)).Select(r => string.Join(",", r)).Should()
                .Equal(shown.Select(r => string.Join(",", r.Select((c, i) => i == 0 ? c : Count(c).ToString(CultureInfo.InvariantCulture)))),
                    "the CSV is the table on the screen");

            // Live now: a visitor starts a chat; the open chats and today's "Started" follow within 2 s.
            var live = view.Locator(".live-now");
            await Expect(live.Locator("dd[data-today=started]")).Not.ToHaveTextAsync("—");
            var openBefore = Count(await live.Locator(".open-total").TextContentAsync());
            var startedBefore = Count(await live.Locator("dd[data-today=started]").TextContentAsync());
            visitor = await VisitorAsync();
            await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Newcomer" });
            await Expect(live.Locator(".open-total")).ToHaveTextAsync((openBefore + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = 2_000 });
            await Expect(live.Locator("dd[data-today=started]")).ToHaveTextAsync((startedBefore + 1).ToString("N0", CultureInfo.InvariantCulture), new() { Timeout = 2_000 });
        }
        finally
        {
            if (visitor is not null) await visitor.DisposeAsync();
            await context.CloseAsync();
        }
    }

    private static ILocator Card(ILocator view, string metric) => view.Locator($".analytics-card[data-metric={metric}] .value");

    private static int Count(string? text) => int.Parse((text ?? "").Replace(",", "").Trim(), CultureInfo.InvariantCulture);

    private static async Task<int> StartedAsync(IPage page, string range) => await page.EvaluateAsync<int>(
        "q => fetch(`/api/analytics/report?${q}&tz=${encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone)}`)" +
        ".then(r => r.ok ? r.json() : { totals: { started: -1 } }).then(r => r.totals.started)", range);

    private static async Task<string> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        return Encoding.UTF8.GetString(await File.ReadAllBytesAsync(await download.PathAsync())).TrimStart('\uFEFF');
    }

    /// <summary>The heatmap's CSV has no quoted fields: a day name and 24 numbers a row.</summary>
    private static List<string[]> ParseCsv(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();

    /// <summary>A visitor of the demo tenant on the real visitor hub, as the widget would be.</summary>
    private async Task<HubConnection> VisitorAsync()
    {
        using var http = new HttpClient { BaseAddress = host.ApiBase };
        var token = (await (await http.PostAsJsonAsync($"api/visitor/token?tenant={WidgetHost.DemoTenant}", new { previousToken = (string?)null }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.ApiBase, "hubs/visitor"), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
