using System.Text.Json;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// What reaches a visitor on the wire, property by property: their own view of the session and of the messages, with
/// the agent's display name only. No transfer note and no operator username, anywhere in the raw JSON.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class VisitorViewTests(ApiHostFixture f)
{
    private const string Note = "INTERNAL-NOTE visitor threatened a chargeback";
    private const string AlexUsername = "op-alex-x7q";
    private const string SamUsername = "op-sam-x7q";

    private static readonly string[] SessionFields =
        ["sessionId", "status", "assignedAgent", "createdAt", "assignedAt", "firstAgentReplyAt", "resolvedAt", "resolvedBy", "rating", "lastSeq", "receipts"];
    // "attachment": the file a message of this chat carries (name, type, size; null for text), which the visitor may open.
    private static readonly string[] MessageFields = ["seq", "clientMessageId", "sender", "senderName", "text", "sentAt", "attachment"];

    [Fact]
    public async Task A_visitor_receives_only_its_own_view_after_an_assignment_a_transfer_with_a_note_and_replies()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, AlexUsername, "Alex");
        await using var sam = await ChatParticipant.AgentAsync(f.Host, tenant, SamUsername, "Sam");
        var token = await f.Host.VisitorTokenAsync(tenant);
        await using var visitor = await f.Host.ConnectVisitorAsync(token.Token);
        var raw = new List<(string Event, JsonElement Payload)>();
        foreach (var name in new[] { "SessionChanged", "MessagePosted", "QueuePositionChanged", "TypingChanged", "ReceiptsChanged" })
            visitor.On<JsonElement>(name, e => { lock (raw) raw.Add((name, e.Clone())); });

        var started = await visitor.InvokeAsync<JsonElement>("StartChat", new VisitorMetadata { Name = "Robin" });
        Names(started).Should().BeEquivalentTo("session", "queuePosition", "aheadAtLeast");
        var sessionId = started.GetProperty("session").GetProperty("sessionId").GetString()!;
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await alex.SendAsync(sessionId, "a1", "Hi, I am Alex");
        await sam.Connection.InvokeAsync<JsonElement>("OpenChat", sessionId, 0L);
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Transfer", sessionId, SamUsername, Note);
        await sam.SendAsync(sessionId, "s1", "Hi, Sam here");
        await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, "v1", "Thanks");

        await Testing.Eventually.GetAsync(() => Task.FromResult(Snapshot(raw)),
            events => events.Count(e => e.Event == "MessagePosted") >= 3 && events.Any(e => e.Event == "SessionChanged"
                && e.Payload.GetProperty("session").GetProperty("assignedAgent") is { ValueKind: JsonValueKind.Object } a
                && a.GetProperty("displayName").GetString() == "Sam"),
            what: "the transfer and the three messages at the visitor");
        var resumed = await visitor.InvokeAsync<JsonElement>("Resume", sessionId, 0L);
        var session = await visitor.InvokeAsync<JsonElement>("GetSession", sessionId);
        var history = await visitor.InvokeAsync<JsonElement>("GetHistory", sessionId, 0L, 50);
        var closed = await visitor.InvokeAsync<JsonElement>("CloseChat", sessionId);
        var rated = await visitor.InvokeAsync<JsonElement>("RateChat", sessionId, 5, "great", false);

        foreach (var view in new[] { started.GetProperty("session"), resumed.GetProperty("session"), session, closed, rated })
        {
            Names(view).Should().BeEquivalentTo(SessionFields);
            if (view.GetProperty("assignedAgent").ValueKind == JsonValueKind.Object)
                Names(view.GetProperty("assignedAgent")).Should().BeEquivalentTo("displayName");
        }
        session.GetProperty("assignedAgent").GetProperty("displayName").GetString().Should().Be("Sam");
        rated.GetProperty("rating").GetProperty("stars").GetInt32().Should().Be(5);
        Names(resumed).Should().BeEquivalentTo("session", "messages", "queuePosition", "aheadAtLeast");
        Names(history).Should().BeEquivalentTo("messages", "hasMore", "lastSeq");
        var messages = history.GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => (m.GetProperty("sender").GetString(), m.GetProperty("senderName").GetString(), m.GetProperty("text").GetString()))
            .Should().Equal(("agent", "Alex", "Hi, I am Alex"), ("agent", "Sam", "Hi, Sam here"), ("visitor", "Robin", "Thanks"));
        messages[2].GetProperty("clientMessageId").GetString().Should().Be("v1", "the visitor's own sends are matched by their client id");
        foreach (var m in messages.Concat(resumed.GetProperty("messages").GetProperty("messages").EnumerateArray()))
            Names(m).Should().BeEquivalentTo(MessageFields);

        var events = Snapshot(raw);
        foreach (var (name, payload) in events.Where(e => e.Event is "SessionChanged" or "MessagePosted"))
        {
            Names(payload).Should().BeEquivalentTo("tenantId", "sessionId", "lastSeq", name == "SessionChanged" ? "session" : "message");
            if (name == "SessionChanged") Names(payload.GetProperty("session")).Should().BeEquivalentTo(SessionFields);
            else Names(payload.GetProperty("message")).Should().BeEquivalentTo(MessageFields);
        }

        var everything = new[] { started, resumed, session, history, closed, rated }.Concat(events.Select(e => e.Payload)).Select(e => e.GetRawText()).ToList();
        foreach (var json in everything)
        {
            json.Should().NotContain("INTERNAL-NOTE").And.NotContain("transferNote");
            json.Should().NotContain(AlexUsername).And.NotContain(SamUsername).And.NotContain("agentId").And.NotContain("senderId");
        }
    }

    private static List<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToList();

    private static IReadOnlyList<(string Event, JsonElement Payload)> Snapshot(List<(string, JsonElement)> raw)
    {
        lock (raw) return [.. raw];
    }
}
