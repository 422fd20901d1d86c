using ChatSupport.Contracts;
using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Orleans.TestingHost;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests.Queue;

/// <summary>A cluster whose waiting chats are abandoned after 5 s (checked every second) instead of 10 minutes.</summary>
public sealed class ShortAbandonmentCluster() : SettingsClusterFixture(Settings)
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["ChatSupport:Queue:AbandonAfter"] = "00:00:05",
        ["ChatSupport:Queue:AbandonCheckPeriod"] = "00:00:01",
    };
}

/// <summary>Queue flooding (docs/security.md, "Hardening"): a chat nobody is in does not wait for ever.</summary>
public sealed class AbandonmentTests(ShortAbandonmentCluster fixture) : IClassFixture<ShortAbandonmentCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);
    private IClusterClient Grains => fixture.Cluster.Client;

    [Fact]
    public async Task A_waiting_chat_nobody_is_in_is_closed_as_abandoned_and_one_with_a_message_or_a_live_visitor_is_not()
    {
        var tenant = NewTenant();
        var (empty, emptyStart, emptyVisitor) = await StartChatAsync(Grains, tenant);
        var (wrote, _, wroteVisitor) = await StartChatAsync(Grains, tenant);
        (await wrote.PostMessage(wroteVisitor, "m1", "Is anyone there?")).Ok();
        var (watched, _, watchedVisitor) = await StartChatAsync(Grains, tenant);
        (await watched.VisitorPresence(watchedVisitor, "conn-1", connected: true)).Ok();

        var abandoned = await Eventually.GetAsync(async () => (await empty.GetSnapshot(emptyVisitor)).Ok(),
            s => s.Status == ChatStatus.Resolved, Deadline, "the empty chat closed");
        abandoned.Abandoned.Should().BeTrue();
        abandoned.ResolvedBy.Should().BeNull("nobody resolved it");
        abandoned.AssignedAgent.Should().BeNull();

        // They were due as long as the empty one: still waiting for an agent.
        (await wrote.GetSnapshot(wroteVisitor)).Ok().Status.Should().Be(ChatStatus.WaitingForAgent, "the visitor wrote");
        (await watched.GetSnapshot(watchedVisitor)).Ok().Status.Should().Be(ChatStatus.WaitingForAgent, "the visitor is connected");
        var desk = await Eventually.GetAsync(() => Grains.GetGrain<IDeskGrain>(tenant).GetSnapshot(),
            d => d.Counts.Waiting == 2, Deadline, "the abandoned chat off the desk");
        desk.Sessions.Select(s => s.SessionId).Should().NotContain(emptyStart.SessionId);

        // Counted as abandoned, not as resolved; archived as abandoned with no agent.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var query = new AnalyticsQuery { From = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), To = today };
        var report = await Eventually.GetAsync(async () => (await Grains.GetGrain<IAnalyticsGrain>(tenant).Report(query)).Ok(),
            r => r.Totals.Abandoned == 1, Deadline, "the abandoned chat in analytics");
        report.Totals.Resolved.Should().Be(0);
        report.Totals.Started.Should().Be(3);
        var archived = await Eventually.GetAsync(() => Grains.GetGrain<IArchiveGrain>(0).Get(tenant, emptyStart.SessionId),
            a => a is not null, Deadline, "the abandoned chat in the archive");
        archived!.Abandoned.Should().BeTrue();
        archived.ResolvedBy.Should().BeNull();
        archived.Agent.Should().BeNull();

        // The watching visitor closes their tab: now their time runs, and the chat is abandoned in turn.
        (await watched.VisitorPresence(watchedVisitor, "conn-1", connected: false)).Ok();
        var left = await Eventually.GetAsync(async () => (await watched.GetSnapshot(watchedVisitor)).Ok(),
            s => s.Status == ChatStatus.Resolved, Deadline, "the chat whose visitor left closed");
        left.Abandoned.Should().BeTrue();
        (await wrote.GetSnapshot(wroteVisitor)).Ok().Status.Should().Be(ChatStatus.WaitingForAgent);
    }

    [Fact]
    public async Task A_chat_an_agent_took_is_never_abandoned_and_presence_of_another_visitor_is_refused()
    {
        var tenant = NewTenant();
        var (taken, _, visitor) = await StartChatAsync(Grains, tenant);
        var alex = Agent(1);
        (await taken.Assign(ChatCaller.Agent(alex), alex)).Ok();
        (await taken.VisitorPresence(ChatCaller.Visitor("someone-else"), "conn-9", connected: true)).Refused("not_your_session");
        var (control, _, controlVisitor) = await StartChatAsync(Grains, tenant);

        await Eventually.GetAsync(async () => (await control.GetSnapshot(controlVisitor)).Ok(), s => s.Abandoned, Deadline, "the control chat abandoned");
        (await taken.GetSnapshot(visitor)).Ok().Status.Should().Be(ChatStatus.AssignedToAgent);
    }
}

/// <summary>The abandonment check outlives the activation: a cluster that stops and comes back still closes the chat.</summary>
public sealed class AbandonmentAfterRestartTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task A_waiting_chat_is_still_abandoned_on_time_after_every_silo_stopped_and_a_new_cluster_started()
    {
        var tenant = NewTenant();
        string key;
        ChatCaller visitor;
        var first = await ClusterFixture.StartClusterAsync(_azurite, ShortAbandonmentCluster.Settings);
        try
        {
            var (_, started, who) = await StartChatAsync(first.Client, tenant);
            (key, visitor) = (GrainKeys.Compose(tenant, started.SessionId), who);
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        // Nothing but the stored reminder can close it: reading the session activates it, and an activation alone does not.
        var second = await ClusterFixture.StartClusterAsync(_azurite, ShortAbandonmentCluster.Settings);
        try
        {
            var session = second.Client.GetGrain<IChatSessionGrain>(key);
            var closed = await Eventually.GetAsync(async () => (await session.GetSnapshot(visitor)).Ok(),
                s => s.Status == ChatStatus.Resolved, TimeSpan.FromSeconds(60), "the chat abandoned in the new cluster");
            closed.Abandoned.Should().BeTrue();
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
