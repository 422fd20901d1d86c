using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;

namespace ChatSupport.Grains.People;

/// <summary>Keeps each agent's list of the chats they hold: taken on assignment, handed on by a transfer, let go when the chat ends or is re-routed.</summary>
public sealed class AgentEventConsumer(IGrainFactory grains) : IChatEventConsumer
{
    public string Name => "agents";

    public bool BeforeAnswer => true;

    public async Task ApplyAsync(ChatEventEnvelope e)
    {
        switch (e.Event)
        {
            case AgentAssigned assigned:
                await Agent(e, assigned.Agent).Hold(e.SessionId, e.Seq);
                break;
            case ChatTransferred transferred:
                await Agent(e, transferred.From).Release(e.SessionId, e.Seq);
                await Agent(e, transferred.To).Hold(e.SessionId, e.Seq);
                break;
            case ChatReRouted reRouted:
                await Agent(e, reRouted.From).Release(e.SessionId, e.Seq);
                break;
            case ChatEnded { Agent: { } agent }:
                await Agent(e, agent).Release(e.SessionId, e.Seq);
                break;
        }
    }

    private IAgentGrain Agent(ChatEventEnvelope e, AgentRef agent) =>
        grains.GetGrain<IAgentGrain>(GrainKeys.Compose(e.TenantId, agent.AgentId));
}
