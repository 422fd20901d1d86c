using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// Private notes, mentions, labels and follow-ups on two agents' dashboards in Chromium: Alex asks Sam in a note, Sam is
/// notified, opens the chat from the notification, takes it, labels it, resolves it and sets a follow-up; the queue and
/// the Resolved view filter by the label (the Resolved view's filter survives a reload in the URL).
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class NotesLabelsFollowUpTests(WidgetHost host)
{
    [Fact]
    public async Task A_mentioned_agent_is_notified_opens_the_chat_labels_resolves_and_follows_it_up_and_the_Resolved_view_filters_by_the_label()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var labelName = $"Refund {tag}";
        var visitorName = $"Noor {tag}";
        var (alexContext, alex) = await host.DashboardAsync(WidgetHost.AgentUser, 1600, 900);
        var (samContext, sam) = await host.DashboardAsync(WidgetHost.SecondAgentUser, 1600, 900, bypassCsp: true);
        await using var labelled = await VisitorChatAsync(visitorName);
        await using var other = await VisitorChatAsync($"Other {tag}");
        try
        {
            // Alex adds the tenant's label in the Labels view.
            await alex.Locator("nav button[data-view=labels]").ClickAsync();
            var labels = alex.Locator("section.view-labels");
            await labels.GetByLabel("New label name").FillAsync(labelName);
            await labels.GetByLabel("New label colour").FillAsync("#b91c1c");
            await labels.GetByRole(AriaRole.Button, new() { Name = "Add label", Exact = true }).ClickAsync();
            await Expect(labels.Locator(".label-list .label-chip", new() { HasText = labelName })).ToBeVisibleAsync();

            // Alex opens the waiting chat and asks Sam in a private note.
            await alex.Locator("nav button[data-view=queue]").ClickAsync();
            await Row(alex, labelled.SessionId).GetByRole(AriaRole.Button, new() { Name = $"Open chat with {visitorName}" }).ClickAsync();
            var alexChat = Chat(alex, labelled.SessionId);
            await alexChat.GetByLabel("Private note").FillAsync("@sam can you take this refund?");
            await alexChat.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
            await Expect(alexChat.Locator(".msg-note", new() { HasText = "can you take this refund?" })).ToBeVisibleAsync();

            // Sam is told (a toast, the menu's entry), though Sam has not opened the chat, and opens it from the menu.
            await Expect(sam.Locator(".toast", new() { HasText = $"{WidgetHost.AgentName} mentioned you" })).ToBeVisibleAsync();
            await Expect(sam.Locator(".inbox-button")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Notifications \(\d+\)$"));
            await sam.Locator(".inbox-button").ClickAsync();
            await sam.Locator($".inbox-panel li.notification-mention[data-session-id='{labelled.SessionId}'] button").ClickAsync();
            var samChat = Chat(sam, labelled.SessionId);
            await Expect(samChat.Locator(".msg-note", new() { HasText = "@sam can you take this refund?" })).ToBeVisibleAsync();

            // Sam takes the chat and labels it in its details: the chip shows on both queues, and the label filter keeps it alone.
            await samChat.GetByRole(AriaRole.Button, new() { Name = "Assign to Me" }).ClickAsync();
            await Expect(samChat).ToHaveAttributeAsync("data-status", "assigned_to_agent");
            await samChat.GetByRole(AriaRole.Button, new() { Name = $"Details of {visitorName}" }).ClickAsync();
            var details = sam.Locator("aside.details");
            await details.GetByLabel("Label to add").SelectOptionAsync(new SelectOptionValue { Label = labelName });
            await details.GetByRole(AriaRole.Button, new() { Name = "Add label" }).ClickAsync();
            await Expect(details.Locator(".chat-labels .label-chip", new() { HasText = labelName })).ToBeVisibleAsync();
            await Expect(details.Locator(".details-notes .note-entry .note-text")).ToHaveTextAsync("@sam can you take this refund?");
            await Expect(Row(sam, labelled.SessionId).Locator("td.labels")).ToHaveTextAsync(labelName);
            await Expect(Row(alex, labelled.SessionId).Locator("td.labels")).ToHaveTextAsync(labelName);
            await Expect(samChat.Locator(".mini-labels")).ToHaveTextAsync(labelName);
            await Expect(Row(sam, other.SessionId)).ToBeVisibleAsync();
            await sam.Locator("select[name=queue-label]").SelectOptionAsync(new SelectOptionValue { Label = labelName });
            await Expect(Row(sam, other.SessionId)).ToHaveCountAsync(0);
            await Expect(Row(sam, labelled.SessionId)).ToBeVisibleAsync();
            await Expect(Row(sam, labelled.SessionId).Locator("td.agent")).ToHaveTextAsync(WidgetHost.SecondAgentName);
            (await Axe.SeriousViolationsAsync(sam)).Should().BeEmpty("the queue with labels, the details and the notes pass axe");
            await sam.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "notes-labels-queue-1600.png") });

            // Sam resolves it, then sets a follow-up for tomorrow: it is in Sam's follow-ups.
            await details.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
            await Expect(samChat).ToHaveAttributeAsync("data-status", "resolved");
            await details.GetByLabel("Follow up when").SelectOptionAsync("tomorrow");
            await details.GetByRole(AriaRole.Button, new() { Name = "Set follow-up" }).ClickAsync();
            await Expect(sam.Locator(".toast", new() { HasText = "Follow-up set for" })).ToBeVisibleAsync();
            var session = await labelled.Agent.InvokeAsync<ChatSessionSnapshot>("GetSession", labelled.SessionId);
            session.FollowUpAgent!.AgentId.Should().Be(WidgetHost.SecondAgentUser);
            TimeZoneInfo.ConvertTime(session.FollowUpAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).Hour
                .Should().Be(9, "tomorrow means 9:00 in the agent's time zone (the page's, Europe/London)");
            await sam.Locator(".inbox-button").ClickAsync();
            await Expect(sam.Locator($".inbox-panel li.follow-up[data-session-id='{labelled.SessionId}']")).ToContainTextAsync(visitorName);
            await sam.Locator(".inbox-button").ClickAsync();

            // The visitor gives 1 star: Sam (an admin) is told, and the chat waits in "Needs review" until Sam marks it reviewed.
            await labelled.Visitor.InvokeAsync<VisitorSessionView>("RateChat", labelled.SessionId, 1, "Took too long", false);
            await Expect(sam.Locator(".toast", new() { HasText = "1 star" })).ToBeVisibleAsync();
            await sam.Locator("nav button[data-view=resolved]").ClickAsync();
            var review = sam.Locator($"section.view-resolved .needs-review li[data-session='{labelled.SessionId}']");
            await Expect(review.Locator(".feedback")).ToHaveTextAsync("Took too long");
            await review.GetByLabel("Review note").FillAsync("Apologised; refund sent.");
            await review.GetByRole(AriaRole.Button, new() { Name = "Mark reviewed" }).ClickAsync();
            await Expect(review).ToHaveCountAsync(0);

            // The Resolved view filters by the label (the archive's filter), and the filter is in the URL: a reload keeps it.
            var view = sam.Locator("section.view-resolved");
            var labelId = await view.Locator("select[name=label] option", new() { HasText = labelName }).GetAttributeAsync("value");
            await Eventually.GetAsync(() => sam.EvaluateAsync<int>($"() => fetch('/api/archive/chats?label={labelId}').then(r => r.json()).then(p => p.chats.length)"),
                n => n == 1, what: "the labelled chat in the archive");
            await view.Locator("select[name=label]").SelectOptionAsync(labelId!);
            await view.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            var rows = view.Locator("table.resolved-table tbody tr");
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToHaveAttributeAsync("data-session", labelled.SessionId);
            await Expect(rows.First.Locator("td.labels")).ToHaveTextAsync(labelName);
            await Expect(sam).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#resolved\\?label={labelId}$"));

            await sam.ReloadAsync();
            view = sam.Locator("section.view-resolved");
            rows = view.Locator("table.resolved-table tbody tr");
            await Expect(view.Locator("select[name=label]")).ToHaveValueAsync(labelId!);
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToHaveAttributeAsync("data-session", labelled.SessionId);

            // The note search finds it too, and its transcript shows the note in place, marked internal.
            await view.GetByLabel("Notes contain").FillAsync("TAKE THIS REFUND");
            await view.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Expect(rows).ToHaveCountAsync(1);
            await rows.First.GetByRole(AriaRole.Button, new() { Name = "Transcript" }).ClickAsync();
            var transcript = view.Locator("section.transcript");
            await Expect(transcript.Locator(".transcript-note")).ToContainTextAsync("Internal note");
            await Expect(transcript.Locator(".transcript-note .note-text")).ToHaveTextAsync("@sam can you take this refund?");
            await sam.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "notes-labels-resolved-1600.png"), FullPage = true });
            // Reopen from the transcript: the chat is Sam's and active again, and its follow-up is over.
            await transcript.GetByRole(AriaRole.Button, new() { Name = "Reopen" }).ClickAsync();
            await Expect(samChat).ToHaveAttributeAsync("data-status", "active_chat");
            await Expect(transcript.Locator(".resolved-actions")).ToContainTextAsync("Reopened");
            (await labelled.Agent.InvokeAsync<ChatSessionSnapshot>("GetSession", labelled.SessionId)).FollowUpAt.Should().BeNull();

            await view.GetByLabel("Notes contain").FillAsync($"no note says {tag}");
            await view.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Expect(view.Locator(".resolved-status")).ToHaveTextAsync("No resolved chats match.");
            (await Axe.SeriousViolationsAsync(sam)).Should().BeEmpty("the Resolved view with its filters and the review list pass axe");
        }
        finally
        {
            await alexContext.CloseAsync();
            await samContext.CloseAsync();
        }
    }

    private static ILocator Row(IPage page, string sessionId) => page.Locator($"table.queue tr[data-session-id='{sessionId}']");

    private static ILocator Chat(IPage page, string sessionId) => page.Locator($".mini-chat[data-session-id='{sessionId}']");

    /// <summary>A waiting chat from a visitor on the real visitor hub (kept connected), and an agent client beside it.</summary>
    private async Task<VisitorChat> VisitorChatAsync(string name)
    {
        var visitor = await host.VisitorHubAsync();
        var sessionId = (await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = name })).Session.SessionId;
        return new VisitorChat(visitor, await host.AgentAsync(), sessionId);
    }

    private sealed record VisitorChat(HubConnection Visitor, HubConnection Agent, string SessionId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Visitor.DisposeAsync();
            await Agent.DisposeAsync();
        }
    }
}
