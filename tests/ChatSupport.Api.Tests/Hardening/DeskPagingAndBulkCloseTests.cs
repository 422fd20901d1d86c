using ChatSupport.Api.Hubs;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// Queue flooding (docs/security.md, "Hardening"), the desk's side: one GetDesk answers at most 200 rows (before, every
/// open chat, to every agent, in one message), the rest by cursor; and an agent closes a flood of chats in one action,
/// exactly the ones selected, never another tenant's.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DeskPagingAndBulkCloseTests(ApiHostFixture fixture)
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task GetDesk_answers_at_most_200_rows_and_the_rest_comes_by_cursor_each_once_in_queue_order()
    {
        var tenant = await Host.NewTenantAsync();
        var started = await StartChatsAsync(tenant, 205);
        await using var agent = await ChatParticipant.AgentAsync(Host, tenant, "alex", "Alex");

        var first = await agent.Connection.InvokeAsync<DeskSnapshot>("GetDesk");
        first.Sessions.Should().HaveCount(DeskPlace.PageSize);
        first.Counts.Should().Be(new DeskCounts(205, 205));
        first.NextCursor.Should().NotBeNull();
        var second = await agent.Connection.InvokeAsync<DeskSnapshot>("GetDeskPage", first.NextCursor);
        second.Sessions.Should().HaveCount(5);
        second.NextCursor.Should().BeNull("that was the last page");

        var listed = first.Sessions.Concat(second.Sessions).ToList();
        listed.Select(s => s.SessionId).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(started);
        listed.Select(s => s.CreatedAt).Should().BeInAscendingOrder("waiting chats, longest wait on top");
        listed.Select(s => s.QueuePosition).Should().Equal(Enumerable.Range(1, 205).Select(p => (int?)p));

        var bad = await agent.Connection.Invoking(c => c.InvokeAsync<DeskSnapshot>("GetDeskPage", "not-a-cursor")).Should().ThrowAsync<HubException>();
        Outcome.CodeOf(bad.Which).Should().Be("invalid_input");
    }

    [Fact]
    public async Task Close_selected_closes_exactly_the_selected_chats_of_the_agents_tenant_and_refuses_another_tenants()
    {
        var tenant = await Host.NewTenantAsync();
        var other = await Host.NewTenantAsync();
        var chats = await StartChatsAsync(tenant, 4);
        var foreign = (await StartChatsAsync(other, 1)).Single();
        await using var agent = await ChatParticipant.AgentAsync(Host, tenant, "alex", "Alex");
        await agent.Connection.InvokeAsync<DeskSnapshot>("GetDesk");
        var taken = chats[2];
        await agent.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", taken);

        var results = await agent.Connection.InvokeAsync<IReadOnlyList<CloseChatResult>>("CloseChats", new[] { chats[0], taken, foreign, chats[1] });

        results.Select(r => (r.SessionId, r.Closed, r.Error)).Should().Equal(
            (chats[0], true, null), (taken, true, null), (foreign, false, "unknown_session"), (chats[1], true, null));
        var desk = await agent.Connection.InvokeAsync<DeskSnapshot>("GetDesk");
        desk.Sessions.Select(s => s.SessionId).Should().Equal([chats[3]], "only the unselected chat is still open");
        var closed = (await Host.Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, taken)).GetSnapshot(ChatCaller.Agent(new AgentRef("alex", "Alex")))).Value!;
        closed.Status.Should().Be(ChatStatus.Resolved);
        closed.ResolvedBy.Should().Be(ChatParty.Agent, "closed as resolved by the agent who selected it");
        closed.Abandoned.Should().BeFalse();
        (await Host.Grains.GetGrain<IDeskGrain>(other).GetSnapshot()).Sessions.Select(s => s.SessionId).Should().Equal([foreign], "another tenant's chat is untouched");

        foreach (var bad in new[] { Array.Empty<string>(), [chats[3], chats[3]], Enumerable.Range(0, 201).Select(i => $"s{i}").ToArray(), ["no/such"] })
        {
            var refused = await agent.Connection.Invoking(c => c.InvokeAsync<IReadOnlyList<CloseChatResult>>("CloseChats", bad)).Should().ThrowAsync<HubException>();
            Outcome.CodeOf(refused.Which).Should().Be("invalid_input");
        }
        (await agent.Connection.InvokeAsync<DeskSnapshot>("GetDesk")).Sessions.Should().ContainSingle("a refused call closed nothing");
    }

    /// <summary>Chats started through the visitor grains (as the hub does), one visitor each, in order.</summary>
    private async Task<List<string>> StartChatsAsync(string tenant, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var visitor = Host.Grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(tenant, GrainKeys.NewId()));
            var metadata = new VisitorMetadata { Name = $"Visitor {i}" };
            ChatResult<ChatSessionSnapshot> started;
            // On a loaded machine a call may time out; the retry gets the chat the first attempt started, if it did.
            try { started = await visitor.StartOrResumeChat(metadata); }
            catch (TimeoutException) { started = await visitor.StartOrResumeChat(metadata); }
            ids.Add(started.Value!.SessionId);
        }
        return ids;
    }
}
