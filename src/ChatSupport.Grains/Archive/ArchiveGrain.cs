using ChatSupport.Contracts;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Messages;
using Orleans.Concurrency;

namespace ChatSupport.Grains.Archive;

/// <summary>
/// The archive's front door. A stateless worker: it keeps nothing in memory (the tables are the truth),
/// so every silo serves archive calls locally and a busy export does not queue behind anyone's rating.
/// </summary>
[StatelessWorker]
public sealed class ArchiveGrain(ArchiveWriter writer, ArchiveReader reader, AgentRatingTotals ratings, MessageLog log) : Grain, IArchiveGrain
{
    public async Task Save(ArchivedChat chat) => await writer.SaveAsync(await WithNotesAsync(chat));

    public async Task EnsureSaved(ArchivedChat chat)
    {
        var stored = await writer.GetAsync(chat.TenantId, chat.SessionId);
        // A rating is given once and never taken back: a stored rated chat is not replaced by an older, unrated copy.
        if (stored is null || stored.Rating is null && (chat.Rating is not null || stored.HidesVisitor != chat.HidesVisitor)) await writer.SaveAsync(await WithNotesAsync(chat));
    }

    // Everything leaving the archive for agents goes through ForDisplay: an anonymous rating hides its visitor.
    public async Task<ChatResult<ArchivePage>> List(string tenantId, ArchiveFilter filter, string? cursor, int pageSize)
    {
        var page = await reader.ListAsync(tenantId, filter, cursor, pageSize);
        return page.Value is { } p ? p with { Chats = p.Chats.Select(c => c.ForDisplay()).ToList() } : page;
    }

    public async Task<ArchivedChat?> Get(string tenantId, string sessionId) => (await writer.GetAsync(tenantId, sessionId))?.ForDisplay();

    public async Task<ChatResult<MessagePage>> GetTranscript(string tenantId, string sessionId, long afterSeq, int max)
    {
        if (ChatInput.CheckSequence(afterSeq, "afterSeq") is { } badSeq) return badSeq;
        if (max is < 1 or > ChatLimits.HistoryPageMax) return ChatErrors.InvalidInput($"A history page holds 1 to {ChatLimits.HistoryPageMax} messages.");
        // Only archived chats of the caller's tenant have a transcript here.
        if (await writer.GetAsync(tenantId, sessionId) is not { } chat) return ChatErrors.UnknownSession();
        var (messages, hasMore) = await log.ReadAfterAsync(GrainKeys.Compose(tenantId, sessionId), afterSeq, max);
        // An anonymous rating hides who gave it: the visitor's messages lose their sender's id and name here too.
        if (chat.HidesVisitor)
            messages = messages.Select(m => m.Sender == ChatParty.Visitor ? m with { SenderId = "", SenderName = null } : m).ToList();
        return new MessagePage { Messages = messages, HasMore = hasMore, LastSeq = chat.MessageCount };
    }

    public async Task Remove(string tenantId, string sessionId)
    {
        if (await writer.GetAsync(tenantId, sessionId) is { } chat) await writer.RemoveAsync(chat);
    }

    public async Task<ChatResult<IReadOnlyList<ChatSupport.Contracts.Notes.ChatNote>>> GetNotes(string tenantId, string sessionId)
    {
        if (await writer.GetAsync(tenantId, sessionId) is null) return ChatErrors.UnknownSession();
        var notes = await log.ReadNotesAsync(GrainKeys.Compose(tenantId, sessionId));
        return ChatResult<IReadOnlyList<ChatSupport.Contracts.Notes.ChatNote>>.Ok(notes);
    }

    /// <summary>The notes' text for the note search, from the log (lower case; at most what a table property holds).</summary>
    private async Task<ArchivedChat> WithNotesAsync(ArchivedChat chat)
    {
        var notes = await log.ReadNotesAsync(GrainKeys.Compose(chat.TenantId, chat.SessionId));
        if (notes.Count == 0) return chat;
        var text = string.Join("\n", notes.Select(n => n.Text)).ToLowerInvariant();
        return chat with { NotesText = text.Length <= NotesTextMax ? text : text[..NotesTextMax] };
    }

    private const int NotesTextMax = 30_000;

    public Task<IReadOnlyList<AgentRatingStats>> GetAgentRatings(string tenantId) => ratings.ReadAsync(tenantId);
}
