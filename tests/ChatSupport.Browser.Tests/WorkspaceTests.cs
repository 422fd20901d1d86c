using System.Text.RegularExpressions;
using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Tenants;
using ChatSupport.Contracts.Visitors;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Orleans.Core.Internal;
using static ChatSupport.Browser.Tests.StatusColors;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// The agent's workspace in Chromium (docs/workspace.md): the layout at 1024, 1280 and 1920 px with docked chats, the
/// keyboard, the inbox folders and their counts, search, dark mode and the preferences kept on the server. Each test
/// has a workspace (tenant) of its own on the shared host, so the demo tenant's chats do not mix in.
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class WorkspaceTests(WidgetHost host)
{
    private static readonly (int Width, int Height)[] Sizes = [(1024, 768), (1280, 720), (1920, 1080)];

    [Fact]
    public async Task With_three_docked_chats_every_row_action_stays_visible_and_clickable_at_three_sizes_and_the_layout_survives_a_reload()
    {
        var shop = await ShopAsync();
        var names = new[] { "Ada", "Ben", "Cleo", "Dina", "Emil", "Fay" };
        var ids = new List<string>();
        foreach (var name in names) ids.Add((await shop.StartChatAsync(name, $"Hello, this is {name}")).SessionId);
        var (context, page) = await host.DashboardAsync("alex", 1280, 720, tenant: shop.Tenant);
        try
        {
            await Expect(page.Locator("table.queue tbody tr")).ToHaveCountAsync(names.Length);
            foreach (var name in names[..3])
                await page.GetByRole(AriaRole.Button, new() { Name = $"Open chat with {name}", Exact = true }).ClickAsync();
            await Expect(page.Locator(".dock .mini-chat")).ToHaveCountAsync(3);

            foreach (var (width, height) in Sizes)
            {
                await page.SetViewportSizeAsync(width, height);
                await EveryRowActionIsOnTopAsync(page, names.Length);
                await page.ScreenshotAsync(new() { Path = Shot($"layout-three-chats-{width}") });
            }

            // A chat expands into the conversation pane with its details beside it; the filter, the open chats and the
            // expanded one survive a reload; docked back, it is in the dock again.
            await page.SetViewportSizeAsync(1280, 720);
            await page.GetByRole(AriaRole.Radio, new() { Name = "Waiting" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Full view of chat with Ben" }).ClickAsync();
            var pane = page.GetByRole(AriaRole.Region, new() { Name = "Conversation" });
            await Expect(pane.Locator($".mini-chat[data-session-id='{ids[1]}']")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "Session details" }).GetByRole(AriaRole.Heading, new() { Name = "Ben" })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Shot("layout-conversation-pane-1280") });

            await page.ReloadAsync();
            await Expect(page.Locator(".link-state")).ToHaveTextAsync("Connected");
            await Expect(pane.Locator($".mini-chat[data-session-id='{ids[1]}']")).ToBeVisibleAsync();
            await Expect(page.Locator(".dock .mini-chat")).ToHaveCountAsync(2);
            await page.GetByRole(AriaRole.Button, new() { Name = "Dock chat with Ben" }).ClickAsync();
            await Expect(page.Locator(".dock .mini-chat")).ToHaveCountAsync(3);
            await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Waiting" })).ToBeCheckedAsync();
            await EveryRowActionIsOnTopAsync(page, names.Length);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_agent_works_a_chat_from_arrival_to_resolve_with_the_keyboard_only()
    {
        var shop = await ShopAsync();
        var (context, page) = await host.DashboardAsync("alex", 1280, 720, tenant: shop.Tenant);
        try
        {
            var chat = await shop.StartChatAsync("Robin", "My order 4711 never arrived");
            var row = Row(page, chat.SessionId);
            // Waiting for an answer and unread: marked on the row, counted in the tab title (1 waiting + 1 unread).
            await Expect(row.Locator(".awaiting")).ToHaveTextAsync("Awaiting reply");
            await Expect(row.Locator(".unread")).ToHaveTextAsync("1");
            await Expect(page).ToHaveTitleAsync("(2) ChatSupport");

            await page.Keyboard.PressAsync("?");
            var help = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
            await Expect(help).ToContainTextAsync("Resolve the chat");
            await page.Keyboard.PressAsync("Escape");
            await Expect(help).ToBeHiddenAsync();

            await page.Keyboard.PressAsync("2"); // Unassigned
            await Expect(page.Locator("nav button[data-folder=unassigned]")).ToHaveAttributeAsync("aria-current", "page");
            await page.Keyboard.PressAsync("j");
            await Expect(row).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("a");
            var reply = Chat(page, chat.SessionId).GetByRole(AriaRole.Textbox, new() { Name = "Reply" });
            await Expect(reply).ToBeFocusedAsync();
            await Expect(row.Locator(".unread")).ToHaveCountAsync(0);
            await page.Keyboard.TypeAsync("Sorry about that, let me check 4711.");
            await page.Keyboard.PressAsync("Enter");
            await Expect(Chat(page, chat.SessionId).Locator(".msg-agent .msg-text")).ToHaveTextAsync("Sorry about that, let me check 4711.");
            await Expect(row.Locator(".awaiting")).ToHaveCountAsync(0);

            // Escape hands the keyboard back to the list (the chat left Unassigned); "1" is My chats, where it now is.
            await page.Keyboard.PressAsync("Escape");
            await Expect(reply).Not.ToBeFocusedAsync();
            await page.Keyboard.PressAsync("1");
            await Expect(page.Locator("nav button[data-folder=mine]")).ToHaveAttributeAsync("aria-current", "page");
            await Expect(page.Locator("table.queue tbody tr")).ToHaveCountAsync(1);
            await page.Keyboard.PressAsync("j");
            await Expect(row).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("q");
            await Expect(Chat(page, chat.SessionId).Locator(".reply-picker")).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(Chat(page, chat.SessionId).Locator(".reply-picker")).ToBeHiddenAsync();
            await page.Keyboard.PressAsync("Escape");
            await page.Keyboard.PressAsync("t");
            await Expect(page.GetByLabel("Transfer Robin to")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");

            // Away and back, then resolve.
            await page.Keyboard.PressAsync("j");
            await page.Keyboard.PressAsync("Shift+A");
            await Expect(page.GetByLabel("My status")).ToHaveAttributeAsync("data-status", "away");
            await page.Keyboard.PressAsync("Shift+A");
            await Expect(page.GetByLabel("My status")).ToHaveAttributeAsync("data-status", "online");
            await page.Keyboard.PressAsync("e");
            await Expect(row).ToHaveCountAsync(0);
            await Eventually.GetAsync(() => shop.SessionAsync(chat.SessionId), s => s.Status == ChatStatus.Resolved, what: "the chat resolved");
            await page.ScreenshotAsync(new() { Path = Shot("keyboard-resolved-1280") });
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task My_chats_and_the_counts_follow_a_second_agent_live_and_search_finds_a_chat_by_a_word_of_its_latest_message()
    {
        var shop = await ShopAsync();
        var (context, sam) = await host.DashboardAsync("sam", 1920, 1080, tenant: shop.Tenant);
        await using var alex = await host.AgentAsync(shop.Tenant, "alex");
        try
        {
            var robin = await shop.StartChatAsync("Robin", "Where is my parcel?");
            var noor = await shop.StartChatAsync("Noor", "I would like a refund");
            await ExpectCounts(sam, mine: 0, unassigned: 2, all: 2);

            // Alex takes Robin's chat: one less unassigned on Sam's page; then hands it to Sam: Sam's My chats has it.
            await alex.InvokeAsync<ChatSessionSnapshot>("AssignToMe", robin.SessionId);
            await ExpectCounts(sam, mine: 0, unassigned: 1, all: 2);
            await alex.InvokeAsync<ChatSessionSnapshot>("Transfer", robin.SessionId, "sam", "over to you");
            await ExpectCounts(sam, mine: 1, unassigned: 1, all: 2);
            await sam.Locator("nav button[data-folder=mine]").ClickAsync();
            await Expect(sam.Locator("table.queue tbody tr")).ToHaveCountAsync(1);
            await Expect(Row(sam, robin.SessionId)).ToBeVisibleAsync();
            await sam.ScreenshotAsync(new() { Path = Shot("my-chats-1920") });

            // Search: a word of the newest message, live as it changes, in All open.
            await sam.Locator("nav button[data-view=queue]").ClickAsync();
            var search = sam.GetByRole(AriaRole.Searchbox, new() { Name = "Search chats" });
            await search.FillAsync("refund");
            await Expect(sam.Locator("table.queue tbody tr")).ToHaveCountAsync(1);
            await Expect(Row(sam, noor.SessionId)).ToBeVisibleAsync();
            await search.FillAsync("screen");
            await Expect(sam.Locator("table.queue tbody tr")).ToHaveCountAsync(0);
            await shop.VisitorSaysAsync(noor, "The screen is cracked");
            await Expect(Row(sam, noor.SessionId)).ToBeVisibleAsync();
            await Expect(sam.Locator("table.queue tbody tr")).ToHaveCountAsync(1);
            await search.FillAsync("robin@example");
            await Expect(Row(sam, robin.SessionId)).ToBeVisibleAsync();
            await Expect(sam.Locator("table.queue tbody tr")).ToHaveCountAsync(1);
            await sam.ScreenshotAsync(new() { Path = Shot("search-1920") });

            // Alex resolves Noor's chat: the counts follow.
            await alex.InvokeAsync<ChatSessionSnapshot>("AssignToMe", noor.SessionId);
            await alex.InvokeAsync<ChatSessionSnapshot>("Resolve", noor.SessionId);
            await ExpectCounts(sam, mine: 1, unassigned: 0, all: 1);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task Dark_mode_keeps_the_status_colours_passes_axe_core_on_every_view_and_preferences_survive_a_sign_out()
    {
        var shop = await ShopAsync();
        var chat = await shop.StartChatAsync("Ada", "Hello there");
        var (context, page) = await host.DashboardAsync("alex", 1280, 720, bypassCsp: true, tenant: shop.Tenant);
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Open chat with Ada" }).ClickAsync();
            await Expect(Chat(page, chat.SessionId)).ToBeVisibleAsync();
            await Row(page, chat.SessionId).Locator("td.visitor").ClickAsync();
            var views = await page.Locator("nav button[data-view], nav button[data-folder]").EvaluateAllAsync<string[]>(
                "bs => bs.map(b => b.dataset.folder ? 'queue?folder=' + b.dataset.folder : b.dataset.view)");
            views.Should().Contain(["queue?folder=mine", "queue?folder=all", "map", "resolved", "analytics", "team"]);
            await ShotsOfEveryViewAsync(page, views, "light");

            // Dark, sound off at volume 30, compact: saved with the agent.
            await page.GetByRole(AriaRole.Button, new() { Name = "Preferences" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Preferences" });
            await dialog.GetByLabel("Dark").CheckAsync();
            await dialog.GetByLabel("Sound for new chats").UncheckAsync();
            await dialog.GetByLabel("Volume").FillAsync("30");
            await dialog.GetByLabel("Compact").CheckAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-density", "compact");

            // The status colours keep their meaning in dark mode.
            await page.Locator("nav button[data-view=queue]").ClickAsync();
            await Expect(Row(page, chat.SessionId).Locator(".status")).ToHaveCSSAsync("background-color", Yellow);
            await Expect(Chat(page, chat.SessionId).Locator(".status")).ToHaveCSSAsync("background-color", Yellow);
            var violations = new List<string>();
            foreach (var view in views)
            {
                await GoAsync(page, view);
                violations.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{view}: {v}"));
            }
            violations.Should().BeEmpty("axe-core finds no serious or critical violation in dark mode");
            await ShotsOfEveryViewAsync(page, views, "dark");

            // Signed out and in again (the browser's storage cleared, the operator's grain out of memory): they were stored.
            await page.Locator("nav button[data-view=queue]").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page.GetByLabel("Workspace")).ToBeVisibleAsync();
            await page.EvaluateAsync("() => localStorage.clear()");
            await host.Grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(shop.Tenant, "alex")).Cast<IGrainManagementExtension>().DeactivateOnIdle();
            await WidgetHost.SignInAsync(page, "alex", shop.Tenant);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
            await page.GetByRole(AriaRole.Button, new() { Name = "Preferences" }).ClickAsync();
            await Expect(dialog.GetByLabel("Sound for new chats")).Not.ToBeCheckedAsync();
            await Expect(dialog.GetByLabel("Volume")).ToHaveValueAsync("30");
            await Expect(dialog.GetByLabel("Compact")).ToBeCheckedAsync();

            // "Follow the system": the browser's setting decides, live.
            await dialog.GetByLabel("Follow the system").CheckAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>
    /// Every action button of every row: scrolled into view, it is the element at its own centre (nothing laid over
    /// it), and Playwright's trial click finds it actionable (visible, stable, enabled, receiving the pointer).
    /// </summary>
    private static async Task EveryRowActionIsOnTopAsync(IPage page, int rows)
    {
        var buttons = page.Locator("table.queue tbody tr td.actions button");
        (await buttons.CountAsync()).Should().BeGreaterThanOrEqualTo(rows * 2);
        for (var i = 0; i < await buttons.CountAsync(); i++)
        {
            var button = buttons.Nth(i);
            await button.ScrollIntoViewIfNeededAsync();
            await Expect(button).ToBeVisibleAsync();
            var onTop = await button.EvaluateAsync<bool>(
                "b => { const r = b.getBoundingClientRect(); const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return at === b || b.contains(at); }");
            onTop.Should().BeTrue($"{await button.GetAttributeAsync("aria-label")} is not covered at {page.ViewportSize!.Width}×{page.ViewportSize.Height}");
            await button.ClickAsync(new() { Trial = true, Timeout = 5_000 });
        }
    }

    private static async Task ShotsOfEveryViewAsync(IPage page, string[] views, string theme)
    {
        foreach (var view in views)
        {
            await GoAsync(page, view);
            await page.ScreenshotAsync(new() { Path = Shot($"view-{view.Replace("queue?folder=", "queue-", StringComparison.Ordinal)}-{theme}") });
        }
    }

    private static async Task GoAsync(IPage page, string view)
    {
        var button = view.StartsWith("queue?folder=", StringComparison.Ordinal)
            ? page.Locator($"nav button[data-folder={view["queue?folder=".Length..]}]")
            : page.Locator($"nav button[data-view={view}]");
        await button.ClickAsync();
        await Expect(button).ToHaveAttributeAsync("aria-current", "page");
    }

    private static async Task ExpectCounts(IPage page, int mine, int unassigned, int all)
    {
        await Expect(page.Locator("nav button[data-folder=mine] .nav-count")).ToHaveTextAsync(mine.ToString());
        await Expect(page.Locator("nav button[data-folder=unassigned] .nav-count")).ToHaveTextAsync(unassigned.ToString());
        await Expect(page.Locator("nav button[data-folder=all] .nav-count")).ToHaveTextAsync(all.ToString());
    }

    private static string Shot(string name) => Path.Combine(WidgetHost.Screenshots, $"workspace-{name}.png");

    private static ILocator Row(IPage page, string sessionId) => page.Locator($"table.queue tr[data-session-id='{sessionId}']");

    private static ILocator Chat(IPage page, string sessionId) => page.Locator($".mini-chat[data-session-id='{sessionId}']");

    private async Task<Shop> ShopAsync()
    {
        var tenant = "ws" + Guid.NewGuid().ToString("N")[..8];
        await host.Grains.GetGrain<ITenantGrain>(tenant).Configure(new TenantSettings { Name = "Workspace Shop", Plan = Plans.Scale, Features = [Features.PrioritySupport] });
        foreach (var (user, name) in new[] { ("alex", WidgetHost.AgentName), ("sam", WidgetHost.SecondAgentName) })
            await host.Grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenant, user)).EnsureCreated(
                new NewOperator { DisplayName = name, Password = WidgetHost.Password, Roles = [Roles.SystemAdmin] });
        return new Shop(host.Grains, tenant);
    }

    /// <summary>A workspace of its own, and its visitors (started and writing as the widget's hub calls do, through the grains).</summary>
    private sealed record Shop(IGrainFactory Grains, string Tenant)
    {
        public async Task<VisitorChat> StartChatAsync(string name, string firstMessage)
        {
            var visitorId = GrainKeys.NewId();
            var started = await Grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(Tenant, visitorId))
                .StartOrResumeChat(new VisitorMetadata { Name = name, Email = $"{name.ToLowerInvariant()}@example.com" });
            started.Error.Should().BeNull();
            var chat = new VisitorChat(visitorId, started.Value!.SessionId);
            await VisitorSaysAsync(chat, firstMessage);
            return chat;
        }

        public async Task VisitorSaysAsync(VisitorChat chat, string text) =>
            (await Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(Tenant, chat.SessionId))
                .PostMessage(ChatCaller.Visitor(chat.VisitorId), Guid.NewGuid().ToString("N"), text)).Error.Should().BeNull();

        public async Task<ChatSessionSnapshot> SessionAsync(string sessionId) =>
            (await Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(Tenant, sessionId)).GetSnapshot(ChatCaller.Agent(new AgentRef("alex", WidgetHost.AgentName)))).Value!;
    }

    private sealed record VisitorChat(string VisitorId, string SessionId);
}
