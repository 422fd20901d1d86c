using System.Net;
using System.Net.Http.Json;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// The visitor token route gives CORS headers only to the tenant's allowed origins: a page on another site gets no
/// <c>Access-Control-Allow-Origin</c>, neither on the preflight nor on the refusal, so its script cannot read either.
/// The visitor hub's preflight likewise: only the tenant the widget names in the hub URL, only its allowed origins.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WidgetCorsTests(ApiHostFixture fixture)
{
    private const string Evil = "http://evil.example";
    private ApiHost host => fixture.Host;

    [Fact]
    public async Task A_preflight_and_a_post_from_a_foreign_origin_get_no_allow_origin_and_an_allowed_origin_gets_it()
    {
        var tenant = await host.NewTenantAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var evilPreflight = await http.SendAsync(Preflight(tenant, Evil));
        evilPreflight.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse("a foreign origin's preflight gets no CORS grant");

        var evilPost = new HttpRequestMessage(HttpMethod.Post, $"api/visitor/token?tenant={tenant}") { Content = JsonContent.Create(new { }) };
        evilPost.Headers.Add("Origin", Evil);
        using var refused = await http.SendAsync(evilPost);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refused.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse("the refusal is not readable by the foreign page");

        using var allowedPreflight = await http.SendAsync(Preflight(tenant, ApiHost.AllowedOrigin));
        allowedPreflight.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(ApiHost.AllowedOrigin);

        // Another tenant's allowed origin is not this tenant's.
        var other = await host.NewTenantAsync();
        await host.Grains.GetGrain<ChatSupport.Contracts.Tenants.ITenantGrain>(other).Configure(new ChatSupport.Contracts.Tenants.TenantSettings
        {
            Name = other, Plan = ChatSupport.Contracts.Tenants.Plans.Scale,
            Features = [ChatSupport.Contracts.Tenants.Features.PrioritySupport], AllowedOrigins = ["https://other.example"],
        });
        using var crossTenant = await http.SendAsync(Preflight(other, ApiHost.AllowedOrigin));
        crossTenant.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task The_visitor_hub_preflight_answers_only_the_named_tenants_allowed_origins()
    {
        var tenant = await host.NewTenantAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        foreach (var path in new[] { "hubs/visitor/negotiate?negotiateVersion=1", $"hubs/visitor/negotiate?tenant={tenant}&negotiateVersion=1" })
        {
            using var evil = await http.SendAsync(Preflight(path, Evil, "authorization"));
            evil.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse($"a foreign origin gets no CORS grant on {path}");
        }
        using var noTenant = await http.SendAsync(Preflight("hubs/visitor/negotiate?negotiateVersion=1", ApiHost.AllowedOrigin, "authorization"));
        noTenant.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse("without a tenant no origin is known to be allowed");

        using var allowed = await http.SendAsync(Preflight($"hubs/visitor/negotiate?tenant={tenant}&negotiateVersion=1", ApiHost.AllowedOrigin, "authorization"));
        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(ApiHost.AllowedOrigin);
    }

    private static HttpRequestMessage Preflight(string tenant, string origin) => Preflight($"api/visitor/token?tenant={tenant}", origin, "content-type");

    private static HttpRequestMessage Preflight(string path, string origin, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }
}
