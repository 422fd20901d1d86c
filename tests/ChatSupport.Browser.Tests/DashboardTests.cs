using System.Text.Json;
using System.Text.RegularExpressions;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static ChatSupport.Browser.Tests.StatusColors;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// The agent dashboard in Debian's Chromium: two agents' pages (1280×720 and 1920×1080) and a visitor in the widget on
/// the demo site, against the real host. Every wait is a Playwright expectation or an Eventually with a deadline;
/// screenshots of each dashboard state land in TestResults/screenshots/ (git-ignored).
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class DashboardTests(WidgetHost host)
{
    private const string Widget = "#chatsupport-widget";

    [Fact]
    public async Task Two_agents_see_one_chat_go_from_waiting_to_resolved_live()
    {
        var alexLink = new FlakyLink("/hubs/agent");
        var samLink = new FlakyLink("/hubs/agent");
        var (alexContext, alex) = await host.DashboardAsync(WidgetHost.AgentUser, 1280, 720, alexLink.AttachAsync);
        var (samContext, sam) = await host.DashboardAsync(WidgetHost.SecondAgentUser, 1920, 1080, samLink.AttachAsync);
        var (visitorContext, visitor) = await host.VisitorAsync("prechat.html");
        await using var observer = await host.AgentAsync();
        try
        {
            var sessionId = await StartChatAsync(visitor, "Robin");

            // A new chat shows on both dashboards, yellow, with a toast and a count in the tab title.
            await ExpectStatus(alex, sessionId, "waiting_for_agent", Yellow);
            await ExpectStatus(sam, sessionId, "waiting_for_agent", Yellow);
            await Expect(alex.Locator(".toast", new() { HasText = "Robin" })).ToBeVisibleAsync();
            await Expect(alex).ToHaveTitleAsync(new Regex(@"^\(\d+\) ChatSupport$"));
            await Expect(Row(alex, sessionId).Locator("td.visitor")).ToHaveTextAsync("Robin");
            await Expect(Row(alex, sessionId)).ToContainTextAsync("Chrom");
            await Shots(alex, sam, "1-waiting");

            // Sam's link stalls, so Sam still sees the chat waiting when Alex takes it: Sam's "Assign to Me" then gets a
            // clear refusal, and once the held events arrive Sam's page shows it blue as well.
            samLink.Hold();
            await Row(alex, sessionId).GetByRole(AriaRole.Button, new() { Name = "Assign to Me: Robin" }).ClickAsync();
            await ExpectStatus(alex, sessionId, "assigned_to_agent", Blue);
            await Row(sam, sessionId).GetByRole(AriaRole.Button, new() { Name = "Assign to Me: Robin" }).ClickAsync();
            samLink.Release();
            await Expect(sam.Locator(".toast-error")).ToHaveTextAsync($"This chat is already assigned to {WidgetHost.AgentName}.");
            await ExpectStatus(sam, sessionId, "assigned_to_agent", Blue);
            await Expect(Row(sam, sessionId).Locator("td.agent")).ToHaveTextAsync(WidgetHost.AgentName);
            await Expect(visitor.Locator($"{Widget} .log .note", new() { HasText = $"{WidgetHost.AgentName} joined" })).ToBeVisibleAsync();
            await Shots(alex, sam, "2-assigned");

            // Alex's mini chat opened by itself. Typing both ways; messages both ways, HTML shown as text and never run.
            var alexChat = Chat(alex, sessionId);
            await Expect(alexChat).ToBeVisibleAsync();
            var widgetInput = visitor.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
            await widgetInput.PressSequentiallyAsync("Hel");
            await Expect(alexChat.Locator(".typing")).ToHaveTextAsync("Robin is typing…");
            const string payload = "Hello <img src=x onerror=\"window.__pwned=1\"> <script>window.__pwned=1</script>";
            await widgetInput.FillAsync(payload);
            await widgetInput.PressAsync("Enter");
            await Expect(alexChat.Locator(".msg-visitor .msg-text")).ToHaveTextAsync(payload);
            await Expect(alexChat.Locator(".typing")).ToHaveTextAsync("");
            (await alex.EvaluateAsync<bool>("() => window.__pwned === undefined && document.querySelectorAll('.mini-chat img, .mini-chat script').length === 0"))
                .Should().BeTrue("a visitor's HTML is text on the dashboard");
            // Alex's page shows the message, so it reports it read: the widget's tick turns "read".
            await Expect(visitor.Locator($"{Widget} .msg.visitor")).ToHaveAttributeAsync("data-status", "read");

            var reply = alexChat.GetByRole(AriaRole.Textbox, new() { Name = "Reply" });
            await reply.PressSequentiallyAsync("Hi");
            await Expect(visitor.Locator($"{Widget} .typing")).ToHaveTextAsync($"{WidgetHost.AgentName} is typing…");
            await reply.FillAsync("Hi Robin, <b>how</b> can I help?");
            await reply.PressAsync("Enter");
            await Expect(visitor.Locator($"{Widget} .msg.agent .bubble")).ToHaveTextAsync("Hi Robin, <b>how</b> can I help?");
            var mine = alexChat.Locator(".msg-agent", new() { HasText = "how" });
            await Expect(mine.Locator(".receipt")).ToHaveTextAsync("Read");
            (await visitor.EvaluateAsync<bool>("() => window.__pwned === undefined")).Should().BeTrue();

            // After the first agent message the chat is green everywhere.
            await ExpectStatus(alex, sessionId, "active_chat", Green);
            await ExpectStatus(sam, sessionId, "active_chat", Green);
            await Shots(alex, sam, "3-active");

            // Quick replies: added on the Quick replies page, inserted with "/" in the composer.
            await alex.Locator("nav button[data-view=replies]").ClickAsync();
            await alex.GetByLabel("Shortcut (typed after /)").FillAsync("wait");
            await alex.GetByLabel("Reply text").FillAsync("Thanks for waiting, I am checking now.");
            await alex.GetByRole(AriaRole.Button, new() { Name = "Add reply" }).ClickAsync();
            await Expect(alex.Locator(".reply-list li", new() { HasText = "/wait" })).ToBeVisibleAsync();
            await alex.Locator("nav button[data-view=queue]").ClickAsync();
            await reply.FillAsync("");
            await reply.PressSequentiallyAsync("/wa");
            await Expect(alexChat.Locator(".reply-picker li[data-shortcut=wait]")).ToBeVisibleAsync();
            await reply.PressAsync("Enter");
            await Expect(reply).ToHaveValueAsync("Thanks for waiting, I am checking now.");
            await reply.PressAsync("Enter");
            await Expect(visitor.Locator($"{Widget} .msg.agent .bubble").Last).ToHaveTextAsync("Thanks for waiting, I am checking now.");

            // Sam may look but not write: the chat is Alex's.
            await Row(sam, sessionId).GetByRole(AriaRole.Button, new() { Name = "Open chat with Robin" }).ClickAsync();
            var samChat = Chat(sam, sessionId);
            await Expect(samChat.Locator(".read-only")).ToHaveTextAsync($"Read-only: assigned to {WidgetHost.AgentName}.");
            await Expect(samChat.GetByRole(AriaRole.Textbox, new() { Name = "Reply" })).ToBeHiddenAsync();
            await Expect(samChat.Locator(".msg-text")).ToHaveCountAsync(3);
            await Shots(alex, sam, "4-read-only");

            // Sam's network drops; what happens meanwhile shows up after the reconnect, once, without a reload.
            await samLink.DropAsync();
            await Expect(sam.Locator(".link-state")).Not.ToHaveTextAsync("Connected");
            await widgetInput.FillAsync("Are you still there?");
            await widgetInput.PressAsync("Enter");
            await Expect(alexChat.Locator(".msg-text", new() { HasText = "Are you still there?" })).ToBeVisibleAsync();
            samLink.Restore();
            await Expect(sam.Locator(".link-state")).ToHaveTextAsync("Connected");
            await Expect(samChat.Locator(".msg-text", new() { HasText = "Are you still there?" })).ToHaveCountAsync(1);
            await Expect(samChat.Locator(".msg-text")).ToHaveCountAsync(4);

            // A send lost with the network shows as failed; Retry reuses its client message id: stored once.
            alexLink.LoseNextSend();
            await reply.FillAsync("Yes, one moment please.");
            await reply.PressAsync("Enter");
            await Expect(alexChat.Locator(".msg-failed")).ToBeVisibleAsync();
            await Shots(alex, sam, "5-failed-send");
            alexLink.Restore();
            await Expect(alex.Locator(".link-state")).ToHaveTextAsync("Connected");
            await alexChat.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
            await Expect(alexChat.Locator(".msg-agent .msg-text", new() { HasText = "Yes, one moment please." })).ToHaveCountAsync(1);
            await Expect(alexChat.Locator(".msg-failed")).ToHaveCountAsync(0);
            var history = await observer.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 50);
            history.Messages.Count(m => m.Text == "Yes, one moment please.").Should().Be(1, "a retried send is stored once");
            history.Messages.Single(m => m.Text == "Yes, one moment please.").ClientMessageId.Should().Be(alexLink.LostClientMessageId);

            // Transfer to Sam with a note: both pages show Sam as the agent, and Sam can now write.
            await Row(alex, sessionId).Locator("td.visitor").ClickAsync();
            var details = alex.GetByRole(AriaRole.Complementary, new() { Name = "Session details" });
            await details.GetByLabel("Transfer Robin to").SelectOptionAsync(new SelectOptionValue { Value = WidgetHost.SecondAgentUser });
            await details.GetByLabel("Transfer note").FillAsync("VIP customer, order 1234");
            await details.GetByRole(AriaRole.Button, new() { Name = "Transfer" }).ClickAsync();
            await Expect(Row(alex, sessionId).Locator("td.agent")).ToHaveTextAsync(WidgetHost.SecondAgentName);
            await Expect(Row(sam, sessionId).Locator("td.agent")).ToHaveTextAsync(WidgetHost.SecondAgentName);
            await Expect(samChat.GetByRole(AriaRole.Textbox, new() { Name = "Reply" })).ToBeVisibleAsync();
            await Expect(alexChat.Locator(".read-only")).ToHaveTextAsync($"Read-only: assigned to {WidgetHost.SecondAgentName}.");
            await Expect(samChat.Locator(".transfer-note")).ToHaveTextAsync("Transfer note: VIP customer, order 1234");
            await Shots(alex, sam, "6-transferred");

            // Sam resolves from the details panel: the chat leaves the open list on both pages and shows grey under Resolved.
            await Row(sam, sessionId).Locator("td.visitor").ClickAsync();
            await sam.GetByRole(AriaRole.Complementary, new() { Name = "Session details" }).GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
            await Expect(Row(alex, sessionId)).ToHaveCountAsync(0);
            await Expect(Row(sam, sessionId)).ToHaveCountAsync(0);
            await Expect(visitor.Locator($"{Widget} .status")).ToHaveTextAsync("Chat resolved");
            foreach (var page in new[] { alex, sam })
            {
                await page.GetByRole(AriaRole.Radio, new() { Name = "Resolved" }).CheckAsync();
                await ExpectStatus(page, sessionId, "resolved", Grey);
            }
            await Expect(samChat.Locator(".read-only")).ToHaveTextAsync("Chat resolved. Read-only.");
            await Shots(alex, sam, "7-resolved");
        }
        finally
        {
            await visitorContext.CloseAsync();
            await alexContext.CloseAsync();
            await samContext.CloseAsync();
        }
    }

    [Fact]
    public async Task The_dashboard_has_no_serious_or_critical_accessibility_violation()
    {
        // axe-core is injected as a script, which the dashboard's Content-Security-Policy would (rightly) block.
        var (context, page) = await host.DashboardAsync(WidgetHost.AgentUser, bypassCsp: true);
        var (visitorContext, visitor) = await host.VisitorAsync("prechat.html");
        try
        {
            var sessionId = await StartChatAsync(visitor, "Ada");
            await ExpectStatus(page, sessionId, "waiting_for_agent", Yellow);
            await Row(page, sessionId).GetByRole(AriaRole.Button, new() { Name = "Assign to Me: Ada" }).ClickAsync();
            await Expect(Chat(page, sessionId)).ToBeVisibleAsync();
            await Row(page, sessionId).Locator("td.visitor").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "Session details" })).ToBeVisibleAsync();

            var violations = new List<string>();
            foreach (var view in new[] { "queue", "map", "resolved", "replies", "team" })
            {
                await page.Locator($"nav button[data-view={view}]").ClickAsync();
                violations.AddRange(await Axe.SeriousViolationsAsync(page));
            }
            violations.Should().BeEmpty("axe-core finds no serious or critical violation on the dashboard");

            // The sign-in page too.
            var signIn = await context.NewPageAsync();
            await signIn.Context.ClearCookiesAsync();
            await signIn.GotoAsync(new Uri(host.ApiBase, "app/").ToString());
            await Expect(signIn.GetByLabel("Workspace")).ToBeVisibleAsync();
            (await Axe.SeriousViolationsAsync(signIn)).Should().BeEmpty();
        }
        finally
        {
            await visitorContext.CloseAsync();
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_chat_with_5000_messages_opens_on_its_newest_page_and_pages_older_history_into_a_virtualized_list()
    {
        var (context, page) = await host.DashboardAsync(WidgetHost.AgentUser);
        var (visitorContext, visitor) = await host.VisitorAsync("prechat.html");
        await using var agent = await host.AgentAsync();
        try
        {
            var sessionId = await StartChatAsync(visitor, "Lena");
            await agent.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
            // 5,000 stored messages, sent 16 at a time through the real hub.
            const int total = 5_000;
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                for (var i = Interlocked.Increment(ref next); i <= total; i = Interlocked.Increment(ref next))
                    await agent.InvokeAsync<MessageAck>("SendMessage", sessionId, $"bulk-{i}", $"Message number {i}");
            }));

            await Row(page, sessionId).GetByRole(AriaRole.Button, new() { Name = "Open chat with Lena" }).ClickAsync();
            var chat = Chat(page, sessionId);
            await Expect(chat.Locator(".msg").Last).ToHaveAttributeAsync("data-seq", total.ToString());
            (await chat.Locator(".msg").CountAsync()).Should().BeLessThan(60, "only the rows in view are in the DOM");

            // Scrolling to the top pages older history in; the list stays virtualized all the way to message 1.
            var list = chat.Locator(".messages");
            var oldest = int.MaxValue;
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (oldest > 1)
            {
                DateTime.UtcNow.Should().BeBefore(deadline, "history pages in while scrolling up");
                await list.EvaluateAsync("el => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); }");
                var seen = await chat.Locator(".msg").EvaluateAllAsync<int[]>("ms => ms.map(m => Number(m.dataset.seq))");
                oldest = Math.Min(oldest, seen.Min());
                (seen.Length).Should().BeLessThan(60);
            }
            // The list may still settle (row measurements move the scroll position): at the very top, message 1 shows.
            await Eventually.GetAsync(async () =>
            {
                await list.EvaluateAsync("el => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); }");
                return await chat.Locator(".msg[data-seq='1'] .msg-text").AllTextContentsAsync();
            }, texts => texts.Count == 1 && texts[0] == "Message number 1", what: "message 1 at the top of the list");
            await page.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "dashboard-8-long-chat.png") });
        }
        finally
        {
            await visitorContext.CloseAsync();
            await context.CloseAsync();
        }
    }

    private static async Task<string> StartChatAsync(IPage visitor, string name)
    {
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
        await visitor.GetByLabel("Name").FillAsync(name);
        await visitor.GetByLabel("Email").FillAsync($"{name.ToLowerInvariant()}@example.com");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        return (await Eventually.GetAsync(() => visitor.EvaluateAsync<string?>($"() => localStorage.getItem('chatsupport.{WidgetHost.Tenant}.session')"),
            id => !string.IsNullOrEmpty(id), what: "the widget's stored session id"))!;
    }

    private static ILocator Row(IPage page, string sessionId) => page.Locator($"table.queue tr[data-session-id='{sessionId}']");

    private static ILocator Chat(IPage page, string sessionId) => page.Locator($".mini-chat[data-session-id='{sessionId}']");

    private static async Task ExpectStatus(IPage page, string sessionId, string status, string color)
    {
        var badge = Row(page, sessionId).Locator(".status");
        await Expect(badge).ToHaveAttributeAsync("data-status", status);
        await Expect(badge).ToHaveCSSAsync("background-color", color);
    }

    private static async Task Shots(IPage alex, IPage sam, string state)
    {
        await alex.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, $"dashboard-{state}-alex-1280.png") });
        await sam.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, $"dashboard-{state}-sam-1920.png") });
    }
}
