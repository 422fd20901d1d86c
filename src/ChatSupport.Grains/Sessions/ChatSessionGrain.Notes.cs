using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Notes;
using ChatSupport.Contracts.Sessions;
using Microsoft.Extensions.Logging;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// Private notes: internal entries of the chat's log with their own numbers (MessageLog, rows "i…"). A note is stored
/// before it is acknowledged; its NoteAdded event goes to the consumers (mentions, archive), its NotePosted push to the
/// agents watching the chat. Nothing here is ever published in a form the bridge would hand to a visitor.
/// </summary>
public sealed partial class ChatSessionGrain
{
    private const int MaxMentions = 20;
    /// <summary>The session's notes, read on the first call that needs them (most chats have none).</summary>
    private List<ChatNote>? _notes;

    public async Task<ChatResult<ChatNote>> AddNote(ChatCaller caller, string clientNoteId, string text, IReadOnlyList<AgentRef> mentions)
    {
        if (ChatWorkflow.CanWriteNote(S, caller) is { } refused) return refused;
        if (ChatInput.CheckId(clientNoteId, "clientNoteId", ChatLimits.ClientMessageIdMaxLength) is { } badId) return badId;
        if (NoteInput.CheckText(text, out var trimmed) is { } badText) return badText;
        if (mentions.Count > MaxMentions) return ChatErrors.InvalidInput($"A note can mention at most {MaxMentions} agents.");
        return await StoreNoteAsync(caller, NoteKind.Note, clientNoteId, trimmed, mentions, along: null);
    }

    public async Task<ChatResult<IReadOnlyList<ChatNote>>> GetNotes(ChatCaller caller)
    {
        if (ChatWorkflow.CanView(S, caller) is { } refused) return refused;
        if (caller.Party != ChatParty.Agent) return ChatErrors.AgentsOnly();
        try
        {
            return (await NotesAsync()).ToList();
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            logger.LogWarning(e, "Notes of session {Session} not read", _sessionId);
            return ChatErrors.StorageUnavailable();
        }
    }

    /// <summary>A transfer with a note: the note is stored first, then the transfer and the note's event in one decision.</summary>
    private async Task<ChatResult<ChatSessionSnapshot>> TransferWithNoteAsync(ChatCaller caller, Decision transfer, string note)
    {
        var stored = await StoreNoteAsync(caller, NoteKind.Transfer, $"transfer-{S.LastEventSeq + 1}", note, [], transfer);
        return stored.Error is { } error ? error : Snapshot();
    }

    /// <summary>
    /// Stores the note under the next note number (a retry with the same client id finds the first one), then records
    /// it in the state, on top of <paramref name="along"/> (a decision the note belongs to: a transfer) when given.
    /// </summary>
    private async Task<ChatResult<ChatNote>> StoreNoteAsync(
        ChatCaller caller, NoteKind kind, string clientNoteId, string text, IReadOnlyList<AgentRef> mentions, Decision? along)
    {
        ChatNote note;
        try
        {
            var notes = await NotesAsync();
            if (notes.FirstOrDefault(n => n.ClientNoteId == clientNoteId && n.Author.AgentId == caller.Id) is { } known)
            {
                // Stored by an earlier attempt whose state write failed: record it now; otherwise it is a plain retry.
                if (known.Seq <= S.LastNoteSeq) return known;
                note = known;
            }
            else if (notes.Count >= NoteInput.MaxNotesPerChat)
                return ChatErrors.InvalidInput($"A chat can hold at most {NoteInput.MaxNotesPerChat} notes.");
            else note = await AppendNoteAsync(new ChatNote
            {
                Seq = 0,
                AfterMessageSeq = _lastSeq,
                ClientNoteId = clientNoteId,
                Kind = kind,
                Author = caller.AsAgent(),
                Text = text,
                Mentions = mentions,
                WrittenAt = clock.GetUtcNow(),
            });
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            logger.LogWarning(e, "Note for session {Session} not stored", _sessionId);
            return ChatErrors.StorageUnavailable();
        }
        // The note is recorded on top of the decision it belongs to (a transfer), whose events come first.
        var recorded = ChatWorkflow.AddNote(along?.Next ?? S, caller, note);
        if (recorded.Error is { } refused) return refused;
        var decision = along is { } first ? new Decision(recorded.Next, [.. first.Events, .. recorded.Events], null) : recorded;
        var applied = await ApplyAsync(decision);
        if (applied.Error is { } failed) return failed;
        Push(new NotePosted { TenantId = _tenantId, SessionId = _sessionId, LastSeq = _lastSeq, Note = note });
        return note;
    }

    private async Task<ChatNote> AppendNoteAsync(ChatNote draft)
    {
        var key = this.GetPrimaryKeyString();
        for (var attempt = 0; ; attempt++)
        {
            var known = _notes ??= [];
            var note = draft with { Seq = Math.Max(S.LastNoteSeq, known.LastOrDefault()?.Seq ?? 0) + 1 };
            if (await log.TryAppendNoteAsync(key, note))
            {
                known.Add(note);
                return note;
            }
            // The number is taken (a twin activation, or this very note stored by an attempt that timed out): read again.
            List<ChatNote> reread = [.. await log.ReadNotesAsync(key)];
            _notes = reread;
            if (reread.FirstOrDefault(n => n.ClientNoteId == draft.ClientNoteId && n.Author.AgentId == draft.Author.AgentId) is { } stored)
                return stored;
            if (attempt == 2) throw new Azure.RequestFailedException(409, "The note sequence kept moving; giving up for now.");
        }
    }

    private async Task<List<ChatNote>> NotesAsync() => _notes ??= [.. await log.ReadNotesAsync(this.GetPrimaryKeyString())];
}
