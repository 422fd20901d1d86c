using ChatSupport.Api.Hubs;
using ChatSupport.Api.Tests.Hardening;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Settings;

/// <summary>A greeting is not someone writing: a greeted chat whose visitor left without a word is still abandoned.</summary>
public sealed class GreetedAbandonmentTests(ShortAbandonmentHost fixture) : IClassFixture<ShortAbandonmentHost>
{
    [Fact]
    public async Task A_greeted_chat_whose_visitor_left_without_writing_is_abandoned()
    {
        var host = fixture.Host;
        var tenant = await host.NewTenantAsync();
        (await host.Grains.GetGrain<ISettingsGrain>(tenant).Save(new WorkspaceSettings
        {
            AutomatedResponses = new AutomatedResponses { Greeting = new AutomatedMessage { Enabled = true, Text = "Hi there!" } },
        }, 0, "alex")).Error.Should().BeNull();
        await using var agent = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex");
        await agent.Connection.InvokeAsync<DeskSnapshot>("GetDesk");

        var leaver = await ChatParticipant.VisitorAsync(host, tenant);
        var left = (await leaver.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        (await leaver.Connection.InvokeAsync<VisitorMessagePage>("GetHistory", left, 0L, 10)).Messages.Should().ContainSingle(m => m.Text == "Hi there!");
        await leaver.DisposeAsync();

        await Eventually.GetAsync(() => Task.FromResult(agent.Desk.Snapshot()),
            ds => ds.Any(d => d.Kind == DeskDeltaKind.Removed && d.Session.SessionId == left), TimeSpan.FromSeconds(40), "the greeted chat abandoned");
        var abandoned = await host.Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, left)).GetSnapshot(ChatCaller.Agent(new AgentRef("alex", "Alex")));
        abandoned.Value!.Abandoned.Should().BeTrue();
    }
}
