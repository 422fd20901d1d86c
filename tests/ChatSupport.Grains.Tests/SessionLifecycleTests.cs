using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SessionLifecycleTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task The_whole_workflow_moves_through_every_status_with_the_state_checked_after_each_step()
    {
        var tenant = NewTenant();
        var alex = Agent(1);
        var (session, started, visitor) = await StartChatAsync(Grains, tenant);
        started.Status.Should().Be(ChatStatus.WaitingForAgent);
        started.Visitor.Name.Should().Be("Robin");
        (await Grains.GetGrain<IDeskGrain>(tenant).GetSnapshot()).Sessions.Should().ContainSingle(s => s.SessionId == started.SessionId && s.QueuePosition == 1);

        (await session.PostMessage(visitor, "v-1", "Hello, is anyone there?")).Ok().Seq.Should().Be(1);

        var assigned = (await session.Assign(ChatCaller.Agent(alex), alex)).Ok();
        assigned.Status.Should().Be(ChatStatus.AssignedToAgent);
        assigned.AssignedAgent.Should().Be(alex);
        assigned.AssignedAt.Should().NotBeNull();
        (await session.GetSnapshot(visitor)).Ok().Should().BeEquivalentTo(assigned);

        var reply = (await session.PostMessage(ChatCaller.Agent(alex), "a-1", "Hi Robin, how can I help?")).Ok();
        reply.Seq.Should().Be(2);
        var active = (await session.GetSnapshot(ChatCaller.Agent(alex))).Ok();
        active.Status.Should().Be(ChatStatus.ActiveChat);
        active.FirstAgentReplyAt.Should().Be(reply.SentAt);
        active.LastSeq.Should().Be(2);

        var resolved = (await session.Resolve(ChatCaller.Agent(alex))).Ok();
        resolved.Status.Should().Be(ChatStatus.Resolved);
        resolved.ResolvedAt.Should().NotBeNull();
        (await Grains.GetGrain<IDeskGrain>(tenant).GetSnapshot()).Sessions.Should().NotContain(s => s.SessionId == started.SessionId);

        var rated = (await session.Rate(visitor, 4, "Quick and kind", anonymous: false)).Ok();
        rated.Rating!.Stars.Should().Be(4);
        rated.Rating.Feedback.Should().Be("Quick and kind");
        (await session.GetSnapshot(visitor)).Ok().Rating.Should().BeEquivalentTo(rated.Rating);

        var history = (await session.GetMessages(visitor, 0, 50)).Ok();
        history.Messages.Select(m => (m.Seq, m.Sender, m.Text)).Should().Equal(
            (1L, ChatParty.Visitor, "Hello, is anyone there?"),
            (2L, ChatParty.Agent, "Hi Robin, how can I help?"));
    }

    [Fact]
    public async Task Illegal_transitions_are_refused_and_change_nothing()
    {
        var tenant = NewTenant();
        var (alex, sam) = (Agent(1), Agent(2));
        var (session, _, visitor) = await StartChatAsync(Grains, tenant);
        var stranger = ChatCaller.Visitor("someone-else");

        async Task RefusedWithoutChange(Func<Task<ChatError>> attempt)
        {
            var before = (await session.GetSnapshot(ChatCaller.Agent(alex))).Ok();
            var beforeMessages = (await session.GetMessages(ChatCaller.Agent(alex), 0, 200)).Ok().Messages;
            await attempt();
            (await session.GetSnapshot(ChatCaller.Agent(alex))).Ok().Should().BeEquivalentTo(before);
            (await session.GetMessages(ChatCaller.Agent(alex), 0, 200)).Ok().Messages.Should().BeEquivalentTo(beforeMessages);
        }

        // waiting_for_agent
        await RefusedWithoutChange(async () => (await session.Resolve(ChatCaller.Agent(alex))).Refused("not_assigned"));
        await RefusedWithoutChange(async () => (await session.Transfer(ChatCaller.Agent(alex), sam, null)).Refused("not_assigned"));
        await RefusedWithoutChange(async () => (await session.Rate(visitor, 5, null, false)).Refused("not_resolved"));
        await RefusedWithoutChange(async () => (await session.PostMessage(ChatCaller.Agent(alex), "x1", "hi")).Refused("not_assigned_agent"));
        await RefusedWithoutChange(async () => (await session.PostMessage(stranger, "x2", "hi")).Refused("not_your_session"));
        await RefusedWithoutChange(async () => (await session.Assign(visitor, alex)).Refused("agents_only"));

        (await session.Assign(ChatCaller.Agent(alex), alex)).Ok();
        // assigned_to_agent
        await RefusedWithoutChange(async () => (await session.Assign(ChatCaller.Agent(sam), sam)).Refused("already_assigned"));
        await RefusedWithoutChange(async () => (await session.PostMessage(ChatCaller.Agent(sam), "x3", "hi")).Refused("not_assigned_agent"));
        await RefusedWithoutChange(async () => (await session.Transfer(ChatCaller.Agent(alex), alex, null)).Refused("same_agent"));
        await RefusedWithoutChange(async () => (await session.Rate(visitor, 5, null, false)).Refused("not_resolved"));

        (await session.PostMessage(ChatCaller.Agent(alex), "a1", "hello")).Ok();
        (await session.Resolve(ChatCaller.Agent(alex))).Ok();
        // resolved
        await RefusedWithoutChange(async () => (await session.Assign(ChatCaller.Agent(sam), sam)).Refused("chat_resolved"));
        await RefusedWithoutChange(async () => (await session.Resolve(ChatCaller.Agent(alex))).Refused("chat_resolved"));
        await RefusedWithoutChange(async () => (await session.PostMessage(visitor, "v9", "one more thing")).Refused("chat_resolved"));
        await RefusedWithoutChange(async () => (await session.PostMessage(ChatCaller.Agent(alex), "a9", "bye")).Refused("chat_resolved"));
        await RefusedWithoutChange(async () => (await session.Rate(visitor, 0, null, false)).Refused("invalid_input"));
        await RefusedWithoutChange(async () => (await session.Rate(visitor, 6, null, false)).Refused("invalid_input"));
        await RefusedWithoutChange(async () => (await session.Rate(stranger, 5, null, false)).Refused("not_your_session"));

        (await session.Rate(visitor, 5, null, false)).Ok();
        await RefusedWithoutChange(async () => (await session.Rate(visitor, 1, "changed my mind", false)).Refused("already_rated"));
    }

    [Fact]
    public async Task Twenty_agents_racing_assign_to_me_leave_exactly_one_winner_over_fifty_rounds()
    {
        var tenant = NewTenant();
        var agents = Enumerable.Range(1, 20).Select(Agent).ToArray();
        for (var round = 0; round < 50; round++)
        {
            var (session, _, _) = await StartChatAsync(Grains, tenant);
            var results = await Task.WhenAll(agents.Select(a => session.Assign(ChatCaller.Agent(a), a)));

            var winners = results.Where(r => r.IsSuccess).ToArray();
            winners.Should().ContainSingle($"round {round} must have one winner");
            var losers = results.Where(r => !r.IsSuccess).ToArray();
            losers.Should().HaveCount(19).And.OnlyContain(r => r.Error!.Code == "already_assigned");
            var winner = winners[0].Value!.AssignedAgent!;
            losers.Should().OnlyContain(r => r.Error!.Message.Contains(winner.DisplayName), "the loser is told who has the chat");
            (await session.GetSnapshot(ChatCaller.Agent(winner))).Ok().AssignedAgent.Should().Be(winner);
        }
    }

    [Fact]
    public async Task A_send_retried_with_the_same_client_message_id_is_stored_once()
    {
        var (session, _, visitor) = await StartChatAsync(Grains, NewTenant());
        var first = (await session.PostMessage(visitor, "retry-me", "Where is my order?")).Ok();
        var retry = (await session.PostMessage(visitor, "retry-me", "Where is my order?")).Ok();
        var concurrentRetries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => session.PostMessage(visitor, "retry-me", "Where is my order?")));

        first.Duplicate.Should().BeFalse();
        retry.Should().BeEquivalentTo(first with { Duplicate = true });
        concurrentRetries.Should().OnlyContain(r => r.Value!.Seq == first.Seq && r.Value.Duplicate);
        (await session.GetMessages(visitor, 0, 50)).Ok().Messages.Should().ContainSingle(m => m.ClientMessageId == "retry-me");
    }

    [Fact]
    public async Task Two_tabs_starting_a_chat_at_the_same_moment_get_one_session()
    {
        var tenant = NewTenant();
        var visitor = Grains.GetGrain<ChatSupport.Contracts.Visitors.IVisitorGrain>(ChatSupport.Contracts.GrainKeys.Compose(tenant, "tabby"));
        var starts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => visitor.StartOrResumeChat(VisitorMetadata.Empty)));
        starts.Select(s => s.Ok().SessionId).Distinct().Should().ContainSingle();
        (await Grains.GetGrain<IDeskGrain>(tenant).GetSnapshot()).Sessions.Should().ContainSingle();
    }

    [Fact]
    public async Task A_returning_visitor_gets_their_open_chat_back_and_a_new_one_after_it_is_resolved()
    {
        var tenant = NewTenant();
        var alex = Agent(1);
        var (session, started, visitor) = await StartChatAsync(Grains, tenant);
        var visitorGrain = Grains.GetGrain<ChatSupport.Contracts.Visitors.IVisitorGrain>(ChatSupport.Contracts.GrainKeys.Compose(tenant, visitor.Id));
        (await visitorGrain.StartOrResumeChat(VisitorMetadata.Empty)).Ok().SessionId.Should().Be(started.SessionId);

        (await session.Assign(ChatCaller.Agent(alex), alex)).Ok();
        (await session.Resolve(ChatCaller.Agent(alex))).Ok();
        var next = (await visitorGrain.StartOrResumeChat(VisitorMetadata.Empty)).Ok();
        next.SessionId.Should().NotBe(started.SessionId);
        next.Status.Should().Be(ChatStatus.WaitingForAgent);
        (await visitorGrain.GetSessionIds()).Should().Equal(next.SessionId, started.SessionId);
    }

    [Fact]
    public async Task The_waiting_queue_keeps_arrival_order_and_moves_up_as_chats_are_taken()
    {
        var tenant = NewTenant();
        var alex = Agent(1);
        var chats = new List<(IChatSessionGrain Session, ChatSessionSnapshot Snapshot)>();
        for (var i = 0; i < 3; i++)
        {
            var (session, snapshot, _) = await StartChatAsync(Grains, tenant);
            chats.Add((session, snapshot));
        }
        var desk = Grains.GetGrain<IDeskGrain>(tenant);
        (await desk.GetSnapshot()).Sessions.Select(s => (s.SessionId, s.QueuePosition))
            .Should().Equal(chats.Select((c, i) => (c.Snapshot.SessionId, (int?)(i + 1))));

        (await chats[0].Session.Assign(ChatCaller.Agent(alex), alex)).Ok();
        (await desk.GetQueuePosition(chats[1].Snapshot.SessionId)).Should().Be(1);
        (await desk.GetQueuePosition(chats[2].Snapshot.SessionId)).Should().Be(2);
        (await desk.GetQueuePosition(chats[0].Snapshot.SessionId)).Should().BeNull();
        var deskNow = await desk.GetSnapshot();
        deskNow.Sessions.Last().Status.Should().Be(ChatStatus.AssignedToAgent, "waiting chats are listed first");
    }

    [Fact]
    public async Task History_is_read_in_pages_after_any_sequence_number()
    {
        var (session, _, visitor) = await StartChatAsync(Grains, NewTenant());
        for (var i = 1; i <= 25; i++) (await session.PostMessage(visitor, $"m{i}", $"message {i}")).Ok();

        var seen = new List<long>();
        long after = 0;
        MessagePage page;
        do
        {
            page = (await session.GetMessages(visitor, after, 10)).Ok();
            seen.AddRange(page.Messages.Select(m => m.Seq));
            if (page.Messages.Count > 0) after = page.Messages[^1].Seq;
        } while (page.HasMore);

        seen.Should().Equal(Enumerable.Range(1, 25).Select(i => (long)i));
        (await session.GetMessages(visitor, 20, 10)).Ok().Messages.Select(m => m.Text).Should().Equal(
            "message 21", "message 22", "message 23", "message 24", "message 25");
        (await session.GetMessages(visitor, 0, 0)).Refused("invalid_input");
        (await session.GetMessages(visitor, -1, 10)).Refused("invalid_input");
    }

    [Fact]
    public async Task Bad_input_is_refused_and_stores_nothing()
    {
        var (session, _, visitor) = await StartChatAsync(Grains, NewTenant());
        (await session.PostMessage(visitor, "empty", "   ")).Refused("invalid_input");
        (await session.PostMessage(visitor, "long", new string('x', ChatLimits.MessageMaxLength + 1))).Refused("invalid_input");
        (await session.PostMessage(visitor, "bad/id", "hello")).Refused("invalid_input");
        (await session.PostMessage(visitor, "", "hello")).Refused("invalid_input");
        (await session.GetMessages(visitor, 0, 50)).Ok().Messages.Should().BeEmpty();

        var unknown = Grains.GetGrain<IChatSessionGrain>(ChatSupport.Contracts.GrainKeys.Compose("nobody", "nothing"));
        (await unknown.GetSnapshot(visitor)).Refused("unknown_session");
        (await unknown.PostMessage(visitor, "x", "hello")).Refused("unknown_session");
    }
}
