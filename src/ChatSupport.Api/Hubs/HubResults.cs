using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Hubs;

/// <summary>What StartChat answers: the visitor's (new or still open) session and their place in line.</summary>
public sealed record StartChatResult(ChatSessionSnapshot Session, int? QueuePosition);

/// <summary>What Resume / OpenChat answer: the session now, and the messages after the client's cursor.</summary>
public sealed record ResumeResult(ChatSessionSnapshot Session, MessagePage Messages, int? QueuePosition)
{
    /// <summary>The chat's private notes: filled by the agent hub's OpenChat only, never by the visitor's Resume.</summary>
    public IReadOnlyList<ChatSupport.Contracts.Notes.ChatNote> Notes { get; init; } = [];
}

/// <summary>
/// The visitor's StartChat answer: their own view of the session (no internal data) and their place in line, told as the
/// queue's pushes tell it (<see cref="QueuePlaces"/>): exact within the first places, else how many are ahead at least.
/// </summary>
public sealed record VisitorStartChatResult(VisitorSessionView Session, int? QueuePosition)
{
    public int? AheadAtLeast { get; init; }

    public static VisitorStartChatResult Of(VisitorSessionView session, int? position)
    {
        var (told, aheadAtLeast) = QueuePlaces.ForVisitor(position);
        return new(session, told) { AheadAtLeast = aheadAtLeast };
    }
}

/// <summary>The visitor's Resume answer: their own view of the session and of the messages after their cursor, and their place as StartChat tells it.</summary>
public sealed record VisitorResumeResult(VisitorSessionView Session, VisitorMessagePage Messages, int? QueuePosition)
{
    public int? AheadAtLeast { get; init; }

    public static VisitorResumeResult Of(ResumeResult r)
    {
        var (told, aheadAtLeast) = QueuePlaces.ForVisitor(r.QueuePosition);
        return new(VisitorSessionView.Of(r.Session), VisitorMessagePage.Of(r.Messages), told) { AheadAtLeast = aheadAtLeast };
    }
}

/// <summary>One chat of a CloseChats call: closed, or the refusal's code and sentence (nothing changed for it).</summary>
public sealed record CloseChatResult(string SessionId, bool Closed, string? Error, string? Message)
{
    public static CloseChatResult Of(string sessionId, ChatError? refusal) => new(sessionId, refusal is null, refusal?.Code, refusal?.Message);
}

internal static class HubResults
{
    /// <summary>
    /// Turns a refusal into a HubException, which SignalR sends to the caller (and only the caller) with
    /// its message; the connection stays open. The message starts with the stable error code.
    /// </summary>
    public static T OrThrow<T>(this ChatResult<T> result) =>
        result.Error is { } error ? throw new HubException(error.ToString()) : result.Value!;

    public static void ThrowIf(ChatError? error)
    {
        if (error is not null) throw new HubException(error.ToString());
    }
}
