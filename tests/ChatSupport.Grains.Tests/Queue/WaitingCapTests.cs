using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;
using ChatSupport.Grains.Sessions;
using ChatSupport.Testing;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests.Queue;

/// <summary>Queue flooding (docs/security.md, "Hardening"): one tenant's queue holds at most 500 waiting chats, exactly.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WaitingCapTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task Past_500_waiting_chats_started_at_once_new_visitors_get_queue_full_and_nothing_of_theirs_is_stored()
    {
        var tenant = NewTenant();
        var cap = new ChatQueueOptions().MaxWaitingPerTenant;
        var visitorIds = Enumerable.Range(0, cap + 20).Select(_ => GrainKeys.NewId()).ToList();
        // Forty starts in flight at a time: enough to race for the last places, few enough that none waits past the call timeout.
        using var inFlight = new SemaphoreSlim(40);
        var outcomes = await Task.WhenAll(visitorIds.Select(async id =>
        {
            await inFlight.WaitAsync();
            try { return (Id: id, Result: await Visitor(tenant, id).StartOrResumeChat(new VisitorMetadata { Name = "Flood" })); }
            finally { inFlight.Release(); }
        }));

        outcomes.Count(o => o.Result.IsSuccess).Should().Be(cap);
        var refused = outcomes.Where(o => !o.Result.IsSuccess).ToList();
        refused.Should().HaveCount(20).And.OnlyContain(o => o.Result.Error!.Code == "queue_full");
        refused[0].Result.Error!.Message.Should().Contain("queue is full");
        foreach (var (id, _) in refused)
        {
            (await Visitor(tenant, id).GetOpenSessionId()).Should().BeNull("a refused visitor has no chat");
            (await Visitor(tenant, id).GetSessionIds()).Should().BeEmpty();
        }

        // The desk lists exactly the accepted ones, 200 rows at a time, oldest wait first, each once.
        var desk = Grains.GetGrain<IDeskGrain>(tenant);
        var first = await desk.GetSnapshot();
        first.Counts.Should().Be(new DeskCounts(cap, cap));
        first.Sessions.Should().HaveCount(DeskPlace.PageSize);
        var listed = first.Sessions.ToList();
        for (var cursor = first.NextCursor; cursor is not null;)
        {
            var page = await desk.GetPage(DeskPlace.Parse(cursor, out _)!.Value);
            page.Sessions.Count.Should().BeLessThanOrEqualTo(DeskPlace.PageSize);
            listed.AddRange(page.Sessions);
            cursor = page.NextCursor;
        }
        listed.Select(s => s.SessionId).Should().BeEquivalentTo(outcomes.Where(o => o.Result.IsSuccess).Select(o => o.Result.Value!.SessionId));
        listed.Select(s => s.CreatedAt).Should().BeInAscendingOrder();
        listed.Select(s => s.QueuePosition).Should().Equal(Enumerable.Range(1, cap).Select(p => (int?)p));

        // One leaves the queue: the next visitor gets in.
        var taken = outcomes.First(o => o.Result.IsSuccess).Result.Value!;
        var alex = Agent(1);
        (await Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, taken.SessionId)).Assign(ChatCaller.Agent(alex), alex)).Ok();
        (await Visitor(tenant, refused[0].Id).StartOrResumeChat(new VisitorMetadata())).Ok().Status.Should().Be(ChatStatus.WaitingForAgent);
        (await Visitor(tenant, refused[1].Id).StartOrResumeChat(new VisitorMetadata())).Refused("queue_full");
    }

    private IVisitorGrain Visitor(string tenant, string visitorId) => Grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(tenant, visitorId));
}
