using ChatSupport.Contracts;
using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Tests.Routing;
using ChatSupport.Testing;
using static ChatSupport.Grains.Tests.Routing.RoutingTeam;

namespace ChatSupport.Grains.Tests.Targets;

/// <summary>Response-time targets in a real cluster, with targets of seconds: the clocks the dashboards count down from, misses, and analytics' shares.</summary>
[Collection(RoutingCollection.Name)]
public sealed class ResponseTargetTests(RoutingClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    internal static readonly ResponseTargets Short = new() { AssignmentSeconds = 10, FirstReplySeconds = 30, NextReplySeconds = 30, ResolutionSeconds = null };

    [Fact]
    public async Task A_chat_nobody_takes_misses_its_assignment_target_once_and_the_met_ones_count_for_the_agent()
    {
        var tenant = ClusterTestData.NewTenant();
        (await Grains.GetGrain<IRouterGrain>(tenant).SaveSettings("alex", new RoutingSettings { Targets = Short })).Error.Should().BeNull();
        var (session, started, visitor) = await ClusterTestData.StartChatAsync(Grains, tenant);

        // What every dashboard counts down from: the clocks, as the chat and its queue row carry them.
        started.Targets.Select(t => (t.Target, t.DueAt - t.StartedAt, t.Missed)).Should().Equal(
            (TargetNames.Assignment, TimeSpan.FromSeconds(10), false), (TargetNames.FirstReply, TimeSpan.FromSeconds(30), false));
        started.Targets[0].StartedAt.Should().Be(started.CreatedAt);
        var row = await Eventually.GetAsync(() => Grains.GetGrain<IDeskGrain>(tenant).GetSnapshot(), d => d.Sessions.Count == 1, what: "the queue row");
        row.Sessions[0].Targets.Should().BeEquivalentTo(started.Targets);

        var sam = new AgentRef("sam", "Sam");
        var missed = await Eventually.GetAsync(async () => (await session.GetSnapshot(ChatCaller.Agent(sam))).Ok(),
            s => s.Targets.Any(t => t.Missed), TimeSpan.FromSeconds(30), "the assignment target missed");
        missed.Targets.Single(t => t.Missed).Target.Should().Be(TargetNames.Assignment);
        (await Grains.GetGrain<IDeskGrain>(tenant).GetSnapshot()).Sessions[0].Targets.Should().Contain(t => t.Missed, "the queue row turns red too");

        (await session.Assign(ChatCaller.Agent(sam), sam)).Ok();
        (await session.PostMessage(ChatCaller.Agent(sam), "a1", "Hello, Sam here")).Ok();
        (await session.PostMessage(visitor, "v1", "My order is late")).Ok();
        var waiting = (await session.GetSnapshot(ChatCaller.Agent(sam))).Ok();
        waiting.Targets.Should().ContainSingle().Which.Target.Should().Be(TargetNames.NextReply);
        (await session.PostMessage(ChatCaller.Agent(sam), "a2", "Let me look")).Ok();
        (await session.Resolve(ChatCaller.Agent(sam))).Ok().Targets.Should().BeEmpty();

        var report = await Eventually.GetAsync(async () => (await Grains.GetGrain<IAnalyticsGrain>(tenant).Report(Today())).Ok(),
            r => r.Totals.Resolved == 1, TimeSpan.FromSeconds(30), "the resolved chat in analytics");
        report.Totals.Should().BeEquivalentTo(new { TargetsMissed = 1L, TargetsMet = 2L, TargetsMetShare = 2 / 3.0 }, "assignment missed; first and next reply met");
        report.Agents.Should().ContainSingle().Which.Should().BeEquivalentTo(new { AgentId = "sam", TargetsMet = 2L, TargetsMissed = 0L, TargetsMetShare = 1.0 },
            "the missed assignment belongs to nobody: nobody held the chat");
    }

    internal static AnalyticsQuery Today()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new AnalyticsQuery { From = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), To = today };
    }
}
