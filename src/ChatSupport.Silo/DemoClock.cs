namespace ChatSupport.Silo;

/// <summary>
/// The grains' clock while the demo history is generated (docs/analytics.md, "Demo data"): a call that carries a
/// demo time in its Orleans request context (<see cref="At{T}"/>) is told that time; every other call, and everything
/// outside a grain call, gets the real time. The time travels with the call (and the calls it makes), not in a shared
/// variable: thousands of past chats are replayed side by side while real visitors and agents use the same host at
/// the real time. Registered only when <c>ChatSupport:Demo:Enabled</c> is true, and only as the chats' clock
/// (<see cref="ChatSupport.Grains.Sessions.ChatClock"/>): Orleans' own clock stays the real one.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private const string Key = "chatsupport.demo-now";

    public override DateTimeOffset GetUtcNow() =>
        RequestContext.Get(Key) is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : System.GetUtcNow();

    /// <summary>Runs a grain call as if it were <paramref name="at"/>. The request context is async-local: it ends with this call.</summary>
    public static async Task<T> At<T>(DateTimeOffset at, Func<Task<T>> call)
    {
        RequestContext.Set(Key, at.UtcTicks);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(Key);
        }
    }
}
