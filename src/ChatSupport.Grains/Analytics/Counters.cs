namespace ChatSupport.Grains.Analytics;

/// <summary>What one quarter hour adds up to, for the whole tenant or for one agent (docs/analytics.md, "Metrics").</summary>
public sealed class Counters
{
    public long Started { get; set; }
    public long Assigned { get; set; }
    public long Resolved { get; set; }
    public long Abandoned { get; set; }
    public long Missed { get; set; }
    /// <summary>For an agent: chats given to them, by assignment or by a transfer to them.</summary>
    public long Handled { get; set; }
    public long TransfersIn { get; set; }
    public long TransfersOut { get; set; }
    /// <summary>Resolved chats an agent reopened (counted when and where the reopen happened).</summary>
    public long Reopened { get; set; }
    /// <summary>Response-time targets met and missed (<c>TargetMet</c>, <c>TargetMissed</c>), every target counted once.</summary>
    public long TargetsMet { get; set; }
    public long TargetsMissed { get; set; }
    /// <summary>Ratings of 1..5 stars (index 0 = 1 star).</summary>
    public long[] Stars { get; init; } = new long[5];
    public Histogram Wait { get; init; } = new();
    public Histogram FirstResponse { get; init; } = new();
    public Histogram Response { get; init; } = new();
    public Histogram Resolution { get; init; } = new();

    [System.Text.Json.Serialization.JsonIgnore]
    public long Ratings => Stars.Sum();

    public void AddAll(Counters other)
    {
        Started += other.Started;
        Assigned += other.Assigned;
        Resolved += other.Resolved;
        Abandoned += other.Abandoned;
        Missed += other.Missed;
        Handled += other.Handled;
        TransfersIn += other.TransfersIn;
        TransfersOut += other.TransfersOut;
        Reopened += other.Reopened;
        TargetsMet += other.TargetsMet;
        TargetsMissed += other.TargetsMissed;
        for (var i = 0; i < Stars.Length; i++) Stars[i] += other.Stars[i];
        Wait.AddAll(other.Wait);
        FirstResponse.AddAll(other.FirstResponse);
        Response.AddAll(other.Response);
        Resolution.AddAll(other.Resolution);
    }
}

/// <summary>One quarter hour of a tenant (UTC start): the team's counters and each agent's.</summary>
public sealed class Bucket
{
    public Counters Team { get; init; } = new();
    public Dictionary<string, Counters> Agents { get; init; } = new(StringComparer.Ordinal);
    /// <summary>The agents' names as events last gave them (for the agents table).</summary>
    public Dictionary<string, string> AgentNames { get; init; } = new(StringComparer.Ordinal);

    public Counters Agent(string agentId, string? name)
    {
        if (name is not null) AgentNames[agentId] = name;
        if (!Agents.TryGetValue(agentId, out var counters)) Agents[agentId] = counters = new Counters();
        return counters;
    }

    /// <summary>The quarter hour an instant falls in, as its UTC start.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute / 15 * 15, 0, TimeSpan.Zero);
    }

    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);
}
