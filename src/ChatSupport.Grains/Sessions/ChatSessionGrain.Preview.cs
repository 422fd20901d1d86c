using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// The desk's copy of each open chat's newest message (the dashboard searches it and marks chats waiting for a reply).
/// Told one-way after the message is stored: the sender's acknowledgement never waits on the desk. Only messages of the
/// log (visitor and agent ones): a private note is stored elsewhere (ChatSessionGrain.Notes) and never passes here.
/// </summary>
public sealed partial class ChatSessionGrain
{
    private void TellDeskAbout(ChatMessage message)
    {
        if (message.Sender is not (ChatParty.Visitor or ChatParty.Agent) || !S.Status.IsOpen()) return;
        _ = GrainFactory.GetGrain<IDeskGrain>(_tenantId)
            .NoteMessage(_sessionId, MessagePreview.Of(message.Seq, message.Sender, message.Text, message.SentAt));
    }
}
