using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Contracts.People;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// Operators seeded from configuration (<c>ChatSupport:Bootstrap:Tenants</c>) get exactly the roles configured:
/// one configured as a support agent only is not a System Admin and is refused the agent hub.
/// </summary>
public sealed class BootstrapRolesTests : IAsyncLifetime
{
    private const string Tenant = "bootroles";
    private const string Password = "seeded-password-for-tests";
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(
    [
        $"ChatSupport:Bootstrap:Tenants:0:Id={Tenant}",
        "ChatSupport:Bootstrap:Tenants:0:Plan=scale",
        "ChatSupport:Bootstrap:Tenants:0:Features:0=priority_support",
        // No roles given: the first admin of ./chat run and the cluster tests.
        "ChatSupport:Bootstrap:Tenants:0:Operators:0:Username=admin",
        $"ChatSupport:Bootstrap:Tenants:0:Operators:0:Password={Password}",
        // Only another role: a support agent, not a System Admin.
        "ChatSupport:Bootstrap:Tenants:0:Operators:1:Username=sam",
        $"ChatSupport:Bootstrap:Tenants:0:Operators:1:Password={Password}",
        $"ChatSupport:Bootstrap:Tenants:0:Operators:1:Roles:0={Roles.Member}",
    ]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_operator_configured_with_only_the_member_role_is_refused_the_agent_hub_with_system_admin_required()
    {
        using var sam = await _host.SignInAsync(Tenant, "sam", Password);
        var me = await (await sam.GetAsync("api/auth/me")).Content.ReadFromJsonAsync<JsonElement>();
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal(Roles.Member);
        me.GetProperty("chatSupport").GetString().Should().Be("system_admin_required");
        (await NegotiateAgentHubAsync(sam)).Should().Be("403 system_admin_required");

        using var admin = await _host.SignInAsync(Tenant, "admin", Password);
        var adminMe = await (await admin.GetAsync("api/auth/me")).Content.ReadFromJsonAsync<JsonElement>();
        adminMe.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal(Roles.SystemAdmin);
        (await NegotiateAgentHubAsync(admin)).Should().Be("ok", "an operator configured without roles is the System Admin");
    }

    private static async Task<string> NegotiateAgentHubAsync(OperatorBrowser browser) =>
        await Outcome.OfAsync(await browser.SendAsync(HttpMethod.Post, "hubs/agent/negotiate?negotiateVersion=1", null));
}
