using System.Text;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// Anonymous routes take small bodies only (16 KB): a megabyte to the visitor token route or to sign-in is refused
/// with <c>413 body_too_large</c> before it is read, also when sent chunked, and the host keeps serving.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BodyLimitTests(ApiHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    [Fact]
    public async Task A_one_megabyte_body_to_the_token_route_or_sign_in_gets_413_and_the_host_stays_up()
    {
        var tenant = await host.NewTenantAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var big = "{\"previousToken\":\"" + new string('a', 1024 * 1024) + "\"}";

        foreach (var path in new[] { $"api/visitor/token?tenant={tenant}", "api/auth/sign-in" })
        {
            using var sized = await http.PostAsync(path, new StringContent(big, Encoding.UTF8, "application/json"));
            (await Outcome.OfAsync(sized)).Should().Be("413 body_too_large", path);

            // Chunked: no Content-Length to refuse up front; the limit stops the read.
            var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
            chunked.Headers.ContentType = new("application/json");
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = chunked };
            request.Headers.TransferEncodingChunked = true;
            using var streamed = await http.SendAsync(request);
            (await Outcome.OfAsync(streamed)).Should().Be("413 body_too_large", path);
        }

        (await http.GetStringAsync("healthz")).Should().Be("ok");
        (await host.VisitorTokenAsync(tenant)).Token.Should().NotBeEmpty("a normal token request still works");
    }
}
