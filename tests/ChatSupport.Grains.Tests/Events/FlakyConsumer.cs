using System.Collections.Concurrent;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;

namespace ChatSupport.Grains.Tests.Events;

/// <summary>
/// A consumer registered in the test cluster like any other, for tenants named "flaky-…" only: it throws for the
/// first <see cref="FailuresPerSession"/> deliveries of each session, and records every delivery it accepted.
/// The silos of a TestCluster run in the test's process, so the test reads what it recorded.
/// </summary>
public sealed class FlakyConsumer : IChatEventConsumer
{
    public const string TenantPrefix = "flaky-";
    public const int FailuresPerSession = 3;

    /// <summary>Tenants for which this consumer is down (it throws on every delivery) until the test brings it back.</summary>
    public static readonly ConcurrentDictionary<string, bool> DownFor = new();

    private static readonly ConcurrentDictionary<string, int> Failures = new();
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<(long Seq, string Event)>> Accepted = new();

    public string Name => "test-flaky";

    public Task ApplyAsync(ChatEventEnvelope e)
    {
        if (!e.TenantId.StartsWith(TenantPrefix, StringComparison.Ordinal)) return Task.CompletedTask;
        if (Failures.AddOrUpdate(e.SessionId, 1, (_, n) => n + 1) <= FailuresPerSession || DownFor.ContainsKey(e.TenantId))
            throw new InvalidOperationException($"flaky consumer refuses delivery of event {e.Seq}");
        Accepted.GetOrAdd(e.SessionId, _ => new()).Enqueue((e.Seq, e.Event.GetType().Name));
        return Task.CompletedTask;
    }

    public static IReadOnlyList<(long Seq, string Event)> AcceptedFor(string sessionId) =>
        Accepted.TryGetValue(sessionId, out var q) ? q.ToList() : [];

    public static int FailuresFor(string sessionId) => Failures.GetValueOrDefault(sessionId);
}
