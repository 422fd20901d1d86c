using System.Net.Http.Headers;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// Queue flooding (docs/security.md, "Hardening"): every visitor hub method is rate-limited, not only StartChat and
/// SendMessage, and so are the connections one visitor token opens. Before, a visitor could call Resume, GetHistory,
/// GetSession, Acknowledge, CloseChat or RateChat as fast as the socket carried them, and open any number of connections.
/// </summary>
public sealed class VisitorHubRateLimitTests(TightVisitorLimitsHost fixture) : IClassFixture<TightVisitorLimitsHost>
{
    private const int Calls = TightVisitorLimitsHost.Calls;
    private ApiHost Host => fixture.Host;

    public static TheoryData<string> Methods() => ["StartChat", "SendMessage", "Resume", "GetHistory", "GetSession", "Acknowledge", "CloseChat", "RateChat"];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_visitor_calling_a_method_past_its_limit_gets_slow_down_and_the_connection_stays_usable(string method)
    {
        var tenant = await Host.NewTenantAsync();
        await using var visitor = await ChatParticipant.VisitorAsync(Host, tenant);
        // StartChat has its own budget: the chat it starts costs the method under test nothing (unless it is StartChat).
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        var budget = method == "StartChat" ? 3 : Calls;

        var answers = new List<string>();
        for (var i = 0; i <= budget; i++)
        {
            try
            {
                await visitor.Connection.InvokeCoreAsync<object>(method, ArgumentsOf(method, sessionId, i));
                answers.Add("ok");
            }
            catch (HubException e)
            {
                answers.Add(Outcome.CodeOf(e));
            }
        }

        answers.Take(budget).Should().NotContain("slow_down", "calls within the budget are answered (some refused for their own reasons)");
        answers[^1].Should().Be("slow_down");
        visitor.Connection.State.Should().Be(HubConnectionState.Connected);
        if (method == "SendMessage")
            (await Host.Grains.GetGrain<IChatSessionGrain>($"{tenant}/{sessionId}").GetMessages(ChatCaller.Visitor(visitor.Token!.VisitorId), 0, 50))
                .Value!.Messages.Should().HaveCount(budget, "the refused message was not stored");
    }

    [Fact]
    public async Task A_visitor_token_holds_at_most_two_connections_and_opens_at_most_four_a_minute()
    {
        var tenant = await Host.NewTenantAsync();
        var token = await Host.VisitorTokenAsync(tenant);
        var first = await Host.ConnectVisitorAsync(token.Token);
        await using var second = await Host.ConnectVisitorAsync(token.Token);
        await AnsweredOnceAsync(first);
        await AnsweredOnceAsync(second);

        (await NegotiateAsync(token.Token)).Should().Be("429 slow_down", "two are open");
        await Host.Invoking(h => h.ConnectVisitorAsync(token.Token)).Should().ThrowAsync<HttpRequestException>();
        (await first.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.Status.Should().Be(ChatStatus.WaitingForAgent,
            "the open connections go on");

        // One closes: a third may open, then a fourth connect, and then the minute's connects are spent.
        await first.DisposeAsync();
        var third = await Testing.Eventually.GetAsync(async () =>
        {
            try { return await Host.ConnectVisitorAsync(token.Token); }
            catch (HttpRequestException) { return null; }
        }, c => c is not null, what: "a connection after one closed");
        await third!.DisposeAsync();
        (await NegotiateAsync(token.Token)).Should().Be("ok", "the fourth connect of the minute");
        (await NegotiateAsync(token.Token)).Should().Be("429 slow_down", "four connects this minute");

        var other = await Host.VisitorTokenAsync(tenant);
        (await NegotiateAsync(other.Token)).Should().Be("ok", "the limit is per visitor token");
    }

    /// <summary>
    /// The server counts a connection when the hub's OnConnectedAsync runs, just after the handshake the client's start
    /// waits for; it reads the connection's first call only after that, so one call answered proves it was counted.
    /// Typing is outside the visitor's call budget, so this spends none of it.
    /// </summary>
    private static async Task AnsweredOnceAsync(HubConnection connection)
    {
        try { await connection.InvokeAsync("SetTyping", "no-such-chat", false); }
        catch (HubException) { /* refused for the unknown chat: answered all the same */ }
    }

    private async Task<string> NegotiateAsync(string token)
    {
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, "hubs/visitor/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Outcome.OfAsync(await http.SendAsync(request));
    }

    private static object?[] ArgumentsOf(string method, string sessionId, int i) => method switch
    {
        "StartChat" => [new VisitorMetadata()],
        "SendMessage" => [sessionId, $"m{i}", $"message {i}"],
        "Resume" => [sessionId, 0L],
        "GetHistory" => [sessionId, 0L, 10],
        "Acknowledge" => [sessionId, 0L, 0L],
        "RateChat" => [sessionId, 5, null, false],
        _ => [sessionId],
    };
}

/// <summary>One host with tight visitor limits for the tests above (each uses its own tenant and visitors).</summary>
public sealed class TightVisitorLimitsHost : IAsyncLifetime
{
    public const int Calls = 4;

    public ApiHost Host { get; private set; } = null!;

    // Windows of a minute: a loaded machine still makes every call of a test inside one.
    public async Task InitializeAsync() => Host = await ApiHost.StartAsync(
    [
        $"ChatSupport:Security:RateLimits:CallsPerVisitor={Calls}",
        "ChatSupport:Security:RateLimits:CallWindow=00:01:00",
        "ChatSupport:Security:RateLimits:ChatStartsPerVisitor=4",
        "ChatSupport:Security:RateLimits:ChatStartWindow=00:01:00",
        "ChatSupport:Security:RateLimits:MessagesPerVisitor=4",
        "ChatSupport:Security:RateLimits:MessageWindow=00:01:00",
        "ChatSupport:Security:RateLimits:ConnectionsPerVisitor=2",
        "ChatSupport:Security:RateLimits:ConnectsPerVisitor=4",
        "ChatSupport:Security:RateLimits:ConnectWindow=00:01:00",
    ]);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
