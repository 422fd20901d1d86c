using System.Globalization;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;
using CsvHelper;
using static ChatSupport.Api.Archive.TranscriptFormats;

namespace ChatSupport.Api.Archive;

/// <summary>
/// RFC 4180 CSV (CsvHelper): one row per message with its chat's columns repeated, so the file opens as one
/// table; a chat without messages is one row with empty message columns. UTF-8, CRLF line ends. A field that
/// starts with = + - @, tab or CR gets a leading ' so a spreadsheet shows it as text instead of running it.
/// </summary>
public sealed class CsvTranscriptFormat : ITranscriptFormat
{
    public static readonly string[] Header =
    [
        "session_id", "resolved_at", "created_at", "visitor_id", "visitor_name", "visitor_email", "agent_id", "agent_name",
        "resolved_by", "stars", "feedback", "anonymous", "rated_at", "seq", "sender", "sender_name", "sent_at", "text",
    ];

    private CsvWriter _csv = null!;

    public string ContentType => "text/csv; charset=utf-8";
    public string Extension => "csv";

    public async Task BeginAsync(Stream body, CancellationToken ct)
    {
        // A text field a spreadsheet would run as a formula (it starts with = + - @, tab or CR: visitor names, emails,
        // feedback, messages are the visitor's to choose) is prefixed with ' and quoted (OWASP, CSV injection). The JSON
        // and text exports stay exact.
        _csv = CsvWriter.Create(body, CsvWriterOptions.Default with { Injection = CsvInjection.Escape, BufferSize = 16 * 1024 }, leaveOpen: true);
        foreach (var name in Header) _csv.WriteField(name);
        await _csv.EndRecordAsync(ct);
    }

    public async Task WriteChatAsync(ArchivedChat chat, IAsyncEnumerable<ChatMessage> messages, CancellationToken ct)
    {
        var any = false;
        await foreach (var m in messages.WithCancellation(ct))
        {
            any = true;
            WriteChatFields(chat);
            _csv.WriteField(m.Seq.ToString(CultureInfo.InvariantCulture));
            _csv.WriteField(m.Sender == ChatParty.Agent ? "agent" : "visitor");
            _csv.WriteField(m.SenderName ?? "");
            _csv.WriteField(Instant(m.SentAt));
            _csv.WriteField(MessageText(chat, m));
            await _csv.EndRecordAsync(ct);
        }
        if (!any)
        {
            WriteChatFields(chat);
            for (var i = 0; i < 5; i++) _csv.WriteField("");
            await _csv.EndRecordAsync(ct);
        }
        await _csv.FlushAsync(ct);
    }

    public async Task EndAsync(CancellationToken ct)
    {
        await _csv.FlushAsync(ct);
        await _csv.DisposeAsync();
    }

    private void WriteChatFields(ArchivedChat c)
    {
        _csv.WriteField(c.SessionId);
        _csv.WriteField(Instant(c.ResolvedAt));
        _csv.WriteField(Instant(c.CreatedAt));
        _csv.WriteField(c.VisitorId);
        _csv.WriteField(c.VisitorName ?? "");
        _csv.WriteField(c.VisitorEmail ?? "");
        _csv.WriteField(c.Agent?.AgentId ?? "");
        _csv.WriteField(c.Agent?.DisplayName ?? "");
        _csv.WriteField(c.ResolvedBy switch { ChatParty.Agent => "agent", ChatParty.Visitor => "visitor", _ => "" });
        _csv.WriteField(StarsText(c));
        _csv.WriteField(c.Rating?.Feedback ?? "");
        _csv.WriteField(c.Rating is { } r ? (r.Anonymous ? "true" : "false") : "");
        _csv.WriteField(c.Rating is { } rated ? Instant(rated.RatedAt) : "");
    }
}
