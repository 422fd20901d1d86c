using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Inbox;
using ChatSupport.Contracts.Labels;
using ChatSupport.Contracts.Notes;
using ChatSupport.Contracts.Reviews;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Notes;

/// <summary>Notes in the archive, mentions, labels, reopening and the low-rating review, through the real hubs and routes.</summary>
[Collection(ApiCollection.Name)]
public sealed class FollowUpTests(ApiHostFixture f)
{
    [Fact]
    public async Task Notes_are_archived_exported_for_admins_marked_internal_and_found_by_the_note_search()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        using var browser = await f.Host.SignInAsync(tenant, "alex");
        var (sessionId, _) = await StartChatAsync(tenant);
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await alex.SendAsync(sessionId, "a1", "Hello");
        await alex.Connection.InvokeAsync<ChatNote>("AddNote", sessionId, "n1", "Refund 42 approved by finance");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);

        var found = await Eventually.GetAsync(() => browser.GetAsync("api/archive/chats?note=REFUND%2042").ContinueWith(t => t.Result.Content.ReadFromJsonAsync<JsonElement>()).Unwrap(),
            page => page.GetProperty("chats").GetArrayLength() == 1, what: "the chat found by its note");
        found.GetProperty("chats")[0].GetProperty("sessionId").GetString().Should().Be(sessionId);
        found.GetRawText().Should().NotContain("notesText", "the search text stays in storage");
        var none = await (await browser.GetAsync("api/archive/chats?note=not%20in%20any%20note")).Content.ReadFromJsonAsync<JsonElement>();
        none.GetProperty("chats").GetArrayLength().Should().Be(0);

        var notes = await (await browser.GetAsync($"api/archive/chats/{sessionId}/notes")).Content.ReadFromJsonAsync<JsonElement>();
        notes.EnumerateArray().Select(n => n.GetProperty("text").GetString()).Should().Equal("Refund 42 approved by finance");
        var csv = await (await browser.GetAsync($"api/archive/chats/{sessionId}/export?format=csv")).Content.ReadAsStringAsync();
        csv.Should().Contain("[INTERNAL NOTE] Refund 42 approved by finance").And.Contain("Alex (INTERNAL NOTE)");
        csv.IndexOf("Hello", StringComparison.Ordinal).Should().BeLessThan(csv.IndexOf("[INTERNAL NOTE]", StringComparison.Ordinal), "a note follows the message it was written after");
        var text = await (await browser.GetAsync($"api/archive/export?format=text&note=refund")).Content.ReadAsStringAsync();
        text.Should().Contain("[INTERNAL NOTE] Refund 42 approved by finance");
    }

    [Fact]
    public async Task A_mention_notifies_the_mentioned_agent_live_with_a_link_to_the_chat_and_counts_as_unread()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await using var sam = await ChatParticipant.AgentAsync(f.Host, tenant, "sam", "Sam");
        var notified = new EventLog<AgentNotified>(sam.Connection, "AgentNotified");
        (await sam.Connection.InvokeAsync<AgentInbox>("GetInbox")).Unread.Should().Be(0);
        var (sessionId, _) = await StartChatAsync(tenant);

        await alex.Connection.InvokeAsync<ChatNote>("AddNote", sessionId, "n1", "@sam can you take the refund?");
        var e = await notified.WaitForAsync(n => n.Notification.Kind == NotificationKind.Mention, "the mention at Sam");
        e.Notification.SessionId.Should().Be(sessionId);
        e.Notification.Text.Should().Contain("Alex mentioned you");
        e.Unread.Should().Be(1);
        (await sam.Connection.InvokeAsync<AgentInbox>("GetInbox")).Unread.Should().Be(1);
        await sam.Connection.InvokeAsync("MarkNotificationsRead");
        (await sam.Connection.InvokeAsync<AgentInbox>("GetInbox")).Unread.Should().Be(0);
    }

    [Fact]
    public async Task Labels_are_validated_carried_on_the_desk_and_filter_the_resolved_view()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        using var browser = await f.Host.SignInAsync(tenant, "alex");
        var badColour = await alex.Connection.Invoking(c => c.InvokeAsync<ChatLabel>("SaveLabel", null, "Billing", "red")).Should().ThrowAsync<HubException>();
        badColour.Which.Message.Should().Contain("invalid_input: ");
        var billing = await alex.Connection.InvokeAsync<ChatLabel>("SaveLabel", null, "Billing", "#B91C1C");
        billing.Color.Should().Be("#b91c1c");
        (await alex.Connection.Invoking(c => c.InvokeAsync<ChatLabel>("SaveLabel", null, "billing", "#000000")).Should().ThrowAsync<HubException>())
            .Which.Message.Should().Contain("invalid_input: ");
        var (labelled, _) = await StartChatAsync(tenant);
        var (plain, _) = await StartChatAsync(tenant);
        await alex.Connection.InvokeAsync<DeskSnapshot>("GetDesk");

        (await alex.Connection.Invoking(c => c.InvokeAsync<ChatSessionSnapshot>("AddLabel", labelled, "lnotalabel1")).Should().ThrowAsync<HubException>())
            .Which.Message.Should().Contain("invalid_input: ");
        (await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AddLabel", labelled, billing.Id)).Labels.Should().Equal(billing.Id);
        var desk = await alex.Connection.InvokeAsync<DeskSnapshot>("GetDesk");
        desk.Sessions.Single(s => s.SessionId == labelled).Labels.Should().Equal(billing.Id);
        desk.Sessions.Single(s => s.SessionId == plain).Labels.Should().BeEmpty();

        foreach (var id in new[] { labelled, plain })
        {
            await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", id);
            await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", id);
        }
        var page = await Eventually.GetAsync(() => browser.GetAsync($"api/archive/chats?label={billing.Id}").ContinueWith(t => t.Result.Content.ReadFromJsonAsync<JsonElement>()).Unwrap(),
            p => p.GetProperty("chats").GetArrayLength() == 1, what: "the labelled chat in the Resolved view");
        var chat = page.GetProperty("chats")[0];
        chat.GetProperty("sessionId").GetString().Should().Be(labelled);
        chat.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal(billing.Id);
        var all = await (await browser.GetAsync("api/archive/chats")).Content.ReadFromJsonAsync<JsonElement>();
        all.GetProperty("chats").GetArrayLength().Should().Be(2, "without the label filter both chats are listed");
    }

    [Fact]
    public async Task A_resolved_chat_reopens_with_the_same_agent_and_the_visitor_sees_the_thread_again()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        var token = await f.Host.VisitorTokenAsync(tenant);
        string sessionId;
        await using (var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant, token))
        {
            sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Robin" })).Session.SessionId;
            await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
            await alex.SendAsync(sessionId, "a1", "Your parcel left today");
            (await alex.Connection.Invoking(c => c.InvokeAsync<ChatSessionSnapshot>("Reopen", sessionId)).Should().ThrowAsync<HubException>())
                .Which.Message.Should().Contain("not_resolved: ");
            await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);

            var reopened = await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Reopen", sessionId);
            reopened.Status.Should().Be(ChatStatus.ActiveChat);
            reopened.AssignedAgent!.AgentId.Should().Be("alex");
            reopened.ResolvedAt.Should().BeNull();
            await visitor.Changes.WaitForAsync(c => c.Session.Status == ChatStatus.ActiveChat && c.Session.ResolvedAt is null, "the reopened chat at the visitor");
        }

        // The visitor's next visit: the widget starts, and finds the same chat with its thread.
        await using var nextVisit = await ChatParticipant.VisitorAsync(f.Host, tenant, token);
        var again = await nextVisit.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Robin" });
        again.Session.SessionId.Should().Be(sessionId);
        again.Session.Status.Should().Be(ChatStatus.ActiveChat);
        var thread = await nextVisit.Connection.InvokeAsync<VisitorMessagePage>("GetHistory", sessionId, 0L, 50);
        thread.Messages.Select(m => m.Text).Should().Equal("Your parcel left today");
        await nextVisit.SendAsync(sessionId, "v9", "Thanks, it arrived");
    }

    [Fact]
    public async Task Reopening_is_refused_while_the_visitor_has_another_open_chat_and_nothing_changes()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var first = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", first);
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", first);
        var second = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        second.Should().NotBe(first);

        var refused = await alex.Connection.Invoking(c => c.InvokeAsync<ChatSessionSnapshot>("Reopen", first)).Should().ThrowAsync<HubException>();
        refused.Which.Message.Should().Contain("visitor_has_open_chat: ");
        (await alex.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", first)).Status.Should().Be(ChatStatus.Resolved);
        (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId.Should().Be(second);
    }

    [Fact]
    public async Task A_one_star_rating_notifies_the_admins_live_and_waits_in_needs_review_until_reviewed_with_a_note()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await using var sam = await ChatParticipant.AgentAsync(f.Host, tenant, "sam", "Sam");
        var notified = new EventLog<AgentNotified>(sam.Connection, "AgentNotified");
        await sam.Connection.InvokeAsync<AgentInbox>("GetInbox");
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        await visitor.Connection.InvokeAsync<VisitorSessionView>("RateChat", sessionId, 1, "Nobody helped", false);

        var e = await notified.WaitForAsync(n => n.Notification.Kind == NotificationKind.LowRating, "the low rating at an admin");
        e.Notification.SessionId.Should().Be(sessionId);
        e.Notification.Text.Should().Contain("1 star");
        var pending = await sam.Connection.InvokeAsync<List<ChatReview>>("GetReviews");
        pending.Should().ContainSingle(r => r.SessionId == sessionId && r.Stars == 1 && r.Feedback == "Nobody helped");

        (await sam.Connection.Invoking(c => c.InvokeAsync<ChatReview>("MarkReviewed", sessionId, "  ")).Should().ThrowAsync<HubException>())
            .Which.Message.Should().Contain("invalid_input: ");
        (await sam.Connection.InvokeAsync<List<ChatReview>>("GetReviews")).Should().ContainSingle();
        var reviewed = await sam.Connection.InvokeAsync<ChatReview>("MarkReviewed", sessionId, "Called them back; refund sent.");
        reviewed.ReviewedBy.Should().Be("Sam");
        (await sam.Connection.InvokeAsync<List<ChatReview>>("GetReviews")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_follow_up_in_the_past_or_more_than_a_year_ahead_or_on_an_open_chat_is_refused()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        var (sessionId, _) = await StartChatAsync(tenant);
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await Refused(alex, sessionId, DateTimeOffset.UtcNow.AddHours(1), "still open");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        await Refused(alex, sessionId, DateTimeOffset.UtcNow.AddMinutes(-5), "in the past");
        await Refused(alex, sessionId, DateTimeOffset.UtcNow.AddDays(400), "a year");
        (await alex.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", sessionId)).FollowUpAt.Should().BeNull();
        var set = await alex.Connection.InvokeAsync<ChatSessionSnapshot>("SetFollowUp", sessionId, DateTimeOffset.UtcNow.AddDays(7));
        set.FollowUpAgent!.AgentId.Should().Be("alex");
        var inbox = await Eventually.GetAsync(() => alex.Connection.InvokeAsync<AgentInbox>("GetInbox"), i => i.FollowUps.Count == 1, what: "the follow-up in the list");
        inbox.FollowUps.Single().Due.Should().BeFalse();
    }

    private static async Task Refused(AgentParticipant agent, string sessionId, DateTimeOffset dueAt, string sentence)
    {
        var refused = await agent.Connection.Invoking(c => c.InvokeAsync<ChatSessionSnapshot>("SetFollowUp", sessionId, dueAt)).Should().ThrowAsync<HubException>();
        refused.Which.Message.Should().Contain("invalid_input: ").And.Contain(sentence);
    }

    private async Task<(string SessionId, VisitorToken Token)> StartChatAsync(string tenant)
    {
        var token = await f.Host.VisitorTokenAsync(tenant);
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant, token);
        var started = await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Robin" });
        return (started.Session.SessionId, token);
    }
}
