using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests;

/// <summary>The API keys page: an admin creates a key (shown once), a server uses it, the admin revokes it and it stops working.</summary>
[Collection(WidgetCollection.Name)]
public sealed class ApiKeysPageTests(WidgetHost host)
{
    [Fact]
    public async Task An_admin_creates_a_key_shown_once_sees_it_used_and_revokes_it()
    {
        var (context, page) = await host.DashboardAsync(WidgetHost.AgentUser, bypassCsp: true);
        await using var _ = context;
        await page.GetByRole(AriaRole.Button, new() { Name = "API keys", Exact = true }).ClickAsync();
        var name = $"CRM {Guid.NewGuid():N}"[..12];
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var secret = (await page.Locator(".api-key-secret").TextContentAsync())!;
        secret.Should().StartWith("csk.");
        var row = page.Locator("tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("never");
        (await row.TextContentAsync()).Should().NotContain(secret[^20..], "the list never shows the secret");
        (await Axe.SeriousViolationsAsync(page)).Should().BeEmpty();

        using var http = new HttpClient { BaseAddress = host.ApiBase };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await http.GetAsync("api/v1/chats")).IsSuccessStatusCode.Should().BeTrue();

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("revoked");
        ((int)(await http.GetAsync("api/v1/chats")).StatusCode).Should().Be(401);
    }
}
