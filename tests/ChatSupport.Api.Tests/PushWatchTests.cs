using ChatSupport.Api.Hubs;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Pushes;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Core.Internal;

namespace ChatSupport.Api.Tests;

/// <summary>
/// The Api node watches the grains that raise live events (docs/architecture.md, "Pushes"). A watch lives in the
/// grain's activation: when the activation goes, the next one must hear from the node without the chat going quiet.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PushWatchTests(ApiHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    [Fact]
    public async Task An_agent_keeps_getting_the_visitors_messages_after_the_session_grain_was_deactivated()
    {
        var tenant = await host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex");
        await alex.Connection.InvokeAsync<DeskSnapshot>("GetDesk");
        await using var visitor = await ChatParticipant.VisitorAsync(host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Robin" })).Session.SessionId;
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await alex.Connection.InvokeAsync<ResumeResult>("OpenChat", sessionId, 0L);
        await visitor.SendAsync(sessionId, "m1", "hello");
        await alex.Messages.WaitForAsync(m => m.Message.Seq == 1, "the first message live");

        // The activation goes (idle, moved, a write conflict); the chat goes on with the next one.
        await host.Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, sessionId)).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        (await visitor.SendAsync(sessionId, "m2", "still there?")).Seq.Should().Be(2);

        // Live or by the session's catch-up snapshot (a dashboard then reads the history after its last seq), and well
        // before the node's next renewal would have found the new activation.
        await Eventually.GetAsync(() => Task.FromResult(
                alex.Messages.Snapshot().Any(m => m.Message.Seq == 2) || alex.Changes.Snapshot().Any(c => c.Session.LastSeq >= 2)),
            learned => learned, PushWatch.RenewPeriod / 2, "the agent told of the message sent after the deactivation");
        await visitor.SendAsync(sessionId, "m3", "hello again");
        await Eventually.GetAsync(() => Task.FromResult(alex.Messages.Snapshot().Any(m => m.Message.Seq == 3)),
            live => live, PushWatch.RenewPeriod / 2, "the next message live again");
    }
}
