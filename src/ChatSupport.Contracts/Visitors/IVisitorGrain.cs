using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Visitors;

/// <summary>
/// A visitor of one tenant's site, keyed "{tenantId}/{visitorId}". Remembers the visitor's open chat so
/// that reopening the widget (or a second tab, or a second Api node) gets the same chat, never a second one.
/// </summary>
public interface IVisitorGrain : IGrainWithStringKey
{
    Task<ChatResult<ChatSessionSnapshot>> StartOrResumeChat(VisitorMetadata metadata);

    /// <summary>
    /// An agent reopens one of the visitor's resolved chats: refused with <c>visitor_has_open_chat</c> while another of
    /// theirs is open; otherwise it becomes the visitor's open chat again (the widget shows it on their next visit).
    /// </summary>
    Task<ChatResult<ChatSessionSnapshot>> ReopenChat(string sessionId, ChatCaller caller);

    /// <summary>The visitor's open session id, or null.</summary>
    Task<string?> GetOpenSessionId();

    /// <summary>Every session this visitor has had, newest first (bounded).</summary>
    Task<IReadOnlyList<string>> GetSessionIds();

    /// <summary>The generation visitor tokens must carry: a token of an older one is revoked (no connect, no renewal).</summary>
    Task<int> GetTokenGeneration();

    /// <summary>Revokes every token issued to this visitor so far: they can no longer connect or be renewed.</summary>
    Task RevokeTokens();
}
