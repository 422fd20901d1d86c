using ChatSupport.Grains.Desk;

namespace ChatSupport.Grains.Tests.Queue;

/// <summary>The visitor's estimated wait: the team's recent pace times their place in the queue.</summary>
public sealed class WaitEstimateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_estimate_is_the_time_between_recent_assignments_times_the_place_in_the_queue()
    {
        var estimate = new WaitEstimate();
        estimate.SecondsFor(1, T0).Should().BeNull("no chat was taken yet: only the place is shown");
        estimate.Assigned(T0, TimeSpan.FromSeconds(45));
        estimate.SecondsFor(3, T0).Should().Be(45, "one assignment: how long that chat waited");
        estimate.Assigned(T0.AddSeconds(30), TimeSpan.FromSeconds(20));
        estimate.Assigned(T0.AddSeconds(60), TimeSpan.FromSeconds(20));
        estimate.SecondsFor(1, T0.AddSeconds(61)).Should().Be(30, "a chat every 30 s");
        estimate.SecondsFor(4, T0.AddSeconds(61)).Should().Be(120);
        estimate.SecondsFor(1, T0.AddHours(2)).Should().BeNull("nobody took a chat for an hour: no estimate");
    }
}
