using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatSupport.Api;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// The dashboard's Analytics view in Chromium at 1280×720, against the routes of docs/analytics.md: chats driven through
/// the real visitor and agent hubs show in its cards, charts and heatmap; "Live now" follows the desk; the per-agent
/// CSV export holds what the screen shows; a route's refusal is a readable line; axe-core finds nothing serious.
/// The tenant is shared with the collection's other tests (which run one at a time), so counts are read as
/// "before + what this test produced".
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class AnalyticsTests(WidgetHost host)
{
    private static readonly string[] AgentsCsvCounts = ["handled", "transfersin", "transfersout", "resolved", "ratings"];

    [Fact]
    public async Task Analytics_shows_the_chats_produced_follows_the_live_desk_and_exports_what_it_shows()
    {
        var (context, page) = await host.DashboardAsync(WidgetHost.AgentUser, 1280, 720, bypassCsp: true);
        await using var alex = await host.AgentAsync();
        var visitors = new List<HubConnection>();
        try
        {
            var today = await page.EvaluateAsync<string>(
                "() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; }");
            var before = await TodayAsync(page, today);

            // Four chats: three answered, resolved and rated (5, 4 and 2 stars), one closed by its visitor before any answer.
            foreach (var stars in new[] { 5, 4, 2 })
            {
                var visitor = await VisitorAsync(visitors);
                var id = await StartChatAsync(visitor, $"Ana {stars}");
                await alex.InvokeAsync<ChatSessionSnapshot>("AssignToMe", id);
                await visitor.InvokeAsync<object>("SendMessage", id, "v1", "Hello, where is my order?");
                await alex.InvokeAsync<object>("SendMessage", id, "a1", "Hi! Let me look.");
                await visitor.InvokeAsync<object>("SendMessage", id, "v2", "Thanks");
                await alex.InvokeAsync<object>("SendMessage", id, "a2", "It ships tomorrow.");
                await alex.InvokeAsync<ChatSessionSnapshot>("Resolve", id);
                await visitor.InvokeAsync<VisitorSessionView>("RateChat", id, stars, null, false);
            }
            var leaver = await VisitorAsync(visitors);
            var left = await StartChatAsync(leaver, "Ana leaves");
            await leaver.InvokeAsync<VisitorSessionView>("CloseChat", left);
            const int produced = 4;

            // The analytics consumer is not on the chat's path: wait until the route counts every event.
            var after = await Eventually.GetAsync(() => TodayAsync(page, today),
                t => t.Started == before.Started + produced && t.Ratings == before.Ratings + 3 && t.Resolved >= before.Resolved + 3 && t.Abandoned >= before.Abandoned + 1,
                what: "today's report counting the four chats");

            // Open Analytics on today (a link's filter, in the hash).
            await page.Locator("nav button[data-view=analytics]").ClickAsync();
            var view = page.Locator("section.view-analytics");
            await page.EvaluateAsync("h => { location.hash = h; }", "#analytics?range=today&groupBy=hour");
            await Expect(view.Locator("select[name=range]")).ToHaveValueAsync("today");
            await view.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();

            // The cards: the started count is what the test produced (on top of what was there), the others are there.
            await Expect(Card(view, "started")).ToHaveTextAsync(Count(after.Started));
            await Expect(Card(view, "resolved")).ToHaveTextAsync(Count(after.Resolved));
            await Expect(Card(view, "abandoned")).ToHaveTextAsync(Count(after.Abandoned));
            foreach (var metric in new[] { "assigned", "missed", "waitToAssignment", "firstResponse", "responseTime", "resolutionTime", "csat", "meanStars", "responseRate" })
                await Expect(Card(view, metric)).ToBeVisibleAsync();
            await Expect(Card(view, "firstResponse")).ToContainTextAsync(" s");
            await Expect(view.Locator(".analytics-error")).ToBeEmptyAsync();

            // The charts, each with its table, and the 7 × 24 heatmap whose cells add up to the chats started.
            await Expect(view.Locator(".chart-series svg path.line-started")).ToBeVisibleAsync();
            await Expect(view.Locator(".chart-ratings svg rect")).ToHaveCountAsync(5);
            await Expect(view.Locator(".chart-heatmap svg rect")).ToHaveCountAsync(7 * 24);
            await Expect(view.Locator(".chart-heatmap .busiest")).ToContainTextAsync("Busiest: ");
            (await view.Locator(".chart-heatmap svg rect").EvaluateAllAsync<int>("rs => rs.reduce((a, r) => a + Number(r.dataset.count), 0)"))
                .Should().Be(after.Started, "the heatmap counts every chat started in the range");
            (await view.Locator(".analytics-chart details table").CountAsync()).Should().Be(3, "every chart has a table alternative");
            await Expect(view.Locator($".agents-table tr[data-agent={WidgetHost.AgentUser}]")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "analytics-1280.png"), FullPage = true });

            // Live now follows the desk at once; today's totals follow within a few seconds (at most one read per 2 s).
            var openBefore = int.Parse(await view.Locator(".live-now .open-total").TextContentAsync() ?? "0", CultureInfo.InvariantCulture);
            var waitingBefore = int.Parse(await view.Locator(".live-now dd[data-status=waiting_for_agent]").TextContentAsync() ?? "0", CultureInfo.InvariantCulture);
            var late = await VisitorAsync(visitors);
            var lateChat = await StartChatAsync(late, "Ana late");
            await Expect(view.Locator(".live-now .open-total")).ToHaveTextAsync((openBefore + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = 2_000 });
            await Expect(view.Locator(".live-now dd[data-status=waiting_for_agent]")).ToHaveTextAsync((waitingBefore + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = 2_000 });
            await Expect(view.Locator(".live-now .longest-wait")).Not.ToHaveTextAsync("No one waiting");
            await Expect(Card(view, "started")).ToHaveTextAsync(Count(after.Started + 1));
            await late.InvokeAsync<VisitorSessionView>("CloseChat", lateChat);
            await Expect(view.Locator(".live-now .open-total")).ToHaveTextAsync(openBefore.ToString(CultureInfo.InvariantCulture), new() { Timeout = 2_000 });

            // The per-agent CSV holds what the table shows. Let the report settle first, so both read the same numbers.
            var settled = await Eventually.GetAsync(() => TodayAsync(page, today), t => t.Abandoned >= after.Abandoned + 1, what: "the late chat's close counted");
            await view.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            await Expect(Card(view, "abandoned")).ToHaveTextAsync(Count(settled.Abandoned));
            var screen = await view.Locator(".agents-table tbody tr").EvaluateAllAsync<JsonElement>(
                "rows => rows.map(r => ({ id: r.dataset.agent, name: r.querySelector('th').textContent, " +
                "handled: r.querySelector('.handled').textContent, transfersin: r.querySelector('.transfers-in').textContent, " +
                "transfersout: r.querySelector('.transfers-out').textContent, resolved: r.querySelector('.resolved').textContent, " +
                "ratings: r.querySelector('.ratings').textContent }))");
            var csv = await DownloadAsync(page, view.Locator("a.analytics-export[data-table=agents][data-format=csv]"));
            var table = ParseCsv(csv.Text);
            table.Should().HaveCountGreaterThan(1, "a header and a row per agent");
            var header = table[0].Select(Normalize).ToList();
            var rows = table.Skip(1).Where(r => r.Any(c => c.Length > 0)).ToList();
            rows.Should().HaveCount(screen.GetArrayLength(), "the CSV has the table's rows");
            var idColumn = header.IndexOf("agentid");
            var nameColumn = header.IndexOf("agentname") is var n and >= 0 ? n : header.IndexOf("agent");
            (idColumn >= 0 || nameColumn >= 0).Should().BeTrue($"the CSV names its agents (header: {string.Join(",", table[0])})");
            foreach (var shown in screen.EnumerateArray())
            {
                var row = rows.SingleOrDefault(r => idColumn >= 0 ? r[idColumn] == shown.GetProperty("id").GetString() : r[nameColumn] == shown.GetProperty("name").GetString());
                row.Should().NotBeNull($"the CSV has a row for {shown.GetProperty("id").GetString()}");
                foreach (var column in AgentsCsvCounts)
                {
                    var at = header.IndexOf(column);
                    at.Should().BeGreaterThanOrEqualTo(0, $"the CSV has a {column} column (header: {string.Join(",", table[0])})");
                    int.Parse(row![at], CultureInfo.InvariantCulture).Should().Be(ParseCount(shown.GetProperty(column).GetString()!), $"{column} of {shown.GetProperty("id").GetString()}");
                }
            }

            // Every table has a CSV and a JSON link with the same filters as the report.
            foreach (var name in new[] { "totals", "series", "heatmap", "agents" })
                foreach (var format in new[] { "csv", "json" })
                {
                    var href = await view.Locator($"a.analytics-export[data-table={name}][data-format={format}]").GetAttributeAsync("href");
                    href.Should().StartWith($"/api/analytics/export?table={name}&format={format}&from={today}&to={today}&tz=").And.Contain("groupBy=hour");
                }

            // axe-core, with every table alternative open.
            await view.Locator("details").EvaluateAllAsync<int>("ds => { ds.forEach(d => { d.open = true; }); return ds.length; }");
            (await Axe.SeriousViolationsAsync(page)).Should().BeEmpty("axe-core finds no serious or critical violation on the Analytics view");

            // A refusal of the route is a readable line, not an exception: a range over 400 days.
            await page.EvaluateAsync("h => { location.hash = h; }", $"#analytics?range=custom&from=2020-01-01&to={today}");
            await Expect(view.Locator(".analytics-error")).ToContainTextAsync("The report could not be shown: ");
            await Expect(view.Locator(".analytics-content")).ToBeHiddenAsync();

            // "View analytics" in the Resolved view opens Analytics on the same dates and agent.
            await page.Locator("nav button[data-view=resolved]").ClickAsync();
            var resolved = page.Locator("section.view-resolved");
            await resolved.Locator("input[name=from]").FillAsync(today);
            await resolved.Locator("input[name=to]").FillAsync(today);
            await Expect(resolved.Locator($"select[name=agent] option[value={WidgetHost.AgentUser}]")).ToBeAttachedAsync();
            await resolved.Locator("select[name=agent]").SelectOptionAsync(WidgetHost.AgentUser);
            await resolved.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await resolved.GetByRole(AriaRole.Link, new() { Name = "View analytics" }).ClickAsync();
            await Expect(view).ToBeVisibleAsync();
            await Expect(view.Locator("input[name=from]")).ToHaveValueAsync(today);
            await Expect(view.Locator("input[name=to]")).ToHaveValueAsync(today);
            await Expect(view.Locator("select[name=agent]")).ToHaveValueAsync(WidgetHost.AgentUser);
            await Expect(view.Locator(".analytics-error")).ToBeEmptyAsync();
            await Expect(Card(view, "started")).ToBeVisibleAsync();
            page.Url.Should().Contain($"#analytics?range=custom&from={today}&to={today}").And.Contain($"agent={WidgetHost.AgentUser}");
        }
        finally
        {
            foreach (var v in visitors) await v.DisposeAsync();
            await context.CloseAsync();
        }
    }

    private sealed record Today(int Started, int Resolved, int Abandoned, int Ratings);

    /// <summary>Today's report for the whole team, read in the page (its cookie, its time zone).</summary>
    private static async Task<Today> TodayAsync(IPage page, string today)
    {
        var report = await page.EvaluateAsync<JsonElement>(
            "d => fetch(`/api/analytics/report?from=${d}&to=${d}&tz=${encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone)}&groupBy=hour`)" +
            ".then(r => r.ok ? r.json() : { totals: { started: -1, resolved: -1, abandoned: -1 }, satisfaction: { ratings: -1 } })", today);
        var totals = report.GetProperty("totals");
        return new Today(totals.GetProperty("started").GetInt32(), totals.GetProperty("resolved").GetInt32(),
            totals.GetProperty("abandoned").GetInt32(), report.GetProperty("satisfaction").GetProperty("ratings").GetInt32());
    }

    private static ILocator Card(ILocator view, string metric) => view.Locator($".analytics-card[data-metric={metric}] .value");

    /// <summary>A count as the cards show it (en-GB grouping, the same as the invariant culture's: "1,234").</summary>
    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static int ParseCount(string text) => int.Parse(text.Replace(",", "").Trim(), CultureInfo.InvariantCulture);

    /// <summary>"transfers_in", "Transfers in", "transfersIn" → "transfersin".</summary>
    private static string Normalize(string header) => new(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static async Task<(string Name, string Text)> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path)).TrimStart('\uFEFF'));
    }

    /// <summary>RFC 4180: fields split by commas, quoted fields may hold commas, line breaks and doubled quotes.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>A visitor on the real visitor hub (a real token), as the widget would be.</summary>
    private async Task<HubConnection> VisitorAsync(List<HubConnection> visitors)
    {
        using var http = new HttpClient { BaseAddress = host.ApiBase };
        var token = (await (await http.PostAsJsonAsync($"api/visitor/token?tenant={WidgetHost.Tenant}", new { previousToken = (string?)null }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var visitor = new HubConnectionBuilder()
            .WithUrl(new Uri(host.ApiBase, "hubs/visitor"), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions))
            .Build();
        visitors.Add(visitor);
        await visitor.StartAsync();
        return visitor;
    }

    private static async Task<string> StartChatAsync(HubConnection visitor, string name) =>
        (await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = name })).Session.SessionId;
}
