using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// Re-route in Chromium, on a workspace of its own: the agent who got a chat sees how long they have to answer, does
/// not answer, is told the chat went back to the queue, and sees it go to their colleague.
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class ReRouteDashboardTests(WidgetHost host)
{
    [Fact]
    public async Task An_agent_who_does_not_answer_in_time_sees_the_countdown_is_told_and_the_chat_goes_to_a_colleague()
    {
        var tenant = await host.NewWorkspaceAsync("reroute", ("alex", "Alex Admin"), ("sam", "Sam Agent"));
        // Sam is online without a browser (an open dashboard connection as far as presence goes).
        var sam = host.Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, "sam"));
        await sam.Connected("sam-dashboard");
        await sam.SetStatus(AgentStatus.Online);
        (await host.Grains.GetGrain<IRouterGrain>(tenant).SaveSettings("alex",
            new RoutingSettings { Mode = RoutingMode.RoundRobin, ReRouteAfterSeconds = RoutingLimits.ShortestTargetSeconds })).Error.Should().BeNull();

        var (context, alex) = await host.DashboardAsync("alex", tenant: tenant);
        try
        {
            await Expect(alex.GetByLabel("My status")).ToHaveValueAsync("online");
            // Round robin's first turn is the first agent by id: Alex.
            var chat = (await host.Grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(tenant, GrainKeys.NewId()))
                .StartOrResumeChat(new VisitorMetadata { Name = "Robin" })).Value!.SessionId;
            var row = alex.Locator($"table.queue tr[data-session-id='{chat}']");
            await Expect(row.Locator("td.agent")).ToHaveTextAsync("Alex Admin");
            await row.GetByRole(AriaRole.Button, new() { Name = "Open chat with Robin" }).ClickAsync();
            await Expect(alex.Locator(".mini-chat .re-route")).ToContainTextAsync("No reply yet: back to the queue in");

            var slow = new LocatorAssertionsToBeVisibleOptions { Timeout = 40_000 };
            await Expect(alex.Locator(".toast", new() { HasText = "The chat with Robin went back to the queue: no reply in 10 s." })).ToBeVisibleAsync(slow);
            await Expect(row.Locator("td.agent")).ToHaveTextAsync("Sam Agent");
            await Expect(alex.Locator(".mini-chat .re-route")).ToBeHiddenAsync();
            await Expect(alex.Locator(".mini-chat .read-only")).ToContainTextAsync("Read-only: assigned to Sam Agent.");
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
