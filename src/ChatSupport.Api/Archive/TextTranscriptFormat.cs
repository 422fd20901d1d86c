using System.Text;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;
using static ChatSupport.Api.Archive.TranscriptFormats;

namespace ChatSupport.Api.Archive;

/// <summary>
/// Plain text for people: a header per chat, then one block per message. A message's own line breaks
/// continue on lines indented by two spaces, so every message starts at the left margin and the file
/// reads back unambiguously. Chats are separated by a line of '='.
/// </summary>
public sealed class TextTranscriptFormat : ITranscriptFormat
{
    public const string ChatSeparator = "========================================";
    public const string Continuation = "  ";

    private StreamWriter _out = null!;

    public string ContentType => "text/plain; charset=utf-8";
    public string Extension => "txt";

    public Task BeginAsync(Stream body, CancellationToken ct)
    {
        _out = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\n" };
        return Task.CompletedTask;
    }

    public async Task WriteChatAsync(ArchivedChat c, IAsyncEnumerable<ChatMessage> messages, CancellationToken ct)
    {
        await _out.WriteLineAsync($"Chat {c.SessionId}");
        await _out.WriteLineAsync($"Resolved: {Instant(c.ResolvedAt)}{(c.ResolvedBy is { } by ? " by " + (by == ChatParty.Agent ? "agent" : "visitor") : "")}");
        await _out.WriteLineAsync($"Started: {Instant(c.CreatedAt)}");
        await _out.WriteLineAsync(c.HidesVisitor
            ? "Visitor: (anonymous)"
            : $"Visitor: {Indent(c.VisitorName ?? "(no name)")}{(c.VisitorEmail is { } e ? $" <{e}>" : "")} [{c.VisitorId}]");
        await _out.WriteLineAsync(c.Agent is { } a ? $"Agent: {a.DisplayName} [{a.AgentId}]" : "Agent: (none)");
        await _out.WriteLineAsync(c.Rating is { } r
            ? $"Rating: {new string('★', r.Stars)}{new string('☆', 5 - r.Stars)} {r.Stars}/5 at {Instant(r.RatedAt)}{(r.Anonymous ? " (anonymous)" : "")}"
            : "Rating: (none)");
        if (c.Rating?.Feedback is { } feedback) await _out.WriteLineAsync($"Feedback: {Indent(feedback)}");
        await _out.WriteLineAsync();
        await foreach (var m in messages.WithCancellation(ct))
        {
            var who = m.SenderName ?? (m.Sender == ChatParty.Agent ? "Agent" : "Visitor");
            await _out.WriteLineAsync($"[{Instant(m.SentAt)}] {Indent(who)} ({(m.Sender == ChatParty.Agent ? "agent" : "visitor")}): {Indent(MessageText(c, m))}");
        }
        await _out.WriteLineAsync(ChatSeparator);
        await _out.FlushAsync(ct);
    }

    public async Task EndAsync(CancellationToken ct)
    {
        await _out.FlushAsync(ct);
        await _out.DisposeAsync();
    }

    /// <summary>Line breaks inside a value continue on an indented line.</summary>
    private static string Indent(string value) => value.ReplaceLineEndings("\n" + Continuation);
}
