using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Webhooks;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Webhooks;

/// <summary>
/// A customer's receiver gets a scripted chat's events: every signature verifies, every event once, in the chat's
/// order; a receiver answering 500 gets the event again; a revoked endpoint gets nothing.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookHostFixture f) : IClassFixture<WebhookHostFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_receiver_sees_every_event_of_a_chat_once_in_order_with_valid_signatures()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await WebhookRoutes.RegisterAsync(alex.Browser!, receiver.Url, [.. WebhookEventNames.All]);
        receiver.Secrets.Add(hook.Secret);

        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Vera" })).Session.SessionId;
        await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "v1", "Where is my order?");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await alex.SendAsync(sessionId, "a1", "Let me check.");
        await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "v2", "Thanks");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        await visitor.Connection.InvokeAsync<VisitorSessionView>("RateChat", sessionId, 5, "Great", false);

        var history = (await alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 100)).Messages;
        var expectedCount = history.Count + 4; // started, assigned, resolved, rated
        var accepted = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted), a => a.Count >= expectedCount, Wait, "every event of the chat");

        receiver.Received.Should().OnlyContain(r => r.SignatureValid, "every delivery is signed with the endpoint's secret");
        receiver.Received.Select(r => r.EventId).Should().OnlyHaveUniqueItems("nothing failed, so each event came once");
        accepted.Should().OnlyContain(r => r.SessionId == sessionId);
        accepted.Where(r => r.Type == WebhookEventNames.MessageCreated).Select(r => r.Body.GetProperty("data").GetProperty("message").GetProperty("seq").GetInt64())
            .Should().Equal(history.Select(m => m.Seq), "every stored message, in order");
        accepted.Where(r => r.Type != WebhookEventNames.MessageCreated).Select(r => r.Type).Should().Equal(
            WebhookEventNames.ChatStarted, WebhookEventNames.ChatAssigned, WebhookEventNames.ChatResolved, WebhookEventNames.ChatRated);
        var order = accepted.Select(Label).ToList();
        order.IndexOf("chat.assigned").Should().BeGreaterThan(order.IndexOf(MessageLabel(history, "v1")), "the visitor wrote before the chat was assigned");
        order.IndexOf("chat.assigned").Should().BeLessThan(order.IndexOf(MessageLabel(history, "a1")), "the agent answered after taking the chat");
        order.IndexOf("chat.resolved").Should().BeGreaterThan(order.IndexOf(MessageLabel(history, "v2")));
        order[^1].Should().Be("chat.rated");
        var rated = accepted[^1].Body;
        rated.GetProperty("data").GetProperty("stars").GetInt32().Should().Be(5);
        rated.GetProperty("chat").GetProperty("visitor").GetProperty("name").GetString().Should().Be("Vera");

        var log = await WebhookRoutes.DeliveriesAsync(alex.Browser!, hook.Id);
        log.EnumerateArray().Should().HaveCount(expectedCount).And.OnlyContain(d => d.GetProperty("status").GetString() == WebhookDeliveryStatus.Succeeded);
    }

    [Fact]
    public async Task A_receiver_that_answers_500_twice_gets_the_same_delivery_a_third_time()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await WebhookRoutes.RegisterAsync(alex.Browser!, receiver.Url, WebhookEventNames.ChatStarted);
        receiver.Secrets.Add(hook.Secret);
        receiver.FailNext = 2;

        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());

        var received = await Eventually.GetAsync(() => Task.FromResult(receiver.Received), r => r.Count >= 3, Wait, "the third attempt");
        received.Select(r => r.Answered).Should().Equal(500, 500, 200);
        received.Select(r => r.EventId).Distinct().Should().ContainSingle("it is one event, retried");
        received.Select(r => r.DeliveryId).Distinct().Should().ContainSingle("a retry keeps its delivery id");
        received.Should().OnlyContain(r => r.SignatureValid);
        var delivery = await Eventually.GetAsync(async () => (await WebhookRoutes.DeliveriesAsync(alex.Browser!, hook.Id)).EnumerateArray().Single(),
            d => d.GetProperty("status").GetString() == WebhookDeliveryStatus.Succeeded, Wait, "the log to show the success");
        delivery.GetProperty("attempts").GetInt32().Should().Be(3);

        // "Redeliver" sends the same event again under a new delivery id.
        var redelivered = await alex.Browser!.SendAsync(HttpMethod.Post, $"api/webhooks/{hook.Id}/deliveries/{delivery.GetProperty("deliveryId").GetString()}/redeliver", null);
        redelivered.StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await Eventually.GetAsync(() => Task.FromResult(receiver.Received), r => r.Count >= 4, Wait, "the redelivery");
        again[3].EventId.Should().Be(received[0].EventId);
        again[3].DeliveryId.Should().NotBe(received[0].DeliveryId);
    }

    [Fact]
    public async Task A_revoked_endpoint_receives_nothing_while_a_live_one_does()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await using var live = await WebhookReceiver.StartAsync();
        await using var revoked = await WebhookReceiver.StartAsync();
        var liveHook = await WebhookRoutes.RegisterAsync(alex.Browser!, live.Url, WebhookEventNames.ChatStarted, WebhookEventNames.MessageCreated);
        live.Secrets.Add(liveHook.Secret);
        var gone = await WebhookRoutes.RegisterAsync(alex.Browser!, revoked.Url, WebhookEventNames.ChatStarted, WebhookEventNames.MessageCreated);
        (await alex.Browser!.SendAsync(HttpMethod.Delete, $"api/webhooks/{gone.Id}", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "v1", "Hello?");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);

        await Eventually.GetAsync(() => Task.FromResult(live.Accepted), a => a.Any(r => r.Type == WebhookEventNames.MessageCreated), Wait, "the live endpoint's deliveries");
        revoked.Received.Should().BeEmpty("a revoked endpoint is sent nothing");
        var list = await (await alex.Browser!.GetAsync("api/webhooks")).Content.ReadFromJsonAsync<JsonElement>();
        list.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("id").GetString()).Should().Equal(liveHook.Id);
        (await alex.Browser!.GetAsync($"api/webhooks/{gone.Id}/deliveries")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rotated_secret_signs_beside_the_old_one_during_the_overlap_and_no_secret_reaches_the_audit_log()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await WebhookRoutes.RegisterAsync(alex.Browser!, receiver.Url, WebhookEventNames.ChatStarted);
        receiver.Secrets.Add(hook.Secret); // the receiver still knows only the old secret

        var rotated = await alex.Browser!.SendAsync(HttpMethod.Post, $"api/webhooks/{hook.Id}/rotate-secret", new { overlapHours = 1 });
        rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        newSecret.Should().NotBe(hook.Secret);

        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        var first = (await Eventually.GetAsync(() => Task.FromResult(receiver.Received), r => r.Count >= 1, Wait, "a delivery"))[0];
        first.Signatures.Should().Be(2, "both secrets sign during the overlap");
        first.SignatureValid.Should().BeTrue("the old secret still verifies");

        var entries = (await f.Host.Grains.GetGrain<ChatSupport.Contracts.Audit.IAuditLogGrain>(tenant).List("webhooks", null)).Entries;
        entries.Select(e => e.Action).Should().BeEquivalentTo(["create", "rotate_secret"]);
        entries.Should().OnlyContain(e => !(e.Before + e.After).Contains(hook.Secret) && !(e.Before + e.After).Contains(newSecret));
        var listed = await (await alex.Browser!.GetAsync("api/webhooks")).Content.ReadAsStringAsync();
        listed.Should().NotContain(newSecret).And.NotContain(hook.Secret, "a secret is shown once");
    }

    private static string Label(ReceivedWebhook r) => r.Type == WebhookEventNames.MessageCreated
        ? "m" + r.Body.GetProperty("data").GetProperty("message").GetProperty("seq").GetInt64()
        : r.Type;

    private static string MessageLabel(IReadOnlyList<ChatMessage> history, string clientMessageId) =>
        "m" + history.Single(m => m.ClientMessageId == clientMessageId).Seq;
}
