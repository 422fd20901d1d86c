using System.Net;
using ChatSupport.Api.Tests.Webhooks;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Webhooks;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace ChatSupport.Cluster.Tests;

/// <summary>
/// Real processes: 3 silos, 1 Api node, chats sending while a silo is killed. Afterwards the customer's receiver has
/// every webhook event of every chat (deduplicated by event id: a cut-off attempt may come twice), each chat's in order;
/// and every silo left answers its readiness route.
/// </summary>
public sealed class WebhookFailoverTests(ITestOutputHelper output)
{
    private const int Chats = 20;

    [Fact]
    public async Task A_silo_killed_mid_traffic_loses_no_webhook_event()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(silos: 3, apis: 1, new Dictionary<string, string>
        {
            ["ChatSupport__Webhooks__AllowedTargets__0"] = "127.0.0.1",
            ["ChatSupport__Webhooks__RetryDelays__0"] = "00:00:01",
            ["ChatSupport__Webhooks__RetryDelays__1"] = "00:00:02",
            ["ChatSupport__Webhooks__RetryDelays__2"] = "00:00:02",
            ["ChatSupport__Webhooks__RetryDelays__3"] = "00:00:02",
            ["ChatSupport__Webhooks__RetryDelays__4"] = "00:00:02",
            ["ChatSupport__Webhooks__SweepPeriod"] = "00:00:03",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var port in cluster.SiloHealthPorts)
            await Eventually.GetAsync(() => ReadyAsync(http, port), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60), $"silo health port {port} ready");

        await using (var admin = await GatewayClient.ConnectAsync(cluster.GatewayPorts[0], LocalCluster.ClusterId, ClientIdentity.ClusterCertificate, cluster.TlsSettings))
        {
            var created = await admin.Client.GetGrain<IWebhooksGrain>(LocalCluster.Tenant).Create(receiver.Url, [.. WebhookEventNames.All], "test");
            created.Error.Should().BeNull();
            receiver.Secrets.Add(created.Value!.Secret);
        }

        await using var traffic = new ChatTraffic(cluster);
        await traffic.StartChatsAsync(Chats);
        var run = traffic.RunAsync(DateTime.UtcNow + TimeSpan.FromSeconds(12), visitorEvery: TimeSpan.FromSeconds(1), agentEvery: TimeSpan.FromSeconds(2));
        await Task.Delay(TimeSpan.FromSeconds(4)); // let traffic flow before the fault
        await cluster.KillSiloAsync(1);
        await run;
        // Every chat ends with a session event, which queues the messages not yet queued.
        foreach (var chat in traffic.Chats)
            await Eventually.GetAsync(async () =>
            {
                try { return (await (await chat.Agent.GetAsync()).InvokeAsync<ChatSessionSnapshot>("Resolve", chat.SessionId)).Status; }
                catch (HubException e) when (e.Message.Contains("chat_resolved")) { return ChatStatus.Resolved; }
                catch (Exception e) when (e is HubException or InvalidOperationException or IOException) { return ChatStatus.ActiveChat; }
            }, s => s == ChatStatus.Resolved, TimeSpan.FromSeconds(60), "the chat resolved");

        var agent = await traffic.AnyAgent.GetAsync();
        var expected = new Dictionary<string, List<string>>();
        foreach (var chat in traffic.Chats)
        {
            var history = await ChatTraffic.ReadHistoryAsync(agent, chat.SessionId);
            expected[chat.SessionId] = [$"evt_{chat.SessionId}_e1", .. history.Select(m => $"evt_{chat.SessionId}_m{m.Seq}")];
        }
        // Each chat's resolve is queued with its last messages: done when every chat's end and every message has arrived.
        var wanted = expected.Values.SelectMany(ids => ids).Concat(expected.Keys.Select(id => "resolved:" + id)).ToHashSet();
        var accepted = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted),
            a => wanted.IsSubsetOf(a.Select(r => r.Type == WebhookEventNames.ChatResolved ? "resolved:" + r.SessionId : r.EventId)),
            TimeSpan.FromSeconds(120), "every webhook event of every chat");

        receiver.Received.Should().OnlyContain(r => r.SignatureValid);
        foreach (var (sessionId, ids) in expected)
        {
            var mine = accepted.Where(r => r.SessionId == sessionId).ToList();
            mine.Select(r => r.EventId).Should().Contain(ids, "no event of chat {0} is lost", sessionId);
            mine.Select(r => r.Type).Should().Contain([WebhookEventNames.ChatAssigned, WebhookEventNames.ChatResolved]);
            mine.Where(r => r.Type == WebhookEventNames.MessageCreated).Select(r => r.Body.GetProperty("data").GetProperty("message").GetProperty("seq").GetInt64())
                .Should().BeInAscendingOrder("a chat's messages arrive in its order");
            mine[0].Type.Should().Be(WebhookEventNames.ChatStarted);
            mine[^1].Type.Should().Be(WebhookEventNames.ChatResolved);
        }
        var duplicates = receiver.Received.Count(r => r.Answered == 200) - accepted.Count;
        output.WriteLine($"{Chats} chats, {accepted.Count} webhook events received, {duplicates} received twice (cut-off attempts), {receiver.Received.Count} requests");

        // The silos left are ready; the killed one answers nothing.
        foreach (var port in cluster.SiloHealthPorts.Where((_, i) => i != 1))
            (await ReadyAsync(http, port)).Should().Be(HttpStatusCode.OK);
    }

    private static async Task<HttpStatusCode> ReadyAsync(HttpClient http, int port)
    {
        try { return (await http.GetAsync($"http://127.0.0.1:{port}/healthz/ready")).StatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return HttpStatusCode.ServiceUnavailable; }
    }
}
