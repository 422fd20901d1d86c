using ChatSupport.Contracts.Messages;

namespace ChatSupport.Contracts.Sessions;

/// <summary>
/// Who is calling a session grain, as established by the front end's authentication. The grain
/// uses it for every ownership check: a visitor acts only on their own session, only the assigned
/// agent writes in a chat.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChatCaller(
    [property: Id(0)] ChatParty Party,
    [property: Id(1)] string Id,
    [property: Id(2)] string DisplayName)
{
    public static ChatCaller Visitor(string visitorId) => new(ChatParty.Visitor, visitorId, "Visitor");
    public static ChatCaller Agent(AgentRef agent) => new(ChatParty.Agent, agent.AgentId, agent.DisplayName);

    public AgentRef AsAgent() => new(Id, DisplayName);
}
