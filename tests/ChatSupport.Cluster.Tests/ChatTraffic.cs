using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Cluster.Tests;

/// <summary>One chat under load: its visitor's connection and view, and every acknowledgement each side got.</summary>
public sealed class ChatUnderTest
{
    public required string SessionId { get; init; }
    public required ResilientConnection Visitor { get; init; }
    public required ResilientConnection Agent { get; init; }
    public ConcurrentQueue<(string ClientMessageId, long Seq)> VisitorAcks { get; } = new();
    public ConcurrentQueue<(string ClientMessageId, long Seq)> AgentAcks { get; } = new();
    /// <summary>What the visitor's client holds, by sequence number (the text: the visitor's view has no client message id on the agent's messages): live pushes plus what it read to fill gaps.</summary>
    public ConcurrentDictionary<long, string> VisitorView { get; } = new();
    public long LongestAckMilliseconds;
    /// <summary>The visitor's own longest send-to-ack: the agents' sends share one connection per agent, whose hub calls run one at a time.</summary>
    public long LongestVisitorAckMilliseconds;
    /// <summary>When the longest send began and who sent it: the moment to read the hosts' logs at.</summary>
    public (DateTime StartedUtc, string Sender) LongestAckBegan;

    /// <summary>The longest send begun after the fault: the opening burst under load does not hide what the fault itself cost.</summary>
    public long LongestAckAfterFaultMilliseconds;

    public void NoteAck(long milliseconds, DateTime startedUtc, bool byVisitor, DateTime? faultAt)
    {
        lock (this)
        {
            if (startedUtc >= faultAt && milliseconds > LongestAckAfterFaultMilliseconds) LongestAckAfterFaultMilliseconds = milliseconds;
            if (milliseconds > LongestAckMilliseconds) (LongestAckMilliseconds, LongestAckBegan) = (milliseconds, (startedUtc, byVisitor ? "visitor" : "agent"));
            if (byVisitor && milliseconds > LongestVisitorAckMilliseconds) LongestVisitorAckMilliseconds = milliseconds;
        }
    }
}

/// <summary>
/// Drives N chats through a local cluster: visitors spread over every Api node, agents on the first; each
/// side sends on its own clock and retries an unacknowledged message with the same client message id
/// until it is acknowledged, as the protocol asks.
/// </summary>
public sealed class ChatTraffic(LocalCluster cluster) : IAsyncDisposable
{
    private readonly List<ChatUnderTest> _chats = [];
    private readonly List<ResilientConnection> _agents = [];

    public IReadOnlyList<ChatUnderTest> Chats => _chats;
    public int StallResyncs;
    /// <summary>When the scenario's fault began (set by the test), for the pause of the sends begun after it.</summary>
    public DateTime? FaultAt { get; set; }

