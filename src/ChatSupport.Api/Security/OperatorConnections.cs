using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Security;

/// <summary>
/// The agent hub connections of each sign-in on this node, so that a sign-in's end closes them: signing out (on any
/// node: <see cref="ChatSupport.Api.Pushes.PushBridge"/> hears it), or its expiry, which a timer per connection
/// watches, so an idle socket is closed when its sign-in runs out, not on its next call.
/// </summary>
public sealed class OperatorConnections(TimeProvider clock)
{
    private sealed record Entry(HubCallerContext Connection, ITimer Expiry);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, Entry>> _bySignIn = [];

    public void Add(string signInId, HubCallerContext connection, DateTimeOffset expiresAt)
    {
        var untilExpiry = expiresAt - clock.GetUtcNow();
        var expiry = clock.CreateTimer(_ => connection.Abort(), null, untilExpiry > TimeSpan.Zero ? untilExpiry : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            if (!_bySignIn.TryGetValue(signInId, out var connections)) _bySignIn[signInId] = connections = [];
            connections[connection.ConnectionId] = new Entry(connection, expiry);
        }
    }

    public void Remove(string signInId, HubCallerContext connection)
    {
        Entry? entry;
        lock (_gate)
        {
            if (!_bySignIn.TryGetValue(signInId, out var connections) || !connections.Remove(connection.ConnectionId, out entry)) return;
            if (connections.Count == 0) _bySignIn.Remove(signInId);
        }
        entry.Expiry.Dispose();
    }

    public void CloseAll(string signInId)
    {
        Dictionary<string, Entry>? connections;
        lock (_gate)
            if (!_bySignIn.Remove(signInId, out connections)) return;
        foreach (var entry in connections.Values)
        {
            entry.Expiry.Dispose();
            entry.Connection.Abort();
        }
    }
}
