using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Demo;

/// <summary>The demo tenant's agents (operators who may take chats), as the assign and transfer pickers list them.</summary>
public static class DemoTeam
{
    public static async Task<IReadOnlyList<AgentRef>> AgentsAsync(IGrainFactory grains, string tenantId) =>
        (await grains.GetGrain<ITeamGrain>(tenantId).GetMembers()).Select(m => new AgentRef(m.AgentId, m.DisplayName)).ToList();
}
