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
    public IMessageParty Visitor { get; }
    public IMessageParty Agent { get; }

    /// <summary>Connects both parties, starts the chat (timed until the dashboard shows it), and assigns it (timed).</summary>
    public static async Task<ChatPair> OpenAsync(Uri baseUrl, string tenant, int index, DeskWatch desk, LatencyRecorder assignment,
        AckLedger ledger, CancellationToken ct)
    {
        var visitorId = $"v{index}";
        var agentId = $"a{index}";
        var connections = await Task.WhenAll(
            BenchConnections.ConnectAsync(baseUrl, $"hubs/visitor?tenant={tenant}&visitor={visitorId}", ct),
            BenchConnections.ConnectAsync(baseUrl, $"hubs/agent?tenant={tenant}&agent={agentId}&name=Agent%20{index}", ct));
        var (visitor, agent) = (connections[0], connections[1]);
        try
        {
            // Handlers first: no event may arrive before someone listens.
            ListenForPartner(visitor, ownSender: "visitor");
            ListenForPartner(agent, ownSender: "agent");

            desk.OnStarting(visitorId);
            var started = await visitor.InvokeAsync<StartChatResult>("StartChat",
                new VisitorMetadata($"Visitor {index}", "Firefox 128", "en-GB", $"https://shop.example/orders/{index}"), ct);
            var sessionId = started.Session.SessionId;

            var assigning = Stopwatch.GetTimestamp();
            await agent.InvokeAsync<SessionRef>("AssignToMe", sessionId, ct);
            assignment.RecordSince(assigning);
            // OpenChat joins the agent's connection to the chat's live events (AssignToMe alone does not).
            await agent.InvokeAsync<object>("OpenChat", sessionId, 0L, ct);
            return new ChatPair(visitor, agent, sessionId, ledger);
        }
        catch
        {
            await visitor.DisposeAsync();
            await agent.DisposeAsync();
            throw;
        }
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
        public async Task SendAsync(string clientMessageId, string text, CancellationToken ct)
        {
            var ack = await connection.InvokeAsync<MessageAck>("SendMessage", sessionId, clientMessageId, text, ct);
            if (!ack.Duplicate) ledger.Add(sessionId, ack.Seq);
        }
    }
}

/// <summary>Every acknowledged message (session, seq), to check afterwards that storage holds each of them.</summary>
public sealed class AckLedger
{
    private readonly ConcurrentBag<(string SessionId, long Seq)> _acked = [];

    public void Add(string sessionId, long seq) => _acked.Add((sessionId, seq));

    public IReadOnlyCollection<(string SessionId, long Seq)> Snapshot() => _acked.ToArray();
}
