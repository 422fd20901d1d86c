using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using Orleans.Concurrency;

namespace ChatSupport.Grains.People;

/// <summary>
/// Lists the agents of a tenant for the assign and transfer pickers: operators who may take chats,
/// online ones first, then by name. Stateless: every call reads the (small) operators partition, so a new
/// or disabled operator shows at once.
/// </summary>
[StatelessWorker]
public sealed class TeamGrain(OperatorStore operators) : Grain, ITeamGrain
{
    public async Task<IReadOnlyList<TeamMember>> GetMembers()
    {
        var tenantId = this.GetPrimaryKeyString();
        var agents = new List<(string Username, string DisplayName)>();
        await foreach (var (username, record) in operators.ListAsync(tenantId))
            if (OperatorProfile.CanTakeChatsWith(record.Roles, record.Disabled)) agents.Add((username, record.DisplayName));

        var presence = await Task.WhenAll(agents.Select(a => GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Compose(tenantId, a.Username)).GetSnapshot()));
        return agents.Zip(presence, (a, p) => new TeamMember
            {
                AgentId = a.Username,
                DisplayName = a.DisplayName,
                Online = p.Online,
                OpenChats = p.OpenSessionIds.Count,
                Status = p.Status,
                Capacity = p.Capacity,
                LastChatAt = p.LastChatAt,
            })
            .OrderByDescending(m => m.Online).ThenBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    public async Task<IReadOnlyList<TeamOperator>> GetOperators()
    {
        var tenantId = this.GetPrimaryKeyString();
        var accounts = new List<(string Username, OperatorRecord Record)>();
        await foreach (var account in operators.ListAsync(tenantId)) accounts.Add(account);
        var presence = await Task.WhenAll(accounts.Select(a => GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Compose(tenantId, a.Username)).GetSnapshot()));
        return accounts.Zip(presence, (a, p) => new TeamOperator
            {
                Username = a.Username,
                DisplayName = a.Record.DisplayName,
                Roles = a.Record.Roles,
                Disabled = a.Record.Disabled,
                Status = a.Record.Disabled ? ChatSupport.Contracts.Routing.AgentStatus.Offline : p.Status,
                OpenChats = p.OpenSessionIds.Count,
                Capacity = p.Capacity,
            })
            .OrderBy(o => o.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }
}
