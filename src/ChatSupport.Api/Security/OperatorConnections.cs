using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Security;

/// <summary>The agent hub connections of each sign-in on this node, so signing out can close them at once.</summary>
public sealed class OperatorConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _bySignIn = new();

    public void Add(string signInId, HubCallerContext connection) =>
        _bySignIn.GetOrAdd(signInId, _ => new())[connection.ConnectionId] = connection;

    public void Remove(string signInId, HubCallerContext connection)
    {
        if (_bySignIn.TryGetValue(signInId, out var connections)) connections.TryRemove(connection.ConnectionId, out _);
    }

    public void CloseAll(string signInId)
    {
        if (!_bySignIn.TryRemove(signInId, out var connections)) return;
        foreach (var connection in connections.Values) connection.Abort();
    }
}
