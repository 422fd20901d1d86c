using ChatSupport.Contracts;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;
using ChatSupport.Silo;

namespace ChatSupport.Api.Demo;

/// <summary>
/// Plays one demo chat through the real grains (the visitor grain starts it; every other step is a session grain
/// command, as the hubs would call it), each step at its own time (<see cref="DemoClock"/>). Safe to play again: the
/// visitor grain already knows the chat, messages carry fixed client message ids, and a step already done is refused
/// by the session (already assigned, resolved, rated …), which here means "done before".
/// </summary>
public sealed class DemoChatRunner(IGrainFactory grains, string tenantId)
{
    private const int Attempts = 5;

    public async Task RunAsync(DemoChat chat, CancellationToken ct)
    {
        var visitor = ChatCaller.Visitor(chat.VisitorId);
        var visitorGrain = grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(tenantId, chat.VisitorId));
        var sessionId = (await RetryAsync(visitorGrain.GetSessionIds, ct)).FirstOrDefault();
        if (sessionId is null)
        {
            var started = await RetryAsync(() => DemoClock.At(chat.Start, () => visitorGrain.StartOrResumeChat(chat.Visitor)), ct);
            sessionId = started.Value?.SessionId ?? throw new InvalidOperationException($"Demo chat {chat.Index} did not start: {started.Error}");
        }
        var session = grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenantId, sessionId));
        for (var n = 1; n < chat.Steps.Count; n++)
        {
            var step = chat.Steps[n];
            var messageId = $"demo-{chat.Index}-{n}";
            await RetryAsync(() => DemoClock.At(step.At, () => step switch
            {
                VisitorSays v => Outcome(session.PostMessage(visitor, messageId, v.Text)),
                AgentTakes a => Outcome(session.Assign(ChatCaller.Agent(a.Agent), a.Agent)),
                AgentSays a => Outcome(session.PostMessage(ChatCaller.Agent(a.Agent), messageId, a.Text)),
                AgentTransfers a => Outcome(session.Transfer(ChatCaller.Agent(a.From), a.To, a.Note)),
                AgentResolves a => Outcome(session.Resolve(ChatCaller.Agent(a.Agent))),
                VisitorLeaves => Outcome(session.CloseByVisitor(visitor)),
                VisitorRates r => Outcome(session.Rate(visitor, r.Stars, r.Feedback, r.Anonymous)),
                _ => Task.FromResult<ChatError?>(null),
            }), ct);
        }
    }

    private static async Task<ChatError?> Outcome<T>(Task<ChatResult<T>> call) => (await call).Error;

    /// <summary>
    /// Storage that did not answer (try_again) and a call that timed out (a busy machine) are tried again: every step is
    /// safe to repeat. Any other refusal is a step done before.
    /// </summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await call();
                var error = result switch { ChatError e => e, ChatResult<ChatSessionSnapshot> r => r.Error, _ => null };
                if (error?.Code != "try_again" || attempt == Attempts) return result;
            }
            catch (TimeoutException) when (attempt < Attempts)
            {
                // The grain is still working on it; the repeat finds it done or does it.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), ct);
        }
    }
}
