using System.Globalization;
using System.Text.RegularExpressions;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;
using ChatSupport.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// The widget follows the workspace's settings: a saved change reaches a widget already open (no reload), and
/// outside working hours it says when the team is back and takes a message that lands in the queue. Each test has a
/// workspace of its own, embedded on a page of the demo site's origin, so the shared demo workspace keeps its defaults.
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class WidgetSettingsTests(WidgetHost host)
{
    private const string Widget = "#chatsupport-widget";

    private Task<string> WorkspaceAsync() => WidgetWorkspaces.NewAsync(host);

    private Task<(IBrowserContext Context, IPage Page)> PageOfAsync(string tenant) => WidgetWorkspaces.VisitorOfAsync(host, tenant);

    private async Task SaveAsync(string tenant, Func<WorkspaceSettings, WorkspaceSettings> change)
    {
        var settings = host.Grains.GetGrain<ISettingsGrain>(tenant);
        var current = await settings.Get();
        (await settings.Save(change(current), current.Version, WidgetHost.AgentUser)).Error.Should().BeNull();
    }

    [Fact]
    public async Task An_open_widget_shows_a_new_colour_position_and_title_within_a_minute_without_a_reload()
    {
        var tenant = await WorkspaceAsync();
        var (context, page) = await PageOfAsync(tenant);
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Chat with us" })).ToBeVisibleAsync();
            (await Axe.SeriousViolationsAsync(page)).Should().BeEmpty("the widget with its default look");

            await SaveAsync(tenant, s => s with
            {
                Widget = s.Widget with
                {
                    PrimaryColor = "#7c2d12",
                    Position = WidgetPositions.BottomLeft,
                    OffsetX = 32,
                    Texts = new() { ["en"] = new WidgetTexts { LauncherLabel = "Ask Acme", Title = "Talk to Acme", Subtitle = "Real people, real answers.", Welcome = "Hello from Acme!" } },
                },
            });

            // The widget reads its settings every 30 s and the route's cache lives 15 s: within a minute, with no reload.
            await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Talk to Acme" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
            var head = page.Locator($"{Widget} .head");
            await Expect(head).ToHaveCSSAsync("background-color", "rgb(124, 45, 18)");
            await Expect(page.Locator(Widget)).ToHaveCSSAsync("left", "32px");
            await Expect(page.Locator($"{Widget} .intro p")).ToHaveTextAsync("Hello from Acme!");
            await page.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "settings-applied.png") });
            (await Axe.SeriousViolationsAsync(page)).Should().BeEmpty("the widget with the saved look");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task Outside_working_hours_the_widget_says_when_the_team_is_back_and_the_message_reaches_the_queue()
    {
        var tenant = await WorkspaceAsync();
        // Open only on one date a week ahead, 09:00–17:00 in Berlin (the visitor's zone too): closed now.
        var date = DateTime.UtcNow.Date.AddDays(7);
        await SaveAsync(tenant, s => s with
        {
            General = s.General with { TimeZone = "Europe/Berlin" },
            WorkingHours = new WorkingHoursSettings
            {
                Enabled = true,
                Overrides = [new DateOverride(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), [new TimeRange("09:00", "17:00")])],
            },
            AutomatedResponses = s.AutomatedResponses with { Away = new AutomatedMessage { Enabled = true, Text = "We're away: we'll write back." } },
        });
        var (context, page) = await PageOfAsync(tenant);
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
            var weekday = date.DayOfWeek.ToString();
            await Expect(page.Locator($"{Widget} .status")).ToHaveTextAsync(new Regex($"^We're away\\. Back {weekday} 09:00, your time\\."));
            (await Axe.SeriousViolationsAsync(page)).Should().BeEmpty("the leave-a-message form");

            await page.GetByLabel("Name").FillAsync("Dana");
            await page.GetByLabel("Email").FillAsync("dana@example.com");
            await page.Locator($"{Widget} #cs-message").FillAsync("Please call me back about invoice 42.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();

            var desk = host.Grains.GetGrain<ChatSupport.Contracts.Desk.IDeskGrain>(tenant);
            var row = (await Eventually.GetAsync(() => desk.GetSnapshot(), d => d.Sessions.Count == 1, what: "the offline message in the queue")).Sessions.Single();
            row.OfflineMessage.Should().BeTrue();
            row.Visitor.Name.Should().Be("Dana");
            var session = host.Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, row.SessionId));
            var agent = new ChatCaller(ChatParty.Agent, WidgetHost.AgentUser, WidgetHost.AgentName);
            var history = await Eventually.GetAsync(async () => (await session.GetMessages(agent, 0, 50)).Value!,
                p => p.Messages.Any(m => m.Sender == ChatParty.Visitor), what: "the visitor's message stored");
            history.Messages.Select(m => (m.Sender, m.Text)).Should().Equal(
                (ChatParty.System, "We're away: we'll write back."), (ChatParty.Visitor, "Please call me back about invoice 42."));
            await Expect(page.Locator($"{Widget} .msg.system")).ToContainTextAsync("Automated");
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
