using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// The visitor widget in a real browser (Debian's Chromium) on the demo customer site, a different origin from
/// the Api, against the real host and a real agent SignalR client. Every wait is a Playwright expectation or
/// an Eventually with a deadline; screenshots land in TestResults/screenshots/.
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class WidgetTests(WidgetHost host)
{
    private const string Widget = "#chatsupport-widget";

    [Fact]
    public async Task A_visitor_chats_with_an_agent_survives_reload_and_navigation_and_rates_the_chat()
    {
        var (context, page) = await host.VisitorAsync("prechat.html");
        await using var agent = await host.AgentAsync();
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
            await page.GetByLabel("Name").FillAsync("Robin");
            await page.GetByLabel("Email").FillAsync("robin@example.com");
            await page.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
            var status = page.Locator($"{Widget} .status");
            await Expect(status).ToHaveTextAsync(new Regex(@"^Waiting for an agent… you are number \d+ in line( \((about \d+ min|less than a minute)\))?$"));
            await Shot(page, "1-waiting");

            var sessionId = await SessionIdAsync(page);
            var started = await agent.InvokeAsync<ChatSessionSnapshot>("GetSession", sessionId);
            started.Status.Should().Be(ChatStatus.WaitingForAgent);
            started.Visitor.Name.Should().Be("Robin");
            started.Visitor.Email.Should().Be("robin@example.com");
            started.Visitor.Browser.Should().StartWith("Chrom");
            started.Visitor.OperatingSystem.Should().StartWith("Linux");
            started.Visitor.PageUrl.Should().Be(new Uri(host.DemoBase, "prechat.html").ToString());
            started.Visitor.PageTitle.Should().Be("Demo Shop — Contact");
            started.Visitor.Language.Should().Be("en-GB");
            started.Visitor.TimeZone.Should().Be("Europe/Berlin");
            started.Visitor.UserAgent.Should().Contain("Chrome");

            // The agent takes the chat: "Alex Agent joined".
            await agent.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
            await agent.InvokeAsync<ResumeResult>("OpenChat", sessionId, 0L);
            await Expect(page.Locator($"{Widget} .log .note", new() { HasText = $"{WidgetHost.AgentName} joined" })).ToBeVisibleAsync();
            await Expect(status).ToHaveTextAsync($"You are chatting with {WidgetHost.AgentName}");

            // Visitor → agent, with Sent, then Read once the agent acknowledges.
            var input = page.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
            await input.FillAsync("Hello, where is my order?");
            await input.PressAsync("Enter");
            var mine = page.Locator($"{Widget} .msg.visitor", new() { HasText = "Hello, where is my order?" });
            await Expect(mine).ToHaveAttributeAsync("data-status", new Regex("^(sent|delivered|read)$"));
            var history = await Eventually.GetAsync(() => agent.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 50),
                p => p.Messages.Any(m => m.Text == "Hello, where is my order?"), what: "the visitor's message at the agent");
            var visitorSeq = history.Messages.Single(m => m.Text == "Hello, where is my order?").Seq;
            await agent.InvokeAsync<DeliveryReceipts>("Acknowledge", sessionId, visitorSeq, visitorSeq);
            await Expect(mine).ToHaveAttributeAsync("data-status", "read");

            // Agent typing, then agent → visitor; the widget acknowledges what it showed.
            await agent.InvokeAsync("SetTyping", sessionId, true);
            await Expect(page.Locator($"{Widget} .typing")).ToHaveTextAsync($"{WidgetHost.AgentName} is typing…");
            var reply = await agent.InvokeAsync<MessageAck>("SendMessage", sessionId, Guid.NewGuid().ToString("N"), "Hi Robin, let me check that for you.");
            await Expect(page.Locator($"{Widget} .msg.agent .bubble")).ToHaveTextAsync("Hi Robin, let me check that for you.");
            await Eventually.GetAsync(() => agent.InvokeAsync<ChatSessionSnapshot>("GetSession", sessionId),
                s => s.Receipts.VisitorDeliveredSeq >= reply.Seq && s.Receipts.VisitorReadSeq >= reply.Seq, what: "the widget's Acknowledge");
            await Shot(page, "2-conversation");

            // A reload mid-chat keeps the conversation, each message once; so does navigating to another page.
            await page.ReloadAsync();
            await Expect(page.Locator($"{Widget} .bubble")).ToHaveTextAsync(["Hello, where is my order?", "Hi Robin, let me check that for you."]);
            await page.GetByRole(AriaRole.Link, new() { Name = "Kettle" }).ClickAsync();
            await Expect(page).ToHaveTitleAsync("Demo Shop — Product");
            await Expect(page.Locator($"{Widget} .bubble")).ToHaveTextAsync(["Hello, where is my order?", "Hi Robin, let me check that for you."]);
            await Expect(page.Locator($"{Widget} .msg.visitor")).ToHaveAttributeAsync("data-status", "read");
            (await SessionIdAsync(page)).Should().Be(sessionId);

            await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Thanks! Order 1234.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            await Eventually.GetAsync(() => agent.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 50),
                p => p.Messages.Count(m => m.Text == "Thanks! Order 1234.") == 1, what: "the message sent after navigation, once");
            await Expect(page.Locator($"{Widget} .msg.visitor", new() { HasText = "Thanks! Order 1234." })).ToHaveAttributeAsync("data-status", "sent");

            // Resolve → "Chat resolved" → 4 stars with feedback, sent once → thank-you.
            await agent.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
            await Expect(status).ToHaveTextAsync("Chat resolved");
            await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Message" })).ToBeHiddenAsync();
            await page.Locator($"{Widget} label[for=cs-star-4]").ClickAsync();
            await page.GetByLabel("Feedback (optional)").FillAsync("Quick and kind");
            await Shot(page, "3-rating");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
            await Expect(page.GetByText("Thank you for your feedback!")).ToBeVisibleAsync();
            await Shot(page, "4-thanks");

            var rated = await agent.InvokeAsync<ChatSessionSnapshot>("GetSession", sessionId);
            rated.Status.Should().Be(ChatStatus.Resolved);
            rated.Rating.Should().NotBeNull();
            rated.Rating!.Stars.Should().Be(4);
            rated.Rating.Feedback.Should().Be("Quick and kind");
            rated.Rating.Anonymous.Should().BeFalse();

            // After a reload the resolved, rated chat shows the thank-you, not a second prompt.
            await page.ReloadAsync();
            await Expect(page.GetByText("Thank you for your feedback!")).ToBeVisibleAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task Html_and_script_payloads_show_as_text_and_run_nothing()
    {
        const string img = "<img src=x onerror=window.__pwned=1>";
        const string script = "<script>window.__pwned=1</script>";
        var (context, page) = await host.VisitorAsync("");
        await using var agent = await host.AgentAsync();
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
            var input = page.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
            await input.FillAsync(img);
            await input.PressAsync("Enter");
            var sessionId = await SessionIdAsync(page);
            await agent.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
            await agent.InvokeAsync<MessageAck>("SendMessage", sessionId, Guid.NewGuid().ToString("N"), script);
            await agent.InvokeAsync<MessageAck>("SendMessage", sessionId, Guid.NewGuid().ToString("N"), img);

            var bubbles = page.Locator($"{Widget} .bubble");
            await Expect(bubbles).ToHaveTextAsync([img, script, img]);
            await Expect(page.Locator($"{Widget} .msg.visitor")).ToHaveAttributeAsync("data-status", new Regex("^(sent|delivered|read)$"));
            await Shot(page, "5-payloads-as-text");
            await AssertNothingRanAsync(page);

            // The history path (a reload renders from Resume) is just as inert.
            await page.ReloadAsync();
            await Expect(bubbles).ToHaveTextAsync([img, script, img]);
            await AssertNothingRanAsync(page);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_hostile_stylesheet_on_the_host_page_does_not_change_the_widget()
    {
        var (context, page) = await host.VisitorAsync("");
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
            var panel = page.Locator($"{Widget} .panel");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start chat" })).ToBeFocusedAsync();
            var launcher = page.Locator($"{Widget} .launcher");
            var panelBefore = await InteriorAsync(page, panel, 12);
            var launcherBefore = await InteriorAsync(page, launcher, 10);
            await Shot(page, "6-before-hostile-css");

            await page.AddStyleTagAsync(new()
            {
                Content = """
                    * { font-size: 40px !important; color: red !important; all: unset; }
                    div, button, p, h2, form { padding: 30px !important; background: lime !important; font-family: serif !important; }
                    #chatsupport-widget { transform: scale(1.5) !important; opacity: .5 !important; right: 200px !important; }
                    """,
            });
            await Expect(page.Locator("main h1")).ToHaveCSSAsync("color", "rgb(255, 0, 0)");   // the stylesheet is in force on the page
            var panelAfter = await InteriorAsync(page, panel, 12);
            var launcherAfter = await InteriorAsync(page, launcher, 10);
            await Shot(page, "7-after-hostile-css");

            // Pixel-equal: the same pixels encode to the same PNG bytes. Only the panel's and launcher's interiors are
            // compared (inset 12 px and 10 px) because the host page shows through their rounded corners.
            panelAfter.Should().Equal(panelBefore, "the panel must look the same with the hostile stylesheet");
            launcherAfter.Should().Equal(launcherBefore, "the launcher must look the same with the hostile stylesheet");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_widget_works_with_the_keyboard_on_a_narrow_mobile_viewport()
    {
        var (context, page) = await host.VisitorAsync("", width: 375, height: 667);
        try
        {
            var launcher = page.GetByRole(AriaRole.Button, new() { Name = "Open chat" });
            await launcher.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            // On a narrow screen the open panel covers everything; the launcher steps aside (the panel's own button minimizes).
            await Expect(page.Locator($"{Widget} .launcher")).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(page.Locator($"{Widget} .launcher")).ToBeHiddenAsync();
            await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Chat with us" })).ToBeVisibleAsync();
            var box = await page.Locator($"{Widget} .panel").BoundingBoxAsync();
            box!.Width.Should().Be(375, "the panel takes the whole narrow screen");
            box.X.Should().Be(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start chat" })).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            var input = page.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
            await Expect(input).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync("Typed with the keyboard");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator($"{Widget} .log .bubble")).ToHaveTextAsync("Typed with the keyboard");
            await Expect(page.Locator($"{Widget} .status")).ToHaveAttributeAsync("aria-live", "polite");
            await Shot(page, "8-mobile");
            await page.Keyboard.PressAsync("Escape");
            await Expect(page.Locator($"{Widget} .panel")).ToBeHiddenAsync();
            await Expect(launcher).ToBeFocusedAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_build_measures_and_prints_the_gzipped_size_within_34_KB()
    {
        var outDir = Directory.CreateTempSubdirectory("widget-build").FullName;
        try
        {
            var start = new ProcessStartInfo("node", ["node_modules/vite/bin/vite.js", "build", "--config", "src/ChatSupport.Web/vite.config.ts", "--outDir", outDir])
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var build = Process.Start(start)!;
            var stdout = build.StandardOutput.ReadToEndAsync();
            var stderr = build.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await build.WaitForExitAsync(timeout.Token);
            build.ExitCode.Should().Be(0, await stderr);
            var printed = Regex.Match(await stdout, @"widget\.js: [\d.]+ KB minified, [\d.]+ KB gzipped \((\d+) bytes; budget 34\.0 KB\)");
            printed.Success.Should().BeTrue("the build prints the size: " + await stdout);
            var gzipped = long.Parse(printed.Groups[1].Value);
            gzipped.Should().BeLessThanOrEqualTo(34 * 1024);

            // What the Api serves is that same bundle, and it measures the same.
            using var http = new HttpClient { BaseAddress = host.ApiBase };
            var served = await http.GetByteArrayAsync("widget.js");
            served.Should().Equal(await File.ReadAllBytesAsync(Path.Combine(outDir, "widget.js")));
            using var buffer = new MemoryStream();
            await using (var gz = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true)) await gz.WriteAsync(served);
            buffer.Length.Should().BeLessThanOrEqualTo(34 * 1024);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public async Task The_demo_site_answers_only_on_its_own_port_and_the_Api_serves_the_widget()
    {
        using var http = new HttpClient();
        var demo = await http.GetStringAsync(host.DemoBase);
        demo.Should().Contain($"src=\"{host.ApiBase.GetLeftPart(UriPartial.Authority)}/widget.js\"").And.Contain("data-tenant=\"demo\"");
        (await http.GetAsync(new Uri(host.DemoBase, "widget.js"))).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await http.GetAsync(new Uri(host.DemoBase, "healthz"))).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        // The Api's root is the agent dashboard, never the demo shop.
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var root = await noRedirects.GetAsync(host.ApiBase);
        root.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        root.Headers.Location!.OriginalString.Should().Be("/app/");
        var widget = await http.GetAsync(new Uri(host.ApiBase, "widget.js"));
        widget.EnsureSuccessStatusCode();
        widget.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
    }

    private static async Task AssertNothingRanAsync(IPage page)
    {
        (await page.EvaluateAsync<bool>("() => window.__pwned === undefined")).Should().BeTrue("no payload may run");
        (await page.EvaluateAsync<int>("() => document.getElementById('chatsupport-widget').shadowRoot.querySelectorAll('.log img, .log script').length"))
            .Should().Be(0, "payloads are text, never elements");
        (await page.EvaluateAsync<string[]>("() => Object.keys(window).filter(k => /chatsupport/i.test(k))"))
            .Should().Equal(["ChatSupportWidget"], "the widget's only global is its namespace");
    }

    private static Task<string> SessionIdAsync(IPage page) =>
        Eventually.GetAsync(() => page.EvaluateAsync<string?>($"() => localStorage.getItem('chatsupport.{WidgetHost.Tenant}.session')"),
            id => !string.IsNullOrEmpty(id), what: "the widget's stored session id")!;

    private static async Task<byte[]> InteriorAsync(IPage page, ILocator element, int inset)
    {
        await Expect(element).ToBeVisibleAsync();
        var box = (await element.BoundingBoxAsync())!;
        return await page.ScreenshotAsync(new()
        {
            Clip = new Clip { X = box.X + inset, Y = box.Y + inset, Width = box.Width - 2 * inset, Height = box.Height - 2 * inset },
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, $"widget-{name}.png") });
}

[Collection(WidgetCollection.Name)]
public sealed class WidgetNetworkTests(WidgetHost host)
{
    private const string Widget = "#chatsupport-widget";

    [Fact]
    public async Task After_a_network_drop_the_widget_reconnects_fills_the_gap_and_a_failed_send_is_retried_once()
    {
        var link = new FlakyLink();
        var (context, page) = await host.VisitorAsync("", setup: link.AttachAsync);
        await using var agent = await host.AgentAsync();
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
            var status = page.Locator($"{Widget} .status");
            await Expect(status).ToContainTextAsync("Waiting for an agent");
            var sessionId = await Eventually.GetAsync(() => page.EvaluateAsync<string?>($"() => localStorage.getItem('chatsupport.{WidgetHost.Tenant}.session')"),
                id => !string.IsNullOrEmpty(id), what: "the session id")!;
            await agent.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId!);
            await agent.InvokeAsync<MessageAck>("SendMessage", sessionId, Guid.NewGuid().ToString("N"), "First answer");
            var bubbles = page.Locator($"{Widget} .bubble");
            await Expect(bubbles).ToHaveTextAsync(["First answer"]);

            // The network drops; the agent writes meanwhile; the widget reconnects and Resume brings exactly the missed ones.
            await link.DropAsync();
            await Expect(status).ToHaveTextAsync("Connection lost. Reconnecting…");
            await agent.InvokeAsync<MessageAck>("SendMessage", sessionId, Guid.NewGuid().ToString("N"), "Sent while you were offline");
            await agent.InvokeAsync<MessageAck>("SendMessage", sessionId, Guid.NewGuid().ToString("N"), "And another one");
            link.Restore();
            await Expect(status).ToHaveTextAsync($"You are chatting with {WidgetHost.AgentName}");
            await Expect(bubbles).ToHaveTextAsync(["First answer", "Sent while you were offline", "And another one"]);

            // A send lost with the network: "Not sent" and Retry; the retry reuses the clientMessageId, stored once.
            link.LoseNextSend();
            var input = page.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
            await input.FillAsync("Did you get this?");
            await input.PressAsync("Enter");
            var mine = page.Locator($"{Widget} .msg.visitor", new() { HasText = "Did you get this?" });
            await Expect(mine).ToHaveAttributeAsync("data-status", "notsent");
            var retry = mine.GetByRole(AriaRole.Button, new() { Name = "Retry sending this message" });
            await Expect(retry).ToBeVisibleAsync();
            await Shot(page, "9-not-sent-retry");
            link.Restore();
            await Expect(status).ToHaveTextAsync($"You are chatting with {WidgetHost.AgentName}");
            await retry.ClickAsync();
            await Expect(mine).ToHaveAttributeAsync("data-status", new Regex("^(sent|delivered|read)$"));
            await Expect(retry).ToHaveCountAsync(0);
            var history = await agent.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 50);
            history.Messages.Where(m => m.Text == "Did you get this?").Should().ContainSingle()
                .Which.ClientMessageId.Should().Be(link.LostClientMessageId, "the retry reuses the lost send's clientMessageId");
            await Expect(bubbles).ToHaveTextAsync(["First answer", "Sent while you were offline", "And another one", "Did you get this?"]);
            link.Connections.Should().BeGreaterThanOrEqualTo(3, "the widget reconnected after each drop");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, $"widget-{name}.png") });
}
