using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests;

/// <summary>A visitor and an agent connected to the real host, with every event each of them receives recorded.</summary>
public sealed class ChatParticipant : IAsyncDisposable
{
    private ChatParticipant(HubConnection connection)
    {
        Connection = connection;
        Messages = new(connection, ClientEvents.MessagePosted);
        Changes = new(connection, ClientEvents.SessionChanged);
        Typing = new(connection, ClientEvents.TypingChanged);
        Receipts = new(connection, ClientEvents.ReceiptsChanged);
        Queue = new(connection, ClientEvents.QueuePositionChanged);
        Desk = new(connection, ClientEvents.DeskChanged);
    }

    public HubConnection Connection { get; }
    public EventLog<MessagePosted> Messages { get; }
    public EventLog<SessionChanged> Changes { get; }
    public EventLog<TypingChanged> Typing { get; }
    public EventLog<ReceiptsChanged> Receipts { get; }
    public EventLog<QueuePositionChanged> Queue { get; }
    public EventLog<DeskDelta> Desk { get; }

    public static async Task<ChatParticipant> VisitorAsync(ApiHostFixture host, string tenant, string visitorId) =>
        new(await host.ConnectVisitorAsync(tenant, visitorId));

    public static async Task<ChatParticipant> AgentAsync(ApiHostFixture host, string tenant, string agentId, string name) =>
        new(await host.ConnectAgentAsync(tenant, agentId, name));

    public Task<MessageAck> SendAsync(string sessionId, string clientMessageId, string text) =>
        Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, clientMessageId, text);

    /// <summary>The texts received live, in arrival order.</summary>
    public IReadOnlyList<(long Seq, string Text)> Received() => Messages.Snapshot().Select(e => (e.Message.Seq, e.Message.Text)).ToList();

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

public static class Tenants
{
    public static string New() => "t" + Guid.NewGuid().ToString("N")[..12];
}
