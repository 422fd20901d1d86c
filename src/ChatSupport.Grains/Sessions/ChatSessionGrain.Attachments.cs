using ChatSupport.Contracts.Attachments;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using Microsoft.Extensions.Logging;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// File attachments: a message of the log like any other (its number, its client message id, stored before it is
/// acknowledged), written only after the Api stored (and scanned) its bytes. The bytes never pass through here.
/// </summary>
public sealed partial class ChatSessionGrain
{
    public Task<ChatResult<AttachPermit>> CheckAttach(ChatCaller caller, string clientMessageId, int maxPerChat)
    {
        if (ChatWorkflow.CanPost(S, caller) is { } refused) return Task.FromResult<ChatResult<AttachPermit>>(refused);
        if (ChatInput.CheckClientMessageId(clientMessageId) is { } badId) return Task.FromResult<ChatResult<AttachPermit>>(badId);
        if (_recentAcks.TryGet(caller, clientMessageId, out var known))
            return Task.FromResult<ChatResult<AttachPermit>>(new AttachPermit(ToAck(known, duplicate: true)));
        if (S.AttachmentCount >= maxPerChat) return Task.FromResult<ChatResult<AttachPermit>>(AttachmentErrors.LimitReached(maxPerChat));
        return Task.FromResult<ChatResult<AttachPermit>>(new AttachPermit(null));
    }

    public async Task<ChatResult<MessageAck>> PostAttachment(ChatCaller caller, string clientMessageId, MessageAttachment attachment, int maxPerChat)
    {
        if (ChatWorkflow.CanPost(S, caller) is { } refused) return refused;
        if (ChatInput.CheckClientMessageId(clientMessageId) is { } badId) return badId;
        if (_recentAcks.TryGet(caller, clientMessageId, out var known)) return await AcknowledgeAgainAsync(known);
        // Checked again here, one call at a time: two uploads that both passed CheckAttach cannot both pass this.
        if (S.AttachmentCount >= maxPerChat) return AttachmentErrors.LimitReached(maxPerChat);

        var stored = await StoreAsync(caller, clientMessageId, attachment.FileName, attachment);
        if (stored.Value is { Duplicate: false }) await CountAttachmentAsync();
        return stored;
    }

    public async Task<ChatResult<ChatMessage>> GetAttachment(ChatCaller caller, long seq)
    {
        if (ChatWorkflow.CanView(S, caller) is { } refused) return refused;
        if (seq < 1 || seq > _lastSeq) return AttachmentErrors.NotAnAttachment();
        var message = await log.ReadOneAsync(this.GetPrimaryKeyString(), seq);
        return message is { Attachment: not null } ? message : AttachmentErrors.NotAnAttachment();
    }

    /// <summary>
    /// The count a chat's limit is checked against. Written after the message: if this write fails the message stands
    /// and the chat may hold one file more than its limit, which is the lenient side of a count.
    /// </summary>
    private async Task CountAttachmentAsync()
    {
        var before = S;
        state.State = S with { AttachmentCount = S.AttachmentCount + 1, LastSeq = _lastSeq };
        try
        {
            await state.WriteStateAsync();
            _outboxChanged = false;
        }
        catch (Exception e) when (IsStorageFailure(e) || e is Orleans.Storage.InconsistentStateException)
        {
            logger.LogWarning(e, "Attachment count of session {Session} not stored", _sessionId);
            state.State = S with { AttachmentCount = before.AttachmentCount + 1 };
        }
    }
}
