using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Sessions;

namespace ChatSupport.Grains.Tests.Analytics;

/// <summary>One generated chat: what happened and when (the facts a brute force reads), and the events the workflow raised for it.</summary>
public sealed record GeneratedChat(
    string SessionId,
    DateTimeOffset Start,
    (AgentRef Agent, DateTimeOffset At)? Assigned,
    (AgentRef From, AgentRef To, DateTimeOffset At)? Transferred,
    (AgentRef Agent, DateTimeOffset At)? FirstReply,
    /// <summary>ByVisitor: the visitor closed it, or went away and it was closed as abandoned (both count as abandoned).</summary>
    (bool ByVisitor, AgentRef? Agent, DateTimeOffset At)? Ended,
    (int Stars, AgentRef? Agent, DateTimeOffset At)? Rated,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<ChatEventEnvelope> Events);

/// <summary>
/// Chats with known timings, made by driving <see cref="ChatWorkflow"/> (so the events are the ones the grain stores),
/// over about five weeks around the autumn DST changes of Europe and the US. Seeded: the same chats every run.
/// </summary>
public static class GeneratedChats
{
    public const string Tenant = "gen";
    public static readonly DateTimeOffset First = new(2026, 10, 10, 0, 0, 0, TimeSpan.Zero);
    public static readonly AgentRef[] Agents = Enumerable.Range(1, 6).Select(i => new AgentRef($"agent{i}", $"Agent {i}")).ToArray();

    public static IReadOnlyList<GeneratedChat> Make(int count, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => One(random, $"s{i:D5}")).ToList();
    }

    private static GeneratedChat One(Random random, string sessionId)
    {
        var state = new ChatSessionState();
        var events = new List<ChatEventEnvelope>();
        var messages = new List<ChatMessage>();
        void Record(Decision d)
        {
            d.Error.Should().BeNull();
            state = d.Next! with { LastEventSeq = state.LastEventSeq + d.Events.Count };
            foreach (var e in d.Events)
                events.Add(new ChatEventEnvelope
                {
                    TenantId = Tenant, SessionId = sessionId, Seq = events.Count + 1, Event = e,
                    Session = state.ToSnapshot(Tenant, sessionId, messages.Count),
                });
        }
        void Say(ChatCaller who, DateTimeOffset at)
        {
            messages.Add(new ChatMessage
            {
                Seq = messages.Count + 1, ClientMessageId = $"c{messages.Count + 1}", Sender = who.Party, SenderId = who.Id,
                SenderName = who.DisplayName, Text = "…", SentAt = at,
            });
            if (ChatWorkflow.AfterPost(state, who.Party, messages.Count, at) is { } d) Record(d);
        }

        var start = First.AddSeconds(random.Next(0, 35 * 24 * 3600)).AddMilliseconds(random.Next(0, 1000));
        var visitor = ChatCaller.Visitor("v-" + sessionId);
        Record(ChatWorkflow.Start(state, visitor.Id, VisitorMetadata.Empty, start));
        // A few visitors open the widget and leave without a word: the queue closes their chat as abandoned.
        if (random.NextDouble() < 0.05)
        {
            var abandonAfter = TimeSpan.FromMinutes(10);
            var abandonedAt = start + abandonAfter + TimeSpan.FromSeconds(random.Next(0, 60));
            Record(ChatWorkflow.Abandon(state, 0, abandonAfter, abandonedAt));
            return new GeneratedChat(sessionId, start, null, null, null, (true, null, abandonedAt), null, messages, events);
        }
        var now = start.AddSeconds(random.Next(0, 60)).AddMilliseconds(random.Next(0, 1000));
        Say(visitor, now);

        (AgentRef, DateTimeOffset)? assigned = null;
        (AgentRef, AgentRef, DateTimeOffset)? transferred = null;
        (AgentRef, DateTimeOffset)? firstReply = null;
        AgentRef? holder = null;
        if (random.NextDouble() < 0.85)
        {
            now = start.AddSeconds(random.Next(0, 400)).AddMilliseconds(random.Next(0, 1000));
            if (now < messages[^1].SentAt) now = messages[^1].SentAt;
            holder = Agents[random.Next(Agents.Length)];
            Record(ChatWorkflow.Assign(state, ChatCaller.Agent(holder), holder, now));
            assigned = (holder, now);
            if (random.NextDouble() < 0.15)
            {
                now = now.AddSeconds(random.Next(1, 120));
                var to = Agents.First(a => a != holder);
                Record(ChatWorkflow.Transfer(state, ChatCaller.Agent(holder), to, "over to you", now));
                transferred = (holder, to, now);
                holder = to;
            }
            if (random.NextDouble() < 0.9)
            {
                var exchanges = random.Next(1, 5);
                for (var x = 0; x < exchanges; x++)
                {
                    now = now.AddSeconds(random.Next(0, 300)).AddMilliseconds(random.Next(0, 1000));
                    Say(ChatCaller.Agent(holder), now);
                    firstReply ??= (holder, now);
                    for (var v = random.Next(0, 3); v > 0; v--)
                    {
                        now = now.AddSeconds(random.Next(0, 90)).AddMilliseconds(random.Next(0, 1000));
                        Say(visitor, now);
                    }
                }
            }
        }

        now = now.AddSeconds(random.Next(0, 600));
        bool byVisitor = assigned is null || random.NextDouble() < 0.3;
        if (byVisitor) Record(ChatWorkflow.CloseByVisitor(state, visitor, now));
        else Record(ChatWorkflow.Resolve(state, ChatCaller.Agent(holder!), now));
        var ended = (byVisitor, holder, now);

        (int, AgentRef?, DateTimeOffset)? rated = null;
        if (random.NextDouble() < 0.6)
        {
            now = now.AddSeconds(random.Next(0, 3 * 3600));
            var stars = random.Next(1, 6);
            Record(ChatWorkflow.Rate(state, visitor, stars, null, random.NextDouble() < 0.2, now));
            rated = (stars, holder, now);
        }
        return new GeneratedChat(sessionId, start, assigned, transferred, firstReply, ended, rated, messages, events);
    }
}
