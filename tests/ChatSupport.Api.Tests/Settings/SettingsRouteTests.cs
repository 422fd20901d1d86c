using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSupport.Contracts.Audit;

namespace ChatSupport.Api.Tests.Settings;

/// <summary>
/// The Settings page's routes: GET /api/settings and PUT /api/settings (the whole document, with the version it
/// started from). A save is stored as the next version and audited section by section; bad input names its field
/// and stores nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SettingsRouteTests(ApiHostFixture f)
{
    private async Task<(string Tenant, OperatorBrowser Browser)> AdminAsync()
    {
        var tenant = await f.Host.NewTenantAsync();
        await f.Host.EnsureOperatorAsync(tenant, "alex", "Alex");
        return (tenant, await f.Host.SignInAsync(tenant, "alex"));
    }

    internal static async Task<JsonObject> GetAsync(OperatorBrowser browser)
    {
        var response = await browser.GetAsync("api/settings");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    internal static async Task<JsonObject> SaveAsync(OperatorBrowser browser, JsonObject settings)
    {
        var response = await browser.SendAsync(HttpMethod.Put, "api/settings", settings);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public async Task A_save_becomes_the_next_version_and_each_changed_section_is_audited_with_before_and_after()
    {
        var (tenant, browser) = await AdminAsync();
        using var _ = browser;
        var settings = await GetAsync(browser);
        settings["version"]!.GetValue<long>().Should().Be(0, "a workspace nobody configured has the defaults");

        settings["widget"]!["primaryColor"] = "#0F766E";
        settings["widget"]!["position"] = "bottom_left";
        settings["widget"]!["texts"]!["en"]!["title"] = "  Talk to Acme  ";
        settings["general"]!["timeZone"] = "Europe/Berlin";
        var saved = await SaveAsync(browser, settings);

        saved["version"]!.GetValue<long>().Should().Be(1);
        saved["updatedBy"]!.GetValue<string>().Should().Be("alex");
        var read = await GetAsync(browser);
        read["version"]!.GetValue<long>().Should().Be(1);
        read["widget"]!["primaryColor"]!.GetValue<string>().Should().Be("#0f766e", "colours are stored lower case");
        read["widget"]!["position"]!.GetValue<string>().Should().Be("bottom_left");
        read["widget"]!["texts"]!["en"]!["title"]!.GetValue<string>().Should().Be("Talk to Acme", "texts are trimmed");
        read["general"]!["timeZone"]!.GetValue<string>().Should().Be("Europe/Berlin");

        var audit = (await f.Host.Grains.GetGrain<IAuditLogGrain>(tenant).List("settings", null)).Entries;
        audit.Select(e => e.Target).Should().BeEquivalentTo(["general", "widget"], "only the sections that changed are recorded");
        var widget = audit.Single(e => e.Target == "widget");
        widget.Actor.Should().Be("alex");
        widget.Before.Should().Contain("#1d4ed8").And.Contain("bottom_right");
        widget.After.Should().Contain("#0f766e").And.Contain("bottom_left").And.Contain("Talk to Acme");

        // Saving the same document again changes nothing: no new version, no audit entry.
        var again = await SaveAsync(browser, read);
        again["version"]!.GetValue<long>().Should().Be(1);
        (await f.Host.Grains.GetGrain<IAuditLogGrain>(tenant).List("settings", null)).Entries.Should().HaveCount(2);
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        // path to change, JSON value, the field the refusal must name
        { "general.timeZone", "\"Mars/Olympus_Mons\"", "general.timeZone" },
        { "general.language", "\"tlh\"", "general.language" },
        { "workingHours.weekly", """[{"day":"monday","start":"09:00","end":"13:00"},{"day":"monday","start":"12:00","end":"17:00"}]""", "workingHours.weekly[1]" },
        { "workingHours.weekly", """[{"day":"monday","start":"17:00","end":"09:00"}]""", "workingHours.weekly[0].end" },
        { "workingHours.weekly", """[{"day":"funday","start":"09:00","end":"17:00"}]""", "workingHours.weekly[0].day" },
        { "workingHours.weekly", """[{"day":"monday","start":"9am","end":"17:00"}]""", "workingHours.weekly[0].start" },
        { "workingHours.holidays", """[{"date":"1999-12-31","name":"Millennium eve"}]""", "workingHours.holidays[0].date" },
        { "workingHours.holidays", """[{"date":"2101-01-01","name":"Too far"}]""", "workingHours.holidays[0].date" },
        { "workingHours.overrides", """[{"date":"2026-12-24","hours":[{"start":"12:00","end":"10:00"}]}]""", "workingHours.overrides[0].hours[0].end" },
        { "widget.primaryColor", "\"red\"", "widget.primaryColor" },
        { "widget.primaryColor", "\"#1d4ed8;background:url(x)\"", "widget.primaryColor" },
        // Light blue behind white text: 2.54:1, under WCAG AA's 4.5:1.
        { "widget.primaryColor", "\"#60a5fa\"", "widget.primaryColor" },
        { "widget.position", "\"top_left\"", "widget.position" },
        { "widget.offsetX", "-5", "widget.offsetX" },
        { "widget.texts.en.title", $"\"{new string('x', 61)}\"", "widget.texts.en.title" },
        { "widget.texts.en.welcome", $"\"{new string('x', 501)}\"", "widget.texts.en.welcome" },
        { "widget.texts.xx", """{"launcherLabel":"Chat","title":"Chat","subtitle":"","welcome":""}""", "widget.texts.xx" },
        { "automatedResponses.greeting.text", $"\"{new string('x', 1001)}\"", "automatedResponses.greeting.text" },
        { "automatedResponses.stillLooking.delaySeconds", "99999", "automatedResponses.stillLooking.delaySeconds" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_stored(string path, string value, string field)
    {
        var (tenant, browser) = await AdminAsync();
        using var _ = browser;
        var settings = await GetAsync(browser);
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate((JsonNode)settings, (node, key) => node[key]!);
        parent[parts[^1]] = JsonNode.Parse(value);

        var response = await browser.SendAsync(HttpMethod.Put, "api/settings", settings);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("error").GetString().Should().Be("invalid_input");
        body.GetProperty("message").GetString().Should().StartWith(field + " ", "the refusal names the field");

        (await GetAsync(browser))["version"]!.GetValue<long>().Should().Be(0, "nothing was stored");
        (await f.Host.Grains.GetGrain<IAuditLogGrain>(tenant).List("settings", null)).Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task A_save_from_a_stale_version_is_refused_with_version_conflict_and_keeps_the_other_admins_change()
    {
        var (_, browser) = await AdminAsync();
        using var __ = browser;
        var first = await GetAsync(browser);
        var second = first.DeepClone().AsObject();
        first["widget"]!["texts"]!["en"]!["title"] = "First admin";
        await SaveAsync(browser, first);

        second["widget"]!["texts"]!["en"]!["title"] = "Second admin";
        var response = await browser.SendAsync(HttpMethod.Put, "api/settings", second);
        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("version_conflict");
        (await GetAsync(browser))["widget"]!["texts"]!["en"]!["title"]!.GetValue<string>().Should().Be("First admin");
    }

    [Fact]
    public async Task A_save_without_the_anti_forgery_header_or_with_a_body_that_is_not_settings_stores_nothing()
    {
        var (_, browser) = await AdminAsync();
        using var _ = browser;
        using (var bare = new HttpClient(new HttpClientHandler { CookieContainer = browser.Cookies }) { BaseAddress = f.Host.BaseAddress })
        {
            var refused = await bare.PutAsJsonAsync("api/settings", await GetAsync(browser));
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("antiforgery_required");
        }
        var wrongType = await browser.SendAsync(HttpMethod.Put, "api/settings", new { widget = new { offsetX = "far" } });
        wrongType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrongType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_input");
        (await GetAsync(browser))["version"]!.GetValue<long>().Should().Be(0);
    }
}
