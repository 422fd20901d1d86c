using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;

namespace ChatSupport.Api.Archive;

/// <summary>
/// One export format. The exporter calls Begin, then WriteChat per chat with its messages as they are read
/// from storage, then End; a format writes as it goes and holds at most one message in memory.
/// </summary>
public interface ITranscriptFormat
{
    string ContentType { get; }
    string Extension { get; }
    Task BeginAsync(Stream body, CancellationToken ct);
    Task WriteChatAsync(ArchivedChat chat, IAsyncEnumerable<ChatMessage> messages, CancellationToken ct);
    Task EndAsync(CancellationToken ct);
}

public static class TranscriptFormats
{
    public static readonly string[] Names = ["csv", "json", "text"];

    public static ITranscriptFormat? Create(string? name) => name switch
    {
        "csv" => new CsvTranscriptFormat(),
        "json" => new JsonTranscriptFormat(),
        "text" => new TextTranscriptFormat(),
        _ => null,
    };

    /// <summary>The star count as the exports write it: "" for no rating.</summary>
    public static string StarsText(ArchivedChat c) => c.Rating is { } r ? r.Stars.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// A message's text as the CSV and text exports write it: a file's message names the file, its type and size, and
    /// the route an admin opens it by (it mints a fresh short-lived link: an export outlives any link).
    /// </summary>
    public static string MessageText(ArchivedChat chat, ChatMessage m) => m.Attachment is { } a
        ? $"[file] {a.FileName} ({a.ContentType}, {a.Size} bytes) {AttachmentRoute(chat, m)}"
        : m.Text;

    public static string AttachmentRoute(ArchivedChat chat, ChatMessage m) => $"/api/attachments/agent/{chat.SessionId}/{m.Seq}";

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
