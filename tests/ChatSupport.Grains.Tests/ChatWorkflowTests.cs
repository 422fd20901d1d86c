using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Sessions;

namespace ChatSupport.Grains.Tests;

/// <summary>The state machine on its own: every command from every status, without a cluster.</summary>
public sealed class ChatWorkflowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly AgentRef Alex = new("alex", "Alex");
    private static readonly AgentRef Sam = new("sam", "Sam");
    private static readonly ChatCaller AlexCalls = ChatCaller.Agent(Alex);
    private static readonly ChatCaller SamCalls = ChatCaller.Agent(Sam);
    private static readonly ChatCaller Visitor = ChatCaller.Visitor("v1");
    private static readonly ChatCaller OtherVisitor = ChatCaller.Visitor("v2");

    private static ChatSessionState NotStarted => new();
    private static ChatSessionState Waiting => ChatWorkflow.Start(NotStarted, "v1", VisitorMetadata.Empty, T0).Next!;
    private static ChatSessionState Assigned => ChatWorkflow.Assign(Waiting, AlexCalls, Alex, T0.AddSeconds(30)).Next!;
    private static ChatSessionState Active => ChatWorkflow.AfterPost(Assigned, ChatParty.Agent, 1, T0.AddSeconds(40))!.Value.Next!;
    private static ChatSessionState Resolved => ChatWorkflow.Resolve(Active, AlexCalls, T0.AddMinutes(5)).Next!;
    private static ChatSessionState Rated => ChatWorkflow.Rate(Resolved, Visitor, 5, null, false, T0.AddMinutes(6)).Next!;

    public static TheoryData<string, string, string?> Matrix()
    {
        // (state, command, expected error code or null when allowed)
        var data = new TheoryData<string, string, string?>();
        void Row(string state, string command, string? error) => data.Add(state, command, error);
        foreach (var state in new[] { "waiting", "assigned", "active", "resolved", "rated" })
            Row(state, "start", "already_started");

        Row("not_started", "assign", "unknown_session");
        Row("waiting", "assign", null);
        Row("assigned", "assign", "already_assigned");
        Row("active", "assign", "already_assigned");
        Row("resolved", "assign", "chat_resolved");

        Row("waiting", "transfer", "not_assigned");
        Row("assigned", "transfer", null);
        Row("active", "transfer", null);
        Row("resolved", "transfer", "chat_resolved");

        Row("waiting", "resolve", "not_assigned");
        Row("assigned", "resolve", null);
        Row("active", "resolve", null);
        Row("resolved", "resolve", "chat_resolved");

        Row("waiting", "close", null);
        Row("assigned", "close", null);
        Row("active", "close", null);
        Row("resolved", "close", "chat_resolved");

        Row("waiting", "rate", "not_resolved");
        Row("assigned", "rate", "not_resolved");
        Row("active", "rate", "not_resolved");
        Row("resolved", "rate", null);
        Row("rated", "rate", "already_rated");

        Row("not_started", "visitor_post", "unknown_session");
        Row("waiting", "visitor_post", null);
        Row("assigned", "visitor_post", null);
        Row("active", "visitor_post", null);
        Row("resolved", "visitor_post", "chat_resolved");

        Row("waiting", "agent_post", "not_assigned_agent");
        Row("assigned", "agent_post", null);
        Row("active", "agent_post", null);
        Row("resolved", "agent_post", "chat_resolved");
        Row("assigned", "other_agent_post", "not_assigned_agent");
        Row("active", "other_agent_post", "not_assigned_agent");

        Row("active", "other_visitor_post", "not_your_session");
        Row("resolved", "other_visitor_rate", "not_your_session");
        Row("active", "other_visitor_close", "not_your_session");
        Row("waiting", "visitor_assign", "agents_only");
        Row("active", "agent_close", "visitors_only");
        Row("resolved", "agent_rate", "visitors_only");
        Row("active", "transfer_to_same_agent", "same_agent");
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Every_command_from_every_status_is_allowed_or_refused_as_documented(string stateName, string command, string? expectedError)
    {
        var before = StateNamed(stateName);
        var now = T0.AddMinutes(10);
        ChatError? error;
        ChatSessionState? next = null;
        switch (command)
        {
            case "start": (next, _, error) = ChatWorkflow.Start(before, "v1", VisitorMetadata.Empty, now); break;
            case "assign": (next, _, error) = ChatWorkflow.Assign(before, SamCalls, Sam, now); break;
            case "visitor_assign": (next, _, error) = ChatWorkflow.Assign(before, Visitor, Sam, now); break;
            case "transfer": (next, _, error) = ChatWorkflow.Transfer(before, SamCalls, Sam, "over to you", now); break;
            case "transfer_to_same_agent": (next, _, error) = ChatWorkflow.Transfer(before, AlexCalls, Alex, null, now); break;
            case "resolve": (next, _, error) = ChatWorkflow.Resolve(before, AlexCalls, now); break;
            case "close": (next, _, error) = ChatWorkflow.CloseByVisitor(before, Visitor, now); break;
            case "agent_close": (next, _, error) = ChatWorkflow.CloseByVisitor(before, AlexCalls, now); break;
            case "other_visitor_close": (next, _, error) = ChatWorkflow.CloseByVisitor(before, OtherVisitor, now); break;
            case "rate": (next, _, error) = ChatWorkflow.Rate(before, Visitor, 4, "thanks", false, now); break;
            case "agent_rate": (next, _, error) = ChatWorkflow.Rate(before, AlexCalls, 4, null, false, now); break;
            case "other_visitor_rate": (next, _, error) = ChatWorkflow.Rate(before, OtherVisitor, 4, null, false, now); break;
            case "visitor_post": error = ChatWorkflow.CanPost(before, Visitor); break;
            case "other_visitor_post": error = ChatWorkflow.CanPost(before, OtherVisitor); break;
            case "agent_post": error = ChatWorkflow.CanPost(before, AlexCalls); break;
            case "other_agent_post": error = ChatWorkflow.CanPost(before, SamCalls); break;
            default: throw new ArgumentOutOfRangeException(nameof(command), command, null);
        }

        error?.Code.Should().Be(expectedError);
        if (expectedError is null) error.Should().BeNull();
        else next.Should().BeNull("a refused command yields no new state");
    }

    [Fact]
    public void The_whole_workflow_records_each_timestamp_and_status()
    {
        var waiting = Waiting;
        waiting.Status.Should().Be(ChatStatus.WaitingForAgent);
        waiting.CreatedAt.Should().Be(T0);

        var assigned = Assigned;
        assigned.Status.Should().Be(ChatStatus.AssignedToAgent);
        assigned.AssignedAgent.Should().Be(Alex);
        assigned.AssignedAt.Should().Be(T0.AddSeconds(30));

        ChatWorkflow.AfterPost(assigned, ChatParty.Visitor, 1, T0.AddSeconds(35)).Should().BeNull("only the agent's first message makes a chat active");

        var active = Active;
        active.Status.Should().Be(ChatStatus.ActiveChat);
        active.FirstAgentReplyAt.Should().Be(T0.AddSeconds(40));
        ChatWorkflow.AfterPost(active, ChatParty.Agent, 2, T0.AddMinutes(1)).Should().BeNull("an active chat stays as it is");

        var resolved = Resolved;
        resolved.Status.Should().Be(ChatStatus.Resolved);
        resolved.ResolvedAt.Should().Be(T0.AddMinutes(5));
        resolved.ResolvedBy.Should().Be(ChatParty.Agent);

        var rated = ChatWorkflow.Rate(resolved, Visitor, 4, "  quick and kind  ", true, T0.AddMinutes(6)).Next!;
        rated.Rating.Should().BeEquivalentTo(new ChatRating { Stars = 4, Feedback = "quick and kind", Anonymous = true, RatedAt = T0.AddMinutes(6) });
    }

    [Fact]
    public void Transfer_keeps_the_conversation_stage_and_records_the_note()
    {
        var transferred = ChatWorkflow.Transfer(Active, AlexCalls, Sam, "  billing question ", T0.AddMinutes(2)).Next!;
        transferred.Status.Should().Be(ChatStatus.ActiveChat);
        transferred.AssignedAgent.Should().Be(Sam);
        transferred.TransferNote.Should().Be("billing question");
        ChatWorkflow.CanPost(transferred, AlexCalls)!.Code.Should().Be("not_assigned_agent", "the previous agent can no longer write");
        ChatWorkflow.CanPost(transferred, SamCalls).Should().BeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Ratings_outside_one_to_five_stars_are_refused(int stars) =>
        ChatWorkflow.Rate(Resolved, Visitor, stars, null, false, T0).Error!.Code.Should().Be("invalid_input");

    [Fact]
    public void Feedback_longer_than_the_limit_is_refused() =>
        ChatWorkflow.Rate(Resolved, Visitor, 3, new string('x', ChatLimits.FeedbackMaxLength + 1), false, T0).Error!.Code.Should().Be("invalid_input");

    [Fact]
    public void Receipts_only_move_forward_and_never_past_the_newest_message()
    {
        var r = ChatWorkflow.Acknowledge(DeliveryReceipts.None, ChatParty.Agent, deliveredUpTo: 5, readUpTo: 3, lastSeq: 10);
        r.Should().BeEquivalentTo(new DeliveryReceipts { AgentDeliveredSeq = 5, AgentReadSeq = 3 });
        r = ChatWorkflow.Acknowledge(r, ChatParty.Agent, deliveredUpTo: 2, readUpTo: 1, lastSeq: 10);
        r.Should().BeEquivalentTo(new DeliveryReceipts { AgentDeliveredSeq = 5, AgentReadSeq = 3 }, "an older receipt does not move them back");
        r = ChatWorkflow.Acknowledge(r, ChatParty.Visitor, deliveredUpTo: 0, readUpTo: 99, lastSeq: 10);
        r.VisitorReadSeq.Should().Be(10);
        r.VisitorDeliveredSeq.Should().Be(10, "a message read was also delivered");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_messages_are_refused(string text) =>
        ChatInput.CheckMessageText(text, out _)!.Code.Should().Be("invalid_input");

    [Fact]
    public void Message_text_is_trimmed_and_bounded()
    {
        ChatInput.CheckMessageText("  hi  ", out var trimmed).Should().BeNull();
        trimmed.Should().Be("hi");
        ChatInput.CheckMessageText(new string('a', ChatLimits.MessageMaxLength), out _).Should().BeNull();
        ChatInput.CheckMessageText(new string('a', ChatLimits.MessageMaxLength + 1), out _)!.Code.Should().Be("invalid_input");
    }

    [Fact]
    public void Oversized_metadata_is_refused_at_start() =>
        ChatWorkflow.Start(NotStarted, "v1", new VisitorMetadata { PageUrl = new string('u', ChatLimits.UrlMaxLength + 1) }, T0)
            .Error!.Code.Should().Be("invalid_input");

    private static ChatSessionState StateNamed(string name) => name switch
    {
        "not_started" => NotStarted,
        "waiting" => Waiting,
        "assigned" => Assigned,
        "active" => Active,
        "resolved" => Resolved,
        "rated" => Rated,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
