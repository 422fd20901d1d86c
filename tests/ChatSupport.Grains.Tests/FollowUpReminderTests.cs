using ChatSupport.Contracts;
using ChatSupport.Contracts.Inbox;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests;

/// <summary>A follow-up is an Orleans reminder in Azure Tables: it fires once, at its time, even when the cluster restarted in between.</summary>
// Whole-cluster restarts, one at a time: two clusters starting at once on a loaded machine miss their 10 s answers.
[Collection("cluster-restarts")]
public sealed class FollowUpReminderTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task A_follow_up_set_before_a_restart_fires_once_after_it_in_the_agents_list()
    {
        var tenant = NewTenant();
        var alex = Agent(1);
        var alexCalls = ChatCaller.Agent(alex);
        string key;
        DateTimeOffset dueAt;
        var first = await ClusterFixture.StartClusterAsync(_azurite);
        try
        {
            var (session, started, _) = await StartChatAsync(first.Client, tenant);
            key = GrainKeys.Compose(tenant, started.SessionId);
            (await session.Assign(alexCalls, alex)).Ok();
            (await session.Resolve(alexCalls)).Ok();
            // Seconds ahead (the shortest lead is a setting; the cluster fixture sets one second): due after the restart.
            dueAt = DateTimeOffset.UtcNow.AddSeconds(15);
            (await session.SetFollowUp(alexCalls, dueAt)).Ok().FollowUpAt.Should().Be(dueAt);
            var inbox = first.Client.GetGrain<IAgentInboxGrain>(GrainKeys.Compose(tenant, alex.AgentId));
            (await Eventually.GetAsync(inbox.Get, i => i.FollowUps.Count == 1, what: "the follow-up in Alex's list")).FollowUps.Single().Due.Should().BeFalse();
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await ClusterFixture.StartClusterAsync(_azurite);
        try
        {
            var inbox = second.Client.GetGrain<IAgentInboxGrain>(GrainKeys.Compose(tenant, alex.AgentId));
            var fired = await Eventually.GetAsync(inbox.Get, i => i.FollowUps.Any(f => f.Due) && i.Notifications.Any(n => n.Kind == NotificationKind.FollowUp),
                TimeSpan.FromSeconds(150), "the follow-up due after the restart, with its notification");
            fired.FollowUps.Single().Should().BeEquivalentTo(new FollowUp { SessionId = GrainKeys.Split(key).Id, DueAt = dueAt, Due = true });
            fired.Notifications.Where(n => n.Kind == NotificationKind.FollowUp).Should().ContainSingle().Which.At.Should().BeOnOrAfter(dueAt);
            var session = second.Client.GetGrain<IChatSessionGrain>(key);
            (await session.GetSnapshot(alexCalls)).Ok().FollowUpAt.Should().BeNull("it fired, once");
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
