using System.Net;
using System.Net.Http.Json;
using System.Text;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests;

/// <summary>Bad input on every agent hub method and every route: a clear refusal, nothing stored, the server serving on.</summary>
[Collection(ApiCollection.Name)]
public sealed class AgentBadInputTests(ApiHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    public static TheoryData<string, object?[], string> AgentMistakes() => new()
    {
        { "OpenChat", ["no-such-session", 0L], "unknown_session" },
        { "OpenChat", ["{session}", "zero"], "Error binding arguments" },
        { "LeaveChat", ["bad id!"], "invalid_input" },
        { "AssignToMe", ["../{session}"], "invalid_input" },
        { "AssignToMe", [42], "Error binding arguments" },
        { "AssignTo", ["{session}", "nobody"], "unknown_agent" },
        { "AssignTo", ["{session}", ""], "invalid_input" },
        { "Transfer", ["{session}", "alex", "note"], "not_assigned" },
        { "Transfer", ["{session}", "alex", new string('n', ChatLimits.TransferNoteMaxLength + 1)], "invalid_input" },
        { "Resolve", ["{session}"], "not_assigned" },
        { "SendMessage", ["{session}", "c1", "hello"], "not_assigned_agent" },
        { "SendMessage", ["{session}", "c1", new string('x', ChatLimits.MessageMaxLength + 1)], "invalid_input" },
        { "SendMessage", ["{session}", "c1", true], "Error binding arguments" },
        { "GetHistory", ["{session}", 0L, 0], "invalid_input" },
        { "GetSession", ["no-such-session"], "unknown_session" },
        { "SetTyping", ["{session}", true], "not_assigned_agent" },
        { "Acknowledge", ["{session}", 0L, -1L], "invalid_input" },
        { "GetDesk", ["unexpected"], "Invocation provides 1 argument(s) but target expects 0" },
    };

    [Theory]
    [MemberData(nameof(AgentMistakes))]
    public async Task An_agent_mistake_is_refused_clearly_changes_nothing_and_the_connection_still_works(string method, object?[] args, string expected)
    {
        var tenant = await host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex");
        await using var visitor = await ChatParticipant.VisitorAsync(host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        var before = await alex.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", sessionId);
        var resolvedArgs = args.Select(a => a is string s ? s.Replace("{session}", sessionId) : a).ToArray();

        var refusal = await alex.Connection.Invoking(c => c.InvokeCoreAsync<object>(method, resolvedArgs)).Should().ThrowAsync<HubException>();
        refusal.Which.Message.Should().Contain(expected);

        (await alex.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", sessionId)).Should().BeEquivalentTo(before, "a refusal changes nothing");
        (await alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 10)).Messages.Should().BeEmpty();
        (await alex.Connection.InvokeAsync<DeskSnapshot>("GetDesk")).Sessions.Should().ContainSingle(s => s.SessionId == sessionId);
        alex.Connection.State.Should().Be(HubConnectionState.Connected);
    }

    [Theory]
    [InlineData("api/auth/sign-in", "{\"tenant\": 5, \"username\": [], \"password\": {}}")]
    [InlineData("api/auth/sign-in", "not json at all")]
    [InlineData("api/visitor/token?tenant=../../x", "{}")]
    [InlineData("api/visitor/token?tenant=TENANT", "{\"previousToken\": 12}")]
    [InlineData("api/visitor/token?tenant=TENANT", "{\"previousToken\": \"garbage.token.here\"}")]
    public async Task A_route_given_malformed_input_refuses_it_clearly_and_the_server_serves_on(string path, string body)
    {
        var tenant = await host.NewTenantAsync();
        using var browser = new OperatorBrowser(host.BaseAddress);
        await browser.GetAsync("api/auth/antiforgery");
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var response = await http.PostAsync(path.Replace("TENANT", tenant), new StringContent(body, Encoding.UTF8, "application/json"));

        if (body.Contains("garbage"))
            response.StatusCode.Should().Be(HttpStatusCode.OK, "an unusable previous token just means a new visitor");
        else
            ((int)response.StatusCode).Should().BeInRange(400, 403, "malformed input is the caller's mistake, said as such");
        (await http.GetAsync("healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.PostAsJsonAsync($"api/visitor/token?tenant={tenant}", new { })).StatusCode.Should().Be(HttpStatusCode.OK, "the route still serves good requests");
    }
}
