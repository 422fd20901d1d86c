using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests;

/// <summary>Records one kind of pushed event on a connection, and waits (with a deadline) for what a test expects.</summary>
public sealed class EventLog<T>
{
    private readonly List<T> _events = [];

    public EventLog(HubConnection connection, string eventName) =>
        connection.On<T>(eventName, e => { lock (_events) _events.Add(e); });

    public IReadOnlyList<T> Snapshot()
    {
        lock (_events) return [.. _events];
    }

    public Task<IReadOnlyList<T>> WaitUntilAsync(Func<IReadOnlyList<T>, bool> done, string what) =>
        Eventually.GetAsync(() => Task.FromResult(Snapshot()), done, what: what);

    public async Task<T> WaitForAsync(Func<T, bool> match, string what) =>
        (await WaitUntilAsync(events => events.Any(match), what)).First(match);
}
