using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Orleans.Core.Internal;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests.Analytics;

/// <summary>
/// Analytics stores the events waiting at it in batches: many sessions at once, each event arriving twice at the same
/// moment (a twin activation's redelivery), still count every chat exactly once, in memory and in storage.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AnalyticsBatchTests(ClusterFixture fixture)
{
    private const int Chats = 300;

    [Fact]
    public async Task Events_of_many_sessions_arriving_together_and_twice_count_each_chat_once()
    {
        var tenant = NewTenant();
        var alex = Agent(1);
        var analytics = fixture.Client.GetGrain<IAnalyticsGrain>(tenant);
        // Spread over two days of quarter hours, so batches hold many buckets, some shared.
        var t0 = DateTimeOffset.UtcNow.Date.AddDays(-2);
        var chats = Enumerable.Range(0, Chats).Select(i => Lifecycle(tenant, $"batch-{i:D4}", alex, t0.AddMinutes(i * 9), stars: 1 + i % 5)).ToList();

        // Each session's events in order (as an outbox delivers them), every session at once, every event twice at once.
        await Task.WhenAll(chats.Select(async events =>
        {
            foreach (var e in events) await Task.WhenAll(analytics.Apply(e), analytics.Apply(e));
        }));

        var query = new AnalyticsQuery
        {
            From = t0.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            To = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        var report = (await analytics.Report(query)).Ok();
        report.Totals.Should().BeEquivalentTo(new ChatTotals { Started = Chats, Assigned = Chats, Resolved = Chats, Abandoned = 0, Missed = 0 });
        report.Satisfaction.Distribution.Should().Equal(Enumerable.Repeat((long)Chats / 5, 5), "every rating once");
        report.WaitToAssignment.N.Should().Be(Chats);

        await analytics.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var reloaded = await Eventually.GetAsync(async () => (await analytics.Report(query)).Ok(), r => r.Totals.Started > 0, what: "the report after reactivation");
        reloaded.Should().BeEquivalentTo(report, "what was stored is what was counted");
    }

    /// <summary>A chat's whole life as its session's events: started, assigned 30 s later, resolved after 10 minutes, rated.</summary>
    private static List<ChatEventEnvelope> Lifecycle(string tenant, string sessionId, AgentRef agent, DateTimeOffset start, int stars)
    {
        var session = new ChatSessionSnapshot
        {
            TenantId = tenant, SessionId = sessionId, VisitorId = "v-" + sessionId, Status = ChatStatus.WaitingForAgent,
            Visitor = VisitorMetadata.Empty, CreatedAt = start, LastSeq = 0, Receipts = DeliveryReceipts.None,
        };
        var assigned = session with { Status = ChatStatus.AssignedToAgent, AssignedAgent = agent, AssignedAt = start.AddSeconds(30) };
        var resolved = assigned with { Status = ChatStatus.Resolved, ResolvedAt = start.AddMinutes(10), ResolvedBy = ChatParty.Agent };
        ChatEventEnvelope Envelope(long seq, ChatSessionSnapshot s, ChatEvent e) => new() { TenantId = tenant, SessionId = sessionId, Seq = seq, Session = s, Event = e };
        return
        [
            Envelope(1, session, new ChatStarted { VisitorId = session.VisitorId, OccurredAt = start }),
            Envelope(2, assigned, new AgentAssigned { Agent = agent, AssignedBy = agent.AgentId, OccurredAt = start.AddSeconds(30) }),
            Envelope(3, resolved, new ChatResolved { ResolvedBy = agent.AgentId, Agent = agent, OccurredAt = start.AddMinutes(10) }),
            Envelope(4, resolved, new ChatRated { Stars = stars, Anonymous = false, Agent = agent, OccurredAt = start.AddMinutes(11) }),
        ];
    }
}
