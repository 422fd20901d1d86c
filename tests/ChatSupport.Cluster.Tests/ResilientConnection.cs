using ChatSupport.Api;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Cluster.Tests;

/// <summary>
/// A client connection as a real widget or dashboard keeps it: to one of several Api nodes, and when it is
/// lost, to the next node that answers, then "onConnected" (Resume) to catch up by sequence number.
/// </summary>
public sealed class ResilientConnection(
    IReadOnlyList<Uri> urls, int preferred, string hubPath, Action<HttpConnectionOptions> authenticate,
    Action<HubConnection> registerHandlers, Func<HubConnection, Task>? onConnected = null) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HubConnection? _connection;
    private int _urlIndex = preferred;

    public int Reconnects { get; private set; }

    public async Task<HubConnection> GetAsync()
    {
        if (_connection?.State == HubConnectionState.Connected) return _connection;
        await _gate.WaitAsync();
        try
        {
            if (_connection?.State == HubConnectionState.Connected) return _connection;
            if (_connection is not null)
            {
                Reconnects++;
                await _connection.DisposeAsync();
                _connection = null;
            }
            Exception? last = null;
            for (var attempt = 0; attempt < urls.Count * 3; attempt++)
            {
                var url = urls[_urlIndex % urls.Count];
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(url, hubPath), authenticate)
                    .AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions))
                    .Build();
                connection.ServerTimeout = TimeSpan.FromSeconds(15);
                connection.KeepAliveInterval = TimeSpan.FromSeconds(5);
                registerHandlers(connection);
                try
                {
                    await connection.StartAsync();
                    if (onConnected is not null) await onConnected(connection);
                    return _connection = connection;
                }
                catch (Exception e)
                {
                    last = e;
                    await connection.DisposeAsync();
                    _urlIndex++;
                }
            }
            throw new InvalidOperationException("No Api node accepted the connection.", last);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
