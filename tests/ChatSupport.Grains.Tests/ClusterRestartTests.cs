using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests;

/// <summary>Durability: everything survives the whole cluster stopping and a new one starting on the same storage.</summary>
// Whole-cluster restarts, one at a time: two clusters starting at once on a loaded machine miss their 10 s answers.
[Collection("cluster-restarts")]
public sealed class ClusterRestartTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task After_the_cluster_restarts_on_the_same_storage_every_session_status_and_message_is_still_there()
    {
        var tenant = NewTenant();
        var alex = Agent(1);
        var before = new List<(string Key, ChatCaller Visitor, ChatSessionSnapshot Snapshot, IReadOnlyList<string> Texts)>();

        var first = await ClusterFixture.StartClusterAsync(_azurite);
        try
        {
            // One chat in each status, each with messages.
            for (var stage = 0; stage < 4; stage++)
            {
                var (session, started, visitor) = await StartChatAsync(first.Client, tenant);
                var texts = new List<string>();
                for (var i = 0; i < 3; i++)
                {
                    var text = $"stage {stage} visitor message {i}";
                    (await session.PostMessage(visitor, $"v{i}", text)).Ok();
                    texts.Add(text);
                }
                if (stage >= 1) (await session.Assign(ChatCaller.Agent(alex), alex)).Ok();
                if (stage >= 2)
                {
                    (await session.PostMessage(ChatCaller.Agent(alex), "a0", "agent reply")).Ok();
                    texts.Add("agent reply");
                }
                if (stage >= 3)
                {
                    (await session.Resolve(ChatCaller.Agent(alex))).Ok();
                    (await session.Rate(visitor, 3, "ok", anonymous: true)).Ok();
                }
                // Receipts are written a moment after they change; a graceful shutdown flushes them.
                (await session.Acknowledge(visitor, 4, 4)).Ok();
                var snapshot = (await session.GetSnapshot(visitor)).Ok();
                before.Add((GrainKeys.Compose(tenant, started.SessionId), visitor, snapshot, texts));
            }
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await ClusterFixture.StartClusterAsync(_azurite);
        try
        {
            foreach (var (key, visitor, snapshot, texts) in before)
            {
                var session = second.Client.GetGrain<IChatSessionGrain>(key);
                (await session.GetSnapshot(visitor)).Ok().Should().BeEquivalentTo(snapshot);
                (await session.GetMessages(visitor, 0, 200)).Ok().Messages.Select(m => m.Text).Should().Equal(texts);

                // A retry that arrives after the restart is still recognised: stored once.
                var retried = (await session.PostMessage(visitor, "v0", texts[0]));
                if (snapshot.Status != ChatStatus.Resolved)
                {
                    retried.Ok().Duplicate.Should().BeTrue();
                    retried.Value!.Seq.Should().Be(1);
                }
                (await session.GetMessages(visitor, 0, 200)).Ok().Messages.Should().HaveCount(texts.Count);
            }

            var desk = await second.Client.GetGrain<IDeskGrain>(tenant).GetSnapshot();
            desk.Sessions.Select(s => s.Status).Should().BeEquivalentTo(
                [ChatStatus.WaitingForAgent, ChatStatus.AssignedToAgent, ChatStatus.ActiveChat], "the live desk is rebuilt from storage");
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
