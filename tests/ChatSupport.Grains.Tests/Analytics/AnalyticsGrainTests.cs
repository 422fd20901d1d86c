using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Orleans.Core.Internal;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests.Analytics;

/// <summary>Analytics in the cluster: fed by the real sessions' events, stored, exactly once under redelivery and reactivation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AnalyticsGrainTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task Chats_reach_the_report_and_a_redelivered_event_or_a_reactivation_changes_nothing()
    {
        var tenant = NewTenant();
        var alex = Agent(1);
        var sessions = new List<(IChatSessionGrain Session, ChatCaller Visitor)>();
        for (var i = 0; i < 4; i++)
        {
            var (session, _, visitor) = await StartChatAsync(Grains, tenant);
            sessions.Add((session, visitor));
            (await session.PostMessage(visitor, $"v{i}-1", "Hello?")).Ok();
            if (i == 3) { (await session.CloseByVisitor(visitor)).Ok(); continue; } // abandoned
            (await session.Assign(ChatCaller.Agent(alex), alex)).Ok();
            (await session.PostMessage(ChatCaller.Agent(alex), $"a{i}-1", "Hi, how can I help?")).Ok();
            (await session.PostMessage(visitor, $"v{i}-2", "My order")).Ok();
            (await session.PostMessage(ChatCaller.Agent(alex), $"a{i}-2", "On its way")).Ok();
            (await session.Resolve(ChatCaller.Agent(alex))).Ok();
            (await session.Rate(visitor, 3 + i, null, anonymous: i == 0)).Ok();
        }

        var analytics = Grains.GetGrain<IAnalyticsGrain>(tenant);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var query = new AnalyticsQuery { From = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"), To = today };
        var report = await Eventually.GetAsync(async () => (await analytics.Report(query)).Ok(),
            r => r.Satisfaction.Ratings == 3 && r.Totals.Abandoned == 1, TimeSpan.FromSeconds(30), "every chat in the report");
        report.Totals.Should().BeEquivalentTo(new ChatTotals { Started = 4, Assigned = 3, Resolved = 3, Abandoned = 1, Missed = 0 });
        report.FirstResponse.N.Should().Be(3);
        report.ResponseTime.N.Should().Be(6, "each chat had two visitor runs, each answered");
        report.Satisfaction.Distribution.Should().Equal(0, 0, 1, 1, 1);
        report.Agents.Should().ContainSingle().Which.Should().BeEquivalentTo(new { AgentId = alex.AgentId, Handled = 3L, Resolved = 3L, Ratings = 3L });

        // The same events again, as after a crash before the sessions stored their delivery progress.
        var (first, visitorOfFirst) = sessions[0];
        var snapshot = (await first.GetSnapshot(visitorOfFirst)).Ok();
        await analytics.Apply(new ChatEventEnvelope
        {
            TenantId = tenant, SessionId = snapshot.SessionId, Seq = 1, Session = snapshot,
            Event = new ChatStarted { VisitorId = snapshot.VisitorId, OccurredAt = snapshot.CreatedAt },
        });
        await analytics.Apply(new ChatEventEnvelope
        {
            TenantId = tenant, SessionId = snapshot.SessionId, Seq = 5, Session = snapshot,
            Event = new ChatRated { Stars = 3, Anonymous = true, Agent = alex, OccurredAt = snapshot.Rating!.RatedAt },
        });
        (await analytics.Report(query)).Ok().Should().BeEquivalentTo(report, "a redelivered event changes nothing");

        await analytics.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var reloaded = await Eventually.GetAsync(async () => (await analytics.Report(query)).Ok(), r => r.Totals.Started == 4, what: "the report after reactivation");
        reloaded.Should().BeEquivalentTo(report, "the buckets are stored, not only held in memory");
    }
}
