using ChatSupport.Api.Hubs;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// Queue flooding (docs/security.md, "Hardening"), through the real hubs: a chat whose visitor closed the widget without
/// a word is closed as abandoned, and a full queue refuses new visitors with queue_full. Before, anyone with free visitor
/// tokens could open chats that waited for ever, as many as they liked.
/// </summary>
public sealed class AbandonmentThroughTheHubTests(ShortAbandonmentHost fixture) : IClassFixture<ShortAbandonmentHost>
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task A_visitor_who_leaves_without_writing_has_the_chat_abandoned_and_one_connected_or_who_wrote_keeps_it()
    {
        var tenant = await Host.NewTenantAsync();
        await using var agent = await ChatParticipant.AgentAsync(Host, tenant, "alex", "Alex");
        await agent.Connection.InvokeAsync<DeskSnapshot>("GetDesk");

        var leaver = await ChatParticipant.VisitorAsync(Host, tenant);
        var left = (await leaver.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await using var stayer = await ChatParticipant.VisitorAsync(Host, tenant);
        var stays = (await stayer.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        var writer = await ChatParticipant.VisitorAsync(Host, tenant);
        var wrote = (await writer.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await writer.SendAsync(wrote, "m1", "Hello? I need help with my order.");
        await leaver.DisposeAsync();
        await writer.DisposeAsync();

        var removals = await Eventually.GetAsync(() => Task.FromResult(agent.Desk.Snapshot()),
            ds => ds.Any(d => d.Kind == DeskDeltaKind.Removed && d.Session.SessionId == left), TimeSpan.FromSeconds(40), "the abandoned chat off the desk");
        var removed = removals.First(d => d.Kind == DeskDeltaKind.Removed && d.Session.SessionId == left);
        removed.Session.Status.Should().Be(ChatStatus.Resolved);
        var abandoned = await Host.Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, left)).GetSnapshot(ChatCaller.Agent(new AgentRef("alex", "Alex")));
        abandoned.Value!.Abandoned.Should().BeTrue();
        abandoned.Value.ResolvedBy.Should().BeNull("nobody resolved it");

        var desk = await agent.Connection.InvokeAsync<DeskSnapshot>("GetDesk");
        desk.Sessions.Select(s => s.SessionId).Should().BeEquivalentTo([stays, wrote], "the connected visitor and the one who wrote still wait");
        (await stayer.Connection.InvokeAsync<VisitorSessionView>("GetSession", stays)).Status.Should().Be(ChatStatus.WaitingForAgent);
    }
}

/// <summary>The queue's cap through the hub (the cap of 500 itself, raced by concurrent starts, is Grains.Tests' WaitingCapTests).</summary>
public sealed class QueueFullTests(SmallQueueHost fixture) : IClassFixture<SmallQueueHost>
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task When_the_tenants_queue_is_full_a_new_visitor_gets_queue_full_and_nothing_is_stored_for_them()
    {
        var tenant = await Host.NewTenantAsync();
        var waiting = new List<VisitorParticipant>();
        for (var i = 0; i < SmallQueueHost.MaxWaiting; i++)
        {
            var visitor = await ChatParticipant.VisitorAsync(Host, tenant);
            await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
            waiting.Add(visitor);
        }
        try
        {
            await using var late = await ChatParticipant.VisitorAsync(Host, tenant);
            var refused = await late.Connection.Invoking(c => c.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata()))
                .Should().ThrowAsync<HubException>();
            Outcome.CodeOf(refused.Which).Should().Be("queue_full");
            refused.Which.Message.Should().Contain("queue is full");
            late.Connection.State.Should().Be(HubConnectionState.Connected);
            var lateVisitor = Host.Grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(tenant, late.Token!.VisitorId));
            (await lateVisitor.GetOpenSessionId()).Should().BeNull();
            (await lateVisitor.GetSessionIds()).Should().BeEmpty();
            (await Host.Grains.GetGrain<IDeskGrain>(tenant).GetSnapshot()).Counts.Should().Be(new DeskCounts(SmallQueueHost.MaxWaiting, SmallQueueHost.MaxWaiting));
        }
        finally
        {
            foreach (var visitor in waiting) await visitor.DisposeAsync();
        }
    }
}

/// <summary>A host whose waiting chats are abandoned after 4 s (checked every second).</summary>
public sealed class ShortAbandonmentHost : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync(
    [
        "ChatSupport:Queue:AbandonAfter=00:00:04",
        "ChatSupport:Queue:AbandonCheckPeriod=00:00:01",
    ]);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>A host whose queues hold 3 waiting chats (abandonment as shipped: 10 minutes).</summary>
public sealed class SmallQueueHost : IAsyncLifetime
{
    public const int MaxWaiting = 3;

    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync([$"ChatSupport:Queue:MaxWaitingPerTenant={MaxWaiting}"]);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
