using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Archive;

/// <summary>
/// The archive of resolved chats (a stateless worker: storage is the truth, any silo may serve a call).
/// Writes are idempotent upserts by session id; reads are key-range queries (docs/architecture.md).
/// </summary>
public interface IArchiveGrain : IGrainWithIntegerKey
{
    /// <summary>Stores (or re-stores) a resolved chat with its rating, and counts the rating once for its agent.</summary>
    Task Save(ArchivedChat chat);

    /// <summary>Stores the chat only when the archive does not hold it, or holds it unrated while this copy is rated.</summary>
    Task EnsureSaved(ArchivedChat chat);

    /// <summary>A page of the tenant's resolved chats matching the filter, newest first, after the cursor.</summary>
    Task<ChatResult<ArchivePage>> List(string tenantId, ArchiveFilter filter, string? cursor, int pageSize);

    Task<ArchivedChat?> Get(string tenantId, string sessionId);

    /// <summary>The transcript of an archived chat: the messages after afterSeq, in order.</summary>
    Task<ChatResult<MessagePage>> GetTranscript(string tenantId, string sessionId, long afterSeq, int max);

    /// <summary>A reopened chat leaves the archive (it is archived again, with its new end, when it ends again).</summary>
    Task Remove(string tenantId, string sessionId);

    /// <summary>The private notes of an archived chat, in order (admins only: internal entries of the log).</summary>
    Task<ChatResult<IReadOnlyList<ChatSupport.Contracts.Notes.ChatNote>>> GetNotes(string tenantId, string sessionId);

    /// <summary>Average rating and count per agent of the tenant.</summary>
    Task<IReadOnlyList<AgentRatingStats>> GetAgentRatings(string tenantId);
}
