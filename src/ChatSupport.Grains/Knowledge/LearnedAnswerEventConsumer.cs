using ChatSupport.Contracts;
using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;
using ChatSupport.Grains.Messages;

namespace ChatSupport.Grains.Knowledge;

/// <summary>
/// A chat rated 4 or 5 stars proposes a learned answer: the visitor's question (their messages before the agent's
/// first reply) and the agent's answer (the agent's messages from then until the visitor wrote again). The knowledge
/// grain scrubs both and keeps them as a candidate for an admin to approve. Read from the message log, the durable
/// record of the chat, never from the session's state.
/// </summary>
public sealed class LearnedAnswerEventConsumer(IGrainFactory grains, MessageLog log) : IChatEventConsumer
{
    public const int LowestStars = 4;

    public string Name => "learned-answers";

    public async Task ApplyAsync(ChatEventEnvelope e)
    {
        if (e.Event is not ChatRated { Stars: >= LowestStars }) return;
        var messages = await log.ReadAllAsync(GrainKeys.Compose(e.TenantId, e.SessionId));
        if (QuestionAndAnswer(messages) is not var (question, answer)) return;
        await grains.GetGrain<IKnowledgeGrain>(e.TenantId).ProposeLearnedAnswer(e.SessionId, e.Session.ResolvedAt ?? e.Event.OccurredAt, question, answer);
    }

    /// <summary>The visitor's messages before the agent's first reply, and the agent's messages until the visitor wrote again; null when the chat has no such pair.</summary>
    public static (string Question, string Answer)? QuestionAndAnswer(IReadOnlyList<ChatMessage> messages)
    {
        var firstReply = messages.ToList().FindIndex(m => m.Sender == ChatParty.Agent);
        if (firstReply <= 0) return null;
        var question = string.Join(" ", messages.Take(firstReply).Where(m => m.Sender == ChatParty.Visitor).Select(m => m.Text.Trim()));
        var answer = string.Join("\n", messages.Skip(firstReply).TakeWhile(m => m.Sender != ChatParty.Visitor)
            .Where(m => m.Sender == ChatParty.Agent).Select(m => m.Text.Trim()));
        return question.Length == 0 || answer.Length == 0 ? null : (question, answer);
    }
}
