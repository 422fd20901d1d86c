using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests;

/// <summary>
/// The visitor's place in a long queue (docs/protocol.md, "QueuePositionChanged"): exact within the first 20 places;
/// further back "at least 20 ahead", and the exact place once the visitor moves into the first places.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class QueuePlacesTests(ApiHostFixture fixture)
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task A_visitor_behind_the_first_20_is_told_at_least_20_ahead_and_gets_their_place_on_moving_into_the_first_places()
    {
        var tenant = await Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(Host, tenant, "alex", "Alex");
        var visitors = new List<VisitorParticipant>();
        try
        {
            var sessions = new List<string>();
            for (var i = 0; i < QueuePlaces.Exact; i++)
            {
                var ahead = await ChatParticipant.VisitorAsync(Host, tenant);
                visitors.Add(ahead);
                var started = await ahead.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
                started.QueuePosition.Should().Be(i + 1);
                started.AheadAtLeast.Should().BeNull();
                sessions.Add(started.Session.SessionId);
            }
            var last = await ChatParticipant.VisitorAsync(Host, tenant);
            visitors.Add(last);
            var behind = await last.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
            behind.QueuePosition.Should().BeNull("the 21st place is not told exactly");
            behind.AheadAtLeast.Should().Be(QueuePlaces.Exact);

            await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessions[0]);
            var told = await last.Queue.WaitForAsync(q => q.Position is not null, "the visitor's exact place once in the first 20");
            told.Position.Should().Be(QueuePlaces.Exact);
            told.AheadAtLeast.Should().BeNull();
            await visitors[1].Queue.WaitForAsync(q => q.Position == 1, "the visitor now next told so");
        }
        finally
        {
            foreach (var v in visitors) await v.DisposeAsync();
        }
    }
}
