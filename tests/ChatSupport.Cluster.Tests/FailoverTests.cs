using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace ChatSupport.Cluster.Tests;

/// <summary>
/// Real processes: 3 silos, 2 Api nodes, 200 chats sending through both nodes while something dies. Afterwards
/// every chat's stored history is exactly what its senders saw acknowledged, in order, none doubled; every
/// chat keeps its status; every client holds every message and receives again.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Chats = 200;
    private static readonly TimeSpan Traffic = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan FaultAfter = TimeSpan.FromSeconds(6);

    [Fact]
    public Task A_silo_killed_mid_traffic_loses_no_acknowledged_message() =>
        RunScenarioAsync("silo SIGKILL", cluster => cluster.KillSiloAsync(1));

    [Fact]
    public Task A_silo_shut_down_gracefully_mid_traffic_hands_its_chats_over() =>
        RunScenarioAsync("silo SIGTERM (graceful)", cluster => cluster.StopSiloAsync(2));

    [Fact]
    public Task Storage_down_for_ten_seconds_refuses_sends_with_try_again_and_then_resumes() =>
        RunScenarioAsync("Azurite stopped 10 s", async cluster =>
        {
            await cluster.Azurite.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(10)); // the outage itself, not a wait for an event
            await cluster.Azurite.RestartAsync();
        });

    [Fact]
    public Task An_api_node_killed_mid_traffic_moves_its_clients_to_the_other_without_gaps() =>
        RunScenarioAsync("Api node SIGKILL", cluster => cluster.KillApiAsync(1));

    private async Task RunScenarioAsync(string scenario, Func<LocalCluster, Task> fault)
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 3, apis: 2);
        await using var traffic = new ChatTraffic(cluster);
        await traffic.StartChatsAsync(Chats);

        var stopAt = DateTime.UtcNow + Traffic;
        var run = traffic.RunAsync(stopAt, visitorEvery: TimeSpan.FromSeconds(1), agentEvery: TimeSpan.FromSeconds(2));
        await Task.Delay(FaultAfter); // let traffic flow before the fault
        var faultAt = DateTime.UtcNow;
        traffic.FaultAt = faultAt;
        await fault(cluster);
        await run;
        traffic.FaultAt = null; // the final round below (20 sends queued per agent connection at once) is not the fault's

        var agent = await traffic.AnyAgent.GetAsync();
        foreach (var chat in traffic.Chats)
        {
            var history = await ChatTraffic.ReadHistoryAsync(agent, chat.SessionId);
            history.Select(m => m.Seq).Should().Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), "sequence numbers have no gaps");
            history.Select(m => (m.Sender, m.ClientMessageId)).Should().OnlyHaveUniqueItems("no message is stored twice");
            history.Where(m => m.Sender == ChatParty.Visitor).Select(m => (m.ClientMessageId, m.Seq))
                .Should().Equal(chat.VisitorAcks, "the visitor's stored messages are exactly those acknowledged, in send order");
            history.Where(m => m.Sender == ChatParty.Agent).Select(m => (m.ClientMessageId, m.Seq))
                .Should().Equal(chat.AgentAcks, "the agent's stored messages are exactly those acknowledged, in send order");
            (await agent.InvokeAsync<ChatSessionSnapshot>("GetSession", chat.SessionId)).Status.Should().Be(ChatStatus.ActiveChat);
        }

        // Every client receives again: one more agent message per chat must reach its visitor.
        await Task.WhenAll(traffic.Chats.Select(chat => traffic.SendUntilAckedAsync(chat, chat.Agent, "agent-final", "Anything else?")));
        await traffic.WaitUntilVisitorsCurrentAsync(TimeSpan.FromSeconds(60));
        foreach (var chat in traffic.Chats)
        {
            var history = await ChatTraffic.ReadHistoryAsync(agent, chat.SessionId);
            chat.VisitorView.OrderBy(p => p.Key).Select(p => (p.Value, p.Key))
                .Should().Equal(history.Select(m => (m.Text, m.Seq)), "the visitor's client holds every message once, in order");
        }

        var acknowledged = traffic.Chats.Sum(c => c.VisitorAcks.Count + c.AgentAcks.Count);
        var longestPause = traffic.Chats.Max(c => c.LongestAckMilliseconds);
        var longestVisitorPause = traffic.Chats.Max(c => c.LongestVisitorAckMilliseconds);
        var longestAfterFault = traffic.Chats.Max(c => c.LongestAckAfterFaultMilliseconds);
        var longestBegan = traffic.Chats.MaxBy(c => c.LongestAckMilliseconds)!.LongestAckBegan;
        var reconnects = traffic.Chats.Sum(c => c.Visitor.Reconnects);
        var figures = $"{scenario}: {Chats} chats, {acknowledged} messages acknowledged and stored exactly once; " +
                      $"longest send-to-ack pause {longestPause} ms (visitors' {longestVisitorPause} ms; the longest, an {longestBegan.Sender}'s, began at {longestBegan.StartedUtc:HH:mm:ss.fff}, {(longestBegan.StartedUtc - faultAt).TotalSeconds:+0.0;-0.0} s from the fault at {faultAt:HH:mm:ss.fff}; of sends begun after the fault {longestAfterFault} ms); {reconnects} visitor reconnects; {traffic.StallResyncs} stall resyncs";
        output.WriteLine(figures);
        await File.AppendAllTextAsync(Path.Combine(RepoPaths.Root, "TestResults", "cluster-figures.txt"), $"{DateTime.UtcNow:u} {figures}{Environment.NewLine}");
    }
}
