using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests;

/// <summary>A visitor or an agent connected to the real host, with every event they receive recorded.</summary>
public sealed class ChatParticipant : IAsyncDisposable
{
    private ChatParticipant(HubConnection connection)
    {
        Connection = connection;
        Messages = new(connection, nameof(ISessionClient.MessagePosted));
        Changes = new(connection, nameof(ISessionClient.SessionChanged));
        Typing = new(connection, nameof(ISessionClient.TypingChanged));
        Receipts = new(connection, nameof(ISessionClient.ReceiptsChanged));
        Queue = new(connection, nameof(IVisitorClient.QueuePositionChanged));
        Desk = new(connection, nameof(IAgentClient.DeskChanged));
    }

    public HubConnection Connection { get; }
    public EventLog<MessagePosted> Messages { get; }
    public EventLog<SessionChanged> Changes { get; }
    public EventLog<TypingChanged> Typing { get; }
    public EventLog<ReceiptsChanged> Receipts { get; }
    public EventLog<QueuePositionChanged> Queue { get; }
    public EventLog<DeskDelta> Desk { get; }
    /// <summary>The visitor token this participant connected with (visitors only).</summary>
    public VisitorToken? Token { get; private init; }

    /// <summary>A visitor with a new token, or the same visitor again when given their token.</summary>
    public static async Task<ChatParticipant> VisitorAsync(ApiHost host, string tenant, VisitorToken? token = null)
    {
        token ??= await host.VisitorTokenAsync(tenant);
        return new(await host.ConnectVisitorAsync(token.Token)) { Token = token };
    }

    /// <summary>A system admin of the tenant (created if needed), signed in through the real routes.</summary>
    public static async Task<ChatParticipant> AgentAsync(ApiHost host, string tenant, string agentId, string name)
    {
        await host.EnsureOperatorAsync(tenant, agentId, name);
        var browser = await host.SignInAsync(tenant, agentId);
        return new(await host.ConnectAgentAsync(browser));
    }

    public Task<MessageAck> SendAsync(string sessionId, string clientMessageId, string text) =>
        Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, clientMessageId, text);

    /// <summary>The texts received live, in arrival order.</summary>
    public IReadOnlyList<(long Seq, string Text)> Received() => Messages.Snapshot().Select(e => (e.Message.Seq, e.Message.Text)).ToList();

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
