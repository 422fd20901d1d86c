using System.Text.Json;
using CsvHelper;

namespace ChatSupport.Api.Tests.Archive;

/// <summary>One message of an export, read back: enough to compare with what was sent.</summary>
public sealed record ExportedMessage(string SessionId, long Seq, string Sender, string? SenderName, string Text);

/// <summary>One chat of an export, read back.</summary>
public sealed record ExportedChat(string SessionId, string? VisitorName, string? VisitorEmail, string? Stars, string? Feedback, List<ExportedMessage> Messages);

/// <summary>Reads the three export formats back, independently of the code that wrote them.</summary>
public static class ExportParsers
{
    /// <summary>
    /// What the CSV export shows for a stored value: a value a spreadsheet would run as a formula (it starts with
    /// = + - @, tab or CR) is prefixed with a single quote (OWASP); everything else is exact.
    /// </summary>
    public static string? AsCsvShows(string? value) => value is { Length: > 0 } && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;

    public static List<ExportedChat> Csv(byte[] body)
    {
        using var csv = CsvReader.Create(body, null);
        var chats = new List<ExportedChat>();
        while (csv.Read())
        {
            string F(string name) => csv.GetString(name);
            var sessionId = F("session_id");
            if (chats.Count == 0 || chats[^1].SessionId != sessionId)
                chats.Add(new ExportedChat(sessionId, Null(F("visitor_name")), Null(F("visitor_email")), Null(F("stars")), Null(F("feedback")), []));
            if (F("seq") is { Length: > 0 } seq)
                chats[^1].Messages.Add(new ExportedMessage(sessionId, long.Parse(seq), F("sender"), Null(F("sender_name")), F("text")));
        }
        return chats;
    }

    public static List<ExportedChat> Json(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("chats").EnumerateArray().Select(c =>
        {
            var id = c.GetProperty("sessionId").GetString()!;
            var rating = c.GetProperty("rating");
            return new ExportedChat(id, c.GetProperty("visitorName").GetString(), c.GetProperty("visitorEmail").GetString(),
                rating.ValueKind == JsonValueKind.Null ? null : rating.GetProperty("stars").GetInt32().ToString(),
                rating.ValueKind == JsonValueKind.Null ? null : rating.GetProperty("feedback").GetString(),
                c.GetProperty("messages").EnumerateArray().Select(m => new ExportedMessage(id, m.GetProperty("seq").GetInt64(),
                    m.GetProperty("sender").GetString()!, m.GetProperty("senderName").GetString(), m.GetProperty("text").GetString()!)).ToList());
        }).ToList();
    }

    /// <summary>
    /// The plain-text format: "Chat ID" starts a chat, a line "[time] NAME (party): TEXT" a message, lines that start
    /// with two spaces continue the previous value, and a line of '=' ends the chat. Line breaks come back as \n.
    /// </summary>
    public static List<(string SessionId, List<(string Party, string Text)> Messages)> Text(string body)
    {
        var chats = new List<(string, List<(string, string)>)>();
        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("Chat ", StringComparison.Ordinal)) chats.Add((line[5..], []));
            else if (line.StartsWith('[') && chats.Count > 0)
            {
                // A message's logical line: its first line and the indented lines that continue it (a name or a text with line breaks).
                var logical = line;
                while (i + 1 < lines.Length && lines[i + 1].StartsWith("  ", StringComparison.Ordinal)) logical += "\n" + lines[++i][2..];
                var (party, at) = new[] { "agent", "visitor" }
                    .Select(p => (p, logical.IndexOf($" ({p}): ", StringComparison.Ordinal)))
                    .Where(x => x.Item2 > 0).MinBy(x => x.Item2);
                chats[^1].Item2.Add((party, logical[(at + party.Length + 5)..]));
            }
        }
        return chats;
    }

    private static string? Null(string value) => value.Length == 0 ? null : value;
}
