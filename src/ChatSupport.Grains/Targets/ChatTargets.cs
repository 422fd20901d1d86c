using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Sessions;
using ChatSupport.Grains.Settings;
using NodaTime;

namespace ChatSupport.Grains.Targets;

/// <summary>
/// A chat's response-time targets as a pure function of its state and the time (docs/architecture.md, "Response-time
/// targets"). After every decision <see cref="Follow"/> starts the targets that now apply and stops the ones that no
/// longer do (met in time → <see cref="TargetMet"/>); <see cref="Overdue"/> marks a running target missed once its due
/// time has passed (→ <see cref="TargetMissed"/>). The clocks live in the session's stored state, so whichever
/// activation checks them (after a reminder, a reactivation, a failover) sees the same deadlines, and a missed or
/// ended target is never raised again.
/// <list type="bullet">
/// <item>assignment: from the start while the chat waits for an agent;</item>
/// <item>first_reply: from the start until the assigned agent's first message;</item>
/// <item>next_reply: from a visitor's message after an agent's reply until the next agent message;</item>
/// <item>resolution: from the start until the chat is resolved or closed.</item>
/// </list>
/// A message left outside working hours runs none. With <c>workingHoursOnly</c> the due times count open time only
/// (<see cref="WorkingSchedule.AfterOpenTime"/>), with the working hours captured when the chat started. System (automated) messages never stop a target: only the grain's
/// people's messages reach <see cref="AfterMessage"/>.
/// </summary>
public static class ChatTargets
{
    /// <summary>Starts and stops targets after a decision; the events name the ones met (or missed, when no check saw it in time).</summary>
    public static (ChatSessionState Next, IReadOnlyList<ChatEvent> Events) Follow(ChatSessionState s, DateTimeOffset now)
    {
        if (s.TargetPolicy is null && s.Targets.Count == 0) return (s, []);
        var wanted = Wanted(s);
        var events = new List<ChatEvent>();
        var running = new List<TargetClock>();
        var ended = s.EndedTargets.ToList();
        foreach (var clock in s.Targets)
        {
            if (wanted.Any(w => w.Key == clock.Key))
            {
                running.Add(clock);
                continue;
            }
            // Stopped. Next-reply keys are never reused (each names its visitor message), so only the others are remembered.
            if (clock.Target != TargetNames.NextReply) ended.Add(clock.Key);
            if (clock.Missed) continue;
            if (now > clock.DueAt) events.Add(new TargetMissed { Target = clock.Target, DueAt = clock.DueAt, Agent = s.AssignedAgent, OccurredAt = now });
            else if (Met(s, clock.Target)) events.Add(new TargetMet { Target = clock.Target, DueAt = clock.DueAt, Agent = s.AssignedAgent, OccurredAt = now });
        }
        foreach (var clock in wanted)
        {
            if (running.Any(r => r.Key == clock.Key) || ended.Contains(clock.Key)) continue;
            running.Add(clock);
            // The other targets start with the chat's own events (ChatStarted, AgentAssigned); this one with a visitor's message.
            if (clock.Target == TargetNames.NextReply) events.Add(new TargetStarted { Target = clock.Target, DueAt = clock.DueAt, OccurredAt = now });
        }
        if (events.Count == 0 && running.SequenceEqual(s.Targets) && ended.Count == s.EndedTargets.Count) return (s, []);
        return (s with { Targets = running, EndedTargets = ended }, events);
    }

    /// <summary>Marks every running target whose due time has passed as missed (once); null when none is overdue.</summary>
    public static Decision? Overdue(ChatSessionState s, DateTimeOffset now)
    {
        var overdue = s.Targets.Where(c => !c.Missed && now >= c.DueAt).ToList();
        if (overdue.Count == 0) return null;
        var events = overdue.Select(c => (ChatEvent)new TargetMissed { Target = c.Target, DueAt = c.DueAt, Agent = s.AssignedAgent, OccurredAt = now }).ToList();
        var targets = s.Targets.Select(c => overdue.Contains(c) ? c with { Missed = true } : c).ToList();
        return new Decision(s with { Targets = targets }, events, null);
    }

