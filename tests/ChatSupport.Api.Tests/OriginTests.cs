using System.Net;
using System.Net.Http.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests;

/// <summary>Cross-site WebSocket hijacking and cross-site requests are refused; the tenant's own sites work.</summary>
[Collection(ApiCollection.Name)]
public sealed class OriginTests(ApiHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    [Fact]
    public async Task A_websocket_connect_to_the_visitor_hub_from_a_foreign_origin_is_refused()
    {
        var tenant = await host.NewTenantAsync();
        var token = await host.VisitorTokenAsync(tenant);
        var connect = () => host.ConnectLikeBrowserAsync(token.Token, "https://evil.example");
        (await connect.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("403");
    }

    [Fact]
    public async Task A_websocket_connect_from_an_allowed_origin_works_end_to_end()
    {
        var tenant = await host.NewTenantAsync();
        var token = await host.VisitorTokenAsync(tenant);
        await using var connection = await host.ConnectLikeBrowserAsync(token.Token, ApiHost.AllowedOrigin);
        var started = await connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        started.Session.Status.Should().Be(ChatStatus.WaitingForAgent);
    }

    [Fact]
    public async Task The_token_route_answers_allowed_origins_with_cors_and_refuses_others()
    {
        var tenant = await host.NewTenantAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var allowed = new HttpRequestMessage(HttpMethod.Post, $"api/visitor/token?tenant={tenant}") { Content = JsonContent.Create(new { }) };
        allowed.Headers.Add("Origin", ApiHost.AllowedOrigin);
        var ok = await http.SendAsync(allowed);
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        ok.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(ApiHost.AllowedOrigin);

        var foreign = new HttpRequestMessage(HttpMethod.Post, $"api/visitor/token?tenant={tenant}") { Content = JsonContent.Create(new { }) };
        foreign.Headers.Add("Origin", "https://evil.example");
        (await Outcome.OfAsync(await http.SendAsync(foreign))).Should().Be("403 origin_not_allowed");
    }

    [Fact]
    public async Task The_agent_hub_and_operator_routes_refuse_every_origin_but_their_own()
    {
        var tenant = await host.NewTenantAsync();
        await host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var browser = await host.SignInAsync(tenant, "alex");

        var hijack = new HubConnectionBuilder().WithUrl(new Uri(host.BaseAddress, "hubs/agent"), o =>
        {
            o.Cookies = browser.Cookies;
            o.SkipNegotiation = true;
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            o.Headers["Origin"] = ApiHost.AllowedOrigin;
        }).Build();
        (await hijack.Invoking(c => c.StartAsync()).Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("403");

        using var http = new HttpClient(new HttpClientHandler { CookieContainer = browser.Cookies }) { BaseAddress = host.BaseAddress };
        var crossSite = new HttpRequestMessage(HttpMethod.Get, "api/auth/me");
        crossSite.Headers.Add("Origin", "https://evil.example");
        (await Outcome.OfAsync(await http.SendAsync(crossSite))).Should().Be("403 cross_site_refused");

        var sameSite = new HttpRequestMessage(HttpMethod.Get, "api/auth/me");
        sameSite.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        (await Outcome.OfAsync(await http.SendAsync(sameSite))).Should().Be("ok");
    }
}
