namespace ChatSupport.Contracts.People;

/// <summary>An agent the dashboard can assign or transfer chats to: an operator of the tenant who may take chats (<see cref="OperatorProfile.CanTakeChats"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record TeamMember
{
    [Id(0)] public required string AgentId { get; init; }
    [Id(1)] public required string DisplayName { get; init; }
    /// <summary>Has at least one dashboard connection open now.</summary>
    [Id(2)] public required bool Online { get; init; }
    [Id(3)] public required int OpenChats { get; init; }
    /// <summary>online, away or offline (<see cref="Routing.AgentStatus"/>): the router gives chats to online agents only.</summary>
    [Id(4)] public Routing.AgentStatus Status { get; init; }
    /// <summary>The agent's own capacity; null follows the tenant's default.</summary>
    [Id(5)] public int? Capacity { get; init; }
    [Id(6)] public DateTimeOffset? LastChatAt { get; init; }
}

/// <summary>
/// The tenant's agents as the "Assign to…" and "Transfer to…" pickers list them, keyed by tenant id.
/// A stateless worker: it reads the operators table and asks each agent grain for presence.
/// </summary>
public interface ITeamGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<TeamMember>> GetMembers();

    /// <summary>Every operator of the tenant for the Team page, agents or not, disabled ones too, by name.</summary>
    Task<IReadOnlyList<TeamOperator>> GetOperators();
}

/// <summary>A row of the Team page: the account, its roles and state, and (for agents) presence, open chats and capacity.</summary>
[GenerateSerializer, Immutable]
public sealed record TeamOperator
{
    [Id(0)] public required string Username { get; init; }
    [Id(1)] public required string DisplayName { get; init; }
    [Id(2)] public required IReadOnlyList<string> Roles { get; init; }
    [Id(3)] public required bool Disabled { get; init; }
    [Id(4)] public required Routing.AgentStatus Status { get; init; }
    [Id(5)] public required int OpenChats { get; init; }
    /// <summary>The agent's own capacity; null follows the tenant's default.</summary>
    [Id(6)] public int? Capacity { get; init; }
}
