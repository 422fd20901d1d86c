using System.Text.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Team;

/// <summary>What a dashboard receives of a chat's response-time targets: the due times to count down from, and the miss.</summary>
[Collection(ApiCollection.Name)]
public sealed class TargetClockTests(ApiHostFixture fixture)
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task The_dashboard_gets_the_due_time_of_a_waiting_chat_and_then_its_miss_and_the_visitor_gets_neither()
    {
        var tenant = await Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(Host, tenant, "alex", "Alex");
        await alex.Connection.InvokeAsync<RoutingSettings>("SaveRouting", new RoutingSettings
        {
            Targets = new ResponseTargets { AssignmentSeconds = 10, FirstReplySeconds = 60, NextReplySeconds = 60 },
        });

        await alex.Connection.InvokeAsync<JsonElement>("GetDesk"); // the queue view's subscription
        await using var visitor = await ChatParticipant.VisitorAsync(Host, tenant);
        var started = await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        var id = started.Session.SessionId;

        var added = await alex.Desk.WaitForAsync(d => d.Session.SessionId == id && d.Kind == DeskDeltaKind.Added, "the queue row");
        var assignment = added.Session.Targets.Should().Contain(t => t.Target == "assignment").Which;
        (assignment.DueAt - assignment.StartedAt).Should().Be(TimeSpan.FromSeconds(10));
        assignment.Missed.Should().BeFalse();
        added.Session.Targets.Should().Contain(t => t.Target == "first_reply" && t.DueAt == assignment.StartedAt.AddSeconds(60));

        // The miss arrives as one more row change: the dashboards' countdowns turn red from the due time by themselves.
        var missed = await alex.Desk.WaitForAsync(d => d.Session.SessionId == id && d.Session.Targets.Any(t => t.Missed), "the missed assignment target");
        missed.Session.Targets.Single(t => t.Missed).Should().BeEquivalentTo(assignment with { Missed = true });
        var session = await alex.Connection.InvokeAsync<JsonElement>("GetSession", id);
        session.GetProperty("targets").EnumerateArray().Should().Contain(t => t.GetProperty("target").GetString() == "assignment" && t.GetProperty("missed").GetBoolean());

        // Targets are the team's business: the visitor's view of the chat has none.
        (await visitor.Connection.InvokeAsync<JsonElement>("GetSession", id)).GetRawText().Should().NotContain("targets").And.NotContain("dueAt");
    }
}
