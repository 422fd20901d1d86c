using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ChatSupport.Contracts.Attachments;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Notes;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Messages;

/// <summary>
/// What the idempotency check needs to know of a stored message: enough to repeat its acknowledgement, and whose
/// client message id it is (a client id is its sender's: the same id from the other party is another message).
/// </summary>
public readonly record struct StoredMessageId(long Seq, string ClientMessageId, ChatParty Sender, string SenderId, DateTimeOffset SentAt);

/// <summary>
/// A session's messages in Azure Table Storage. Partition = session key; row "m{seq:D19}" per message,
/// so rows sort by sequence number. A message is one row written with Add (never upsert): a second
/// insert of the same sequence number fails with 409 instead of overwriting, which is how a stale twin
/// activation is stopped from writing over a stored message. The row carries the client message id;
/// recognizing retries is the session grain's job (it keeps the tail's ids, see <c>RecentAcks</c>).
/// </summary>
/// <remarks>
/// Private notes live in the same partition as *internal* entries, rows "i{noteSeq:D19}" numbered on their own: every
/// message read stays within the "m…" keys, so no read that serves a visitor can return a note, and the messages'
/// numbers stay gap-free for the visitor (docs/architecture.md, "Private notes").
/// Sessions written before this layout also hold "c{clientMessageId}" marker rows (the sequence number
/// of that client id, written in one batch with the message). Nothing reads them any more: every range
/// read here stays within the "m…" keys, and the message row already holds the same client id.
/// </remarks>
public sealed class MessageLog(ChatTables tables)
{
    private const string MessagePrefix = "m";
    // One past the last message row key: "n" sorts after every "m…" key (and the old "c…" markers sort before).
    private const string MessageRowsEnd = "n";
    private const string NotePrefix = "i";
    // One past the last note row key: "j" sorts after every "i…" key and before the messages.
    private const string NoteRowsEnd = "j";
    private static readonly string[] IdColumns = ["RowKey", "ClientMessageId", "Sender", "SenderId", "SentAt"];

