using System.Globalization;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Archive;

/// <summary>
/// Reads the resolved-chats filter from a query string (docs/protocol.md): from, to (ISO 8601 instants),
/// rating (comma-separated 1–5 and "none"), visitor, agent.
/// </summary>
public static class ArchiveQuery
{
    public static ChatError? TryParse(IQueryCollection q, out ArchiveFilter filter)
    {
        filter = ArchiveFilter.All;
        DateTimeOffset? from = null, to = null;
        if (q["from"].ToString() is { Length: > 0 } f)
        {
            if (!TryParseInstant(f, out var value)) return ChatErrors.InvalidInput("from is an ISO 8601 date and time, like 2026-11-01T00:00:00Z.");
            from = value;
        }
        if (q["to"].ToString() is { Length: > 0 } t)
        {
            if (!TryParseInstant(t, out var value)) return ChatErrors.InvalidInput("to is an ISO 8601 date and time, like 2026-12-01T00:00:00Z.");
            to = value;
        }
        List<int>? stars = null;
        if (q["rating"].ToString() is { Length: > 0 } r)
        {
            stars = [];
            foreach (var part in r.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == "none") stars.Add(0);
                else if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5) stars.Add(n);
                else return ChatErrors.InvalidInput("rating is a comma-separated list of 1 to 5 and 'none'.");
            }
        }
        filter = new ArchiveFilter
        {
            From = from,
            To = to,
            Stars = stars,
            Visitor = q["visitor"].ToString() is { Length: > 0 } v ? v : null,
            AgentId = q["agent"].ToString() is { Length: > 0 } a ? a : null,
            LabelId = q["label"].ToString() is { Length: > 0 } l ? l : null,
            NoteText = q["note"].ToString() is { Length: > 0 } noteText ? noteText : null,
        };
        return filter.Check();
    }

    private static bool TryParseInstant(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
