using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Tenants;
using ChatSupport.Contracts.Visitors;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// The Team page and auto-assignment in Chromium, on a workspace of its own (so the demo tenant's tests keep manual
/// assignment): an admin adds an agent, the agent signs in with the one-time password, is online, gets a chat by
/// the rule, sees its response-time target count down (amber, then red, and a notice before it is missed), goes away
/// and gets no more.
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class TeamRoutingTests(WidgetHost host)
{
    [Fact]
    public async Task An_agent_added_on_the_team_page_signs_in_gets_an_auto_assigned_chat_and_none_once_away()
    {
        var tenant = await host.NewWorkspaceAsync("team", ("alex", "Alex Admin"));

        var (adminContext, admin) = await host.DashboardAsync("alex", tenant: tenant);
        IBrowserContext? kimContext = null;
        try
        {
            // The admin is away (takes no chats), adds Kim and turns on least busy.
            await admin.GetByLabel("My status").SelectOptionAsync("away");
            await admin.Locator("nav button[data-view='team']").ClickAsync();
            await admin.GetByLabel("Username").FillAsync("kim");
            await admin.GetByLabel("Display name").FillAsync("Kim Agent");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Add operator" }).ClickAsync();
            var password = await admin.Locator(".one-time-password code").TextContentAsync();
            password.Should().HaveLength(16);
            await Expect(admin.Locator("table.team-list tr[data-username='kim']")).ToContainTextAsync("Kim Agent");
            await admin.Locator("#routing-mode").SelectOptionAsync("least_busy");
            // A first-reply target of 20 s: amber from 15 s, red from 20 s, soon enough for a test.
            await admin.GetByLabel("First agent reply (seconds)").FillAsync("20");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save routing" }).ClickAsync();
            await Expect(admin.Locator(".team-audit")).ToContainTextAsync("settings changed");
            await Expect(admin.Locator(".team-audit")).ToContainTextAsync("operator added kim");

            (kimContext, var kim) = await host.DashboardAsync("kim", tenant: tenant, password: password!);
            await Expect(kim.GetByLabel("My status")).ToHaveValueAsync("online");
            var first = await StartChatAsync(tenant);
            await Expect(kim.Locator($"table.queue tr[data-session-id='{first}'] td.agent")).ToHaveTextAsync("Kim Agent");
            await kim.Locator($"table.queue tr[data-session-id='{first}']").ClickAsync();
            await Expect(kim.Locator(".assignment-reason")).ToContainTextAsync("Least busy");

            // The countdown of the chat's first-reply target, computed in the page from the due time the server sent.
            var countdown = kim.Locator($"table.queue tr[data-session-id='{first}'] .target");
            await Expect(countdown).ToContainTextAsync("First reply in");
            await kim.Locator($"table.queue tr[data-session-id='{first}']").GetByRole(AriaRole.Button, new() { Name = "Open chat with Robin" }).ClickAsync();
            await Expect(kim.Locator(".mini-chat .mini-head .target")).ToContainTextAsync("First reply");
            var slow = new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 };
            await Expect(countdown).ToHaveAttributeAsync("data-state", "amber", slow);
            await Expect(kim.Locator(".toast", new() { HasText = "First reply target for Robin" })).ToBeVisibleAsync();
            await Expect(countdown).ToHaveAttributeAsync("data-state", "red", slow);
            await Expect(countdown).ToContainTextAsync("First reply missed by");
            await Expect(kim.Locator(".mini-chat .mini-head .target")).ToHaveAttributeAsync("data-state", "red");

            await kim.GetByLabel("My status").SelectOptionAsync("away");
            await Expect(kim.GetByLabel("My status")).ToHaveAttributeAsync("data-status", "away");
            var second = await StartChatAsync(tenant);
            await Expect(kim.Locator($"table.queue tr[data-session-id='{second}']")).ToBeVisibleAsync();
            (await host.Grains.GetGrain<IRouterGrain>(tenant).Sweep()).Assigned.Should().BeEmpty("everyone is away");
            await Expect(kim.Locator($"table.queue tr[data-session-id='{second}'] td.agent")).ToHaveTextAsync("—");
        }
        finally
        {
            await adminContext.CloseAsync();
            if (kimContext is not null) await kimContext.CloseAsync();
        }
    }

    /// <summary>A visitor's chat, started the way the widget's StartChat does (the visitor grain).</summary>
    private async Task<string> StartChatAsync(string tenant)
    {
        var started = await host.Grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(tenant, GrainKeys.NewId()))
            .StartOrResumeChat(new VisitorMetadata { Name = "Robin" });
        started.Error.Should().BeNull();
        return started.Value!.SessionId;
    }
}
