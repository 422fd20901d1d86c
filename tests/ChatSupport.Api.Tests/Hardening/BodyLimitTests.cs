using System.Text;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// Anonymous routes take small bodies only (16 KB): a megabyte to the visitor token route or to sign-in is refused
/// with <c>413 body_too_large</c> before it is read; a chunked body (64 KB) is cut at the limit; the host keeps serving.
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
        // Chunked, the server reads up to the limit and refuses: a body that fits the loopback socket's buffers lets the
        // client finish sending and read the answer, instead of racing the server's close (a broken pipe).
        var overLimit = "{\"previousToken\":\"" + new string('a', 64 * 1024) + "\"}";

        foreach (var path in new[] { $"api/visitor/token?tenant={tenant}", "api/auth/sign-in" })
        {
            // Expect: 100-continue, as large uploads do: the refusal comes before the megabyte is sent, so nothing races it.
            var sizedRequest = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(big, Encoding.UTF8, "application/json") };
            sizedRequest.Headers.ExpectContinue = true;
            using var sized = await http.SendAsync(sizedRequest);
            (await Outcome.OfAsync(sized)).Should().Be("413 body_too_large", path);

            // Chunked: no Content-Length to refuse up front; the limit stops the read.
            var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(overLimit)));
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
