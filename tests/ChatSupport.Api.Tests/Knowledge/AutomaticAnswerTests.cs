using ChatSupport.Api.Hubs;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Runtime;

namespace ChatSupport.Api.Tests.Knowledge;

/// <summary>
/// The automatic first answer (the workspace's AI setting, off by default): a waiting visitor whose question the
/// knowledge answers confidently gets one labelled system message with its source, stored once whatever is retried;
/// "Talk to a person" is recorded once and keeps the chat's place in the queue; neither is an agent's reply; both are
/// counted for the Analytics view, once each.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AutomaticAnswerTests(ApiHostFixture f)
{
    [Fact]
    public async Task The_first_answer_setting_sends_one_labelled_automatic_message_and_hands_off_keeping_the_place_in_the_queue()
    {
        var tenant = await f.Host.NewTenantAsync();
        (await f.Host.Grains.GetGrain<ISettingsGrain>(tenant).Save(new WorkspaceSettings { Ai = new AiSettings { FirstAnswer = true } }, 0, "alex"))
            .Error.Should().BeNull();
        await using var alex = await HelpCentre.AgentWithSmallHelpCentreAsync(f.Host, tenant);
        // Someone is ahead in the queue, so "keeps their place" is the second place, not merely the only one.
        await using var first = await ChatParticipant.VisitorAsync(f.Host, tenant);
        await first.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        await using var robin = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await robin.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Robin" })).Session.SessionId;
        var desk = f.Host.Grains.GetGrain<IDeskGrain>(tenant);
        (await desk.GetQueuePosition(sessionId)).Should().Be(2);

        await robin.SendAsync(sessionId, "v1", "When will I get my refund?");
        var automatic = await robin.Messages.WaitForAsync(m => m.Message.Sender == ChatParty.System && m.Message.SenderName == "Automatic answer",
            "the automatic answer in the widget");
        automatic.Message.Text.Should().StartWith($"Automatic answer from \u201c{HelpCentre.Title("refund-timing")}\u201d",
            "it says it is automatic and where it comes from");

        // A retry of the offer (the knowledge grain's, after a timeout) and a new activation store nothing again.
        var session = f.Host.Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, sessionId));
        var best = (await f.Host.Grains.GetGrain<IKnowledgeGrain>(tenant).Suggest("When will I get my refund?")).Suggestions[0];
        (await session.OfferAutomaticAnswer(best)).Should().BeFalse();
        await f.Host.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        (await session.OfferAutomaticAnswer(best)).Should().BeFalse();

        await robin.Connection.InvokeAsync<VisitorSessionView>("TalkToPerson", sessionId);
        var again = await robin.Connection.InvokeAsync<VisitorSessionView>("TalkToPerson", sessionId);
        again.Status.Should().Be(ChatStatus.WaitingForAgent);
        (await desk.GetQueuePosition(sessionId)).Should().Be(2, "asking for a person keeps the visitor's place");

        var history = await alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 100);
        history.Messages.Count(m => m.SenderName == "Automatic answer").Should().Be(1);
        history.Messages.Single(m => m.SenderName == "Automatic answer").Seq.Should().Be(automatic.Message.Seq);
        history.Messages.Count(m => m.Text.StartsWith("Connecting you with a person", StringComparison.Ordinal)).Should().Be(1, "the second press records nothing");
        history.Messages.Where(m => m.Sender == ChatParty.Agent).Should().BeEmpty();
        (await alex.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", sessionId)).FirstAgentReplyAt.Should().BeNull("an automatic answer is no agent's reply");

        var stats = await Eventually.GetAsync(() => alex.Connection.InvokeAsync<IReadOnlyList<AutomaticAnswerStats>>("GetAutomaticAnswerStats"),
            s => s.Count == 1 && s[0].HandedOff == 1, what: "the automatic answer and the hand-off counted");
        (stats[0].Sent, stats[0].HandedOff).Should().Be((1, 1));
    }

    [Fact]
    public async Task Without_the_setting_no_automatic_answer_is_sent_and_talk_to_a_person_is_refused()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await HelpCentre.AgentWithSmallHelpCentreAsync(f.Host, tenant);
        await using var robin = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await robin.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        var best = (await f.Host.Grains.GetGrain<IKnowledgeGrain>(tenant).Suggest("When will I get my refund?")).Suggestions[0];

        (await f.Host.Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, sessionId)).OfferAutomaticAnswer(best))
            .Should().BeFalse("the first answer is off by default");
        var refused = await FluentActions.Awaiting(() => robin.Connection.InvokeAsync<VisitorSessionView>("TalkToPerson", sessionId))
            .Should().ThrowAsync<HubException>();
        refused.Which.Message.Should().Contain("invalid_input");
        (await alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 100)).Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task A_first_answer_threshold_outside_its_range_is_invalid_input_and_nothing_is_saved()
    {
        var tenant = await f.Host.NewTenantAsync();
        var settings = f.Host.Grains.GetGrain<ISettingsGrain>(tenant);
        var saved = await settings.Save(new WorkspaceSettings { Ai = new AiSettings { FirstAnswer = true, FirstAnswerThreshold = 0.2 } }, 0, "alex");
        saved.Error!.Code.Should().Be("invalid_input");
        saved.Error.Message.Should().Contain("ai.firstAnswerThreshold");
        (await settings.Get()).Ai.FirstAnswer.Should().BeFalse();
    }
}
