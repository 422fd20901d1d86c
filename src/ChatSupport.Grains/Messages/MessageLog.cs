using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ChatSupport.Contracts.Messages;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Messages;

/// <summary>The outcome of appending one message.</summary>
public enum AppendOutcome
{
    /// <summary>Stored now.</summary>
    Stored,
    /// <summary>A message with that client message id was stored before; <see cref="AppendResult.Message"/> is that one.</summary>
    Duplicate,
    /// <summary>The sequence number was taken (another activation wrote it); reload the tail and retry.</summary>
    SequenceTaken,
}

public readonly record struct AppendResult(AppendOutcome Outcome, ChatMessage? Message);

/// <summary>
/// A session's messages in Azure Table Storage. Partition = session key; row "m{seq:D19}" per message,
/// so rows sort by sequence number; row "c{clientMessageId}" per message holding its sequence number.
/// Both rows go in one entity-group transaction: a message and its idempotency marker are stored
/// together or not at all, and a second insert of either fails instead of overwriting.
/// </summary>
public sealed class MessageLog(ChatTables tables)
{
    private const string MessagePrefix = "m";
    private const string ClientIdPrefix = "c";
    // One past the last message row key: "n" sorts after every "m…" key.
    private const string MessageRowsEnd = "n";

    public async Task<AppendResult> AppendAsync(string sessionKey, ChatMessage message, CancellationToken ct = default)
    {
        var table = await tables.Messages;
        var partition = PartitionKeyOf(sessionKey);
        TableTransactionAction[] batch =
        [
            new(TableTransactionActionType.Add, ToEntity(partition, message)),
            new(TableTransactionActionType.Add, new TableEntity(partition, ClientIdPrefix + message.ClientMessageId)
            {
                ["Seq"] = message.Seq,
            }),
        ];
        try
        {
            await table.SubmitTransactionAsync(batch, ct);
            return new(AppendOutcome.Stored, message);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // Either the client id or the sequence number exists already; the marker row tells which.
            var existing = await FindByClientIdAsync(table, partition, message.ClientMessageId, ct);
            return existing is null ? new(AppendOutcome.SequenceTaken, null) : new(AppendOutcome.Duplicate, existing);
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

    /// <summary>The newest stored sequence number, reading only the rows after a known checkpoint.</summary>
    public async Task<long> ReadLastSeqAsync(string sessionKey, long checkpoint, CancellationToken ct = default)
    {
        var table = await tables.Messages;
        var last = checkpoint;
        await foreach (var entity in table.QueryAsync<TableEntity>(
                           RangeFilter(PartitionKeyOf(sessionKey), checkpoint), select: ["RowKey"], cancellationToken: ct))
        {
            last = Math.Max(last, ParseSeq(entity.RowKey));
        }
        return last;
    }

    private static async Task<ChatMessage?> FindByClientIdAsync(TableClient table, string partition, string clientMessageId, CancellationToken ct)
    {
        var marker = await table.GetEntityIfExistsAsync<TableEntity>(partition, ClientIdPrefix + clientMessageId, cancellationToken: ct);
        if (!marker.HasValue || marker.Value is null) return null;
        var seq = marker.Value.GetInt64("Seq") ?? throw new InvalidDataException($"Marker row for {clientMessageId} has no Seq.");
        var row = await table.GetEntityAsync<TableEntity>(partition, RowKeyOf(seq), cancellationToken: ct);
        return FromEntity(row.Value);
    }

    private static string RangeFilter(string partition, long afterSeq) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {RowKeyOf(afterSeq)} and RowKey lt {MessageRowsEnd}");

    // Session keys contain '/', which a PartitionKey may not.
    private static string PartitionKeyOf(string sessionKey) => sessionKey.Replace('/', '|');

    private static string RowKeyOf(long seq) => MessagePrefix + seq.ToString("D19", CultureInfo.InvariantCulture);

    private static long ParseSeq(string rowKey) => long.Parse(rowKey.AsSpan(MessagePrefix.Length), CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(string partition, ChatMessage m) => new(partition, RowKeyOf(m.Seq))
    {
        ["ClientMessageId"] = m.ClientMessageId,
        ["Sender"] = m.Sender.ToString(),
        ["SenderId"] = m.SenderId,
        ["SenderName"] = m.SenderName,
        ["Text"] = m.Text,
        ["SentAt"] = m.SentAt,
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
    };
}
