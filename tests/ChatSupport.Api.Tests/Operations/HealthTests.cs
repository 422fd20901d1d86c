using System.Net;
using System.Text.Json;
using ChatSupport.Testing;

namespace ChatSupport.Api.Tests.Operations;

/// <summary>
/// /healthz/live and /healthz/ready as a load balancer or a container runtime reads them: a storage outage makes the
/// node not ready (so no traffic is sent to it) without making it look dead (so it is not restarted for nothing).
/// </summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Ready_turns_503_while_storage_is_down_and_200_after_while_live_stays_200()
    {
        await using var host = await ApiHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var ready = await Eventually.GetAsync(() => http.GetAsync("healthz/ready"), r => r.StatusCode == HttpStatusCode.OK, what: "ready once started");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString().Should().Be("healthy");
        body.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString().Should().Be("healthy");
        body.GetProperty("checks").TryGetProperty("locations", out _).Should().BeTrue("the location database is reported, loaded or absent");

        await host.StopStorageAsync();
        var down = await Eventually.GetAsync(() => http.GetAsync("healthz/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(30), "not ready while storage is down");
        JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement
            .GetProperty("checks").GetProperty("storage").GetProperty("status").GetString().Should().Be("unhealthy");
        (await http.GetAsync("healthz/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the process still serves: restarting it would not help");

        await host.RestartStorageAsync();
        await Eventually.GetAsync(() => http.GetAsync("healthz/ready"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "ready again after storage is back");
    }
}
