using System.Collections.Concurrent;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;

namespace ChatSupport.Grains.Tests.Events;

/// <summary>
/// A consumer the answer does not wait for, registered in the test cluster for tenants named "stalled-…" only: each
/// delivery hangs until the test releases the tenant (as analytics' batches or the desk's rows written behind do when
/// storage is slow), then is recorded. The silos of a TestCluster run in the test's process, so the test reads it.
/// </summary>
public sealed class StalledConsumer : IChatEventConsumer
{
    public const string TenantPrefix = "stalled-";

    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Released = new();
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<(long Seq, string Event)>> Accepted = new();

    public string Name => "test-stalled";

    public async Task ApplyAsync(ChatEventEnvelope e)
    {
        if (!e.TenantId.StartsWith(TenantPrefix, StringComparison.Ordinal)) return;
        await Gate(e.TenantId).Task;
        Accepted.GetOrAdd(e.SessionId, _ => new()).Enqueue((e.Seq, e.Event.GetType().Name));
    }

    public static void Release(string tenantId) => Gate(tenantId).TrySetResult();

    public static IReadOnlyList<(long Seq, string Event)> AcceptedFor(string sessionId) =>
        Accepted.TryGetValue(sessionId, out var q) ? q.ToList() : [];

    private static TaskCompletionSource Gate(string tenantId) =>
        Released.GetOrAdd(tenantId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}
