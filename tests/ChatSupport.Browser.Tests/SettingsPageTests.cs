using ChatSupport.Contracts.Settings;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// The Settings page in Chromium, on a workspace of its own: an admin edits the widget's colour, position and title,
/// sees them in the live preview (the real widget), saves, and the demo site's widget, open in a chat, shows them at
/// once (pushed on the visitor hub: the page's settings route is blocked, so no poll can bring them). A refusal is
/// shown by its field, a lost race says so. axe-core finds nothing serious on the page or the widget, light or dark.
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class SettingsPageTests(WidgetHost host)
{
    private const string Widget = "#chatsupport-widget";

    private Task<string> WorkspaceAsync() => WidgetWorkspaces.NewAsync(host, withAdmin: true);

    private Task<(IBrowserContext Context, IPage Page)> VisitorOfAsync(string tenant) => WidgetWorkspaces.VisitorOfAsync(host, tenant);

    private static async Task StartChatAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await Expect(page.Locator($"{Widget} .composer")).ToBeVisibleAsync();
        await page.Locator($"{Widget} #cs-input").FillAsync("Hello, I have a question.");
        await page.Locator($"{Widget} #cs-input").PressAsync("Enter");
        await Expect(page.Locator($"{Widget} .msg.visitor")).ToContainTextAsync("Hello, I have a question.");
    }

    [Fact]
    public async Task An_admin_changes_colour_position_and_title_and_the_demo_sites_open_widget_shows_them_at_once_without_a_reload()
    {
        var tenant = await WorkspaceAsync();
        var (visitorContext, visitor) = await VisitorOfAsync(tenant);
        var (adminContext, admin) = await host.DashboardAsync(WidgetHost.AgentUser, bypassCsp: true, tenant: tenant);
        try
        {
            await StartChatAsync(visitor);
            // From now on only the visitor hub can bring a change: the widget's poll of its settings fails.
            await visitor.RouteAsync("**/api/visitor/settings*", route => route.AbortAsync());

            await admin.Locator("nav button[data-view='settings']").ClickAsync();
            var preview = admin.FrameLocator("iframe.widget-preview");
            await Expect(preview.Locator($"{Widget} h2")).ToHaveTextAsync("Chat with us");
            await Expect(admin.Locator(".settings-state")).ToHaveTextAsync("Defaults: never saved.");
            (await Axe.SeriousViolationsAsync(admin)).Should().BeEmpty("the Settings page, light");
            await admin.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            (await Axe.SeriousViolationsAsync(admin)).Should().BeEmpty("the Settings page, dark");
            await admin.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });

            // A colour white text cannot be read on: the server's sentence by the colour field, nothing saved.
            var colour = admin.Locator("input[data-field='widget.primaryColor']");
            await colour.FillAsync("#93c5fd");
            await Expect(admin.Locator(".contrast")).ToContainTextAsync("below 4.5:1");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Expect(admin.Locator(".field-error")).ToContainTextAsync("widget.primaryColor has a contrast of");
            await Expect(colour).ToHaveAttributeAsync("aria-invalid", "true");
            (await host.Grains.GetGrain<ISettingsGrain>(tenant).Get()).Version.Should().Be(0);

            await colour.FillAsync("#7c2d12");
            await Expect(admin.Locator(".field-error")).ToHaveCountAsync(0);
            await Expect(colour).Not.ToHaveAttributeAsync("aria-invalid", "true");
            await admin.Locator("select[data-field='widget.position']").SelectOptionAsync("bottom_left");
            await admin.Locator("input[data-field='widget.offsetX']").FillAsync("32");
            await admin.Locator("input[data-field='widget.texts.en.title']").FillAsync("Talk to Acme");
            // The preview is the real widget drawn from the draft, before anything is saved.
            await Expect(preview.Locator($"{Widget} h2")).ToHaveTextAsync("Talk to Acme");
            await Expect(preview.Locator($"{Widget} .head")).ToHaveCSSAsync("background-color", "rgb(124, 45, 18)");
            await Expect(preview.Locator(Widget)).ToHaveCSSAsync("left", "32px");
            await Expect(visitor.GetByRole(AriaRole.Dialog, new() { Name = "Chat with us" })).ToBeVisibleAsync();
            await admin.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "settings-page.png"), FullPage = true });

            await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Expect(admin.Locator(".settings-state")).ToContainTextAsync("Version 1");
            await Expect(admin.Locator(".field-error")).ToHaveCountAsync(0);

            await Expect(visitor.GetByRole(AriaRole.Dialog, new() { Name = "Talk to Acme" })).ToBeVisibleAsync();
            await Expect(visitor.Locator($"{Widget} .head")).ToHaveCSSAsync("background-color", "rgb(124, 45, 18)");
            await Expect(visitor.Locator(Widget)).ToHaveCSSAsync("left", "32px");
            await Expect(visitor.Locator($"{Widget} .msg.visitor")).ToContainTextAsync("Hello, I have a question.");

            // Another admin saves meanwhile: this page's save names the conflict and changes nothing of theirs.
            var settings = host.Grains.GetGrain<ISettingsGrain>(tenant);
            var current = await settings.Get();
            (await settings.Save(current with { General = current.General with { TimeZone = "Europe/Berlin" } }, current.Version, "sam")).Error.Should().BeNull();
            await admin.Locator("input[data-field='widget.texts.en.subtitle']").FillAsync("Mine");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Expect(admin.Locator(".settings-problem")).ToContainTextAsync("another admin saved the settings while you were editing");
            (await settings.Get()).Should().BeEquivalentTo(new { Version = 2L, General = new { TimeZone = "Europe/Berlin" } });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Load their version (drops your changes)" }).ClickAsync();
            await Expect(admin.Locator("input[data-field='general.timeZone']")).ToHaveValueAsync("Europe/Berlin");
        }
        finally
        {
            await adminContext.CloseAsync();
            await visitorContext.CloseAsync();
        }
    }

    [Fact]
    public async Task The_widget_in_a_chat_and_its_leave_a_message_form_are_axe_clean_in_the_light_and_the_dark_theme()
    {
        var tenant = await WorkspaceAsync();
        var (context, page) = await VisitorOfAsync(tenant);
        try
        {
            await StartChatAsync(page);
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await page.EmulateMediaAsync(new() { ColorScheme = scheme });
                (await Axe.SeriousViolationsAsync(page)).Should().BeEmpty($"the widget in a chat, {scheme}");
            }
            await Expect(page.Locator($"{Widget} .panel")).ToHaveCSSAsync("background-color", "rgb(13, 17, 23)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "widget-dark.png") });

            var settings = host.Grains.GetGrain<ISettingsGrain>(tenant);
            var current = await settings.Get();
            (await settings.Save(current with { WorkingHours = new WorkingHoursSettings { Enabled = true } }, current.Version, WidgetHost.AgentUser)).Error.Should().BeNull();
            // Another visitor, now that the team is closed: the leave-a-message form.
            var (closedContext, closed) = await VisitorOfAsync(tenant);
            try
            {
                await closed.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
                await Expect(closed.GetByRole(AriaRole.Button, new() { Name = "Send message" })).ToBeVisibleAsync();
                foreach (var scheme in new[] { ColorScheme.Dark, ColorScheme.Light })
                {
                    await closed.EmulateMediaAsync(new() { ColorScheme = scheme });
                    (await Axe.SeriousViolationsAsync(closed)).Should().BeEmpty($"the leave-a-message form, {scheme}");
                }
            }
            finally
            {
                await closedContext.CloseAsync();
            }
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
