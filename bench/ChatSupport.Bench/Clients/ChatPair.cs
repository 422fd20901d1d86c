using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSupport.Bench.Load;
using ChatSupport.Bench.Measure;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Bench.Clients;

/// <summary>
/// One chat as the product sees it: a visitor connection that started it and an agent connection that took
/// it (AssignToMe) and opened it (OpenChat), both receiving MessagePosted.
/// </summary>
public sealed class ChatPair : IAsyncDisposable
{
    private readonly HubConnection _visitor;
    private readonly HubConnection _agent;

    private ChatPair(HubConnection visitor, HubConnection agent, string sessionId, AckLedger ledger)
    {
        _visitor = visitor;
        _agent = agent;
        SessionId = sessionId;
        Visitor = new Party(visitor, sessionId, ledger);
        Agent = new Party(agent, sessionId, ledger);
    }

    public string SessionId { get; }
    public bool IsConnected => Visitor.IsConnected && Agent.IsConnected;
    public IMessageParty Visitor { get; }
    public IMessageParty Agent { get; }

    /// <summary>
    /// Connects both parties, starts the chat (timed until the dashboard shows it), assigns it (timed), and has the
    /// agent greet the visitor (timed): that first agent message turns the chat active_chat, so the steady phase
    /// that follows measures chats in progress, and the cost of the status change is measured here.
    /// </summary>
    public static async Task<ChatPair> OpenAsync(Uri baseUrl, ChatAccess access, int index, ChatOpeningMeters meters, CancellationToken ct)
    {
        var token = await access.NewVisitorAsync(ct);
        var connections = await Task.WhenAll(
            BenchConnections.ConnectAsync(baseUrl, "hubs/visitor", ChatAccess.Visitor(token), ct),
            BenchConnections.ConnectAsync(baseUrl, "hubs/agent", access.Operator(index), ct));
        var (visitor, agent) = (connections[0], connections[1]);
        try
        {
            // Handlers first: no event may arrive before someone listens.
            ListenForPartner(visitor, ownSender: "visitor");
            ListenForPartner(agent, ownSender: "agent");

            meters.Desk.OnStarting(token.VisitorId);
            var started = await visitor.InvokeAsync<StartChatResult>("StartChat",
                new VisitorMetadata($"Visitor {index}", "Firefox 128", "en-GB", $"https://shop.example/orders/{index}"), ct);
            var sessionId = started.Session.SessionId;

            var assigning = Stopwatch.GetTimestamp();
            await agent.InvokeAsync<SessionRef>("AssignToMe", sessionId, ct);
            meters.Assignment.RecordSince(assigning);
            // OpenChat joins the agent's connection to the chat's live events (AssignToMe alone does not).
            await agent.InvokeAsync<object>("OpenChat", sessionId, 0L, ct);

            var greeting = Stopwatch.GetTimestamp();
            var ack = await agent.InvokeAsync<MessageAck>("SendMessage", sessionId, $"greet-{index}", $"Hi Visitor {index}, I am Agent {index}. How can I help?", ct);
            meters.Greeting.RecordSince(greeting);
            meters.Ledger.Add(sessionId, ack.Seq);
            return new ChatPair(visitor, agent, sessionId, meters.Ledger);
        }
        catch
        {
            await visitor.DisposeAsync();
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>The agent resolves the chat and the visitor rates it: the last two events of a chat's life.</summary>
    public async Task ResolveAndRateAsync(int stars, CancellationToken ct)
    {
        await _agent.InvokeAsync<object>("Resolve", SessionId, ct);
        await _visitor.InvokeAsync<object>("RateChat", SessionId, stars, null, false, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _visitor.DisposeAsync();
        await _agent.DisposeAsync();
    }

    /// <summary>Both parties get every MessagePosted of the chat, their own included; only the partner's is a delivery.</summary>
    private static void ListenForPartner(HubConnection connection, string ownSender) =>
        connection.On<MessagePostedEvent>("MessagePosted", e =>
        {
            if (e.Message.Sender != ownSender) MessageStamp.Received(e.Message.Text);
        });

    private sealed class Party(HubConnection connection, string sessionId, AckLedger ledger) : IMessageParty
    {
        public bool IsConnected => connection.State == HubConnectionState.Connected;

        public async Task SendAsync(string clientMessageId, string text, CancellationToken ct)
        {
            var ack = await connection.InvokeAsync<MessageAck>("SendMessage", sessionId, clientMessageId, text, ct);
            if (!ack.Duplicate) ledger.Add(sessionId, ack.Seq);
        }
    }
}

/// <summary>What opening chats measures: start → dashboard, assignment, the agent's greeting, and every acknowledged message.</summary>
public sealed class ChatOpeningMeters(DeskWatch desk, AckLedger ledger)
{
    public DeskWatch Desk { get; } = desk;
    public AckLedger Ledger { get; } = ledger;
    public LatencyRecorder Assignment { get; } = new("AssignToMe");

    /// <summary>The agent's first message: it also turns the chat active_chat, which the desk and the agent grain hear about.</summary>
    public LatencyRecorder Greeting { get; } = new("first agent message");
}

/// <summary>Every acknowledged message (session, seq), to check afterwards that storage holds each of them.</summary>
public sealed class AckLedger
{
    private readonly ConcurrentBag<(string SessionId, long Seq)> _acked = [];

    public void Add(string sessionId, long seq) => _acked.Add((sessionId, seq));

    public IReadOnlyCollection<(string SessionId, long Seq)> Snapshot() => _acked.ToArray();
}
