using System.Text.Encodings.Web;
using System.Text.Json;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;
using static ChatSupport.Api.Archive.TranscriptFormats;

namespace ChatSupport.Api.Archive;

/// <summary>
/// <c>{ "chats": [ { chat fields…, "rating": {…} | null, "messages": [ … ] } ] }</c>, written with Utf8JsonWriter
/// straight to the response, flushed after every chat. Non-ASCII text is written as is (UTF-8), not escaped.
/// </summary>
public sealed class JsonTranscriptFormat : ITranscriptFormat
{
    private Utf8JsonWriter _json = null!;

    public string ContentType => "application/json; charset=utf-8";
    public string Extension => "json";

    public Task BeginAsync(Stream body, CancellationToken ct)
    {
        _json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false });
        _json.WriteStartObject();
        _json.WriteStartArray("chats");
        return Task.CompletedTask;
    }

    public async Task WriteChatAsync(ArchivedChat c, IAsyncEnumerable<ChatMessage> messages, CancellationToken ct)
    {
        _json.WriteStartObject();
        _json.WriteString("sessionId", c.SessionId);
        _json.WriteString("resolvedAt", Instant(c.ResolvedAt));
        _json.WriteString("createdAt", Instant(c.CreatedAt));
        _json.WriteString("visitorId", c.VisitorId);
        _json.WriteString("visitorName", c.VisitorName);
        _json.WriteString("visitorEmail", c.VisitorEmail);
        _json.WriteString("agentId", c.Agent?.AgentId);
        _json.WriteString("agentName", c.Agent?.DisplayName);
        _json.WriteString("resolvedBy", c.ResolvedBy switch { ChatParty.Agent => "agent", ChatParty.Visitor => "visitor", _ => null });
        if (c.Rating is { } r)
        {
            _json.WriteStartObject("rating");
            _json.WriteNumber("stars", r.Stars);
            _json.WriteString("feedback", r.Feedback);
            _json.WriteBoolean("anonymous", r.Anonymous);
            _json.WriteString("ratedAt", Instant(r.RatedAt));
            _json.WriteEndObject();
        }
        else _json.WriteNull("rating");
        _json.WriteStartArray("messages");
        await foreach (var m in messages.WithCancellation(ct))
        {
            _json.WriteStartObject();
            _json.WriteNumber("seq", m.Seq);
            _json.WriteString("sender", m.Sender == ChatParty.Agent ? "agent" : "visitor");
            _json.WriteString("senderName", m.SenderName);
            _json.WriteString("sentAt", Instant(m.SentAt));
            _json.WriteString("text", m.Text);
            if (m.Attachment is { } a)
            {
                _json.WriteStartObject("attachment");
                _json.WriteString("fileName", a.FileName);
                _json.WriteString("contentType", a.ContentType);
                _json.WriteNumber("size", a.Size);
                _json.WriteString("link", AttachmentRoute(c, m));
                _json.WriteEndObject();
            }
            _json.WriteEndObject();
            if (_json.BytesPending > 16 * 1024) await _json.FlushAsync(ct);
        }
        _json.WriteEndArray();
        _json.WriteEndObject();
        await _json.FlushAsync(ct);
    }

    public async Task EndAsync(CancellationToken ct)
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        await _json.FlushAsync(ct);
        await _json.DisposeAsync();
    }
}
