using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Contracts.Audit;
using ChatSupport.Contracts.Webhooks;

namespace ChatSupport.Api.Tests.Webhooks;

/// <summary>
/// On a host without an allow-list (the default), webhooks go to public addresses only: a private, loopback or
/// link-local target is refused with 400 naming the url, a malformed URL or unknown event likewise, and nothing is stored.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookTargetTests(ApiHostFixture f)
{
    [Theory]
    [InlineData("https://127.0.0.1/hooks", "target_not_allowed")]
    [InlineData("https://[::1]:8443/hooks", "target_not_allowed")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks", "target_not_allowed")]
    [InlineData("https://10.1.2.3/hooks", "target_not_allowed")]
    [InlineData("https://192.168.0.10/hooks", "target_not_allowed")]
    [InlineData("https://169.254.169.254/latest/meta-data", "target_not_allowed")]
    [InlineData("http://127.0.0.1:8080/hooks", "invalid_input")]
    [InlineData("ftp://example.com/hooks", "invalid_input")]
    [InlineData("https://user:pw@example.com/hooks", "invalid_input")]
    [InlineData("not a url", "invalid_input")]
    public async Task A_target_that_is_not_public_or_not_a_url_is_refused_naming_the_url_and_nothing_is_stored(string url, string code)
    {
        var tenant = await f.Host.NewTenantAsync();
        await f.Host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var admin = await f.Host.SignInAsync(tenant, "alex");

        var response = await admin.SendAsync(HttpMethod.Post, "api/webhooks", new { url, events = new[] { WebhookEventNames.ChatStarted } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        error.GetProperty("error").GetString().Should().Be(code);
        error.GetProperty("message").GetString().Should().StartWith("url");
        (await (await admin.GetAsync("api/webhooks")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endpoints").GetArrayLength().Should().Be(0);
        (await f.Host.Grains.GetGrain<IAuditLogGrain>(tenant).List("webhooks", null)).Entries.Should().BeEmpty("nothing changed");
    }

    [Fact]
    public async Task An_unknown_event_or_a_body_that_is_not_json_is_refused_naming_the_field()
    {
        var tenant = await f.Host.NewTenantAsync();
        await f.Host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var admin = await f.Host.SignInAsync(tenant, "alex");

        var unknown = await admin.SendAsync(HttpMethod.Post, "api/webhooks", new { url = "https://example.com/hooks", events = new[] { "chat.exploded" } });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().Should().StartWith("events");

        var wrongType = await admin.SendAsync(HttpMethod.Post, "api/webhooks", new { url = 42, events = new[] { WebhookEventNames.ChatStarted } });
        wrongType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrongType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().Should().Contain("$.url");
        (await (await admin.GetAsync("api/webhooks")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endpoints").GetArrayLength().Should().Be(0);
    }
}
