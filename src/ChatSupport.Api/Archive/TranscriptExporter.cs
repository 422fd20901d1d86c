using System.Runtime.CompilerServices;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using Microsoft.Net.Http.Headers;

namespace ChatSupport.Api.Archive;

/// <summary>
/// Streams chats and their transcripts to the response as they are read: a page of chats (100), then each
/// chat's messages a page (200) at a time. Memory stays at about a page whatever the export's size.
/// </summary>
public sealed class TranscriptExporter(IGrainFactory grains)
{
    private const int ChatsPerPage = ArchiveFilter.PageMax;
    private const int MessagesPerPage = ChatLimits.HistoryPageMax;

    private IArchiveGrain Archive => grains.GetGrain<IArchiveGrain>(0);

    public async Task WriteAsync(HttpResponse response, ITranscriptFormat format, string fileName, IAsyncEnumerable<ArchivedChat> chats, CancellationToken ct)
    {
        response.ContentType = format.ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"{fileName}.{format.Extension}",
            FileName = $"{fileName}.{format.Extension}",
        }.ToString();
        response.Headers.CacheControl = "no-store";
        await format.BeginAsync(response.Body, ct);
        await foreach (var chat in chats.WithCancellation(ct))
            await format.WriteChatAsync(chat, MessagesOf(chat, ct), ct);
        await format.EndAsync(ct);
    }

    /// <summary>Every chat the filter matches, newest first, read a page at a time.</summary>
    public async IAsyncEnumerable<ArchivedChat> MatchingAsync(string tenantId, ArchiveFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        string? cursor = null;
        do
        {
            var page = await Archive.List(tenantId, filter, cursor, ChatsPerPage);
            if (page.Error is { } error) throw new InvalidOperationException(error.ToString());
            foreach (var chat in page.Value!.Chats) yield return chat;
            cursor = page.Value.NextCursor;
        } while (cursor is not null && !ct.IsCancellationRequested);
    }

    /// <summary>
    /// The transcript with the private notes in place (each after the message it followed), every note marked as
    /// internal in its sender name and text. The exports are for System Admins only, like every archive route.
    /// </summary>
    private async IAsyncEnumerable<ChatMessage> MessagesOf(ArchivedChat chat, [EnumeratorCancellation] CancellationToken ct)
    {
        var notes = new Queue<ChatSupport.Contracts.Notes.ChatNote>((await Archive.GetNotes(chat.TenantId, chat.SessionId)).Value ?? []);
        while (notes.TryPeek(out var first) && first.AfterMessageSeq == 0) yield return AsInternalLine(notes.Dequeue());
        // A resolved chat takes no more messages, so its archived count is final: no read for an empty transcript.
        long after = 0;
        while (chat.MessageCount > 0 && !ct.IsCancellationRequested)
        {
            var page = await Archive.GetTranscript(chat.TenantId, chat.SessionId, after, MessagesPerPage);
            if (page.Error is { } error) throw new InvalidOperationException(error.ToString());
            foreach (var m in page.Value!.Messages)
            {
                yield return m;
                while (notes.TryPeek(out var next) && next.AfterMessageSeq <= m.Seq) yield return AsInternalLine(notes.Dequeue());
            }
            if (!page.Value.HasMore || page.Value.Messages.Count == 0) break;
            after = page.Value.Messages[^1].Seq;
        }
        while (notes.TryDequeue(out var rest)) yield return AsInternalLine(rest);
    }

    public const string InternalNoteMark = "INTERNAL NOTE";

    private static ChatMessage AsInternalLine(ChatSupport.Contracts.Notes.ChatNote n) => new()
    {
        Seq = n.AfterMessageSeq,
        ClientMessageId = $"note-{n.Seq}",
        Sender = ChatParty.Agent,
        SenderId = n.Author.AgentId,
        SenderName = $"{n.Author.DisplayName} ({InternalNoteMark})",
        Text = $"[{InternalNoteMark}] {n.Text}",
        SentAt = n.WrittenAt,
    };
}
