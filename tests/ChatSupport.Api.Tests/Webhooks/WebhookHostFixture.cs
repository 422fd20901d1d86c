using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChatSupport.Api.Tests.Webhooks;

/// <summary>A host whose webhooks may reach 127.0.0.1 (as under ./chat run), retrying after 1 s instead of minutes.</summary>
public sealed class WebhookHostFixture : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync(
    [
        "ChatSupport:Webhooks:AllowedTargets:0=127.0.0.1",
        "ChatSupport:Webhooks:RetryDelays:0=00:00:01",
        "ChatSupport:Webhooks:RetryDelays:1=00:00:01",
        "ChatSupport:Webhooks:RetryDelays:2=00:00:01",
        "ChatSupport:Webhooks:SweepPeriod=00:00:05",
    ]);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The Webhooks page's calls, as the dashboard makes them.</summary>
public static class WebhookRoutes
{
    public sealed record Registered(string Id, string Secret);

    public static async Task<Registered> RegisterAsync(OperatorBrowser admin, string url, params string[] events)
    {
        var response = await admin.SendAsync(HttpMethod.Post, "api/webhooks", new { url, events });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new(body.GetProperty("endpoint").GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    public static async Task<JsonElement> DeliveriesAsync(OperatorBrowser admin, string endpointId)
    {
        var response = await admin.GetAsync($"api/webhooks/{endpointId}/deliveries");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveries");
    }
}
