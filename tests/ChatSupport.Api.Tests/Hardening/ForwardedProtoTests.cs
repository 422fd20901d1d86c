using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Api.Security;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// Behind a TLS-terminating proxy listed in <c>ChatSupport:Network:TrustedProxies</c>, <c>X-Forwarded-Proto: https</c>
/// makes the request https: the sign-in cookie is <c>Secure</c> and the dashboard's https origin is its own. From an
/// address that is not a trusted proxy the header changes nothing.
/// </summary>
public sealed class ForwardedProtoTests : IAsyncLifetime
{
    private ApiHost _proxied = null!;
    private ApiHost _untrusted = null!;

    public async Task InitializeAsync()
    {
        var proxied = ApiHost.StartAsync([$"{TrustedProxies.Key}:0=127.0.0.1"]);
        var untrusted = ApiHost.StartAsync([$"{TrustedProxies.Key}:0=10.0.0.5"]);
        _proxied = await proxied;
        _untrusted = await untrusted;
    }

    public async Task DisposeAsync()
    {
        if (_proxied is not null) await _proxied.DisposeAsync();
        if (_untrusted is not null) await _untrusted.DisposeAsync();
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_behind_a_trusted_tls_proxy_and_the_header_is_ignored_from_anyone_else()
    {
        var (cookie, meBehindProxy) = await SignInThroughProxyAsync(_proxied);
        cookie.Should().Contain("chatsupport.auth=").And.Contain("secure");
        meBehindProxy.Should().Be("ok", "the dashboard's https origin is the host's own behind the proxy");

        var (plain, _) = await SignInThroughProxyAsync(_untrusted);
        plain.Should().Contain("chatsupport.auth=").And.NotContain("secure");
    }

    /// <summary>Signs in as a browser behind a TLS proxy would; returns the auth cookie line and /api/auth/me's outcome.</summary>
    private static async Task<(string Cookie, string Me)> SignInThroughProxyAsync(ApiHost host)
    {
        var tenant = await host.NewTenantAsync();
        await host.EnsureOperatorAsync(tenant, "alex", "Alex");
        var cookies = new System.Net.CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = false }) { BaseAddress = host.BaseAddress };

        var antiforgery = new HttpRequestMessage(HttpMethod.Get, "api/auth/antiforgery");
        antiforgery.Headers.Add("X-Forwarded-Proto", "https");
        using var af = await http.SendAsync(antiforgery);
        var csrfCookie = af.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var token = (await af.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var signIn = new HttpRequestMessage(HttpMethod.Post, "api/auth/sign-in")
        {
            Content = JsonContent.Create(new { tenant, username = "alex", password = ApiHost.OperatorPassword }),
        };
        signIn.Headers.Add("X-Forwarded-Proto", "https");
        signIn.Headers.Add("X-CSRF-TOKEN", token);
        signIn.Headers.Add("Cookie", string.Join("; ", csrfCookie));
        using var signedIn = await http.SendAsync(signIn);
        (await Outcome.OfAsync(signedIn)).Should().Be("ok");
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("chatsupport.auth=", StringComparison.Ordinal));

        var me = new HttpRequestMessage(HttpMethod.Get, "api/auth/me");
        me.Headers.Add("X-Forwarded-Proto", "https");
        me.Headers.Add("Origin", "https://" + host.BaseAddress.Authority);
        me.Headers.Add("Cookie", auth.Split(';')[0]);
        return (auth.ToLowerInvariant(), await Outcome.OfAsync(await http.SendAsync(me)));
    }
}
