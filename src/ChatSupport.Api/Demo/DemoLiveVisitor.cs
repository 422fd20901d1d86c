using ChatSupport.Contracts;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;

namespace ChatSupport.Api.Demo;

/// <summary>
/// One simulated visitor chatting now, at the real time: starts a chat, asks, waits. Most are taken by a simulated
/// agent of the team (unless a person took the chat first) who answers a few times, resolves and gets a rating; a chat a
/// person took goes on with the person until they resolve it; a visitor nobody answers gives up after a few minutes.
/// </summary>
public sealed class DemoLiveVisitor(IGrainFactory grains, string tenantId, IReadOnlyList<AgentRef> agents, DemoRandom random)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan LongestChat = TimeSpan.FromMinutes(10);

    public async Task RunAsync(CancellationToken ct)
    {
        var visitorId = "live-" + GrainKeys.NewId()[..12];
        var visitor = ChatCaller.Visitor(visitorId);
        var topic = random.Pick(DemoScripts.Topics);
        var started = await grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(tenantId, visitorId)).StartOrResumeChat(DemoVisitors.Make(random));
        if (started.Value is not { } first) return;
        var session = grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenantId, first.SessionId));
        var began = DateTimeOffset.UtcNow;
        await Pause(3, 10, ct);
        await session.PostMessage(visitor, "live-1", random.Pick(topic.Openings));

        // A simulated agent takes the chat after a while, if it still waits then; sometimes nobody does.
        var simulated = random.Chance(0.7) && agents.Count > 0 ? random.Pick(agents, a => a.AgentId == "admin" ? 0 : 1) : null;
        var pickupAt = began + random.Seconds(20, 90);
        var messages = 1;
        var rounds = random.Int(1, 4);
        while (!ct.IsCancellationRequested)
        {
            await Pause(8, 20, ct);
            var now = DateTimeOffset.UtcNow;
            var s = (await session.GetSnapshot(visitor)).Value;
            if (s is null || s.Status == ChatStatus.Resolved) return;
            if (s.Status == ChatStatus.WaitingForAgent)
            {
                if (simulated is not null && now >= pickupAt)
                {
                    await session.Assign(ChatCaller.Agent(simulated), simulated);
                    await Pause(4, 12, ct);
                    await session.PostMessage(ChatCaller.Agent(simulated), $"live-a{messages++}", random.Pick(topic.Answers));
                }
                else if (now - began > Patience)
                {
                    await session.CloseByVisitor(visitor);
                    return;
                }
                continue;
            }
            var byPerson = s.AssignedAgent is { } holder && (simulated is null || holder.AgentId != simulated.AgentId);
            if (now - began > LongestChat)
            {
                await session.CloseByVisitor(visitor);
                return;
            }
            if (s.Status != ChatStatus.ActiveChat) continue; // assigned, not answered yet
            if (rounds > 0)
            {
                rounds--;
                await session.PostMessage(visitor, $"live-{++messages}", rounds > 0 ? random.Pick(topic.FollowUps) : random.Pick(DemoScripts.Thanks));
                if (byPerson) continue; // a person answers at their own pace
                await Pause(5, 15, ct);
                await session.PostMessage(ChatCaller.Agent(simulated!), $"live-a{messages++}", rounds > 0 ? random.Pick(topic.MoreAnswers) : random.Pick(DemoScripts.Goodbyes));
            }
            else if (!byPerson)
            {
                await session.Resolve(ChatCaller.Agent(simulated!));
                await Pause(5, 20, ct);
                if (random.Chance(0.6)) await session.Rate(visitor, random.Pick([3, 4, 5, 5, 5]), null, random.Chance(0.2));
                return;
            }
        }
    }

    private Task Pause(double min, double max, CancellationToken ct) => Task.Delay(random.Seconds(min, max), ct);
}
