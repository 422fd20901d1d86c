using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Runtime;

namespace ChatSupport.Api.Tests.Settings;

/// <summary>
/// Delayed automated messages ("still looking" with the visitor's place, a delayed greeting), the away message once per
/// closed period, and the reply-time expectation the widget shows: what a visitor reads, as the log stores it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DelayedAutomatedResponseTests(ApiHostFixture f)
{
    private static AutomatedMessage On(string text, int delay = 0) => new() { Enabled = true, Text = text, DelaySeconds = delay };

    private async Task<string> TenantWithAsync(AutomatedResponses responses, WorkingHoursSettings? hours = null)
    {
        var tenant = await f.Host.NewTenantAsync();
        (await f.Host.Grains.GetGrain<ISettingsGrain>(tenant)
            .Save(new WorkspaceSettings { AutomatedResponses = responses, WorkingHours = hours ?? new() }, 0, "alex")).Error.Should().BeNull();
        return tenant;
    }

    private async Task SaveHoursAsync(string tenant, WorkingHoursSettings hours)
    {
        var settings = f.Host.Grains.GetGrain<ISettingsGrain>(tenant);
        var current = await settings.Get();
        (await settings.Save(current with { WorkingHours = hours }, current.Version, "alex")).Error.Should().BeNull();
    }

    [Fact]
    public async Task A_delayed_greeting_and_still_looking_with_the_place_are_stored_once_each_with_their_numbers_and_are_no_first_reply()
    {
        var tenant = await TenantWithAsync(new AutomatedResponses
        {
            Greeting = On("Hello, someone will be with you soon.", delay: 1),
            StillLooking = On("Still looking for someone: you are number {position} in the queue.", delay: 2),
        });
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        var session = f.Host.Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, sessionId));

        var both = await Eventually.GetAsync(() => alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 100),
            p => p.Messages.Count(m => m.Sender == ChatParty.System) == 2, what: "the greeting and still looking, after their delays");
        // A retried start and a new activation (as after a failover) store neither again.
        (await session.Start(visitor.Token!.VisitorId, new VisitorMetadata())).Error.Should().BeNull();
        await f.Host.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        (await session.Start(visitor.Token!.VisitorId, new VisitorMetadata())).Error.Should().BeNull();
        await visitor.SendAsync(sessionId, "v1", "Is anyone there?");

        var history = await alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 100);
        history.Messages.Select(m => (m.Seq, m.Sender, m.Text)).Should().Equal(
            (1, ChatParty.System, "Hello, someone will be with you soon."),
            (2, ChatParty.System, "Still looking for someone: you are number 1 in the queue."),
            (3, ChatParty.Visitor, "Is anyone there?"));
        both.Messages.Select(m => m.Seq).Should().Equal(1, 2);
        var snapshot = await alex.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", sessionId);
        snapshot.Status.Should().Be(ChatStatus.WaitingForAgent, "automated messages never answer for an agent");
        snapshot.FirstAgentReplyAt.Should().BeNull();
    }

    [Fact]
    public async Task Still_looking_is_not_sent_once_an_agent_took_the_chat()
    {
        var tenant = await TenantWithAsync(new AutomatedResponses { Closing = On("Thanks, bye!", delay: 4), StillLooking = On("Still looking ({position}).", delay: 3) });
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await alex.SendAsync(sessionId, "a1", "Hi, I'm here.");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);

        // The delayed closing comes after the resolve (the widget draws it above the rating prompt), after still looking was due:
        // still looking never comes, as an agent took the chat first.
        var history = await Eventually.GetAsync(() => alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 100),
            p => p.Messages.Any(m => m.Sender == ChatParty.System), what: "the delayed closing message");
        await visitor.Connection.InvokeAsync<VisitorSessionView>("RateChat", sessionId, 5, null, false);
        history = await alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 100);
        history.Messages.Select(m => (m.Seq, m.Sender, m.Text)).Should().Equal((1, ChatParty.Agent, "Hi, I'm here."), (2, ChatParty.System, "Thanks, bye!"));
    }

    [Fact]
    public async Task The_away_message_goes_once_per_closed_period_also_to_a_waiting_visitor_who_writes_after_closing()
    {
        // Open when the chat starts (no working hours), closed from the next save on.
        var tenant = await TenantWithAsync(new AutomatedResponses { Greeting = On("Hello!"), Away = On("We're away right now.") });
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;

        await SaveHoursAsync(tenant, new WorkingHoursSettings { Enabled = true }); // closed, with no opening ahead
        await visitor.SendAsync(sessionId, "v1", "Anyone?");
        await Eventually.GetAsync(() => alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 100),
            p => p.Messages.Count(m => m.Sender == ChatParty.System) == 2, what: "the away message after the visitor wrote while closed");
        await visitor.SendAsync(sessionId, "v2", "Hello?");
        await visitor.SendAsync(sessionId, "v3", "Still there?");

        // Another closed period: closed until an opening a week ahead.
        var date = DateTime.UtcNow.Date.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await SaveHoursAsync(tenant, new WorkingHoursSettings { Enabled = true, Overrides = [new DateOverride(date, [new TimeRange("09:00", "10:00")])] });
        await visitor.SendAsync(sessionId, "v4", "Hello again.");
        var history = await Eventually.GetAsync(() => alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 100),
            p => p.Messages.Count(m => m.Text == "We're away right now.") == 2 && p.Messages.Count(m => m.Sender == ChatParty.Visitor) == 4,
            what: "one away message for the next closed period");

        var automated = history.Messages.Where(m => m.Sender == ChatParty.System).ToList();
        automated.Select(m => m.Text).Should().Equal("Hello!", "We're away right now.", "We're away right now.");
        automated.Select(m => m.ClientMessageId).Should().OnlyHaveUniqueItems();
        automated[1].ClientMessageId.Should().Be("auto:away:later");
        automated[2].ClientMessageId.Should().Be($"auto:away:{date.Replace("-", "")}T0900Z", "named by the opening that ends the period (UTC tenant)");
        automated[1].Seq.Should().BeGreaterThan(history.Messages.Single(m => m.ClientMessageId == "v1").Seq, "it answers the visitor's message");
        history.Messages.Select(m => m.Seq).Should().Equal(Enumerable.Range(1, history.Messages.Count).Select(i => (long)i));
    }

    [Fact]
    public async Task The_widget_expects_the_median_first_response_of_the_last_7_days_from_5_chats_and_shows_its_fixed_text_below()
    {
        var four = await f.Host.NewTenantAsync();
        var five = await f.Host.NewTenantAsync();
        await AnsweredChatsAsync(four, 4);
        await AnsweredChatsAsync(five, 5);

        var fourView = await WidgetViewAsync(four);
        fourView.GetProperty("expectedReplySeconds").ValueKind.Should().Be(JsonValueKind.Null, "4 chats are too few for an expectation");
        var fiveView = await WidgetViewAsync(five);
        var report = (await f.Host.Grains.GetGrain<IAnalyticsGrain>(five).Report(new AnalyticsQuery
        {
            From = DateTime.UtcNow.Date.AddDays(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            To = DateTime.UtcNow.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TimeZone = "UTC",
        })).Value!;
        fiveView.GetProperty("expectedReplySeconds").GetInt64().Should().Be(report.FirstResponse.Median!.Value);
    }

    /// <summary>Chats answered by an agent, then waits until analytics has counted each first response.</summary>
    private async Task AnsweredChatsAsync(string tenant, int count)
    {
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        for (var i = 0; i < count; i++)
        {
            await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
            var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
            await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
            await alex.SendAsync(sessionId, $"a{i}", "Hello!");
        }
        var analytics = f.Host.Grains.GetGrain<IAnalyticsGrain>(tenant);
        await Eventually.GetAsync(() => analytics.Report(new AnalyticsQuery
        {
            From = DateTime.UtcNow.Date.AddDays(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            To = DateTime.UtcNow.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TimeZone = "UTC",
        }), r => r.Value?.FirstResponse.N == count, what: $"{count} first responses counted");
    }

    private async Task<JsonElement> WidgetViewAsync(string tenant)
    {
        using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/visitor/settings?tenant={tenant}");
        request.Headers.Add("Origin", ApiHost.AllowedOrigin);
        return await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
    }
}
