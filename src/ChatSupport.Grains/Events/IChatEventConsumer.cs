using ChatSupport.Contracts.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Grains.Events;

/// <summary>
/// Something that reacts to what happened in chats (the desk, the agents' lists, the archive, …). The session
/// grain delivers each of its stored events to every registered consumer at least once and in order; a consumer
/// must apply an event idempotently, by (session id, <see cref="ChatEventEnvelope.Seq"/>), and throw when it could
/// not apply it durably: the event is then delivered again later. A consumer never asks the session for its state:
/// the envelope carries the session as it was after the decision.
/// </summary>
public interface IChatEventConsumer
{
    /// <summary>Stable name: the session's stored delivery progress is kept under it, so never rename a consumer lightly.</summary>
    string Name { get; }

    /// <summary>
    /// True when the command's answer waits for this consumer's first delivery: what the caller looks at next (the
    /// desk, the agents' lists) is then current. The others get theirs in a round right after the answer, so a slow
    /// consumer (the archive, analytics) costs the chat nothing it must wait for.
    /// </summary>
    bool BeforeAnswer => false;

    Task ApplyAsync(ChatEventEnvelope e);
}

public static class ChatEventConsumerRegistration
{
    /// <summary>A new consumer is this one line in the silo's configuration, not an edit of the session grain.</summary>
    public static IServiceCollection AddChatEventConsumer<T>(this IServiceCollection services) where T : class, IChatEventConsumer =>
        services.AddSingleton<IChatEventConsumer, T>();
}
