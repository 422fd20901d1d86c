using System.Security.Cryptography;
using System.Text.Json;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Audit;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Hubs;

/// <summary>What "Add operator" answers: the new account, and its one-time password, shown once and stored only as a hash.</summary>
public sealed record AddedOperator(TeamOperator Operator, string OneTimePassword);

/// <summary>
/// The Team page (System Admins: every agent is one): operators, roles, disabling, password resets, capacity, presence,
/// and the "Routing &amp; targets" settings. Every change is recorded in the tenant's audit log (never a password).
/// A change holds at once on every Api node: it is stored in the operator's or router's grain, and the sign-ins a
/// change ends close their connections everywhere (<see cref="SignInEnded"/>).
/// </summary>
public sealed partial class AgentHub
{
    public const string TeamArea = "team";
    private const int OneTimePasswordLength = 16;
    // No look-alikes (0/O, 1/l/I): the password is read off one screen and typed into another.
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public Task<IReadOnlyList<TeamOperator>> GetOperators() => Team.GetOperators();

    public async Task<AddedOperator> AddOperator(string username, string displayName, string[] roles)
    {
        HubResults.ThrowIf(ChatInput.CheckId(username, "username") ?? CheckDisplayName(displayName) ?? CheckRoles(roles));
        var password = RandomNumberGenerator.GetString(PasswordAlphabet, OneTimePasswordLength);
        var created = (await Operator(username).Create(new NewOperator { DisplayName = displayName.Trim(), Password = password, Roles = roles })).OrThrow();
        await AuditAsync("operator_added", username, null, JsonSerializer.Serialize(new { created.DisplayName, created.Roles }));
        return new AddedOperator(await TeamRowAsync(username), password);
    }

    public async Task<TeamOperator> SetOperatorRoles(string username, string[] roles)
    {
        HubResults.ThrowIf(ChatInput.CheckId(username, "username") ?? CheckRoles(roles));
        if (username == Me.Caller.Id && !roles.Contains(Roles.SystemAdmin))
            HubResults.ThrowIf(ChatErrors.InvalidInput("You cannot take System Admin away from yourself: ask another admin."));
        var before = await ProfileAsync(username);
        (await Operator(username).SetRoles(roles)).OrThrow();
        await AuditAsync("roles_changed", username, string.Join(",", before.Roles), string.Join(",", roles));
        return await TeamRowAsync(username);
    }

    /// <summary>Disabling ends the operator's sign-ins: their sockets close on every Api node, and the router skips them.</summary>
    public async Task<TeamOperator> SetOperatorDisabled(string username, bool disabled)
    {
        HubResults.ThrowIf(ChatInput.CheckId(username, "username"));
        if (username == Me.Caller.Id && disabled) HubResults.ThrowIf(ChatErrors.InvalidInput("You cannot disable your own account."));
        var before = await ProfileAsync(username);
        await Operator(username).SetDisabled(disabled);
        if (before.Disabled != disabled) await AuditAsync(disabled ? "operator_disabled" : "operator_enabled", username, null, null);
        return await TeamRowAsync(username);
    }

    /// <summary>A new one-time password, shown once; the old one and every live sign-in of the operator end.</summary>
    public async Task<string> ResetOperatorPassword(string username)
    {
        HubResults.ThrowIf(ChatInput.CheckId(username, "username"));
        await ProfileAsync(username);
        var password = RandomNumberGenerator.GetString(PasswordAlphabet, OneTimePasswordLength);
        (await Operator(username).ResetPassword(password)).OrThrow();
        await AuditAsync("password_reset", username, null, null);
        return password;
    }

    /// <summary>The agent's chat capacity (1–50), or null to follow the tenant's default.</summary>
    public async Task<TeamOperator> SetAgentCapacity(string agentId, int? capacity)
    {
        HubResults.ThrowIf(ChatInput.CheckId(agentId, "agentId") ?? (capacity is { } c ? RoutingLimits.CheckCapacity(c) : null));
        await AgentRefAsync(agentId);
        var agent = Agent(agentId);
        var before = (await agent.GetSnapshot()).Capacity;
        await agent.SetCapacity(capacity);
        if (before != capacity) await AuditAsync("capacity_changed", agentId, before?.ToString() ?? "default", capacity?.ToString() ?? "default");
        return await TeamRowAsync(agentId);
    }

    /// <summary>The caller's own presence: "online" (takes chats) or "away" (keeps theirs, takes no new ones).</summary>
    public async Task<AgentStatus> SetMyStatus(string status)
    {
        if (!AgentStatusNames.TryParseChoice(status, out var chosen))
            HubResults.ThrowIf(ChatErrors.InvalidInput("A status is online or away."));
        return await Agent(Me.Caller.Id).SetStatus(chosen);
    }

    public Task<RoutingSettings> GetRouting() => Router.GetSettings();

    public async Task<RoutingSettings> SaveRouting(RoutingSettings settings) =>
        (await Router.SaveSettings(Me.Caller.Id, settings)).OrThrow();

    /// <summary>The newest changes to the team and to routing, newest first (at most a page of each, merged).</summary>
    public async Task<IReadOnlyList<AuditEntry>> GetTeamAudit()
    {
        var log = grains.GetGrain<IAuditLogGrain>(Me.TenantId);
        var pages = await Task.WhenAll(log.List(TeamArea, null), log.List("routing", null));
        return pages.SelectMany(p => p.Entries).OrderByDescending(e => e.At).Take(AuditLimits.PageSize).ToList();
    }

    private ITeamGrain Team => grains.GetGrain<ITeamGrain>(Me.TenantId);
    private IRouterGrain Router => grains.GetGrain<IRouterGrain>(Me.TenantId);
    private IOperatorGrain Operator(string username) => grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(Me.TenantId, username));

    private async Task<OperatorProfile> ProfileAsync(string username) =>
        await Operator(username).GetProfile() ?? throw new HubException(ChatErrors.InvalidInput("No operator of this workspace has that username.").ToString());

    private async Task<TeamOperator> TeamRowAsync(string username) =>
        (await Team.GetOperators()).Single(o => o.Username == username);

    private Task AuditAsync(string action, string target, string? before, string? after) =>
        grains.GetGrain<IAuditLogGrain>(Me.TenantId).Record(new AuditEntry(DateTimeOffset.UtcNow, Me.Caller.Id, TeamArea, action, target, before, after));

    private static ChatError? CheckDisplayName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? ChatErrors.InvalidInput("Give the operator a display name.")
        : ChatInput.CheckOptional(name, "display name", ChatLimits.NameMaxLength);

    private static ChatError? CheckRoles(string[]? roles)
    {
        if (roles is not { Length: > 0 }) return ChatErrors.InvalidInput("Give the operator at least one role.");
        if (roles.Any(r => !Roles.All.Contains(r)))
            return ChatErrors.InvalidInput($"One of those roles does not exist: the roles are {string.Join(", ", Roles.All)}.");
        return roles.Distinct().Count() == roles.Length ? null : ChatErrors.InvalidInput("Name each role once.");
    }
}
