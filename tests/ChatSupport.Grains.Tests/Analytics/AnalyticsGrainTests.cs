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
        // Each answered chat met three response-time targets (assignment, first reply, next reply); the abandoned one none.
        report.Totals.Should().BeEquivalentTo(new ChatTotals { Started = 4, Assigned = 3, Resolved = 3, Abandoned = 1, Missed = 0, TargetsMet = 9, TargetsMetShare = 1.0 });
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

/// <summary>The backfill: chats resolved before analytics existed are counted from the archive and their message logs, once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AnalyticsBackfillTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Chats_archived_before_analytics_existed_are_counted_once_from_the_archive_and_their_logs()
    {
        var tenant = NewTenant();
        var alex = Agent(1);
        var tables = new ChatSupport.Grains.Storage.ChatTables(Microsoft.Extensions.Options.Options.Create(
            new ChatSupport.Grains.Storage.ChatStorageOptions { ConnectionString = fixture.Azurite.ConnectionString }));
        var writer = new ChatSupport.Grains.Archive.ArchiveWriter(tables, new ChatSupport.Grains.Archive.AgentRatingTotals(tables));
        var log = new ChatSupport.Grains.Messages.MessageLog(tables);
        var t0 = DateTimeOffset.UtcNow.AddHours(-3);
        var answered = "old-" + Guid.NewGuid().ToString("N")[..8];
        var left = "old-" + Guid.NewGuid().ToString("N")[..8];
        await log.TryAppendAsync(ChatSupport.Contracts.GrainKeys.Compose(tenant, answered), Message(1, ChatSupport.Contracts.Messages.ChatParty.Visitor, "v1", t0.AddSeconds(5)));
        await log.TryAppendAsync(ChatSupport.Contracts.GrainKeys.Compose(tenant, answered), Message(2, ChatSupport.Contracts.Messages.ChatParty.Agent, alex.AgentId, t0.AddSeconds(65)));
        await writer.SaveAsync(new ChatSupport.Contracts.Archive.ArchivedChat
        {
            TenantId = tenant, SessionId = answered, VisitorId = "v1", Agent = alex, CreatedAt = t0, ResolvedAt = t0.AddMinutes(10),
            ResolvedBy = ChatSupport.Contracts.Messages.ChatParty.Agent, MessageCount = 2,
            Rating = new ChatRating { Stars = 5, Anonymous = false, RatedAt = t0.AddMinutes(11) },
        });
        await writer.SaveAsync(new ChatSupport.Contracts.Archive.ArchivedChat
        {
            TenantId = tenant, SessionId = left, VisitorId = "v2", CreatedAt = t0, ResolvedAt = t0.AddMinutes(1),
            ResolvedBy = ChatSupport.Contracts.Messages.ChatParty.Visitor,
        });

        var analytics = fixture.Client.GetGrain<IAnalyticsGrain>(tenant);
        await analytics.Backfill();
        (await analytics.Backfill()).Should().Be(0, "a second run finds nothing left to count");
        var query = new AnalyticsQuery { From = t0.AddDays(-1).ToString("yyyy-MM-dd"), To = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd") };
        var report = (await analytics.Report(query)).Ok();
        report.Totals.Should().BeEquivalentTo(new ChatTotals { Started = 2, Resolved = 1, Abandoned = 1 });
        report.FirstResponse.Should().BeEquivalentTo(new { N = 1L, Median = 65L });
        report.ResponseTime.Should().BeEquivalentTo(new { N = 1L, Median = 60L });
        report.ResolutionTime.Should().BeEquivalentTo(new { N = 1L, Median = 600L });
        report.Satisfaction.Distribution.Should().Equal(0, 0, 0, 0, 1);
    }

    private static ChatSupport.Contracts.Messages.ChatMessage Message(long seq, ChatSupport.Contracts.Messages.ChatParty sender, string senderId, DateTimeOffset at) => new()
    {
        Seq = seq, ClientMessageId = $"c{seq}", Sender = sender, SenderId = senderId, Text = "…", SentAt = at,
    };
}
