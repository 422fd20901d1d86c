using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Demo;

/// <summary>One thing that happens in a demo chat, at its time: each is one command of the real session grain.</summary>
public abstract record DemoStep(DateTimeOffset At);

public sealed record VisitorStarts(DateTimeOffset At) : DemoStep(At);
public sealed record VisitorSays(DateTimeOffset At, string Text) : DemoStep(At);
public sealed record AgentTakes(DateTimeOffset At, AgentRef Agent) : DemoStep(At);
public sealed record AgentSays(DateTimeOffset At, AgentRef Agent, string Text) : DemoStep(At);
public sealed record AgentTransfers(DateTimeOffset At, AgentRef From, AgentRef To, string Note) : DemoStep(At);
public sealed record AgentResolves(DateTimeOffset At, AgentRef Agent) : DemoStep(At);
public sealed record VisitorLeaves(DateTimeOffset At) : DemoStep(At);
public sealed record VisitorRates(DateTimeOffset At, int Stars, string? Feedback, bool Anonymous) : DemoStep(At);

/// <summary>A demo chat: its visitor (one per chat, with a fixed id, so a replay finds the chat it started) and its steps in time order.</summary>
public sealed record DemoChat(int Index, string VisitorId, VisitorMetadata Visitor, IReadOnlyList<DemoStep> Steps)
{
    public DateTimeOffset Start => Steps[0].At;
    public DateTimeOffset End => Steps[^1].At;
}
