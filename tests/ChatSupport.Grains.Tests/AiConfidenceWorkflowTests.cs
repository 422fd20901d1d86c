using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Sessions;

namespace ChatSupport.Grains.Tests;

/// <summary>The session's AI confidence as a decision of the state machine: open chats take it, with an event the desk shows.</summary>
public sealed class AiConfidenceWorkflowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly AgentRef Alex = new("alex", "Alex");
    private static ChatSessionState Waiting => ChatWorkflow.Start(new ChatSessionState(), "v1", new VisitorMetadata(), T0).Next!;
    private static ChatSessionState Resolved => ChatWorkflow.Resolve(
        ChatWorkflow.Assign(Waiting, ChatCaller.Agent(Alex), Alex, T0).Next!, ChatCaller.Agent(Alex), T0.AddMinutes(1)).Next!;

    [Fact]
    public void An_open_chat_takes_the_new_confidence_with_one_event()
    {
        var decision = ChatWorkflow.RecordAiConfidence(Waiting, 0.8734, T0.AddSeconds(5));
        decision.Error.Should().BeNull();
        decision.Next!.AiConfidence.Should().Be(0.873);
        decision.Events.Should().ContainSingle().Which.Should().BeEquivalentTo(new AiConfidenceAssessed { Confidence = 0.873, OccurredAt = T0.AddSeconds(5) });
    }

    [Fact]
    public void The_same_value_or_a_resolved_chat_raises_nothing()
    {
        var once = ChatWorkflow.RecordAiConfidence(Waiting, 0.4, T0).Next!;
        ChatWorkflow.RecordAiConfidence(once, 0.4, T0.AddSeconds(1)).Events.Should().BeEmpty();
        var resolved = ChatWorkflow.RecordAiConfidence(Resolved, 0.9, T0.AddMinutes(2));
        resolved.Events.Should().BeEmpty();
        resolved.Next!.AiConfidence.Should().BeNull("a resolved chat keeps the confidence it had");
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_confidence_outside_0_to_1_is_invalid_input(double confidence) =>
        ChatWorkflow.RecordAiConfidence(Waiting, confidence, T0).Error!.Code.Should().Be("invalid_input");

    [Fact]
    public void A_session_that_never_started_is_unknown() =>
        ChatWorkflow.RecordAiConfidence(new ChatSessionState(), 0.5, T0).Error!.Code.Should().Be("unknown_session");
}
