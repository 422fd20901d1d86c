using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests;

/// <summary>Every bad input gets a clear error, stores nothing, and the connection keeps working.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    public static TheoryData<string, object?[], string> VisitorMistakes() => new()
    {
        { "SendMessage", ["{session}", "c1", new string('x', ChatLimits.MessageMaxLength + 1)], "invalid_input" },
        { "SendMessage", ["{session}", "c1", ""], "invalid_input" },
        { "SendMessage", ["{session}", "c1", "   \n "], "invalid_input" },
        { "SendMessage", ["{session}", "bad id with spaces", "hello"], "invalid_input" },
        { "SendMessage", ["no-such-session", "c1", "hello"], "unknown_session" },
        { "SendMessage", ["../../etc", "c1", "hello"], "invalid_input" },
        { "SendMessage", ["{session}", "c1", 12345], "Error binding arguments" },
        { "SendMessage", ["{session}", "c1"], "Invocation provides 2 argument(s) but target expects 3" },
        { "RateChat", ["{session}", 0, null, false], "invalid_input" },
        { "RateChat", ["{session}", 6, null, false], "invalid_input" },
        { "RateChat", ["{session}", 5, null, false], "not_resolved" },
        { "RateChat", ["{session}", 5, new string('f', ChatLimits.FeedbackMaxLength + 1), false], "invalid_input" },
        { "RateChat", ["{session}", "five", null, false], "Error binding arguments" },
        { "GetHistory", ["{session}", -1L, 10], "invalid_input" },
        { "GetHistory", ["{session}", 0L, 100000], "invalid_input" },
        { "Acknowledge", ["{session}", -5L, 0L], "invalid_input" },
        { "Resume", ["someone-elses-session", 0L], "unknown_session" },
        { "StartChat", [new VisitorMetadata { Name = new string('n', ChatLimits.NameMaxLength + 1) }], "invalid_input" },
        { "NoSuchMethod", [], "Method does not exist" },
    };

    [Theory]
    [MemberData(nameof(VisitorMistakes))]
    public async Task A_visitor_mistake_is_refused_clearly_stores_nothing_and_the_connection_still_works(string method, object?[] args, string expected)
    {
        await using var visitor = await ChatParticipant.VisitorAsync(host, await host.NewTenantAsync());
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        var resolvedArgs = args.Select(a => a is "{session}" ? sessionId : a).ToArray();

        var refusal = await visitor.Connection.Invoking(c => c.InvokeCoreAsync<object>(method, resolvedArgs)).Should().ThrowAsync<HubException>();
        refusal.Which.Message.Should().Contain(expected);

        (await visitor.Connection.InvokeAsync<VisitorMessagePage>("GetHistory", sessionId, 0L, 50)).Messages.Should().BeEmpty("nothing was stored");
        visitor.Connection.State.Should().Be(HubConnectionState.Connected);
        (await visitor.SendAsync(sessionId, "after", "still here")).Seq.Should().Be(1, "the connection still works");
    }

    [Fact]
    public async Task Rating_twice_is_refused_and_the_first_rating_stands()
    {
        var tenant = await host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex");
        await using var visitor = await ChatParticipant.VisitorAsync(host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        await visitor.Connection.InvokeAsync<VisitorSessionView>("RateChat", sessionId, 2, "slow", true);

        var again = await visitor.Connection.Invoking(c => c.InvokeAsync<VisitorSessionView>("RateChat", sessionId, 5, "great", false)).Should().ThrowAsync<HubException>();
        again.Which.Message.Should().Contain("already_rated");
        var stored = await visitor.Connection.InvokeAsync<VisitorSessionView>("GetSession", sessionId);
        stored.Rating!.Stars.Should().Be(2);
        stored.Rating.Feedback.Should().Be("slow");
        stored.Rating.Anonymous.Should().BeTrue();
    }

    [Fact]
    public async Task A_visitor_cannot_touch_another_visitors_session()
    {
        var tenant = await host.NewTenantAsync();
        await using var owner = await ChatParticipant.VisitorAsync(host, tenant);
        await using var intruder = await ChatParticipant.VisitorAsync(host, tenant);
        var sessionId = (await owner.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await owner.SendAsync(sessionId, "o1", "my card number ends 4242");

        foreach (var (method, args) in new (string, object?[])[]
                 {
                     ("Resume", [sessionId, 0L]), ("GetHistory", [sessionId, 0L, 10]), ("SendMessage", [sessionId, "i1", "hi"]),
                     ("CloseChat", [sessionId]), ("GetSession", [sessionId]), ("SetTyping", [sessionId, true]),
                 })
        {
            var refusal = await intruder.Connection.Invoking(c => c.InvokeCoreAsync<object>(method, args)).Should().ThrowAsync<HubException>();
            refusal.Which.Message.Should().Contain("not_your_session", $"{method} must be refused");
        }
        (await owner.Connection.InvokeAsync<VisitorMessagePage>("GetHistory", sessionId, 0L, 10)).Messages.Should().ContainSingle();
        intruder.Messages.Snapshot().Should().BeEmpty();
    }
}
