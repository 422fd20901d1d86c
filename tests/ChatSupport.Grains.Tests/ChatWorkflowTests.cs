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
    private static readonly AgentRef Lee = new("lee", "Lee");
    private static readonly ChatCaller AlexCalls = ChatCaller.Agent(Alex);
    private static readonly ChatCaller SamCalls = ChatCaller.Agent(Sam);
    /// <summary>An agent who holds none of these chats: assigns, transfers and resolves on someone else's behalf.</summary>
    private static readonly ChatCaller LeeCalls = ChatCaller.Agent(Lee);
    private static readonly ChatCaller Visitor = ChatCaller.Visitor("v1");
    private static readonly ChatCaller OtherVisitor = ChatCaller.Visitor("v2");
    private static readonly VisitorMetadata Metadata = new() { Name = "Ada", PageUrl = "https://shop.example/cart", Language = "en" };

    private static ChatSessionState NotStarted => new();
    private static ChatSessionState Waiting => ChatWorkflow.Start(NotStarted, "v1", Metadata, T0).Next!;
    private static ChatSessionState Assigned => ChatWorkflow.Assign(Waiting, AlexCalls, Alex, T0.AddSeconds(30)).Next!;
    private static ChatSessionState Active => ChatWorkflow.AfterPost(Assigned, ChatParty.Agent, 2, T0.AddSeconds(40))!.Value.Next!;
    private static ChatSessionState Resolved => ChatWorkflow.Resolve(Active, AlexCalls, T0.AddMinutes(5)).Next!;
    private static ChatSessionState Rated => ChatWorkflow.Rate(Resolved, Visitor, 5, null, false, T0.AddMinutes(6)).Next!;
    /// <summary>Waiting, with the visitor's widget connected (connection "c1").</summary>
    private static ChatSessionState WaitingConnected => ChatWorkflow.VisitorPresence(Waiting, Visitor, "c1", true, T0.AddMinutes(1)).Next!;
    /// <summary>Waiting; the visitor was connected and left five minutes in, so their ten minutes run until T0+15.</summary>
    private static ChatSessionState WaitingLeft => ChatWorkflow.VisitorPresence(WaitingConnected, Visitor, "c1", false, T0.AddMinutes(5)).Next!;
    private static readonly TimeSpan AbandonAfter = TimeSpan.FromMinutes(10);

    // The time and message number every command of the table runs with.
    private static readonly DateTimeOffset Now = T0.AddMinutes(10);
    private const long PostedSeq = 7;
    private static readonly DateTimeOffset FollowUpAt = Now.AddHours(1);

    public static TheoryData<string, string, string?, ChatStatus?> Matrix()
    {
        // (state, command, expected refusal code, or the status an allowed command leads to)
        var data = new TheoryData<string, string, string?, ChatStatus?>();
        void Refused(string state, string command, string code) => data.Add(state, command, code, null);
        void Allowed(string state, string command, ChatStatus next) => data.Add(state, command, null, next);

        Allowed("not_started", "start", ChatStatus.WaitingForAgent);
        Refused("waiting", "start", "already_started");
        Refused("assigned", "start", "already_started");
        Refused("active", "start", "already_started");
        Refused("resolved", "start", "already_started");
        Refused("rated", "start", "already_started");

        Refused("not_started", "assign", "unknown_session");
        Allowed("waiting", "assign", ChatStatus.AssignedToAgent);
        Refused("assigned", "assign", "already_assigned");
        Refused("active", "assign", "already_assigned");
        Refused("resolved", "assign", "chat_resolved");
        Refused("rated", "assign", "chat_resolved");

        Refused("not_started", "transfer", "unknown_session");
        Refused("waiting", "transfer", "not_assigned");
        Allowed("assigned", "transfer", ChatStatus.AssignedToAgent);
        Allowed("active", "transfer", ChatStatus.ActiveChat);
        Refused("resolved", "transfer", "chat_resolved");
        Refused("rated", "transfer", "chat_resolved");

        Refused("not_started", "resolve", "unknown_session");
        Refused("waiting", "resolve", "not_assigned");
        Allowed("assigned", "resolve", ChatStatus.Resolved);
        Allowed("active", "resolve", ChatStatus.Resolved);
        Refused("resolved", "resolve", "chat_resolved");
        Refused("rated", "resolve", "chat_resolved");

        Refused("not_started", "close", "unknown_session");
        Allowed("waiting", "close", ChatStatus.Resolved);
        Allowed("assigned", "close", ChatStatus.Resolved);
        Allowed("active", "close", ChatStatus.Resolved);
        Refused("resolved", "close", "chat_resolved");
        Refused("rated", "close", "chat_resolved");

        Refused("not_started", "rate", "unknown_session");
        Refused("waiting", "rate", "not_resolved");
        Refused("assigned", "rate", "not_resolved");
        Refused("active", "rate", "not_resolved");
        Allowed("resolved", "rate", ChatStatus.Resolved);
        Refused("rated", "rate", "already_rated");

        Refused("not_started", "visitor_post", "unknown_session");
        Allowed("waiting", "visitor_post", ChatStatus.WaitingForAgent);
        Allowed("assigned", "visitor_post", ChatStatus.AssignedToAgent);
        Allowed("active", "visitor_post", ChatStatus.ActiveChat);
        Refused("resolved", "visitor_post", "chat_resolved");
        Refused("rated", "visitor_post", "chat_resolved");

        Refused("not_started", "agent_post", "unknown_session");
        Refused("waiting", "agent_post", "not_assigned_agent");
        Allowed("assigned", "agent_post", ChatStatus.ActiveChat);
        Allowed("active", "agent_post", ChatStatus.ActiveChat);
        Refused("resolved", "agent_post", "chat_resolved");
        Refused("rated", "agent_post", "chat_resolved");

        Refused("waiting", "other_agent_post", "not_assigned_agent");
        Refused("assigned", "other_agent_post", "not_assigned_agent");
        Refused("active", "other_agent_post", "not_assigned_agent");

        Refused("waiting", "other_visitor_post", "not_your_session");
        Refused("active", "other_visitor_post", "not_your_session");
        Refused("active", "other_visitor_close", "not_your_session");
        Refused("resolved", "other_visitor_rate", "not_your_session");

        Refused("waiting", "visitor_assign", "agents_only");
        Refused("active", "visitor_transfer", "agents_only");
        Refused("active", "visitor_resolve", "agents_only");
        Refused("active", "agent_close", "visitors_only");
        Refused("resolved", "agent_rate", "visitors_only");
        Refused("active", "transfer_to_same_agent", "same_agent");

        // "Close selected": any agent, any open status, resolved by that agent.
        Refused("not_started", "close_selected", "unknown_session");
        Allowed("waiting", "close_selected", ChatStatus.Resolved);
        Allowed("assigned", "close_selected", ChatStatus.Resolved);
        Allowed("active", "close_selected", ChatStatus.Resolved);
        Refused("resolved", "close_selected", "chat_resolved");
        Refused("rated", "close_selected", "chat_resolved");
        Refused("waiting", "visitor_close_selected", "agents_only");

        // Abandonment, at T0+10 min: due exactly then for a chat started at T0 that nobody was ever in.
        Refused("not_started", "abandon", "unknown_session");
        Allowed("waiting", "abandon", ChatStatus.Resolved);
        Refused("waiting_connected", "abandon", "not_abandoned");
        Refused("waiting_left", "abandon", "not_abandoned");
        Refused("waiting", "abandon_after_a_message", "not_abandoned");
        Refused("waiting", "abandon_a_moment_too_soon", "not_abandoned");
        Refused("assigned", "abandon", "not_abandoned");
        Refused("active", "abandon", "not_abandoned");
        Refused("resolved", "abandon", "not_abandoned");
        Refused("rated", "abandon", "not_abandoned");

        // The visitor's connections: no status changes, no events.
        Refused("not_started", "visitor_connects", "unknown_session");
        Allowed("waiting", "visitor_connects", ChatStatus.WaitingForAgent);
        Allowed("waiting_connected", "visitor_connects", ChatStatus.WaitingForAgent);
        Allowed("assigned", "visitor_connects", ChatStatus.AssignedToAgent);
        Allowed("active", "visitor_connects", ChatStatus.ActiveChat);
        Refused("resolved", "visitor_connects", "chat_resolved");
        Allowed("waiting", "visitor_leaves", ChatStatus.WaitingForAgent);
        Allowed("waiting_connected", "visitor_leaves", ChatStatus.WaitingForAgent);
        Allowed("waiting_connected", "visitor_connects_again", ChatStatus.WaitingForAgent);
        Refused("waiting", "other_visitor_connects", "not_your_session");
        Refused("waiting", "agent_connects", "visitors_only");
        Refused("waiting", "visitor_connects_with_a_bad_id", "invalid_input");
        // Follow-up: reopen (resolved → active_chat with the same agent) and follow-up reminders (resolved chats only).
        Refused("not_started", "reopen", "unknown_session");
        Refused("waiting", "reopen", "not_resolved");
        Refused("assigned", "reopen", "not_resolved");
        Refused("active", "reopen", "not_resolved");
        Allowed("resolved", "reopen", ChatStatus.ActiveChat);
        Allowed("rated", "reopen", ChatStatus.ActiveChat);
        Refused("resolved", "visitor_reopen", "agents_only");
        Refused("not_started", "follow_up", "unknown_session");
        Refused("waiting", "follow_up", "invalid_input");
        Refused("assigned", "follow_up", "invalid_input");
        Refused("active", "follow_up", "invalid_input");
        Allowed("resolved", "follow_up", ChatStatus.Resolved);
        Allowed("rated", "follow_up", ChatStatus.Resolved);
        Refused("resolved", "visitor_follow_up", "agents_only");
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Every_command_from_every_status_is_allowed_or_refused_as_documented(
        string stateName, string command, string? expectedError, ChatStatus? expectedStatus)
    {
        (expectedError is null).Should().NotBe(expectedStatus is null, "each row is either a refusal or an allowed move");
        var before = StateNamed(stateName);

        var decision = Run(command, before);

        if (expectedError is not null)
        {
            decision.Error.Should().NotBeNull($"{command} from {stateName} is refused");
            decision.Error!.Code.Should().Be(expectedError);
            decision.Next.Should().BeNull("a refused command yields no new state");
            decision.Events.Should().BeEmpty("a refused command did nothing");
        }
        else
        {
            decision.Error.Should().BeNull($"{command} from {stateName} is allowed");
            var (expectedNext, expectedEvents) = ExpectedOutcome(command, before);
            decision.Next.Should().NotBeNull();
            decision.Next!.Status.Should().Be(expectedStatus!.Value);
            decision.Next.Should().BeEquivalentTo(expectedNext, o => o.ComparingByMembers<ChatSessionState>().WithStrictOrdering());
            decision.Events.Should().Equal(expectedEvents);
        }
    }

    /// <summary>Runs a command of the table; a post is the grain's two steps (may this caller post, then what the stored message changes).</summary>
    private static Decision Run(string command, ChatSessionState before) => command switch
    {
        "start" => ChatWorkflow.Start(before, "v1", Metadata, Now),
        "assign" => ChatWorkflow.Assign(before, LeeCalls, Sam, Now),
        "visitor_assign" => ChatWorkflow.Assign(before, Visitor, Sam, Now),
        "transfer" => ChatWorkflow.Transfer(before, LeeCalls, Sam, "  over to you  ", Now),
        "visitor_transfer" => ChatWorkflow.Transfer(before, Visitor, Sam, null, Now),
        "transfer_to_same_agent" => ChatWorkflow.Transfer(before, AlexCalls, Alex, null, Now),
        "resolve" => ChatWorkflow.Resolve(before, LeeCalls, Now),
        "visitor_resolve" => ChatWorkflow.Resolve(before, Visitor, Now),
        "close" => ChatWorkflow.CloseByVisitor(before, Visitor, Now),
        "agent_close" => ChatWorkflow.CloseByVisitor(before, AlexCalls, Now),
        "other_visitor_close" => ChatWorkflow.CloseByVisitor(before, OtherVisitor, Now),
        "rate" => ChatWorkflow.Rate(before, Visitor, 4, "  thanks  ", true, Now),
        "agent_rate" => ChatWorkflow.Rate(before, AlexCalls, 4, null, false, Now),
        "other_visitor_rate" => ChatWorkflow.Rate(before, OtherVisitor, 4, null, false, Now),
        "visitor_post" => Post(before, Visitor),
        "other_visitor_post" => Post(before, OtherVisitor),
        "agent_post" => Post(before, AlexCalls),
        "other_agent_post" => Post(before, SamCalls),
        "close_selected" => ChatWorkflow.CloseByAgent(before, LeeCalls, Now),
        "visitor_close_selected" => ChatWorkflow.CloseByAgent(before, Visitor, Now),
        "abandon" => ChatWorkflow.Abandon(before, 0, AbandonAfter, Now),
        "abandon_after_a_message" => ChatWorkflow.Abandon(before, 1, AbandonAfter, Now),
        "abandon_a_moment_too_soon" => ChatWorkflow.Abandon(before, 0, AbandonAfter, Now.AddTicks(-1)),
        "visitor_connects" => ChatWorkflow.VisitorPresence(before, Visitor, "c9", true, Now),
        "visitor_connects_again" => ChatWorkflow.VisitorPresence(before, Visitor, "c1", true, Now),
        "visitor_leaves" => ChatWorkflow.VisitorPresence(before, Visitor, "c1", false, Now),
        "other_visitor_connects" => ChatWorkflow.VisitorPresence(before, OtherVisitor, "c9", true, Now),
        "agent_connects" => ChatWorkflow.VisitorPresence(before, AlexCalls, "c9", true, Now),
        "visitor_connects_with_a_bad_id" => ChatWorkflow.VisitorPresence(before, Visitor, "c 9", true, Now),
        "reopen" => ChatWorkflow.Reopen(before, LeeCalls, Now),
        "visitor_reopen" => ChatWorkflow.Reopen(before, Visitor, Now),
        "follow_up" => ChatWorkflow.SetFollowUp(before, LeeCalls, FollowUpAt, Now, TimeSpan.FromMinutes(1)),
        "visitor_follow_up" => ChatWorkflow.SetFollowUp(before, Visitor, FollowUpAt, Now, TimeSpan.FromMinutes(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    private static Decision Post(ChatSessionState before, ChatCaller caller) =>
        ChatWorkflow.CanPost(before, caller) is { } refused
            ? refused
            : ChatWorkflow.AfterPost(before, caller.Party, PostedSeq, Now) ?? new Decision(before, [], null);

    /// <summary>What an allowed command of the table leads to: the documented change of state and the one event that says so.</summary>
    private static (ChatSessionState Next, ChatEvent[] Events) ExpectedOutcome(string command, ChatSessionState before) => command switch
    {
        "start" => (
            before with { Started = true, VisitorId = "v1", Status = ChatStatus.WaitingForAgent, Visitor = Metadata, CreatedAt = Now },
            [new ChatStarted { VisitorId = "v1", OccurredAt = Now }]),
        "assign" => (
            before with { Status = ChatStatus.AssignedToAgent, AssignedAgent = Sam, AssignedAt = Now, AssignmentReason = LeeAssignedSam },
            [new AgentAssigned { Agent = Sam, AssignedBy = "lee", OccurredAt = Now, Reason = LeeAssignedSam }]),
        "transfer" => (
            before with { AssignedAgent = Sam, AssignedAt = Now, TransferNote = "over to you" },
            [new ChatTransferred { From = Alex, To = Sam, TransferredBy = "lee", Note = "over to you", OccurredAt = Now }]),
        "resolve" => (
            before with { Status = ChatStatus.Resolved, ResolvedAt = Now, ResolvedBy = ChatParty.Agent },
            [new ChatResolved { Agent = Alex, ResolvedBy = "lee", OccurredAt = Now }]),
        "close" => (
            before with { Status = ChatStatus.Resolved, ResolvedAt = Now, ResolvedBy = ChatParty.Visitor },
            [new ChatClosedByVisitor { Agent = before.AssignedAgent, OccurredAt = Now }]),
        "rate" => (
            before with { Rating = new ChatRating { Stars = 4, Feedback = "thanks", Anonymous = true, RatedAt = Now } },
            [new ChatRated { Stars = 4, Feedback = "thanks", Anonymous = true, Agent = Alex, OccurredAt = Now }]),
        // The assigned agent's first message makes the chat active; any other message changes nothing.
        "agent_post" when before.Status == ChatStatus.AssignedToAgent => (
            before with { Status = ChatStatus.ActiveChat, FirstAgentReplyAt = Now },
            [new FirstAgentReply { Agent = Alex, MessageSeq = PostedSeq, OccurredAt = Now }]),
        "agent_post" or "visitor_post" => (before, []),
        "close_selected" => (
            before with { Status = ChatStatus.Resolved, ResolvedAt = Now, ResolvedBy = ChatParty.Agent },
            [new ChatResolved { Agent = before.AssignedAgent, ResolvedBy = "lee", OccurredAt = Now }]),
        "abandon" => (
            before with { Status = ChatStatus.Resolved, ResolvedAt = Now, ResolvedBy = null, Abandoned = true },
            [new ChatAbandoned { AwaySince = T0, OccurredAt = Now }]),
        "visitor_connects" => (before with { VisitorConnections = [.. before.VisitorConnections, "c9"], VisitorAwaySince = null }, []),
        // A connection the session knows already changes nothing, and so does the end of one it never knew.
        "visitor_connects_again" => (before, []),
        "visitor_leaves" when before.VisitorConnections.Count == 0 => (before, []),
        "visitor_leaves" => (before with { VisitorConnections = [], VisitorAwaySince = Now }, []),
        "reopen" => (
            before with { Status = ChatStatus.ActiveChat, ResolvedAt = null, ResolvedBy = null },
            [new ChatReopened { Agent = Alex, ReopenedBy = "lee", FollowUpOf = null, OccurredAt = Now }]),
        "follow_up" => (
            before with { FollowUpAt = FollowUpAt, FollowUpAgent = Lee },
            [new FollowUpScheduled { Agent = Lee, DueAt = FollowUpAt, Replaced = null, OccurredAt = Now }]),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "no allowed outcome is documented for this command"),
    };

    [Fact]
    public void The_whole_workflow_records_each_timestamp_and_status()
    {
        var waiting = Waiting;
        waiting.Status.Should().Be(ChatStatus.WaitingForAgent);
        waiting.CreatedAt.Should().Be(T0);
        waiting.Visitor.Should().Be(Metadata);

        var assigned = Assigned;
        assigned.Status.Should().Be(ChatStatus.AssignedToAgent);
        assigned.AssignedAgent.Should().Be(Alex);
        assigned.AssignedAt.Should().Be(T0.AddSeconds(30));

        ChatWorkflow.AfterPost(assigned, ChatParty.Visitor, 1, T0.AddSeconds(35))
            .Should().BeNull("only the agent's first message makes a chat active");

        var active = Active;
        active.Status.Should().Be(ChatStatus.ActiveChat);
        active.FirstAgentReplyAt.Should().Be(T0.AddSeconds(40));
        ChatWorkflow.AfterPost(active, ChatParty.Agent, 3, T0.AddMinutes(1))
            .Should().BeNull("the chat is already active: its first reply time stays T0+40s");

        var resolved = Resolved;
        resolved.Status.Should().Be(ChatStatus.Resolved);
        resolved.ResolvedAt.Should().Be(T0.AddMinutes(5));
        resolved.ResolvedBy.Should().Be(ChatParty.Agent);
        resolved.FirstAgentReplyAt.Should().Be(T0.AddSeconds(40));
        resolved.AssignedAgent.Should().Be(Alex, "the resolved chat is still attributed to its agent");

        var rated = ChatWorkflow.Rate(resolved, Visitor, 4, "  quick and kind  ", true, T0.AddMinutes(6)).Next!;
        rated.Rating.Should().BeEquivalentTo(new ChatRating { Stars = 4, Feedback = "quick and kind", Anonymous = true, RatedAt = T0.AddMinutes(6) });
        rated.Status.Should().Be(ChatStatus.Resolved);
    }

    [Fact]
    public void The_assigned_agents_first_message_makes_the_chat_active_with_its_number_and_time()
    {
        var assigned = Assigned;
        var decision = ChatWorkflow.AfterPost(assigned, ChatParty.Agent, 12, T0.AddSeconds(45));

        decision.Should().NotBeNull();
        decision!.Value.Error.Should().BeNull();
        decision.Value.Next.Should().Be(assigned with { Status = ChatStatus.ActiveChat, FirstAgentReplyAt = T0.AddSeconds(45) });
        decision.Value.Events.Should().Equal(new FirstAgentReply { Agent = Alex, MessageSeq = 12, OccurredAt = T0.AddSeconds(45) });
    }

    [Fact]
    public void A_first_reply_time_already_recorded_is_never_overwritten()
    {
        // No command produces this state (a transfer keeps the stage), but stored state is input like any other:
        // an assigned chat whose first reply is already stamped keeps that time when the agent writes again.
        var reassigned = Assigned with { FirstAgentReplyAt = T0.AddSeconds(40) };

        var decision = ChatWorkflow.AfterPost(reassigned, ChatParty.Agent, 9, T0.AddMinutes(3))!.Value;

        decision.Next!.Status.Should().Be(ChatStatus.ActiveChat);
        decision.Next.FirstAgentReplyAt.Should().Be(T0.AddSeconds(40));
        decision.Events.Should().Equal(new FirstAgentReply { Agent = Alex, MessageSeq = 9, OccurredAt = T0.AddMinutes(3) });
    }

    [Theory]
    [InlineData("waiting", ChatParty.Visitor)]
    [InlineData("waiting", ChatParty.Agent)]
    [InlineData("assigned", ChatParty.Visitor)]
    [InlineData("active", ChatParty.Visitor)]
    [InlineData("active", ChatParty.Agent)]
    [InlineData("resolved", ChatParty.Agent)]
    public void Other_messages_change_nothing(string stateName, ChatParty sender) =>
        ChatWorkflow.AfterPost(StateNamed(stateName), sender, 5, Now).Should().BeNull();

    [Theory]
    [InlineData("not_started", "visitor", "unknown_session")]
    [InlineData("not_started", "agent", "unknown_session")]
    [InlineData("waiting", "visitor", null)]
    [InlineData("waiting", "other_visitor", "not_your_session")]
    [InlineData("waiting", "agent", null)]
    [InlineData("active", "other_agent", null)]
    [InlineData("resolved", "visitor", null)]
    [InlineData("resolved", "other_visitor", "not_your_session")]
    [InlineData("resolved", "agent", null)]
    public void The_visitor_sees_only_their_own_chat_and_any_agent_sees_every_chat(string stateName, string who, string? expectedError)
    {
        var caller = who switch
        {
            "visitor" => Visitor,
            "other_visitor" => OtherVisitor,
            "agent" => AlexCalls,
            "other_agent" => SamCalls,
            _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
        };

        var error = ChatWorkflow.CanView(StateNamed(stateName), caller);

        if (expectedError is null) error.Should().BeNull();
        else
        {
            error.Should().NotBeNull();
            error!.Code.Should().Be(expectedError);
        }
    }

    [Fact]
    public void An_agent_whose_id_is_the_visitors_id_is_still_an_agent()
    {
        var twin = ChatCaller.Agent(new AgentRef("v1", "Vee"));
        ChatWorkflow.CanView(Waiting, twin).Should().BeNull();
        ChatWorkflow.CanPost(Assigned, twin)!.Code.Should().Be("not_assigned_agent", "only the assigned agent writes, whatever the id");
        ChatWorkflow.CloseByVisitor(Active, twin, Now).Error!.Code.Should().Be("visitors_only");
        ChatWorkflow.Rate(Resolved, twin, 5, null, false, Now).Error!.Code.Should().Be("visitors_only");
    }

    [Fact]
    public void Transfer_keeps_the_conversation_stage_and_records_the_note()
    {
        var decision = ChatWorkflow.Transfer(Active, AlexCalls, Sam, "  billing question ", T0.AddMinutes(2));
        var transferred = decision.Next!;
        transferred.Status.Should().Be(ChatStatus.ActiveChat);
        transferred.AssignedAgent.Should().Be(Sam);
        transferred.AssignedAt.Should().Be(T0.AddMinutes(2));
        transferred.TransferNote.Should().Be("billing question");
        transferred.FirstAgentReplyAt.Should().Be(T0.AddSeconds(40));
        decision.Events.Should().Equal(new ChatTransferred
        {
            From = Alex, To = Sam, TransferredBy = "alex", Note = "billing question", OccurredAt = T0.AddMinutes(2),
        });
        ChatWorkflow.CanPost(transferred, AlexCalls)!.Code.Should().Be("not_assigned_agent", "the previous agent can no longer write");
        ChatWorkflow.CanPost(transferred, SamCalls).Should().BeNull();
        ChatWorkflow.AfterPost(transferred, ChatParty.Agent, 20, T0.AddMinutes(3)).Should().BeNull("the chat was already active");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_transfer_without_a_note_records_none(string? note)
    {
        var decision = ChatWorkflow.Transfer(Assigned, AlexCalls, Sam, note, Now);
        decision.Next!.TransferNote.Should().BeNull();
        decision.Events.Should().ContainSingle().Which.Should().BeOfType<ChatTransferred>().Which.Note.Should().BeNull();
    }

    [Fact]
    public void A_second_transfer_replaces_the_note_and_names_the_agent_it_came_from()
    {
        var toSam = ChatWorkflow.Transfer(Active, AlexCalls, Sam, "billing", T0.AddMinutes(2)).Next!;

        var decision = ChatWorkflow.Transfer(toSam, SamCalls, Lee, null, T0.AddMinutes(3));

        decision.Next!.AssignedAgent.Should().Be(Lee);
        decision.Next.TransferNote.Should().BeNull();
        decision.Events.Should().Equal(new ChatTransferred { From = Sam, To = Lee, TransferredBy = "sam", Note = null, OccurredAt = T0.AddMinutes(3) });
    }

    [Fact]
    public void A_transfer_to_the_holder_under_another_name_is_still_the_same_agent() =>
        ChatWorkflow.Transfer(Assigned, LeeCalls, new AgentRef("alex", "Alex B."), null, Now).Error!.Code.Should().Be("same_agent");

    [Fact]
    public void Already_assigned_names_the_agent_who_holds_the_chat()
    {
        var error = ChatWorkflow.Assign(Assigned, SamCalls, Sam, Now).Error!;
        error.Code.Should().Be("already_assigned");
        error.Message.Should().Contain("Alex");
    }

    [Fact]
    public void Assign_to_me_records_the_agent_as_both_assignee_and_assigner() =>
        ChatWorkflow.Assign(Waiting, SamCalls, Sam, Now).Events.Should().BeEquivalentTo(
            [new AgentAssigned { Agent = Sam, AssignedBy = "sam", OccurredAt = Now, Reason = ChatSupport.Contracts.Routing.AssignmentReason.Manual("sam", "Sam", "Sam", self: true) }],
            o => o.RespectingRuntimeTypes());

    /// <summary>A manual assignment says so in the chat's details: who assigned whom, no candidates.</summary>
    private static readonly ChatSupport.Contracts.Routing.AssignmentReason LeeAssignedSam =
        ChatSupport.Contracts.Routing.AssignmentReason.Manual("lee", "Lee", "Sam", self: false);

    public static TheoryData<string, string> InvalidInputs() => new()
    {
        { "start_with_no_visitor_id", "visitorId" },
        { "start_with_bad_visitor_id", "visitorId" },
        { "assign_with_no_agent_id", "agentId" },
        { "assign_with_bad_agent_id", "agentId" },
        { "assign_with_long_agent_name", "agent name" },
        { "transfer_with_no_agent_id", "agentId" },
        { "transfer_with_long_agent_id", "agentId" },
        { "transfer_with_long_agent_name", "agent name" },
        { "transfer_with_long_note", "note" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Invalid_input_is_refused_with_the_field_it_concerns(string command, string field)
    {
        var longName = new string('n', ChatLimits.NameMaxLength + 1);
        var decision = command switch
        {
            "start_with_no_visitor_id" => ChatWorkflow.Start(NotStarted, "", Metadata, Now),
            "start_with_bad_visitor_id" => ChatWorkflow.Start(NotStarted, "v 1", Metadata, Now),
            "assign_with_no_agent_id" => ChatWorkflow.Assign(Waiting, AlexCalls, new AgentRef("", "Nobody"), Now),
            "assign_with_bad_agent_id" => ChatWorkflow.Assign(Waiting, AlexCalls, new AgentRef("sam/../x", "Sam"), Now),
            "assign_with_long_agent_name" => ChatWorkflow.Assign(Waiting, AlexCalls, new AgentRef("sam", longName), Now),
            "transfer_with_no_agent_id" => ChatWorkflow.Transfer(Assigned, AlexCalls, new AgentRef("", "Nobody"), null, Now),
            "transfer_with_long_agent_id" => ChatWorkflow.Transfer(Assigned, AlexCalls, new AgentRef(new string('s', ChatLimits.IdMaxLength + 1), "Sam"), null, Now),
            "transfer_with_long_agent_name" => ChatWorkflow.Transfer(Assigned, AlexCalls, new AgentRef("sam", longName), null, Now),
            "transfer_with_long_note" => ChatWorkflow.Transfer(Assigned, AlexCalls, Sam, new string('x', ChatLimits.TransferNoteMaxLength + 1), Now),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };

        decision.Error.Should().NotBeNull();
        decision.Error!.Code.Should().Be("invalid_input");
        decision.Error.Message.Should().StartWith(field + " ");
        decision.Next.Should().BeNull();
        decision.Events.Should().BeEmpty();
    }

    [Fact]
    public void Inputs_at_their_limits_are_accepted()
    {
        var longestName = new AgentRef(new string('s', ChatLimits.IdMaxLength), new string('n', ChatLimits.NameMaxLength));
        ChatWorkflow.Assign(Waiting, AlexCalls, longestName, Now).Next!.AssignedAgent.Should().Be(longestName);

        var longestNote = new string('x', ChatLimits.TransferNoteMaxLength);
        ChatWorkflow.Transfer(Assigned, AlexCalls, longestName, longestNote, Now).Next!.TransferNote.Should().Be(longestNote);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Ratings_outside_one_to_five_stars_are_refused(int stars)
    {
        var decision = ChatWorkflow.Rate(Resolved, Visitor, stars, null, false, T0);
        decision.Error!.Code.Should().Be("invalid_input");
        decision.Next.Should().BeNull();
        decision.Events.Should().BeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void One_and_five_stars_are_ratings(int stars) =>
        ChatWorkflow.Rate(Resolved, Visitor, stars, null, false, Now).Next!.Rating!.Stars.Should().Be(stars);

    [Fact]
    public void Feedback_longer_than_the_limit_is_refused() =>
        ChatWorkflow.Rate(Resolved, Visitor, 3, new string('x', ChatLimits.FeedbackMaxLength + 1), false, T0).Error!.Code.Should().Be("invalid_input");

    [Fact]
    public void Feedback_is_measured_after_trimming()
    {
        var feedback = new string('x', ChatLimits.FeedbackMaxLength);
        var decision = ChatWorkflow.Rate(Resolved, Visitor, 3, "   " + feedback + "   ", false, Now);
        decision.Error.Should().BeNull();
        decision.Next!.Rating!.Feedback.Should().Be(feedback);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \t ")]
    public void Blank_feedback_is_no_feedback(string? feedback)
    {
        var decision = ChatWorkflow.Rate(Resolved, Visitor, 2, feedback, false, Now);
        decision.Next!.Rating.Should().BeEquivalentTo(new ChatRating { Stars = 2, Feedback = null, Anonymous = false, RatedAt = Now });
        decision.Events.Should().Equal(new ChatRated { Stars = 2, Feedback = null, Anonymous = false, Agent = Alex, OccurredAt = Now });
    }

    [Fact]
    public void A_chat_the_visitor_closed_before_any_agent_took_it_is_rated_without_an_agent()
    {
        var closed = ChatWorkflow.CloseByVisitor(Waiting, Visitor, T0.AddMinutes(1));
        closed.Events.Should().Equal(new ChatClosedByVisitor { Agent = null, OccurredAt = T0.AddMinutes(1) });

        var decision = ChatWorkflow.Rate(closed.Next!, Visitor, 1, "nobody came", false, T0.AddMinutes(2));

        decision.Next!.Rating!.Stars.Should().Be(1);
        decision.Events.Should().Equal(new ChatRated { Stars = 1, Feedback = "nobody came", Anonymous = false, Agent = null, OccurredAt = T0.AddMinutes(2) });
    }

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

    [Fact]
    public void Each_side_moves_only_its_own_receipts()
    {
        var visitor = ChatWorkflow.Acknowledge(DeliveryReceipts.None, ChatParty.Visitor, deliveredUpTo: 6, readUpTo: 4, lastSeq: 10);
        visitor.Should().BeEquivalentTo(new DeliveryReceipts { VisitorDeliveredSeq = 6, VisitorReadSeq = 4 });

        var both = ChatWorkflow.Acknowledge(visitor, ChatParty.Agent, deliveredUpTo: 99, readUpTo: 2, lastSeq: 8);
        both.Should().BeEquivalentTo(new DeliveryReceipts { VisitorDeliveredSeq = 6, VisitorReadSeq = 4, AgentDeliveredSeq = 8, AgentReadSeq = 2 });

        var older = ChatWorkflow.Acknowledge(both, ChatParty.Visitor, deliveredUpTo: 1, readUpTo: 1, lastSeq: 10);
        older.Should().BeEquivalentTo(both, "an older visitor receipt does not move them back");

        var readAhead = ChatWorkflow.Acknowledge(both, ChatParty.Agent, deliveredUpTo: 0, readUpTo: 9, lastSeq: 10);
        readAhead.Should().BeEquivalentTo(both with { AgentDeliveredSeq = 9, AgentReadSeq = 9 }, "a message read was also delivered");
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
    public void Oversized_metadata_is_refused_at_start()
    {
        var decision = ChatWorkflow.Start(NotStarted, "v1", new VisitorMetadata { PageUrl = new string('u', ChatLimits.UrlMaxLength + 1) }, T0);
        decision.Error!.Code.Should().Be("invalid_input");
        decision.Error.Message.Should().StartWith("pageUrl ");
        decision.Next.Should().BeNull();
        decision.Events.Should().BeEmpty();
    }

    [Fact]
    public void A_waiting_chat_is_due_to_be_abandoned_only_while_nobody_is_there_counted_from_when_the_visitor_left()
    {
        ChatWorkflow.AbandonDueAt(Waiting, 0, AbandonAfter).Should().Be(T0.AddMinutes(10), "never connected: counted from the start");
        ChatWorkflow.AbandonDueAt(WaitingConnected, 0, AbandonAfter).Should().BeNull("the visitor is there");
        ChatWorkflow.AbandonDueAt(WaitingLeft, 0, AbandonAfter).Should().Be(T0.AddMinutes(15), "counted from when the last connection left");
        ChatWorkflow.AbandonDueAt(Waiting, 1, AbandonAfter).Should().BeNull("the visitor wrote: an agent should answer");
        ChatWorkflow.AbandonDueAt(Assigned, 0, AbandonAfter).Should().BeNull("an agent has it");
        ChatWorkflow.AbandonDueAt(NotStarted, 0, AbandonAfter).Should().BeNull();

        var twoTabs = ChatWorkflow.VisitorPresence(WaitingConnected, Visitor, "c2", true, T0.AddMinutes(2)).Next!;
        var oneLeft = ChatWorkflow.VisitorPresence(twoTabs, Visitor, "c1", false, T0.AddMinutes(3)).Next!;
        ChatWorkflow.AbandonDueAt(oneLeft, 0, AbandonAfter).Should().BeNull("one tab is still open");
        oneLeft.VisitorAwaySince.Should().BeNull();

        var abandoned = ChatWorkflow.Abandon(WaitingLeft, 0, AbandonAfter, T0.AddMinutes(15));
        abandoned.Events.Should().Equal(new ChatAbandoned { AwaySince = T0.AddMinutes(5), OccurredAt = T0.AddMinutes(15) });
        abandoned.Next!.ToSnapshot("t", "s", 0).Should().Match<ChatSessionSnapshot>(s => s.Abandoned && s.ResolvedBy == null && s.Status == ChatStatus.Resolved);
    }

    [Fact]
    public void A_session_remembers_at_most_sixteen_of_the_visitors_connections_the_newest()
    {
        var s = Waiting;
        for (var i = 1; i <= ChatWorkflow.TrackedConnectionsMax + 4; i++) s = ChatWorkflow.VisitorPresence(s, Visitor, $"c{i}", true, Now).Next!;
        s.VisitorConnections.Should().HaveCount(ChatWorkflow.TrackedConnectionsMax);
        s.VisitorConnections.Should().StartWith("c5").And.EndWith($"c{ChatWorkflow.TrackedConnectionsMax + 4}");
    }

    private static ChatSessionState StateNamed(string name) => name switch
    {
        "not_started" => NotStarted,
        "waiting" => Waiting,
        "assigned" => Assigned,
        "active" => Active,
        "resolved" => Resolved,
        "rated" => Rated,
        "waiting_connected" => WaitingConnected,
        "waiting_left" => WaitingLeft,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Fact]
    public void A_chat_no_agent_ever_held_cannot_be_reopened()
    {
        var closed = ChatWorkflow.CloseByVisitor(Waiting, Visitor, Now).Next!;
        var decision = ChatWorkflow.Reopen(closed, AlexCalls, Now);
        decision.Error!.Code.Should().Be("not_resolved");
        decision.Events.Should().BeEmpty();
    }

    [Fact]
    public void Reopening_drops_a_pending_follow_up_and_names_whose_it_was()
    {
        var withFollowUp = ChatWorkflow.SetFollowUp(Resolved, SamCalls, FollowUpAt, Now, TimeSpan.FromMinutes(1)).Next!;
        var decision = ChatWorkflow.Reopen(withFollowUp, AlexCalls, Now);
        decision.Next!.FollowUpAt.Should().BeNull();
        decision.Next.FollowUpAgent.Should().BeNull();
        decision.Events.Should().Equal(new ChatReopened { Agent = Alex, ReopenedBy = "alex", FollowUpOf = Sam, OccurredAt = Now });
    }

    [Theory]
    [InlineData(-1, "past")]
    [InlineData(0, "past")]
    [InlineData(30, "at least")]
    [InlineData(366 * 24 * 60 * 60, "a year")]
    public void A_follow_up_too_soon_in_the_past_or_over_a_year_ahead_is_refused(int secondsAhead, string sentence)
    {
        var decision = ChatWorkflow.SetFollowUp(Resolved, AlexCalls, Now.AddSeconds(secondsAhead), Now, TimeSpan.FromMinutes(1));
        decision.Error!.Code.Should().Be("invalid_input");
        decision.Error.Message.Should().Contain(sentence);
        decision.Next.Should().BeNull();
    }

    [Fact]
    public void A_follow_up_fires_once_at_its_time_and_not_before()
    {
        var set = ChatWorkflow.SetFollowUp(Resolved, AlexCalls, FollowUpAt, Now, TimeSpan.FromMinutes(1)).Next!;
        ChatWorkflow.FollowUpFired(set, FollowUpAt.AddSeconds(-1)).Should().BeNull("not yet due");
        var fired = ChatWorkflow.FollowUpFired(set, FollowUpAt.AddSeconds(2))!.Value;
        fired.Events.Should().Equal(new FollowUpDue { Agent = Alex, DueAt = FollowUpAt, OccurredAt = FollowUpAt.AddSeconds(2) });
        ChatWorkflow.FollowUpFired(fired.Next!, FollowUpAt.AddMinutes(1)).Should().BeNull("it fired already");
    }

    [Fact]
    public void Labels_go_on_and_off_any_chat_once_each_and_only_agents_set_them()
    {
        var on = ChatWorkflow.SetLabel(Resolved, SamCalls, "lbilling", true, Now);
        on.Next!.Labels.Should().Equal("lbilling");
        on.Events.Should().ContainSingle().Which.Should().BeEquivalentTo(new LabelsChanged { Labels = ["lbilling"], ChangedBy = "sam", OccurredAt = Now });
        ChatWorkflow.SetLabel(on.Next, SamCalls, "lbilling", true, Now).Events.Should().BeEmpty("it is on already");
        ChatWorkflow.SetLabel(on.Next, SamCalls, "lbilling", false, Now).Next!.Labels.Should().BeEmpty();
        ChatWorkflow.SetLabel(Waiting, Visitor, "lbilling", true, Now).Error!.Code.Should().Be("agents_only");
    }
}
