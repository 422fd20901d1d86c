using ChatSupport.Bench.Load;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Bench.Clients;

/// <summary>Two connections to the bare relay that play a chat's visitor and agent: same calls, same payloads, no chat behind them.</summary>
public sealed class RelayPair : IAsyncDisposable
{
    private readonly HubConnection _visitor;
    private readonly HubConnection _agent;

    private RelayPair(HubConnection visitor, HubConnection agent, string sessionId)
    {
        _visitor = visitor;
        _agent = agent;
        Visitor = new Party(visitor, sessionId);
        Agent = new Party(agent, sessionId);
    }

    public bool IsConnected => Visitor.IsConnected && Agent.IsConnected;
    public IMessageParty Visitor { get; }
    public IMessageParty Agent { get; }

    public static async Task<RelayPair> OpenAsync(Uri baseUrl, int index, CancellationToken ct)
    {
        var connections = await Task.WhenAll(
            BenchConnections.ConnectAsync(baseUrl, $"hubs/relay?pair={index}&side=visitor", null, ct),
            BenchConnections.ConnectAsync(baseUrl, $"hubs/relay?pair={index}&side=agent", null, ct));
        foreach (var connection in connections)
            connection.On<MessagePostedEvent>("MessagePosted", e => MessageStamp.Received(e.Message.Text));
        return new RelayPair(connections[0], connections[1], $"pair{index}");
    }

    public async ValueTask DisposeAsync()
    {
        await _visitor.DisposeAsync();
        await _agent.DisposeAsync();
    }

    private sealed class Party(HubConnection connection, string sessionId) : IMessageParty
    {
        public bool IsConnected => connection.State == HubConnectionState.Connected;

        public Task SendAsync(string clientMessageId, string text, CancellationToken ct) =>
            connection.InvokeAsync<MessageAck>("SendMessage", sessionId, clientMessageId, text, ct);
    }
}
