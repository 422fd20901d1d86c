using System.Net;
using ChatSupport.Contracts.Desk;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// A sign-in's end closes its sockets and its cookie: an agent socket that makes no call is closed when its sign-in
/// expires (sign-ins here last 8 s), and a copy of a signed-out cookie gets 401 on <c>/api/auth/me</c> and cannot open
/// the agent hub. (Sign-out on another Api node: ChatSupport.Cluster.Tests, SignOutAcrossNodesTests.)
/// </summary>
[Collection(ShortSignInCollection.Name)]
public sealed class SignInLifetimeTests(ShortSignInHostFixture fixture)
{
    private ApiHost _host => fixture.Host;

    [Fact]
    public async Task An_idle_agent_socket_is_closed_when_its_sign_in_expires_and_receives_no_more_chats()
    {
        var tenant = await _host.NewTenantAsync();
        await using var agent = await ChatParticipant.AgentAsync(_host, tenant, "alex", "Alex");
        var closed = new TaskCompletionSource();
        agent.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await agent.Connection.InvokeAsync<DeskSnapshot>("GetDesk");
        await using var visitor = await ChatParticipant.VisitorAsync(_host, tenant);
        await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        await agent.Desk.WaitUntilAsync(d => d.Count > 0, "the new chat on the live desk");

        // The socket makes no call: only the expiry can close it.
        await closed.Task.WaitAsync(Eventually.DefaultTimeout);
        agent.Connection.State.Should().Be(HubConnectionState.Disconnected);
    }

    [Fact]
    public async Task A_copy_of_a_signed_out_cookie_gets_401_and_cannot_open_the_agent_hub()
    {
        var tenant = await _host.NewTenantAsync();
        await _host.EnsureOperatorAsync(tenant, "kim", "Kim");
        using var kim = await _host.SignInAsync(tenant, "kim");
        var copy = new CookieContainer();
        copy.Add(kim.Cookies.GetCookies(_host.BaseAddress));
        (await kim.SignOutAsync()).EnsureSuccessStatusCode();

        using var stolen = new OperatorBrowser(_host.BaseAddress);
        stolen.Cookies.Add(copy.GetCookies(_host.BaseAddress));
        (await Outcome.OfAsync(await stolen.GetAsync("api/auth/me"))).Should().Be("401 sign_in_expired");
        var connect = () => _host.ConnectAgentAsync(stolen);
        (await connect.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

/// <summary>
/// A host whose sign-ins last 8 s and whose accounts back off after 3 wrong passwords, for 1 s doubling up to 3 s;
/// the Orleans dashboard is on (OrleansDashboardTests).
/// </summary>
public sealed class ShortSignInHostFixture : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync(
    [
        "ChatSupport:Security:SignInLifetime=00:00:08",
        "ChatSupport:Security:SignInFreeFailures=3",
        "ChatSupport:Security:SignInBackOffBase=00:00:01",
        "ChatSupport:Security:SignInBackOffMax=00:00:03",
        "ChatSupport:OrleansDashboard=true",
    ]);

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ShortSignInCollection : ICollectionFixture<ShortSignInHostFixture>
{
    public const string Name = "short-sign-in";
}
