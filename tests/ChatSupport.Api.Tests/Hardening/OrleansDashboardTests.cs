using System.Net;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>The Orleans dashboard shows every grain of every tenant: when configured on, only a signed-in System Admin opens it.</summary>
[Collection(ShortSignInCollection.Name)]
public sealed class OrleansDashboardTests(ShortSignInHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    [Fact]
    public async Task The_configured_dashboard_is_refused_without_a_sign_in_and_opens_for_a_system_admin()
    {
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        (await Outcome.OfAsync(await anonymous.GetAsync("orleans/"))).Should().Be("401 sign_in_required");

        var tenant = await host.NewTenantAsync();
        await host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var alex = await host.SignInAsync(tenant, "alex");
        (await alex.GetAsync("orleans/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

/// <summary>Without ChatSupport:OrleansDashboard=true (the default) there is no dashboard at all.</summary>
[Collection(ApiCollection.Name)]
public sealed class OrleansDashboardOffTests(ApiHostFixture fixture)
{
    [Fact]
    public async Task The_dashboard_is_off_unless_configured()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        (await anonymous.GetAsync("orleans/")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
