using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Analytics;

namespace ChatSupport.Grains.Tests.Analytics;

/// <summary>A re-routed chat in the aggregates: one chat assigned for the team, one for each agent it went to.</summary>
public sealed class ReRoutedChatAnalyticsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly AgentRef Alex = new("alex", "Alex");
    private static readonly AgentRef Sam = new("sam", "Sam");

    private static ChatEventEnvelope At(long seq, ChatEvent e, IReadOnlyList<string>? reRoutedFrom = null) => new()
    {
        TenantId = "t", SessionId = "s1", Seq = seq, Event = e,
        Session = new ChatSessionSnapshot
        {
            TenantId = "t", SessionId = "s1", VisitorId = "v1", Status = ChatStatus.AssignedToAgent, Visitor = VisitorMetadata.Empty,
            CreatedAt = T0, LastSeq = 0, Receipts = DeliveryReceipts.None, ReRoutedFrom = reRoutedFrom ?? [],
        },
    };

    [Fact]
    public void A_chat_re_routed_from_alex_to_sam_is_one_assigned_chat_for_the_team_and_one_for_each_of_them()
    {
        var bucket = new Bucket();
        foreach (var e in new[]
        {
            At(1, new ChatStarted { VisitorId = "v1", OccurredAt = T0 }),
            At(2, new AgentAssigned { Agent = Alex, AssignedBy = "router", OccurredAt = T0.AddSeconds(20) }),
            At(3, new ChatReRouted { From = Alex, AfterSeconds = 120, OccurredAt = T0.AddSeconds(140) }, ["alex"]),
            At(4, new AgentAssigned { Agent = Sam, AssignedBy = "router", OccurredAt = T0.AddSeconds(141) }, ["alex"]),
        })
            AnalyticsAggregator.Apply(bucket, e, []);

        bucket.Team.Assigned.Should().Be(1);
        bucket.Team.Missed.Should().Be(0, "the chat was assigned in 20 s");
        bucket.Agent("alex", "Alex").Assigned.Should().Be(1);
        bucket.Agent("sam", "Sam").Assigned.Should().Be(1);
        bucket.Agent("sam", "Sam").Handled.Should().Be(1);
    }
}