    /// <summary>Stores the message at its sequence number; false when that number is taken already (nothing written).</summary>
    public async Task<bool> TryAppendAsync(string sessionKey, ChatMessage message, CancellationToken ct = default)
    {
        var table = await tables.Messages;
        try
        {
            await table.AddEntityAsync(ToEntity(PartitionKeyOf(sessionKey), message), ct);
            ChatSupport.Grains.Telemetry.ChatMetrics.MessageStored(message.Sender);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Up to <paramref name="max"/> messages with sequence numbers above <paramref name="afterSeq"/>, in order.</summary>
    public async Task<(IReadOnlyList<ChatMessage> Messages, bool HasMore)> ReadAfterAsync(
        string sessionKey, long afterSeq, int max, CancellationToken ct = default)
    {
        var table = await tables.Messages;
        var filter = RangeFilter(PartitionKeyOf(sessionKey), afterSeq);
        var result = new List<ChatMessage>(Math.Min(max, 64));
        // Ask for one more than wanted to learn whether more follow without another round trip.
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max + 1, 1000), cancellationToken: ct))
        {
            if (result.Count == max) return (result, true);
            result.Add(FromEntity(entity));
        }
        return (result, false);
    }

    /// <summary>One message by its sequence number, or null when the session has no such message.</summary>
    public async Task<ChatMessage?> ReadOneAsync(string sessionKey, long seq, CancellationToken ct = default)
    {
        var table = await tables.Messages;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKeyOf(sessionKey), RowKeyOf(seq), cancellationToken: ct);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>The whole log of a session, in order: one query, the table's own paging under it.</summary>
    public async Task<IReadOnlyList<ChatMessage>> ReadAllAsync(string sessionKey, CancellationToken ct = default)
    {
        var table = await tables.Messages;
        var result = new List<ChatMessage>();
        await foreach (var entity in table.QueryAsync<TableEntity>(RangeFilter(PartitionKeyOf(sessionKey), 0), maxPerPage: 1000, cancellationToken: ct))
            result.Add(FromEntity(entity));
        return result;
    }

    /// <summary>
    /// The ids of the stored messages after <paramref name="afterSeq"/>, in sequence order (only the columns an
    /// acknowledgement needs, not the text). The last one's number is the session's newest sequence number.
    /// </summary>
    public async Task<IReadOnlyList<StoredMessageId>> ReadIdsAfterAsync(string sessionKey, long afterSeq, CancellationToken ct = default)
    {
        var table = await tables.Messages;
        var result = new List<StoredMessageId>();
        await foreach (var e in table.QueryAsync<TableEntity>(
                           RangeFilter(PartitionKeyOf(sessionKey), afterSeq), maxPerPage: 1000, select: IdColumns, cancellationToken: ct))
        {
            result.Add(new(ParseSeq(e.RowKey), e.GetString("ClientMessageId"), Enum.Parse<ChatParty>(e.GetString("Sender")), e.GetString("SenderId") ?? "",
                e.GetDateTimeOffset("SentAt") ?? throw new InvalidDataException($"Message {e.RowKey} has no SentAt.")));
        }
        return result;
    }

    /// <summary>Stores a note at its number; false when that number is taken already (nothing written).</summary>
    public async Task<bool> TryAppendNoteAsync(string sessionKey, ChatNote note, CancellationToken ct = default)
    {
        var table = await tables.Messages;
        try
        {
            await table.AddEntityAsync(ToEntity(PartitionKeyOf(sessionKey), note), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Every note of a session, in order (a chat holds at most <see cref="NoteInput.MaxNotesPerChat"/>).</summary>
    public async Task<IReadOnlyList<ChatNote>> ReadNotesAsync(string sessionKey, CancellationToken ct = default)
    {
        var table = await tables.Messages;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {PartitionKeyOf(sessionKey)} and RowKey gt {NotePrefix} and RowKey lt {NoteRowsEnd}");
        var result = new List<ChatNote>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            result.Add(NoteFromEntity(entity));
        return result;
    }

    private static string RangeFilter(string partition, long afterSeq) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {RowKeyOf(afterSeq)} and RowKey lt {MessageRowsEnd}");

    // Session keys contain '/', which a PartitionKey may not.
    private static string PartitionKeyOf(string sessionKey) => sessionKey.Replace('/', '|');

    private static string RowKeyOf(long seq) => MessagePrefix + seq.ToString("D19", CultureInfo.InvariantCulture);

    private static long ParseSeq(string rowKey) => long.Parse(rowKey.AsSpan(MessagePrefix.Length), CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(string partition, ChatNote n) => new(partition, NotePrefix + n.Seq.ToString("D19", CultureInfo.InvariantCulture))
    {
        ["ClientNoteId"] = n.ClientNoteId,
        ["Kind"] = n.Kind.ToString(),
        ["AuthorId"] = n.Author.AgentId,
        ["AuthorName"] = n.Author.DisplayName,
        ["Text"] = n.Text,
        ["Mentions"] = JsonSerializer.Serialize(n.Mentions.Select(m => new[] { m.AgentId, m.DisplayName })),
        ["AfterMessageSeq"] = n.AfterMessageSeq,
        ["WrittenAt"] = n.WrittenAt,
    };

    private static ChatNote NoteFromEntity(TableEntity e) => new()
    {
        Seq = long.Parse(e.RowKey.AsSpan(NotePrefix.Length), CultureInfo.InvariantCulture),
        ClientNoteId = e.GetString("ClientNoteId"),
        Kind = Enum.Parse<NoteKind>(e.GetString("Kind")),
        Author = new AgentRef(e.GetString("AuthorId"), e.GetString("AuthorName")),
        Text = e.GetString("Text"),
        Mentions = (JsonSerializer.Deserialize<string[][]>(e.GetString("Mentions") ?? "[]") ?? []).Select(m => new AgentRef(m[0], m[1])).ToList(),
        AfterMessageSeq = e.GetInt64("AfterMessageSeq") ?? 0,
        WrittenAt = e.GetDateTimeOffset("WrittenAt") ?? throw new InvalidDataException($"Note {e.RowKey} has no WrittenAt."),
    };

    private static TableEntity ToEntity(string partition, ChatMessage m) => new(partition, RowKeyOf(m.Seq))
    {
        ["ClientMessageId"] = m.ClientMessageId,
        ["Sender"] = m.Sender.ToString(),
        ["SenderId"] = m.SenderId,
        ["SenderName"] = m.SenderName,
        ["Text"] = m.Text,
        ["SentAt"] = m.SentAt,
        ["Attachment"] = m.Attachment is { } a ? JsonSerializer.Serialize(a) : null,
    };

    private static ChatMessage FromEntity(TableEntity e) => new()
    {
        Seq = ParseSeq(e.RowKey),
        ClientMessageId = e.GetString("ClientMessageId"),
        Sender = Enum.Parse<ChatParty>(e.GetString("Sender")),
        SenderId = e.GetString("SenderId"),
        SenderName = e.GetString("SenderName"),
        Text = e.GetString("Text"),
        SentAt = e.GetDateTimeOffset("SentAt") ?? throw new InvalidDataException($"Message {e.RowKey} has no SentAt."),
        Attachment = e.GetString("Attachment") is { } json ? JsonSerializer.Deserialize<MessageAttachment>(json) : null,
    };
}
