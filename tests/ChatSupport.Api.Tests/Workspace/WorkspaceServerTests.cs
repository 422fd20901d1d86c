using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Notes;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts;
using ChatSupport.Testing;
using Orleans.Core.Internal;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Workspace;

/// <summary>
/// The server side of the agent's workspace (docs/workspace.md): the desk row's newest message and "awaiting reply",
/// and the agent's own preferences, through the real hubs.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WorkspaceServerTests(ApiHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    [Fact]
    public async Task The_desk_row_shows_the_newest_message_awaits_a_reply_until_an_agent_answers_and_never_shows_a_note()
    {
        var tenant = await host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex");
        await using var visitor = await ChatParticipant.VisitorAsync(host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Robin" })).Session.SessionId;
        await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "v1", "Where is my parcel?");
        await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "v2", "It was due Monday");

        var row = await RowAsync(alex, sessionId, r => r.UnansweredCount == 2);
        row.LastMessage!.Text.Should().Be("It was due Monday");
        row.LastMessage.Sender.Should().Be(ChatParty.Visitor);
        row.AwaitingReplySince.Should().NotBeNull();

        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await alex.Connection.InvokeAsync<ChatNote>("AddNote", sessionId, "n1", "internal: refund if late");
        await alex.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "a1", "Let me check that for you");

        row = await RowAsync(alex, sessionId, r => r.LastMessage?.Sender == ChatParty.Agent);
        row.LastMessage!.Text.Should().Be("Let me check that for you", "a note is never a chat's newest message");
        row.AwaitingReplySince.Should().BeNull("an agent answered");
        row.UnansweredCount.Should().Be(0);
    }

    [Fact]
    public async Task Preferences_are_the_callers_own_survive_a_new_sign_in_and_bad_values_change_nothing()
    {
        var tenant = await host.NewTenantAsync();
        await using (var alex = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex"))
        {
            (await alex.Connection.InvokeAsync<AgentPreferences>("GetPreferences")).Should().BeEquivalentTo(new AgentPreferences());
            var chosen = new AgentPreferences { Sound = false, Volume = 30, DesktopNotifications = true, Theme = "dark", Density = "compact" };
            (await alex.Connection.InvokeAsync<AgentPreferences>("SavePreferences", chosen)).Should().BeEquivalentTo(chosen);

            foreach (var bad in new[] { chosen with { Volume = 150 }, chosen with { Theme = "pink" }, chosen with { Density = "tiny" } })
            {
                var refusal = await alex.Connection.Invoking(c => c.InvokeAsync<AgentPreferences>("SavePreferences", bad)).Should().ThrowAsync<HubException>();
                refusal.Which.Message.Should().Contain("invalid_input");
            }
        }

        // A new sign-in (another browser), after the operator's grain left memory, reads what was stored; another agent has their own.
        await host.Grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenant, "alex")).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await using var again = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex");
        (await again.Connection.InvokeAsync<AgentPreferences>("GetPreferences"))
            .Should().BeEquivalentTo(new AgentPreferences { Sound = false, Volume = 30, DesktopNotifications = true, Theme = "dark", Density = "compact" });
        await using var sam = await ChatParticipant.AgentAsync(host, tenant, "sam", "Sam");
        (await sam.Connection.InvokeAsync<AgentPreferences>("GetPreferences")).Should().BeEquivalentTo(new AgentPreferences());
    }

    private static async Task<SessionSummary> RowAsync(AgentParticipant agent, string sessionId, Func<SessionSummary, bool> until) =>
        (await Eventually.GetAsync(
            async () => (await agent.Connection.InvokeAsync<DeskSnapshot>("GetDesk")).Sessions.SingleOrDefault(s => s.SessionId == sessionId),
            r => r is not null && until(r), what: "the desk row"))!;
}
