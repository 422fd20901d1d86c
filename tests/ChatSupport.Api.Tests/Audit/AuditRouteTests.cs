using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Contracts.Audit;

namespace ChatSupport.Api.Tests.Audit;

/// <summary>GET /api/audit: an admin reads who changed what in their own workspace, newest first, page by page.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditRouteTests(ApiHostFixture f)
{
    [Fact]
    public async Task An_admin_reads_their_workspace_changes_newest_first_by_area_and_page_and_never_another_workspace()
    {
        var tenant = await f.Host.NewTenantAsync();
        var other = await f.Host.NewTenantAsync();
        await f.Host.EnsureOperatorAsync(tenant, "alex", "Alex");
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var log = f.Host.Grains.GetGrain<IAuditLogGrain>(tenant);
        for (var i = 0; i < AuditLimits.PageSize + 5; i++)
            await log.Record(new AuditEntry(start.AddSeconds(i), "alex", i % 2 == 0 ? "team" : "settings", "changed", $"item-{i}", $"before-{i}", $"after-{i}"));
        await f.Host.Grains.GetGrain<IAuditLogGrain>(other).Record(new AuditEntry(start, "eve", "team", "changed", "secret-of-other", null, null));
        using var browser = await f.Host.SignInAsync(tenant, "alex");

        var first = await PageAsync(browser, "api/audit");
        var targets = Targets(first);
        targets.Should().HaveCount(AuditLimits.PageSize);
        targets[0].Should().Be($"item-{AuditLimits.PageSize + 4}", "the newest change comes first");
        var cursor = first.GetProperty("cursor").GetString();
        cursor.Should().NotBeNull("there is an older page");
        var second = await PageAsync(browser, $"api/audit?cursor={Uri.EscapeDataString(cursor!)}");
        Targets(second).Should().Equal(Enumerable.Range(0, 5).Reverse().Select(i => $"item-{i}"), "the older page continues where the first ended");
        second.GetProperty("cursor").ValueKind.Should().Be(JsonValueKind.Null, "nothing is older");
        targets.Concat(Targets(second)).Should().NotContain("secret-of-other");

        var team = Targets(await PageAsync(browser, "api/audit?area=team"));
        team.Should().OnlyContain(t => int.Parse(t.Substring("item-".Length)) % 2 == 0, "only the team area was asked for");

        var bad = await browser.GetAsync("api/audit?cursor=%3Cscript%3E");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_input");
    }

    private static async Task<JsonElement> PageAsync(OperatorBrowser browser, string url)
    {
        var response = await browser.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Targets(JsonElement page) =>
        page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("target").GetString()!).ToList();
}
