namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// One origin rule for every operator route: with the operator's cookie, an <c>Origin</c> that is not this host's
/// own is refused on the archive and analytics GETs as on <c>/api/auth/*</c>; the dashboard's own origin and a request
/// without <c>Origin</c> (a plain download) still work.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OperatorOriginTests(ApiHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    [Theory]
    [InlineData("api/archive/chats")]
    [InlineData("api/analytics/report")]
    public async Task An_operator_get_with_a_foreign_origin_is_refused_and_the_own_origin_and_no_origin_work(string path)
    {
        var tenant = await host.NewTenantAsync();
        await host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var browser = await host.SignInAsync(tenant, "alex");
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = browser.Cookies }) { BaseAddress = host.BaseAddress };

        (await Outcome.OfAsync(await http.SendAsync(WithOrigin(path, "http://evil.example")))).Should().Be("403 cross_site_refused");
        (await Outcome.OfAsync(await http.SendAsync(WithOrigin(path, ApiHost.AllowedOrigin)))).Should().Be("403 cross_site_refused",
            "not even a tenant's widget origin may read operator data");
        (await Outcome.OfAsync(await http.SendAsync(WithOrigin(path, host.BaseAddress.GetLeftPart(UriPartial.Authority))))).Should().Be("ok");
        (await Outcome.OfAsync(await http.GetAsync(path))).Should().Be("ok");
    }

    private static HttpRequestMessage WithOrigin(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", origin);
        return request;
    }
}
