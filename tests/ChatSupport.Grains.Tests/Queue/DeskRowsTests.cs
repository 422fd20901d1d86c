using ChatSupport.Contracts;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Desk;
using ChatSupport.Grains.Storage;
using ChatSupport.Testing;
using Microsoft.Extensions.Options;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests.Queue;

/// <summary>The desk's rows, written behind its deltas, land in storage as the chats are: what a desk activated anew reads.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DeskRowsTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_burst_of_starts_and_an_assignment_are_stored_on_the_desk_rows_as_the_chats_are()
    {
        var tenant = NewTenant();
        var started = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => StartChatAsync(fixture.Client, tenant)));
        var taken = started[0].Snapshot.SessionId;
        var alex = Agent(1);
        (await started[0].Session.Assign(ChatCaller.Agent(alex), alex)).Ok();

        var store = new DeskIndexStore(new ChatTables(Options.Create(new ChatStorageOptions { ConnectionString = fixture.Azurite.ConnectionString })));
        var rows = await Eventually.GetAsync(() => store.LoadAsync(tenant),
            r => r.Count == 30 && r.Single(x => x.Summary.SessionId == taken).Summary.Status == ChatStatus.AssignedToAgent, Deadline,
            "every chat's row stored, the taken one as assigned");
        rows.Select(r => r.Summary.SessionId).Should().BeEquivalentTo(started.Select(s => s.Snapshot.SessionId));
        rows.Where(r => r.Summary.SessionId != taken).Should().OnlyContain(r => r.Summary.Status == ChatStatus.WaitingForAgent);
    }
}
