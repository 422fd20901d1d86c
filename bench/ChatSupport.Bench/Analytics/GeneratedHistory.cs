using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Bench.Analytics;

/// <summary>
/// The session events of many chats spread over whole UTC days, as the session grain would have emitted them (each
/// envelope carries the session as it was right after that decision). Deterministic for a seed, so two runs feed the
/// same history. Shapes: most chats are assigned, answered, resolved and often rated; some are transferred; a few are
/// closed by the visitor before or after an agent took them. Busier in working hours, as real traffic is.
/// </summary>
public sealed class GeneratedHistory(string tenantId, DateOnly firstDay, int days, IReadOnlyList<AgentRef> agents, int seed = 14)
{
    public DateOnly FirstDay { get; } = firstDay;
    public DateOnly LastDay { get; } = firstDay.AddDays(days - 1);

    /// <summary>Chat <paramref name="index"/>'s events in their order (event numbers 1, 2, …).</summary>
    public IReadOnlyList<ChatEventEnvelope> Chat(int index)
    {
        var random = new Random(HashCode.Combine(seed, index));
        var sessionId = $"bench-{index:D7}";
        var created = StartTime(random);
        var session = new ChatSessionSnapshot
        {
            TenantId = tenantId,
            SessionId = sessionId,
            VisitorId = $"v-{index:D7}",
            Status = ChatStatus.WaitingForAgent,
            Visitor = VisitorMetadata.Empty,
            CreatedAt = created,
            LastSeq = 0,
            Receipts = DeliveryReceipts.None,
        };
        var events = new List<ChatEventEnvelope>();
        void Add(ChatEvent e, ChatSessionSnapshot after)
        {
            session = after;
            events.Add(new ChatEventEnvelope { TenantId = tenantId, SessionId = sessionId, Seq = events.Count + 1, Event = e, Session = after });
        }

        Add(new ChatStarted { OccurredAt = created, VisitorId = session.VisitorId }, session);
        // Mostly inside the 2-minute target, a tail beyond it (missed).
        var assignedAt = created.AddSeconds(random.NextDouble() < 0.85 ? random.Next(3, 120) : random.Next(120, 900));
        var roll = random.NextDouble();
        if (roll < 0.04)
        {
            // The visitor gave up before anyone took the chat: abandoned.
            var left = created.AddSeconds(random.Next(20, 600));
            Add(new ChatClosedByVisitor { OccurredAt = left }, session with { Status = ChatStatus.Resolved, ResolvedAt = left, ResolvedBy = ChatParty.Visitor });
            return events;
        }

        var agentIndex = random.Next(agents.Count);
        var agent = agents[agentIndex];
        Add(new AgentAssigned { OccurredAt = assignedAt, Agent = agent, AssignedBy = agent.AgentId },
            session with { Status = ChatStatus.AssignedToAgent, AssignedAgent = agent, AssignedAt = assignedAt });
        if (roll < 0.07)
        {
            // Assigned, but the visitor left before the agent's first message: abandoned too.
            var left = assignedAt.AddSeconds(random.Next(10, 300));
            Add(new ChatClosedByVisitor { OccurredAt = left, Agent = agent },
                session with { Status = ChatStatus.Resolved, ResolvedAt = left, ResolvedBy = ChatParty.Visitor });
            return events;
        }

        var holder = agent;
        var repliedAt = assignedAt.AddSeconds(random.NextDouble() < 0.9 ? random.Next(5, 150) : random.Next(150, 1200));
        if (roll > 0.95)
        {
            // Transferred before the first reply: the new agent answers.
            var to = agents[(agentIndex + 1 + random.Next(agents.Count - 1)) % agents.Count];
            var movedAt = assignedAt.AddSeconds(random.Next(2, 60));
            repliedAt = movedAt.AddSeconds(random.Next(5, 150));
            Add(new ChatTransferred { OccurredAt = movedAt, From = agent, To = to, TransferredBy = agent.AgentId },
                session with { AssignedAgent = to });
            holder = to;
        }
        Add(new FirstAgentReply { OccurredAt = repliedAt, Agent = holder, MessageSeq = 2 },
            session with { Status = ChatStatus.ActiveChat, FirstAgentReplyAt = repliedAt });

        var endedAt = repliedAt.AddSeconds(random.Next(60, 3600));
        if (roll < 0.10)
        {
            // The visitor closed an answered chat themself: it counts as resolved.
            Add(new ChatClosedByVisitor { OccurredAt = endedAt, Agent = holder },
                session with { Status = ChatStatus.Resolved, ResolvedAt = endedAt, ResolvedBy = ChatParty.Visitor });
            return events;
        }
        Add(new ChatResolved { OccurredAt = endedAt, Agent = holder, ResolvedBy = holder.AgentId },
            session with { Status = ChatStatus.Resolved, ResolvedAt = endedAt, ResolvedBy = ChatParty.Agent });
        if (random.NextDouble() < 0.45)
        {
            var ratedAt = endedAt.AddSeconds(random.Next(5, 600));
            var stars = Stars(random);
            var anonymous = random.NextDouble() < 0.2;
            Add(new ChatRated { OccurredAt = ratedAt, Stars = stars, Anonymous = anonymous, Agent = holder },
                session with { Rating = new ChatRating { Stars = stars, Anonymous = anonymous, RatedAt = ratedAt } });
        }
        return events;
    }

    /// <summary>A day of the range, then an hour weighted towards working hours, then a second within it.</summary>
    private DateTimeOffset StartTime(Random random)
    {
        var day = FirstDay.AddDays(random.Next((LastDay.DayNumber - FirstDay.DayNumber) + 1));
        var pick = random.Next(HourWeights.Sum());
        var hour = 0;
        while (pick >= HourWeights[hour]) pick -= HourWeights[hour++];
        return new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero).AddSeconds(random.Next(3600));
    }

    // Chats per UTC hour, relative: quiet nights, a morning and an afternoon peak.
    private static readonly int[] HourWeights = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 11, 10, 8, 9, 11, 12, 10, 8, 6, 5, 4, 3, 2, 1];

    private static int Stars(Random random) => random.Next(100) switch
    {
        < 5 => 1,
        < 12 => 2,
        < 25 => 3,
        < 55 => 4,
        _ => 5,
    };
}
