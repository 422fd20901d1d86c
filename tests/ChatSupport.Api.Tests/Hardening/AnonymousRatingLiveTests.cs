using System.Text.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// An anonymous rating is never shown with the visitor's identity where an agent can look on the live side:
/// GetSession, OpenChat, GetHistory, the agents' SessionChanged, and the visitor's previous chats.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AnonymousRatingLiveTests(ApiHostFixture f)
{
    private const string Name = "Robin Whistleblower";
    private const string Email = "robin.whistle@example.org";

    [Fact]
    public async Task An_anonymously_rated_chat_shows_agents_no_visitor_identity_and_is_not_listed_under_the_visitor()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        var token = await f.Host.VisitorTokenAsync(tenant);
        await using var visitor = await f.Host.ConnectVisitorAsync(token.Token);
        // A second connection of the same agent, reading the raw JSON (one connection binds an event to one type).
        using var browser = await f.Host.SignInAsync(tenant, "alex");
        await using var dashboard = await f.Host.ConnectAgentAsync(browser);
        var changes = new List<JsonElement>();
        dashboard.On<JsonElement>("SessionChanged", e => { lock (changes) changes.Add(e.Clone()); });

        var who = new VisitorMetadata { Name = Name, Email = Email, PageUrl = "https://shop.example/account/robin", UserAgent = "Firefox/140" };
        var sessionId = (await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", who)).Session.SessionId;
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await dashboard.InvokeAsync<JsonElement>("OpenChat", sessionId, 0L);
        await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, "v1", "the product broke");
        await alex.SendAsync(sessionId, "a1", "sorry to hear");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        await visitor.InvokeAsync<JsonElement>("RateChat", sessionId, 1, "rude", true);

        var afterRating = await Testing.Eventually.GetAsync(() => Task.FromResult(Snapshot(changes)),
            c => c.Any(e => e.GetProperty("session").GetProperty("rating").ValueKind == JsonValueKind.Object), what: "the rating on the agent's dashboard");
        var ratedPush = afterRating.First(e => e.GetProperty("session").GetProperty("rating").ValueKind == JsonValueKind.Object);
        var snapshot = await alex.Connection.InvokeAsync<JsonElement>("GetSession", sessionId);
        var opened = await alex.Connection.InvokeAsync<JsonElement>("OpenChat", sessionId, 0L);
        var history = await alex.Connection.InvokeAsync<JsonElement>("GetHistory", sessionId, 0L, 50);

        foreach (var view in new[] { ratedPush.GetProperty("session"), snapshot, opened.GetProperty("session") })
        {
            view.GetProperty("rating").GetProperty("anonymous").GetBoolean().Should().BeTrue();
            view.GetProperty("rating").GetProperty("stars").GetInt32().Should().Be(1, "the rating itself stays");
            view.GetProperty("visitorId").GetString().Should().BeEmpty();
            var visitorFields = view.GetProperty("visitor");
            foreach (var field in new[] { "name", "email", "pageUrl", "userAgent" })
                visitorFields.GetProperty(field).ValueKind.Should().Be(JsonValueKind.Null, $"visitor.{field} identifies the visitor");
        }
        foreach (var page in new[] { history, opened.GetProperty("messages") })
        {
            var visitorMessage = page.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("sender").GetString() == "visitor");
            visitorMessage.GetProperty("senderId").GetString().Should().BeEmpty();
            visitorMessage.GetProperty("senderName").ValueKind.Should().Be(JsonValueKind.Null);
            visitorMessage.GetProperty("text").GetString().Should().Be("the product broke", "the messages' text stays");
        }
        foreach (var json in new[] { ratedPush, snapshot, opened, history }.Select(e => e.GetRawText()))
            json.Should().NotContain(token.VisitorId).And.NotContain(Name).And.NotContain(Email).And.NotContain("account/robin");

        // The visitor's next chat is theirs as usual; the anonymously rated one is not listed under them.
        var next = (await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", who)).Session.SessionId;
        var previous = await alex.Connection.InvokeAsync<JsonElement>("GetVisitorChats", token.VisitorId);
        previous.EnumerateArray().Select(c => c.GetProperty("sessionId").GetString()).Should().Equal(next);
        previous.GetRawText().Should().NotContain(sessionId).And.NotContain("\"anonymous\":true");
    }

    private static IReadOnlyList<JsonElement> Snapshot(List<JsonElement> events)
    {
        lock (events) return [.. events];
    }
}
