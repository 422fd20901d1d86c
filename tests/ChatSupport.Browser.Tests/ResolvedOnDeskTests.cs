using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Api;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// The queue's "Resolved" filter keeps what the page cannot have seen live: a chat resolved while the dashboard's link
/// was down, and, after a page reload, the chats resolved today (read from the archive).
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class ResolvedOnDeskTests(WidgetHost host)
{
    [Fact]
    public async Task A_chat_resolved_while_the_dashboard_was_disconnected_shows_under_Resolved_after_reconnect()
    {
        var link = new FlakyLink("/hubs/agent");
        var (context, page) = await host.DashboardAsync(WidgetHost.AgentUser, setup: link.AttachAsync);
        await using var alex = await host.AgentAsync();
        await using var visitor = await VisitorAsync();
        try
        {
            var sessionId = await StartChatAsync(visitor, $"Dana {Tag()}");
            await alex.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
            await Expect(Badge(page, sessionId)).ToHaveAttributeAsync("data-status", "assigned_to_agent");

            // The dashboard's network drops; meanwhile the chat is resolved, so its DeskChanged never reaches the page.
            await link.DropAsync();
            await Expect(page.Locator(".link-state")).Not.ToHaveTextAsync("Connected");
            await alex.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
            link.Restore();
            await Expect(page.Locator(".link-state")).ToHaveTextAsync("Connected");

            // The reloaded snapshot no longer lists it: it left the open list and shows as resolved.
            await Expect(Row(page, sessionId)).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Radio, new() { Name = "Resolved" }).CheckAsync();
            await Expect(Badge(page, sessionId)).ToHaveAttributeAsync("data-status", "resolved");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task After_a_page_reload_the_Resolved_filter_lists_the_chats_resolved_today()
    {
        var (context, page) = await host.DashboardAsync(WidgetHost.AgentUser);
        await using var alex = await host.AgentAsync();
        await using var visitor = await VisitorAsync();
        try
        {
            var name = $"Robin {Tag()}";
            var sessionId = await StartChatAsync(visitor, name);
            await alex.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
            await alex.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
            // The archive takes the resolve after it is stored: wait until it lists the chat.
            await Eventually.GetAsync(() => page.EvaluateAsync<bool>(
                    $"() => fetch('/api/archive/chats?pageSize=100').then(r => r.json()).then(p => p.chats.some(c => c.sessionId === '{sessionId}'))"),
                archived => archived, what: "the chat in the archive");

            await page.ReloadAsync();
            await Expect(page.Locator(".link-state")).ToHaveTextAsync("Connected");
            await page.GetByRole(AriaRole.Radio, new() { Name = "Resolved" }).CheckAsync();
            await Expect(Badge(page, sessionId)).ToHaveAttributeAsync("data-status", "resolved");
            await Expect(Row(page, sessionId).Locator("td.visitor")).ToHaveTextAsync(name);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    private static ILocator Row(IPage page, string sessionId) => page.Locator($"table.queue tr[data-session-id='{sessionId}']");

    private static ILocator Badge(IPage page, string sessionId) => Row(page, sessionId).Locator(".status");

    /// <summary>A visitor on the real visitor hub (a real token), as the widget would be.</summary>
    private async Task<HubConnection> VisitorAsync()
    {
        using var http = new HttpClient { BaseAddress = host.ApiBase };
        var token = (await (await http.PostAsJsonAsync($"api/visitor/token?tenant={WidgetHost.Tenant}", new { previousToken = (string?)null }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var visitor = new HubConnectionBuilder()
            .WithUrl(new Uri(host.ApiBase, "hubs/visitor"), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions))
            .Build();
        await visitor.StartAsync();
        return visitor;
    }

    private static async Task<string> StartChatAsync(HubConnection visitor, string name) =>
        (await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = name })).Session.SessionId;
}
