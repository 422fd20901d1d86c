using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Notes;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Sessions;

// Private notes: any agent of the tenant, in any status (open or resolved); never the visitor.
public static partial class ChatWorkflow
{
    public static ChatError? CanWriteNote(ChatSessionState s, ChatCaller caller)
    {
        if (!s.Started) return ChatErrors.UnknownSession();
        return caller.Party == ChatParty.Agent ? null : ChatErrors.AgentsOnly();
    }

    /// <summary>Records a stored note (its number is the session's newest note number from now on).</summary>
    public static Decision AddNote(ChatSessionState s, ChatCaller caller, ChatNote stored)
    {
        if (CanWriteNote(s, caller) is { } refused) return refused;
        return Decision.To(s with { LastNoteSeq = Math.Max(s.LastNoteSeq, stored.Seq) }, new NoteAdded { Note = stored, OccurredAt = stored.WrittenAt });
    }
}
