using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests;

/// <summary>
/// A visitor or an agent connected to the real host, with every event they receive recorded. The visitor's
/// <c>MessagePosted</c> and <c>SessionChanged</c> carry the visitor's view (<see cref="VisitorParticipant"/>), the
/// agents' the full message and snapshot (<see cref="AgentParticipant"/>).
/// </summary>
public sealed class ChatParticipant<TPosted, TChanged> : IAsyncDisposable
{
    private readonly Func<TPosted, (long Seq, string Text)> _text;

    internal ChatParticipant(HubConnection connection, Func<TPosted, (long, string)> text)
    {
        _text = text;
        Connection = connection;
        Messages = new(connection, nameof(IAgentClient.MessagePosted));
        Changes = new(connection, nameof(IAgentClient.SessionChanged));
        Typing = new(connection, nameof(ISessionClient.TypingChanged));
        Receipts = new(connection, nameof(ISessionClient.ReceiptsChanged));
        Queue = new(connection, nameof(IVisitorClient.QueuePositionChanged));
        Desk = new(connection, nameof(IAgentClient.DeskChanged));
    }

    public HubConnection Connection { get; }
    public EventLog<TPosted> Messages { get; }
    public EventLog<TChanged> Changes { get; }
    public EventLog<TypingChanged> Typing { get; }
    public EventLog<ReceiptsChanged> Receipts { get; }
    public EventLog<QueuePositionChanged> Queue { get; }
    public EventLog<DeskDelta> Desk { get; }
    /// <summary>The visitor token this participant connected with (visitors only).</summary>
    public VisitorToken? Token { get; internal init; }
    /// <summary>An agent's signed-in browser (cookie and anti-forgery), for the HTTP routes.</summary>
    public OperatorBrowser? Browser { get; internal init; }

    public Task<MessageAck> SendAsync(string sessionId, string clientMessageId, string text) =>
        Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, clientMessageId, text);

    /// <summary>The texts received live, in arrival order.</summary>
    public IReadOnlyList<(long Seq, string Text)> Received() => Messages.Snapshot().Select(_text).ToList();

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

public static class ChatParticipant
{
    /// <summary>A visitor with a new token, or the same visitor again when given their token.</summary>
    public static async Task<VisitorParticipant> VisitorAsync(ApiHost host, string tenant, VisitorToken? token = null)
    {
        token ??= await host.VisitorTokenAsync(tenant);
        return new(await host.ConnectVisitorAsync(token.Token), e => (e.Message.Seq, e.Message.Text)) { Token = token };
    }

    /// <summary>A system admin of the tenant (created if needed), signed in through the real routes.</summary>
    public static async Task<AgentParticipant> AgentAsync(ApiHost host, string tenant, string agentId, string name)
    {
        await host.EnsureOperatorAsync(tenant, agentId, name);
        var browser = await host.SignInAsync(tenant, agentId);
        return new(await host.ConnectAgentAsync(browser), e => (e.Message.Seq, e.Message.Text)) { Browser = browser };
    }
}