    public async Task StartChatsAsync(int count)
    {
        for (var a = 0; a < LocalCluster.AgentCount; a++)
        {
            var cookies = await SignInAsync(cluster.ApiUrls[0], $"agent{a}");
            _agents.Add(new ResilientConnection(cluster.ApiUrls, 0, "hubs/agent", o => o.Cookies = cookies, _ => { }));
        }
        using var http = new HttpClient();
        // Started in batches, as visitors arrive; a cold cluster may ask the first ones to try again.
        using var batch = new SemaphoreSlim(20);
        var chats = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await batch.WaitAsync();
            try
            {
            var api = cluster.ApiUrls[i % cluster.ApiUrls.Count];
            var token = (await (await http.PostAsJsonAsync(new Uri(api, $"api/visitor/token?tenant={LocalCluster.Tenant}"), new { }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            ChatUnderTest? chat = null;
            var visitor = new ResilientConnection(cluster.ApiUrls, i % cluster.ApiUrls.Count, "hubs/visitor",
                o => o.AccessTokenProvider = () => Task.FromResult<string?>(token),
                c => c.On<VisitorMessagePosted>("MessagePosted", e => OnPushed(chat!, c, e)),
                async c =>
                {
                    if (chat is null) return;
                    // After any (re)connect: subscribe again and read what was missed.
                    var resumed = await c.InvokeAsync<VisitorResumeResult>("Resume", chat.SessionId, Contiguous(chat));
                    foreach (var m in resumed.Messages.Messages) chat.VisitorView[m.Seq] = m.Text;
                    await FillGapsAsync(chat, c);
                });
            var started = await RetryAsync(async () => await (await visitor.GetAsync())
                .InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = $"Visitor {i}" }));
            chat = new ChatUnderTest { SessionId = started.Session.SessionId, Visitor = visitor, Agent = _agents[i % _agents.Count] };
            // A retried "Assign to Me" whose first try did land is answered already_assigned: that is success here.
            await RetryAsync(async () =>
            {
                try { return await (await chat.Agent.GetAsync()).InvokeAsync<ChatSessionSnapshot>("AssignToMe", chat.SessionId); }
                catch (HubException e) when (e.Message.Contains("already_assigned")) { return null; }
            });
            var first = await SendUntilAckedAsync(chat, chat.Agent, "agent-hello", "Hello, how can I help?");
            chat.AgentAcks.Enqueue(("agent-hello", first.Seq));
            return chat;
            }
            finally
            {
                batch.Release();
            }
        }));
        _chats.AddRange(chats);
    }

    /// <summary>Both sides of every chat send until <paramref name="stopAt"/>; each message is retried until acknowledged.</summary>
    public Task RunAsync(DateTime stopAt, TimeSpan visitorEvery, TimeSpan agentEvery) =>
        Task.WhenAll(_chats.SelectMany(chat => new[]
        {
            SendLoopAsync(chat, chat.Visitor, "visitor", chat.VisitorAcks, visitorEvery, stopAt),
            SendLoopAsync(chat, chat.Agent, "agent", chat.AgentAcks, agentEvery, stopAt),
        }));

    public async Task<MessageAck> SendUntilAckedAsync(ChatUnderTest chat, ResilientConnection sender, string clientMessageId, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var clock = Stopwatch.StartNew();
        var started = DateTime.UtcNow;
        while (true)
        {
            try
            {
                var connection = await sender.GetAsync();
                var ack = await connection.InvokeAsync<MessageAck>("SendMessage", chat.SessionId, clientMessageId, text);
                chat.NoteAck(clock.ElapsedMilliseconds, started, sender == chat.Visitor, FaultAt);
                return ack;
            }
            catch (Exception e) when (DateTime.UtcNow < deadline && IsRetryable(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>Retries a call the server asked to retry (try_again) or that lost its connection, within a deadline.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try { return await call(); }
            catch (Exception e) when (DateTime.UtcNow < deadline && IsRetryable(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    /// <summary>Waits until the visitor's view holds every stored message, resyncing the way a client does when it is stalled.</summary>
    public async Task WaitUntilVisitorsCurrentAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await Task.WhenAll(_chats.Select(async chat =>
        {
            var lastChecked = DateTime.UtcNow;
            while (true)
            {
                var connection = await chat.Visitor.GetAsync();
                var session = await connection.InvokeAsync<VisitorSessionView>("GetSession", chat.SessionId);
                if (Contiguous(chat) >= session.LastSeq) return;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Visitor of {chat.SessionId} holds {Contiguous(chat)} of {session.LastSeq}.");
                if (DateTime.UtcNow - lastChecked > TimeSpan.FromSeconds(3))
                {
                    // Connected but nothing came for 3 s although the session moved on: a stall. Resync.
                    Interlocked.Increment(ref StallResyncs);
                    var resumed = await connection.InvokeAsync<VisitorResumeResult>("Resume", chat.SessionId, Contiguous(chat));
                    foreach (var m in resumed.Messages.Messages) chat.VisitorView[m.Seq] = m.Text;
                    await FillGapsAsync(chat, connection);
                    lastChecked = DateTime.UtcNow;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }));
    }

    public static async Task<List<ChatMessage>> ReadHistoryAsync(HubConnection connection, string sessionId)
    {
        var all = new List<ChatMessage>();
        MessagePage page;
        do
        {
            page = await connection.InvokeAsync<MessagePage>("GetHistory", sessionId, all.Count == 0 ? 0L : all[^1].Seq, 200);
            all.AddRange(page.Messages);
        } while (page.HasMore);
        return all;
    }

    public ResilientConnection AnyAgent => _agents[0];

    private async Task SendLoopAsync(ChatUnderTest chat, ResilientConnection sender, string side, ConcurrentQueue<(string, long)> acks, TimeSpan every, DateTime stopAt)
    {
        // Spread the chats over the interval so the load is even.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)every.TotalMilliseconds)));
        for (var n = 0; DateTime.UtcNow < stopAt; n++)
        {
            var clientMessageId = $"{side}-{n}";
            var ack = await SendUntilAckedAsync(chat, sender, clientMessageId, $"{side} message {n}");
            acks.Enqueue((clientMessageId, ack.Seq));
            await Task.Delay(every);
        }
    }

    private static void OnPushed(ChatUnderTest chat, HubConnection connection, VisitorMessagePosted e)
    {
        var before = Contiguous(chat);
        chat.VisitorView[e.Message.Seq] = e.Message.Text;
        // A sequence number past the next one means events were lost (a silo died with them): read the gap.
        if (e.Message.Seq > before + 1) _ = FillGapsAsync(chat, connection);
    }

    private static async Task FillGapsAsync(ChatUnderTest chat, HubConnection connection)
    {
        try
        {
            VisitorMessagePage page;
            do
            {
                page = await connection.InvokeAsync<VisitorMessagePage>("GetHistory", chat.SessionId, Contiguous(chat), 200);
                foreach (var m in page.Messages) chat.VisitorView[m.Seq] = m.Text;
            } while (page.HasMore && page.Messages.Count > 0);
        }
        catch (Exception)
        {
            // The next stall check or reconnect fills it.
        }
    }

    /// <summary>The highest sequence number up to which the visitor holds every message.</summary>
    private static long Contiguous(ChatUnderTest chat)
    {
        long n = 0;
        while (chat.VisitorView.ContainsKey(n + 1)) n++;
        return n;
    }

    private static bool IsRetryable(Exception e) => e switch
    {
        HubException h => h.Message.Contains("try_again") || h.Message.Contains("server_error"),
        _ => true, // connection lost, node gone, timeout: reconnect and retry with the same id
    };

    private static async Task<CookieContainer> SignInAsync(Uri api, string username)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = api };
        var csrf = (await http.GetFromJsonAsync<JsonElement>("api/auth/antiforgery")).GetProperty("token").GetString();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/sign-in")
        {
            Content = JsonContent.Create(new { tenant = LocalCluster.Tenant, username, password = LocalCluster.Password }),
        };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        return cookies;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chat in _chats) await chat.Visitor.DisposeAsync();
        foreach (var agent in _agents) await agent.DisposeAsync();
    }
}
