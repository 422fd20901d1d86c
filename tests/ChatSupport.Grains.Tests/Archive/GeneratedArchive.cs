using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Tests.Archive;

/// <summary>
/// A seeded, random archive: visitors who come back, shared names in varying case and spacing, names and
/// feedback with quotes, commas, newlines and non-ASCII text, ties in resolve time, chats with no agent,
/// no rating, and anonymous ratings, spread over 14 months.
/// </summary>
internal static class GeneratedArchive
{
    public static readonly DateTimeOffset Start = new(2025, 9, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] Names =
    [
        "Robin", "Zoë Ångström", "José Núñez", "李小龙", "O'Brien, \"Bo\"", "Ana\nMaria", "Müller", "Ålesund Øy",
        "Renée", "Dmitri Иванов", "Sam", "Fatima الزهراء", "Chloé", "Ngozi", "Kai", "\"Quoted\"", "Comma, Person",
    ];

    public static readonly AgentRef[] Agents = Enumerable.Range(1, 8).Select(i => new AgentRef($"agent{i}", $"Agent {i} «{i}»")).ToArray();

    private static readonly string[] Feedback =
    [
        "Great, thanks!", "She said \"hold on\", then fixed it.", "Slow,\nbut helpful", "Très bien 👍", "", "完美", "a,b,\"c\"\r\nd",
    ];

    public static List<ArchivedChat> Create(string tenant, int count, int seed)
    {
        var random = new Random(seed);
        var visitors = Enumerable.Range(0, count / 25).Select(i => (
            Id: $"v{i:D5}{random.Next(1000):D3}",
            Name: random.Next(10) < 8 ? Names[random.Next(Names.Length)] : null,
            Email: random.Next(10) < 6 ? $"user{i}@exämple.com" : null)).ToArray();
        var spanMs = (long)(End - Start).TotalMilliseconds;
        var chats = new List<ArchivedChat>(count);
        for (var i = 0; i < count; i++)
        {
            var v = visitors[random.Next(visitors.Length)];
            // Ties in resolve time: the session id then orders them.
            var resolvedAt = i > 0 && random.Next(100) == 0 ? chats[random.Next(chats.Count)].ResolvedAt : Start.AddMilliseconds(random.NextInt64(spanMs));
            var rated = random.Next(10) >= 3;
            chats.Add(new ArchivedChat
            {
                TenantId = tenant,
                SessionId = Guid.NewGuid().ToString("N"),
                VisitorId = v.Id,
                // The same visitor's name as typed in different chats: case and spaces vary.
                VisitorName = v.Name is null ? null : random.Next(4) == 0 ? " " + v.Name.ToUpperInvariant() + " " : v.Name,
                VisitorEmail = v.Email,
                Agent = random.Next(100) < 3 ? null : Agents[random.Next(Agents.Length)],
                CreatedAt = resolvedAt.AddMinutes(-random.Next(1, 90)),
                ResolvedAt = resolvedAt,
                ResolvedBy = random.Next(4) == 0 ? ChatParty.Visitor : ChatParty.Agent,
                Rating = rated
                    ? new ChatRating
                    {
                        Stars = random.Next(1, 6),
                        Feedback = Feedback[random.Next(Feedback.Length)] is { Length: > 0 } f ? f : null,
                        Anonymous = random.Next(5) == 0,
                        RatedAt = resolvedAt.AddSeconds(random.Next(5, 600)),
                    }
                    : null,
                MessageCount = random.Next(0, 40),
            });
        }
        return chats;
    }

    /// <summary>The brute-force answer: every chat the filter describes (docs/protocol.md), newest first, ties by session id.</summary>
    public static List<ArchivedChat> BruteForce(IEnumerable<ArchivedChat> chats, ArchiveFilter f) => chats
        .Where(c => f.From is not { } from || c.ResolvedAt >= from)
        .Where(c => f.To is not { } to || c.ResolvedAt < to)
        .Where(c => f.Stars is not { Count: > 0 } stars || stars.Contains(c.Rating?.Stars ?? 0))
        .Where(c => f.AgentId is null || c.Agent?.AgentId == f.AgentId)
        .Where(c => f.Visitor is null || c.Rating?.Anonymous != true && (
            c.VisitorId == f.Visitor.Trim()
            || string.Equals(c.VisitorName?.Trim(), f.Visitor.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(c.VisitorEmail?.Trim(), f.Visitor.Trim(), StringComparison.OrdinalIgnoreCase)))
        .OrderByDescending(c => c.ResolvedAt.UtcTicks)
        .ThenBy(c => c.SessionId, StringComparer.Ordinal)
        .ToList();
}
