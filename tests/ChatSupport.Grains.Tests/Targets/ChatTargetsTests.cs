using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Sessions;
using ChatSupport.Grains.Targets;

namespace ChatSupport.Grains.Tests.Targets;

/// <summary>The targets' rules without a cluster: which run when, what stops them, and that a miss is raised once.</summary>
public sealed class ChatTargetsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly AgentRef Sam = new("sam", "Sam");
    private static readonly ResponseTargets Policy = new() { AssignmentSeconds = 120, FirstReplySeconds = 180, NextReplySeconds = 180, ResolutionSeconds = null };

    private static ChatSessionState Started(bool offline = false)
    {
        var start = ChatWorkflow.Start(new ChatSessionState(), "v1", new VisitorMetadata(), T0, offline);
        return ChatTargets.Follow(start.Next! with { TargetPolicy = Policy }, T0).Next;
    }

    private static ChatSessionState Apply(ChatSessionState s, Decision d, DateTimeOffset at, List<ChatEvent>? events = null)
    {
        d.Error.Should().BeNull();
        var (next, raised) = ChatTargets.Follow(d.Next!, at);
        events?.AddRange(raised);
        return next;
    }

    [Fact]
    public void A_new_chat_runs_its_assignment_and_first_reply_targets_from_its_start()
    {
        Started().Targets.Select(t => (t.Target, t.StartedAt, t.DueAt)).Should().Equal(
            (TargetNames.Assignment, T0, T0.AddMinutes(2)), (TargetNames.FirstReply, T0, T0.AddMinutes(3)));
        Started(offline: true).Targets.Should().BeEmpty("a message left outside working hours waits for no live agent");
    }

    [Fact]
    public void Targets_counted_in_working_hours_skip_the_time_the_team_is_closed()
    {
        var hours = new ChatSupport.Contracts.Settings.WorkingHoursSettings
        {
            Enabled = true,
            Weekly = [.. new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(d => new ChatSupport.Contracts.Settings.WeeklyInterval(d, "09:00", "10:01"))],
        };
        var start = ChatWorkflow.Start(new ChatSessionState(), "v1", new VisitorMetadata(), T0).Next!;
        // T0 is Tuesday 10:00 UTC: one open minute is left today, the rest counts from Wednesday 09:00.
        var counted = ChatTargets.Follow(start with { TargetPolicy = Policy with { WorkingHoursOnly = true }, TargetHours = hours, TargetTimeZone = "UTC" }, T0).Next;
        counted.Targets.Select(t => (t.Target, t.StartedAt, t.DueAt)).Should().Equal(
            (TargetNames.Assignment, T0, T0.AddDays(1).AddHours(-1).AddMinutes(1)), (TargetNames.FirstReply, T0, T0.AddDays(1).AddHours(-1).AddMinutes(2)));
        ChatTargets.Overdue(counted, T0.AddMinutes(5)).Should().BeNull("the minutes after closing do not count");
    }

    [Fact]
    public void An_overdue_target_is_missed_once_and_stays_red_until_it_stops_without_being_met()
    {
        var s = Started();
        ChatTargets.Overdue(s, T0.AddSeconds(119)).Should().BeNull("not due yet");
        var missed = ChatTargets.Overdue(s, T0.AddSeconds(120))!.Value;
        missed.Events.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Target = TargetNames.Assignment, DueAt = T0.AddMinutes(2) });
        s = missed.Next!;
        s.Targets.Single(t => t.Target == TargetNames.Assignment).Missed.Should().BeTrue();
        ChatTargets.Overdue(s, T0.AddSeconds(150)).Should().BeNull("a missed target is not raised again");

        var events = new List<ChatEvent>();
        s = Apply(s, ChatWorkflow.Assign(s, ChatCaller.Agent(Sam), Sam, T0.AddSeconds(150)), T0.AddSeconds(150), events);
        events.Should().BeEmpty("the missed assignment target stops without a TargetMet");
        s.Targets.Select(t => t.Target).Should().Equal(TargetNames.FirstReply);
    }

    [Fact]
    public void Only_a_people_message_answers_and_the_next_reply_target_runs_from_the_visitor_message()
    {
        var s = Started();
        var events = new List<ChatEvent>();
        s = Apply(s, ChatWorkflow.Assign(s, ChatCaller.Agent(Sam), Sam, T0.AddSeconds(10)), T0.AddSeconds(10), events);
        s = Apply(s, ChatWorkflow.AfterPost(s, ChatParty.Agent, 1, T0.AddSeconds(20))!.Value, T0.AddSeconds(20), events);
        events.OfType<TargetMet>().Select(e => e.Target).Should().Equal(TargetNames.Assignment, TargetNames.FirstReply);

        ChatTargets.AfterMessage(s, ChatParty.System, 2, T0.AddSeconds(25)).Should().BeNull("an automated message starts nothing");
        s = Apply(s, ChatTargets.AfterMessage(s, ChatParty.Visitor, 3, T0.AddSeconds(30))!.Value, T0.AddSeconds(30), events);
        s.Targets.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Target = TargetNames.NextReply, StartedAt = T0.AddSeconds(30), DueAt = T0.AddSeconds(210) });
        events.OfType<TargetStarted>().Should().ContainSingle();
        ChatTargets.AfterMessage(s, ChatParty.Visitor, 4, T0.AddSeconds(40)).Should().BeNull("the wait counts from the first unanswered message");
        ChatTargets.AfterMessage(s, ChatParty.System, 5, T0.AddSeconds(50)).Should().BeNull("an automated message is never an agent's reply");

        s = Apply(s, ChatTargets.AfterMessage(s, ChatParty.Agent, 6, T0.AddSeconds(60))!.Value, T0.AddSeconds(60), events);
        s.Targets.Should().BeEmpty();
        events.OfType<TargetMet>().Last().Should().BeEquivalentTo(new { Target = TargetNames.NextReply, Agent = Sam });
        ChatTargets.AfterMessage(s, ChatParty.Visitor, 3, T0.AddSeconds(61)).Should().BeNull("a retried older message changes nothing");
    }

    [Fact]
    public void A_chat_without_a_policy_runs_no_targets()
    {
        var start = ChatWorkflow.Start(new ChatSessionState(), "v1", new VisitorMetadata(), T0);
        ChatTargets.Follow(start.Next!, T0).Next.Targets.Should().BeEmpty("chats started before targets existed");
    }
}
