using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Audit;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Team;

/// <summary>The Team page over the real hub: operators, roles, disabling, passwords, capacity, presence and routing.</summary>
[Collection(ApiCollection.Name)]
public sealed class TeamTests(ApiHostFixture fixture)
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task An_added_operator_signs_in_with_the_one_time_password_shown_once_and_the_audit_log_never_holds_it()
    {
        var tenant = await Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(Host, tenant, "alex", "Alex");

        var added = await alex.Connection.InvokeAsync<AddedOperator>("AddOperator", "robin", "Robin", new[] { Roles.SystemAdmin });
        added.OneTimePassword.Should().HaveLength(16);
        added.Operator.Should().BeEquivalentTo(new { Username = "robin", DisplayName = "Robin", Disabled = false, Status = AgentStatus.Offline });
        using var robin = await Host.SignInAsync(tenant, "robin", added.OneTimePassword);
        await using var robinHub = await Host.ConnectAgentAsync(robin);

        // The hub hears of the connection just after its handshake: the list shows Robin online a moment later.
        var operators = await Eventually.GetAsync(() => alex.Connection.InvokeAsync<List<TeamOperator>>("GetOperators"),
            list => list.Any(o => o.Username == "robin" && o.Status == AgentStatus.Online), what: "Robin online (connected, online by default)");
        operators.Select(o => o.Username).Should().BeEquivalentTo(["alex", "robin"]);
        var audit = await alex.Connection.InvokeAsync<List<AuditEntry>>("GetTeamAudit");
        audit.Should().ContainSingle(e => e.Action == "operator_added" && e.Target == "robin" && e.Actor == "alex");
        audit.Should().OnlyContain(e => !(e.After ?? "").Contains(added.OneTimePassword) && !(e.Before ?? "").Contains(added.OneTimePassword));
    }

    [Fact]
    public async Task Disabling_an_operator_closes_their_sockets_and_resetting_a_password_ends_the_old_one()
    {
        var tenant = await Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(Host, tenant, "alex", "Alex");
        var kim = await alex.Connection.InvokeAsync<AddedOperator>("AddOperator", "kim", "Kim", new[] { Roles.SystemAdmin });
        using var kimBrowser = await Host.SignInAsync(tenant, "kim", kim.OneTimePassword);
        await using var kimHub = await Host.ConnectAgentAsync(kimBrowser);
        var closed = new TaskCompletionSource();
        kimHub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        (await alex.Connection.InvokeAsync<TeamOperator>("SetOperatorDisabled", "kim", true)).Disabled.Should().BeTrue();
        await closed.Task.WaitAsync(Eventually.DefaultTimeout);
        (await Outcome.OfAsync(await new OperatorBrowser(Host.BaseAddress).SignInAsync(tenant, "kim", kim.OneTimePassword))).Should().Be("401 sign_in_failed");
        (await alex.Connection.InvokeAsync<List<TeamMember>>("GetTeam")).Select(m => m.AgentId).Should().Equal("alex");

        await alex.Connection.InvokeAsync<TeamOperator>("SetOperatorDisabled", "kim", false);
        var fresh = await alex.Connection.InvokeAsync<string>("ResetOperatorPassword", "kim");
        (await Outcome.OfAsync(await new OperatorBrowser(Host.BaseAddress).SignInAsync(tenant, "kim", kim.OneTimePassword))).Should().Be("401 sign_in_failed");
        using var again = await Host.SignInAsync(tenant, "kim", fresh);

        var actions = (await alex.Connection.InvokeAsync<List<AuditEntry>>("GetTeamAudit")).Select(e => e.Action);
        actions.Should().ContainInOrder("password_reset", "operator_enabled", "operator_disabled", "operator_added");
    }

    [Fact]
    public async Task Bad_team_and_routing_input_is_refused_with_invalid_input_and_a_sentence_and_changes_nothing()
    {
        var tenant = await Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(Host, tenant, "alex", "Alex");
        async Task<string> RefusalAsync(string method, params object?[] args)
        {
            var e = await alex.Connection.Invoking(c => c.InvokeCoreAsync<object>(method, args)).Should().ThrowAsync<HubException>();
            e.Which.Message.Should().MatchRegex(@"\w+: \w.+\.");
            return Outcome.CodeOf(e.Which);
        }

        (await RefusalAsync("AddOperator", "alex", "Another Alex", new[] { Roles.SystemAdmin })).Should().Be("invalid_input", "the username is taken");
        (await RefusalAsync("AddOperator", "lee", "Lee", new[] { "owner" })).Should().Be("invalid_input", "no such role");
        (await RefusalAsync("AddOperator", "lee", " ", new[] { Roles.Member })).Should().Be("invalid_input");
        (await RefusalAsync("SetOperatorRoles", "nobody", new[] { Roles.Member })).Should().Be("invalid_input", "unknown operator");
        (await RefusalAsync("SetOperatorRoles", "alex", new[] { Roles.Member })).Should().Be("invalid_input", "an admin cannot demote themself");
        (await RefusalAsync("SetOperatorDisabled", "alex", true)).Should().Be("invalid_input");
        (await RefusalAsync("SetAgentCapacity", "alex", 0)).Should().Be("invalid_input");
        (await RefusalAsync("SetAgentCapacity", "alex", 51)).Should().Be("invalid_input");
        (await RefusalAsync("SetAgentCapacity", "nobody", 3)).Should().Be("unknown_agent");
        (await RefusalAsync("SetMyStatus", "offline")).Should().Be("invalid_input");
        (await RefusalAsync("SaveRouting", new RoutingSettings { DefaultCapacity = 0 })).Should().Be("invalid_input");

        (await alex.Connection.InvokeAsync<List<TeamOperator>>("GetOperators")).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Username = "alex", Roles = new[] { Roles.SystemAdmin }, Disabled = false, Capacity = (int?)null });
        (await alex.Connection.InvokeAsync<RoutingSettings>("GetRouting")).Should().Be(new RoutingSettings());
        (await alex.Connection.InvokeAsync<List<AuditEntry>>("GetTeamAudit")).Should().BeEmpty();
    }

    [Fact]
    public async Task With_auto_assignment_on_an_online_agent_gets_a_new_chat_with_its_reason_and_an_away_agent_gets_none()
    {
        var tenant = await Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(Host, tenant, "alex", "Alex");
        var saved = await alex.Connection.InvokeAsync<RoutingSettings>("SaveRouting", new RoutingSettings { Mode = RoutingMode.LeastBusy });
        saved.Version.Should().Be(1);

        await using var visitor = await ChatParticipant.VisitorAsync(Host, tenant);
        var first = await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        var assigned = await Eventually.GetAsync(() => alex.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", first.Session.SessionId),
            s => s.Status == ChatStatus.AssignedToAgent, what: "the chat auto-assigned to Alex");
        assigned.AssignedAgent!.AgentId.Should().Be("alex");
        assigned.AssignmentReason!.Rule.Should().Be("least_busy");
        assigned.AssignmentReason.Considered.Should().Equal("alex");
        // The visitor sees who answers, never why.
        (await visitor.Connection.InvokeAsync<System.Text.Json.JsonElement>("GetSession", first.Session.SessionId)).GetRawText().Should().NotContain("assignmentReason").And.NotContain("considered");

        (await alex.Connection.InvokeAsync<AgentStatus>("SetMyStatus", "away")).Should().Be(AgentStatus.Away);
        await using var second = await ChatParticipant.VisitorAsync(Host, tenant);
        var waiting = await second.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        var pass = await Host.Grains.GetGrain<IRouterGrain>(tenant).Sweep();
        pass.Assigned.Should().BeEmpty();
        (await alex.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", waiting.Session.SessionId)).Status.Should().Be(ChatStatus.WaitingForAgent);
        (await alex.Connection.InvokeAsync<List<AuditEntry>>("GetTeamAudit")).Should().ContainSingle(e => e.Area == "routing" && e.Action == "settings_changed");
    }
}
