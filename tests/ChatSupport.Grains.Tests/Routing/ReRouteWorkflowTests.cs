using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Routing;
using ChatSupport.Grains.Sessions;

namespace ChatSupport.Grains.Tests.Routing;

/// <summary>Re-route as a pure decision: when an unanswered chat goes back to the queue, and what the router does with it then.</summary>
public sealed class ReRouteWorkflowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly AgentRef Alex = new("alex", "Alex");
    private static readonly AgentRef Sam = new("sam", "Sam");

    private static ChatSessionState Waiting(int? reRouteAfter = 120) =>
        ChatWorkflow.Start(new ChatSessionState(), "v1", new VisitorMetadata { Name = "Ada" }, T0).Next! with { ReRouteAfterSeconds = reRouteAfter };

    private static ChatSessionState AssignedToAlex(int? reRouteAfter = 120) =>
        ChatWorkflow.Assign(Waiting(reRouteAfter), ChatCaller.Agent(Alex), Alex, T0.AddSeconds(30)).Next!;

    [Fact]
    public void An_assigned_chat_without_a_reply_goes_back_to_the_queue_at_its_due_time_and_not_a_second_before()
    {
        var assigned = AssignedToAlex();
        ChatWorkflow.ReRouteDueAt(assigned).Should().Be(T0.AddSeconds(150), "assigned at 30 s, 120 s to answer");
        ChatWorkflow.ReRoute(assigned, T0.AddSeconds(149)).Should().BeNull("the agent still has a second");

        var decision = ChatWorkflow.ReRoute(assigned, T0.AddSeconds(150))!.Value;
        decision.Next!.Should().BeEquivalentTo(new
        {
            Status = ChatStatus.WaitingForAgent,
            AssignedAgent = (AgentRef?)null,
            AssignedAt = (DateTimeOffset?)null,
            ReRoutedFrom = new[] { "alex" },
            ReRoutedAt = T0.AddSeconds(150),
        });
        decision.Events.Should().ContainSingle().Which.Should().BeEquivalentTo(new ChatReRouted { From = Alex, AfterSeconds = 120, OccurredAt = T0.AddSeconds(150) });
        ChatWorkflow.ReRouteDueAt(decision.Next!).Should().BeNull("waiting: nobody holds it to answer");
    }

    [Fact]
    public void Re_route_leaves_alone_an_answered_chat_a_chat_with_re_route_off_and_a_waiting_or_resolved_one()
    {
        var answered = ChatWorkflow.AfterPost(AssignedToAlex(), ChatParty.Agent, 1, T0.AddSeconds(40))!.Value.Next!;
        ChatWorkflow.ReRoute(answered, T0.AddHours(1)).Should().BeNull("the agent answered: the conversation stays theirs");
        ChatWorkflow.ReRoute(AssignedToAlex(reRouteAfter: null), T0.AddHours(1)).Should().BeNull("re-route is off");
        ChatWorkflow.ReRoute(Waiting(), T0.AddHours(1)).Should().BeNull("nobody holds a waiting chat");
        var resolved = ChatWorkflow.Resolve(AssignedToAlex(), ChatCaller.Agent(Alex), T0.AddSeconds(60)).Next!;
        ChatWorkflow.ReRoute(resolved, T0.AddHours(1)).Should().BeNull();
    }

    [Fact]
    public void A_transfer_gives_the_new_agent_the_whole_time_to_answer()
    {
        var transferred = ChatWorkflow.Transfer(AssignedToAlex(), ChatCaller.Agent(Alex), Sam, null, T0.AddSeconds(100)).Next!;
        ChatWorkflow.ReRouteDueAt(transferred).Should().Be(T0.AddSeconds(220));
        ChatWorkflow.ReRoute(transferred, T0.AddSeconds(220))!.Value.Events.Should().ContainSingle()
            .Which.Should().BeOfType<ChatReRouted>().Which.From.Should().Be(Sam);
    }

    [Fact]
    public void The_router_skips_the_agents_who_did_not_answer_and_says_so_in_the_assignments_record()
    {
        var team = new List<RoutingCandidate>
        {
            new("alex", "Alex", AgentStatus.Online, 0, 5, null),
            new("sam", "Sam", AgentStatus.Online, 3, 5, null),
        };
        var chat = SessionSummary.From(ChatWorkflow.ReRoute(AssignedToAlex(), T0.AddSeconds(150))!.Value.Next!.ToSnapshot("t", "s1", 0));

        var (chosen, reason) = RoutingRule.Choose(RoutingMode.LeastBusy, team, null, NotAnswered.Of(chat, 120));

        chosen!.AgentId.Should().Be("sam", "Alex is less busy but did not answer this chat");
        reason!.Skipped.Should().ContainSingle().Which.Should().Be(new SkippedAgent("alex", "did not reply in 120 s"));
        reason.Summary.Should().Contain("Re-routed").And.Contain("alex");
        RoutingRule.Choose(RoutingMode.LeastBusy, team[..1], null, NotAnswered.Of(chat, 120)).Chosen.Should().BeNull("only the agent who did not answer is there: the chat waits");
    }
}
