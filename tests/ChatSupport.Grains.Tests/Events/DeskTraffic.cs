using ChatSupport.Contracts;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;

namespace ChatSupport.Grains.Tests.Events;

/// <summary>
/// Chats started, assigned and resolved while something fails, each step retried until the cluster answers, as a
/// client would. It knows which chats are open, from the answers: the truth the desk must end up showing.
/// </summary>
public sealed class DeskTraffic(IClusterClient client, string tenant, string visitorPrefix = "visitor")
{
    private static readonly AgentRef Agent = new("agent1", "Agent 1");
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlySet<string> Open { get { lock (_gate) return _open.ToHashSet(); } }

    /// <summary>Each chat: start; then, for two in three, assign; for one in three, resolve too.</summary>
    public Task RunAsync(int chats, TimeSpan spacing) =>
        Task.WhenAll(Enumerable.Range(0, chats).Select(async i =>
        {
            await Task.Delay(spacing * i); // spreads the chats over the fault, not a wait for an event
            var sessionId = await RetryAsync(async () =>
                (await client.GetGrain<IVisitorGrain>(GrainKeys.Compose(tenant, $"{visitorPrefix}{i}")).StartOrResumeChat(new VisitorMetadata { Name = $"Visitor {i}" })).Value?.SessionId);
            lock (_gate) _open.Add(sessionId!);
            var session = client.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, sessionId!));
            if (i % 3 == 0) return;
            await RetryAsync(async () => Accepted(await session.Assign(ChatCaller.Agent(Agent), Agent), "already_assigned"));
            if (i % 3 == 1) return;
            await RetryAsync(async () => Accepted(await session.Resolve(ChatCaller.Agent(Agent)), "chat_resolved"));
            lock (_gate) _open.Remove(sessionId!);
        }));

    /// <summary>Done, or refused because an earlier attempt that seemed to fail was done after all.</summary>
    private static string? Accepted(ChatResult<ChatSessionSnapshot> r, string alreadyDone) =>
        r.Error is null || r.Error.Code == alreadyDone ? "ok" : null;

    private static async Task<T> RetryAsync<T>(Func<Task<T?>> attempt)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                if (await attempt() is { } done) return done;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // A call into the dead silo, or to a grain moving: try again, as a client does.
            }
            if (DateTime.UtcNow >= deadline) throw new TimeoutException("the cluster did not answer within 90 s");
            await Task.Delay(200);
        }
    }
}
