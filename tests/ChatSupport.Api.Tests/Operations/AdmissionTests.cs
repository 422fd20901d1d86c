using ChatSupport.Api.Hubs;
using ChatSupport.Api.Overload;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Tests.Operations;

/// <summary>
/// Admission control (docs/operations.md, "Overload"): past its limit of calls in flight an Api node refuses the next
/// hub call at once with try_again, before it does anything, instead of queueing it until the response timeout; the
/// connection stays open, and the refused message, sent again with its client message id, is stored once.
/// </summary>
public sealed class AdmissionTests
{
    [Fact]
    public void The_gate_admits_up_to_its_limit_and_again_once_a_call_leaves()
    {
        var gate = new AdmissionGate(Options.Create(new AdmissionOptions { Concurrency = 2 }));

        gate.TryEnter().Should().BeTrue();
        gate.TryEnter().Should().BeTrue();
        gate.TryEnter().Should().BeFalse("two calls are in flight");
        gate.InFlight.Should().Be(2, "a refused call takes no slot");

        gate.Leave();
        gate.TryEnter().Should().BeTrue("a slot was freed");
    }

    [Fact]
    public async Task With_storage_stalled_a_call_past_the_limit_is_refused_with_try_again_stores_nothing_and_is_stored_once_when_sent_again()
    {
        await using var host = await ApiHost.StartAsync(["ChatSupport:Admission:Concurrency=2"]);
        var tenant = await host.NewTenantAsync();
        var visitors = new List<VisitorParticipant>();
        var sessions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var visitor = await ChatParticipant.VisitorAsync(host, tenant);
            visitors.Add(visitor);
            sessions.Add((await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId);
        }
        var gate = host.Services.GetRequiredService<AdmissionGate>();

        Task<MessageAck>[] stalled;
        HubException refused;
        await host.SuspendStorageAsync();
        try
        {
            // Two sends wait for the frozen storage and hold both slots.
            stalled = [visitors[0].SendAsync(sessions[0], "m0", "first"), visitors[1].SendAsync(sessions[1], "m1", "second")];
            // Within the 10 s response timeout, after which the stalled calls would give their slots back.
            await Eventually.GetAsync(() => Task.FromResult(gate.InFlight), n => n == 2, TimeSpan.FromSeconds(8), "both sends in flight");

            var third = () => visitors[2].SendAsync(sessions[2], "m2", "third");
            refused = (await third.Should().ThrowAsync<HubException>()).Which;
        }
        finally
        {
            await host.ResumeStorageAsync();
        }

        Outcome.CodeOf(refused).Should().Be("try_again");
        visitors[2].Connection.State.Should().Be(HubConnectionState.Connected, "a refusal is an answer: the connection stays open");
        (await Task.WhenAll(stalled)).Select(a => a.Seq).Should().OnlyContain(seq => seq > 0, "the admitted sends finish once storage answers");
        (await MessagesAsync(host, visitors[2], tenant, sessions[2])).Should().BeEmpty("the refused send stored nothing");

        var again = await visitors[2].SendAsync(sessions[2], "m2", "third");
        (await visitors[2].SendAsync(sessions[2], "m2", "third")).Seq.Should().Be(again.Seq, "the same client message id is the same message");
        (await MessagesAsync(host, visitors[2], tenant, sessions[2])).Should().ContainSingle().Which.Text.Should().Be("third");
        gate.InFlight.Should().Be(0, "every admitted call gave its slot back");

        foreach (var v in visitors) await v.DisposeAsync();
    }

    private static async Task<IReadOnlyList<ChatMessage>> MessagesAsync(ApiHost host, VisitorParticipant visitor, string tenant, string sessionId) =>
        (await host.Grains.GetGrain<IChatSessionGrain>($"{tenant}/{sessionId}").GetMessages(ChatCaller.Visitor(visitor.Token!.VisitorId), 0, 50))
        .Value!.Messages;
}