    /// <summary>When the next running target falls due (the grain's timer and reminder wake it then); null when none can be missed any more.</summary>
    public static DateTimeOffset? NextDue(ChatSessionState s) =>
        s.Targets.Where(c => !c.Missed).Select(c => (DateTimeOffset?)c.DueAt).Min();

    /// <summary>
    /// A person's stored message: a visitor's message in an active chat that no agent is answering yet starts the wait
    /// for the next reply; an agent's message ends it. Null when it changes nothing (a retried older message, the target off).
    /// </summary>
    public static Decision? AfterMessage(ChatSessionState s, ChatParty sender, long seq, DateTimeOffset sentAt)
    {
        if (s.TargetPolicy?.NextReplySeconds is null || seq <= s.ReplyMarkSeq) return null;
        if (sender == ChatParty.Visitor && s.Status == ChatStatus.ActiveChat && s.AwaitingReplySince is null)
            return new Decision(s with { AwaitingReplySince = sentAt, AwaitingReplySeq = seq, ReplyMarkSeq = seq }, [], null);
        if (sender == ChatParty.Agent && s.AwaitingReplySince is not null)
            return new Decision(s with { AwaitingReplySince = null, AwaitingReplySeq = 0, ReplyMarkSeq = seq }, [], null);
        return null;
    }

    /// <summary>The targets the chat's state says should be running now.</summary>
    private static List<TargetClock> Wanted(ChatSessionState s)
    {
        var wanted = new List<TargetClock>();
        if (s.TargetPolicy is not { } policy || !s.Started || s.OfflineMessage || s.Status == ChatStatus.Resolved) return wanted;
        var hours = s.TargetHours is { } workingHours ? WorkingSchedule.From(workingHours, s.TargetTimeZone ?? "UTC") : null;
        void Add(string target, string key, DateTimeOffset from, int? seconds)
        {
            if (seconds is { } sec) wanted.Add(new TargetClock { Target = target, Key = key, StartedAt = from, DueAt = DueAt(hours, from, sec) });
        }
        if (s.Status == ChatStatus.WaitingForAgent) Add(TargetNames.Assignment, TargetNames.Assignment, s.CreatedAt, policy.AssignmentSeconds);
        if (s.FirstAgentReplyAt is null) Add(TargetNames.FirstReply, TargetNames.FirstReply, s.CreatedAt, policy.FirstReplySeconds);
        if (s.Status == ChatStatus.ActiveChat && s.AwaitingReplySince is { } since)
            Add(TargetNames.NextReply, $"{TargetNames.NextReply}:{s.AwaitingReplySeq}", since, policy.NextReplySeconds);
        Add(TargetNames.Resolution, TargetNames.Resolution, s.CreatedAt, policy.ResolutionSeconds);
        return wanted;
    }

    /// <summary>
    /// A target's due time: <paramref name="seconds"/> later, or that much open time later when the chat's targets count
    /// in working hours (a team that never opens again within a year falls back to plain time rather than never).
    /// </summary>
    private static DateTimeOffset DueAt(WorkingSchedule? hours, DateTimeOffset from, int seconds) =>
        hours?.AfterOpenTime(Instant.FromDateTimeOffset(from), Duration.FromSeconds(seconds)) is { } due
            ? due.ToDateTimeOffset()
            : from.AddSeconds(seconds);

    /// <summary>Whether a stopped target stopped because it was done (rather than because the chat ended without it).</summary>
    private static bool Met(ChatSessionState s, string target) => target switch
    {
        TargetNames.Assignment => s.AssignedAgent is not null,
        TargetNames.FirstReply => s.FirstAgentReplyAt is not null,
        TargetNames.NextReply => s.Status != ChatStatus.Resolved,
        TargetNames.Resolution => s.Status == ChatStatus.Resolved && !s.Abandoned,
        _ => false,
    };
}
