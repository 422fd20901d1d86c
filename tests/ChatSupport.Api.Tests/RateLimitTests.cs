using System.Net.Http.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests;

/// <summary>A host with tight limits: over a limit is a clear "slow_down", under it all passes, and after the window all works again.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    // Windows long enough that a loaded 2-core machine still makes its calls inside one window (a 1 s window let
    // three slow StartChat calls straddle two windows), and short enough that waiting one out stays quick.
    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(
    [
        "ChatSupport:Security:RateLimits:MessagesPerVisitor=3",
        "ChatSupport:Security:RateLimits:MessageWindow=00:00:05",
        "ChatSupport:Security:RateLimits:ChatStartsPerVisitor=2",
        "ChatSupport:Security:RateLimits:ChatStartWindow=00:01:00",
        "ChatSupport:Security:RateLimits:TokenRequestsPerAddress=3",
        "ChatSupport:Security:RateLimits:RouteWindow=00:00:05",
        "ChatSupport:Security:RateLimits:TypingMinInterval=00:00:00.500",
    ]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Messages_over_the_limit_are_refused_with_slow_down_stored_never_and_the_connection_works_after_the_window()
    {
        var tenant = await _host.NewTenantAsync();
        await using var visitor = await ChatParticipant.VisitorAsync(_host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;

        for (var i = 1; i <= 3; i++) (await visitor.SendAsync(sessionId, $"m{i}", $"message {i}")).Seq.Should().Be(i);
        var refused = await visitor.Connection.Invoking(c => c.InvokeAsync<MessageAck>("SendMessage", sessionId, "m4", "one too many")).Should().ThrowAsync<HubException>();
        refused.Which.Message.Should().Contain("slow_down");
        (await visitor.Connection.InvokeAsync<VisitorMessagePage>("GetHistory", sessionId, 0L, 50)).Messages.Should().HaveCount(3, "the refused message was not stored");

        // After the window the same connection sends again (polled with a deadline, not a sleep).
        var ack = await Eventually.GetAsync(async () =>
        {
            try { return await visitor.SendAsync(sessionId, "m4", "one too many"); }
            catch (HubException e) when (e.Message.Contains("slow_down")) { return null; }
        }, a => a is not null, what: "a send after the rate-limit window");
        ack!.Seq.Should().Be(4);
        visitor.Connection.State.Should().Be(HubConnectionState.Connected);
    }

    [Fact]
    public async Task Chat_starts_over_the_limit_are_refused()
    {
        var tenant = await _host.NewTenantAsync();
        await using var visitor = await ChatParticipant.VisitorAsync(_host, tenant);
        await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        (await visitor.Connection.Invoking(c => c.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Should().ThrowAsync<HubException>())
            .Which.Message.Should().Contain("slow_down");
    }

    [Fact]
    public async Task The_token_route_is_limited_per_address()
    {
        var tenant = await _host.NewTenantAsync();
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        var outcomes = new List<string>();
        for (var i = 0; i < 4; i++) outcomes.Add(await Outcome.OfAsync(await http.PostAsJsonAsync($"api/visitor/token?tenant={tenant}", new { })));
        outcomes.Should().Equal("ok", "ok", "ok", "429 slow_down");
        await Eventually.GetAsync(async () => await Outcome.OfAsync(await http.PostAsJsonAsync($"api/visitor/token?tenant={tenant}", new { })),
            o => o == "ok", what: "a token after the window");
    }

    [Fact]
    public async Task Typing_events_that_come_too_fast_are_dropped_not_refused()
    {
        var tenant = await _host.NewTenantAsync();
        await using var agent = await ChatParticipant.AgentAsync(_host, tenant, "alex", "Alex");
        await using var visitor = await ChatParticipant.VisitorAsync(_host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await agent.Connection.InvokeAsync<ResumeResult>("OpenChat", sessionId, 0L);

        for (var i = 0; i < 5; i++) await visitor.Connection.InvokeAsync("SetTyping", sessionId, true);
        await agent.Typing.WaitForAsync(t => t.IsTyping, "the first typing event");
        // The next one after the interval passes; once it has arrived, everything sent before it has too.
        await Eventually.GetAsync(async () =>
        {
            await visitor.Connection.InvokeAsync("SetTyping", sessionId, false);
            return agent.Typing.Snapshot();
        }, events => events.Any(t => !t.IsTyping), what: "the typing-stopped event");
        agent.Typing.Snapshot().Count(t => t.IsTyping).Should().Be(1, "four of the five rapid events were dropped");
    }
}
