namespace ChatSupport.Contracts.Routing;

/// <summary>
/// An agent's presence as the team list, the pickers and the router see it; on the wire <c>online</c>, <c>away</c>,
/// <c>offline</c>. Online takes new chats; away keeps their chats and takes no new ones; offline has had no live
/// dashboard connection for longer than the grace period (a reload or a short network drop changes nothing).
/// </summary>
[GenerateSerializer]
public enum AgentStatus
{
    Offline = 0,
    Online = 1,
    Away = 2,
}

public static class AgentStatusNames
{
    public static string ToWireName(this AgentStatus status) => status switch
    {
        AgentStatus.Online => "online",
        AgentStatus.Away => "away",
        _ => "offline",
    };

    /// <summary>What an agent may choose for themself: online or away (offline is what no connection means).</summary>
    public static bool TryParseChoice(string? wire, out AgentStatus status)
    {
        status = wire switch { "online" => AgentStatus.Online, "away" => AgentStatus.Away, _ => AgentStatus.Offline };
        return status != AgentStatus.Offline;
    }
}
