using System.Text.Json;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Webhooks;
using ChatSupport.Grains.Webhooks;
using FluentAssertions;
using Xunit;

namespace ChatSupport.Grains.Tests.Webhooks;

/// <summary>Which session events an endpoint hears of, and what a missed target tells it.</summary>
public sealed class WebhookPayloadTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly AgentRef Alex = new("alex", "Alex");

    private static ChatEventEnvelope Envelope(ChatEvent e) => new()
    {
        TenantId = "acme", SessionId = "s1", Seq = 4, Event = e,
        Session = new ChatSessionSnapshot
        {
            TenantId = "acme", SessionId = "s1", VisitorId = "v1", Status = ChatStatus.ActiveChat, Visitor = VisitorMetadata.Empty,
            CreatedAt = Start, LastSeq = 3, Receipts = DeliveryReceipts.None, AssignedAgent = Alex,
        },
    };

    [Fact]
    public void A_missed_target_is_a_target_missed_event_naming_the_target_its_due_time_and_the_agent()
    {
        var due = Start.AddMinutes(3);
        var hook = WebhookPayloads.From(Envelope(new TargetMissed { Target = "first_reply", DueAt = due, Agent = Alex, OccurredAt = due }))!;

        hook.Name.Should().Be(WebhookEventNames.TargetMissed);
        hook.EventId.Should().Be("evt_s1_e4");
        using var body = JsonDocument.Parse(hook.Body);
        body.RootElement.GetProperty("type").GetString().Should().Be("target.missed");
        var data = body.RootElement.GetProperty("data");
        data.GetProperty("target").GetString().Should().Be("first_reply");
        data.GetProperty("dueAt").GetDateTimeOffset().Should().Be(due);
        data.GetProperty("agent").GetProperty("id").GetString().Should().Be("alex");
        WebhookEventNames.All.Should().Contain(WebhookEventNames.TargetMissed, "an endpoint can ask for it");
    }

    [Fact]
    public void A_re_routed_chat_is_a_chat_rerouted_event_naming_the_agent_who_did_not_answer_and_the_wait()
    {
        var hook = WebhookPayloads.From(Envelope(new ChatReRouted { From = Alex, AfterSeconds = 120, OccurredAt = Start.AddMinutes(2) }))!;

        hook.Name.Should().Be(WebhookEventNames.ChatReRouted);
        using var body = JsonDocument.Parse(hook.Body);
        body.RootElement.GetProperty("type").GetString().Should().Be("chat.rerouted");
        var data = body.RootElement.GetProperty("data");
        data.GetProperty("from").GetProperty("id").GetString().Should().Be("alex");
        data.GetProperty("afterSeconds").GetInt32().Should().Be(120);
        WebhookEventNames.All.Should().Contain(WebhookEventNames.ChatReRouted, "an endpoint can ask for it");
    }

    [Fact]
    public void A_target_started_or_met_raises_no_webhook()
    {
        WebhookPayloads.From(Envelope(new TargetMet { Target = "first_reply", DueAt = Start.AddMinutes(3), Agent = Alex, OccurredAt = Start })).Should().BeNull();
    }
}
