using System.Text;
using System.Text.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>The Resolved view in Chromium: filter, search, open a transcript, download exports and read what they hold.</summary>
[Collection(WidgetCollection.Name)]
public sealed class ResolvedChatsTests(WidgetHost host)
{
    private static readonly string[] QuinnTexts = ["Hello, \"agent\"\nmy order 42, please — ünïcødé 李", "Found it: \"shipped\", arriving Tuesday 🙂"];

    [Fact]
    public async Task An_agent_filters_searches_opens_a_transcript_and_exports_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var quinn = $"Quinn \"Q\" Ångström, {tag}";
        var pat = $"Pat {tag}";
        await using var alex = await host.AgentAsync();
        var quinnChat = await ResolvedChatAsync(alex, quinn, QuinnTexts, stars: 5, feedback: "Fast, \"friendly\"\nand kind");
        await ResolvedChatAsync(alex, pat, ["Hi", "Hello Pat"], stars: 1, feedback: null);

        var (context, page) = await host.DashboardAsync(WidgetHost.AgentUser, 1600, 900);
        try
        {
            await page.Locator("nav button[data-view=resolved]").ClickAsync();
            var view = page.Locator("section.view-resolved");
            // The archive takes the resolves and ratings after they are stored: wait until it lists both as rated.
            await Eventually.GetAsync(() => page.EvaluateAsync<int>(
                    $"() => fetch('/api/archive/chats?rating=1,5&pageSize=100').then(r => r.json()).then(p => p.chats.filter(c => c.visitorName && c.visitorName.endsWith('{tag}')).length)"),
                n => n == 2, what: "both chats archived with their ratings");

            // Search by visitor: only Quinn's chat, with its stars, feedback and rating time.
            await view.GetByLabel("Visitor").FillAsync(quinn.ToUpperInvariant());
            await view.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            var rows = view.Locator("table.resolved-table tbody tr");
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToHaveAttributeAsync("data-session", quinnChat);
            await Expect(rows.First.Locator(".stars")).ToHaveTextAsync("★★★★★");
            await Expect(rows.First.Locator(".feedback")).ToHaveTextAsync("Fast, \"friendly\"\nand kind");
            await Expect(rows.First.Locator("td.agent")).ToHaveTextAsync(WidgetHost.AgentName);

            // Filter by rating: Pat's 1-star chat is found with "1 ★", not with "5 ★".
            await view.GetByLabel("Visitor").FillAsync(pat);
            await view.GetByLabel("1 ★").CheckAsync();
            await view.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First.Locator(".stars")).ToHaveTextAsync("★☆☆☆☆");
            await view.GetByLabel("1 ★").UncheckAsync();
            await view.GetByLabel("5 ★").CheckAsync();
            await view.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Expect(view.Locator(".resolved-status")).ToHaveTextAsync("No resolved chats match.");
            await Expect(rows).ToHaveCountAsync(0);

            // Back to Quinn, open the transcript: every message, as text.
            await view.GetByLabel("Visitor").FillAsync(quinn);
            await view.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Expect(rows).ToHaveCountAsync(1);
            await rows.First.GetByRole(AriaRole.Button, new() { Name = "Transcript" }).ClickAsync();
            var transcript = view.Locator("section.transcript");
            await Expect(transcript.Locator(".msg-text")).ToHaveTextAsync(QuinnTexts);
            await page.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "resolved-transcript-1600.png") });

            // Download the transcript as CSV: RFC 4180 quoting of quotes, commas and line breaks, UTF-8 text intact.
            var csv = await DownloadAsync(page, transcript.Locator("a.export-one[data-format=csv]"));
            csv.Name.Should().Be($"chat-{quinnChat}.csv");
            csv.Text.Should().StartWith("session_id,resolved_at,");
            csv.Text.Should().Contain("\"Hello, \"\"agent\"\"\nmy order 42, please — ünïcødé 李\"");
            csv.Text.Should().Contain("\"Found it: \"\"shipped\"\", arriving Tuesday 🙂\"");

            // Download every chat the filter matches as JSON: exactly Quinn's chat, with its rating and messages.
            var json = await DownloadAsync(page, view.Locator("a.export-all[data-format=json]"));
            json.Name.Should().StartWith("resolved-chats-").And.EndWith(".json");
            var chats = JsonDocument.Parse(json.Text).RootElement.GetProperty("chats").EnumerateArray().ToList();
            chats.Should().ContainSingle();
            chats[0].GetProperty("sessionId").GetString().Should().Be(quinnChat);
            chats[0].GetProperty("visitorName").GetString().Should().Be(quinn);
            chats[0].GetProperty("rating").GetProperty("stars").GetInt32().Should().Be(5);
            chats[0].GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).Should().Equal(QuinnTexts);

            // The ratings per agent list Alex with a count.
            await Expect(view.Locator($".agent-ratings tr[data-agent={WidgetHost.AgentUser}] .count")).Not.ToHaveTextAsync("0");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static async Task<(string Name, string Text)> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path)));
    }

    /// <summary>A visitor (a real token and visitor hub connection) chats with Alex, who resolves; then the visitor rates.</summary>
    private async Task<string> ResolvedChatAsync(HubConnection alex, string name, string[] texts, int stars, string? feedback)
    {
        await using var visitor = await host.VisitorHubAsync();
        var sessionId = (await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = name })).Session.SessionId;
        await alex.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await visitor.InvokeAsync<object>("SendMessage", sessionId, "v1", texts[0]);
        await alex.InvokeAsync<object>("SendMessage", sessionId, "a1", texts[1]);
        await alex.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        await visitor.InvokeAsync<VisitorSessionView>("RateChat", sessionId, stars, feedback, false);
        return sessionId;
    }
}
