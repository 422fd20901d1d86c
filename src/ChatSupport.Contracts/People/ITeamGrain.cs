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
}

/// <summary>
/// The tenant's agents as the "Assign to…" and "Transfer to…" pickers list them, keyed by tenant id.
/// A stateless worker: it reads the operators table and asks each agent grain for presence.
/// </summary>
public interface ITeamGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<TeamMember>> GetMembers();
}
