using System.Globalization;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Desk;

/// <summary>
/// The desk's order, which its pages follow: waiting chats first, longest wait on top; then the others, newest first;
/// ties by session id. A cursor is the place of the last row a page held ("w:ticks:id" or "o:ticks:id"): the next page
/// starts after it, so a row that changes while an agent pages on is neither lost (its delta arrives) nor shown twice.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct DeskPlace(
    [property: Id(0)] bool Waiting,
    [property: Id(1)] long CreatedTicks,
    [property: Id(2)] string SessionId) : IComparable<DeskPlace>
{
    /// <summary>How many rows one GetDesk (or GetDeskPage) answers at most.</summary>
    public const int PageSize = 200;

    public static DeskPlace Of(SessionSummary s) => new(s.Status == ChatStatus.WaitingForAgent, s.CreatedAt.UtcTicks, s.SessionId);

    public int CompareTo(DeskPlace other)
    {
        if (Waiting != other.Waiting) return Waiting ? -1 : 1;
        var byTime = Waiting ? CreatedTicks.CompareTo(other.CreatedTicks) : other.CreatedTicks.CompareTo(CreatedTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(SessionId, other.SessionId);
    }

    public string ToCursor() => string.Create(CultureInfo.InvariantCulture, $"{(Waiting ? 'w' : 'o')}:{CreatedTicks}:{SessionId}");

    /// <summary>Null (with the refusal) for anything GetDesk did not hand out.</summary>
    public static DeskPlace? Parse(string? cursor, out ChatError? error)
    {
        error = null;
        var parts = cursor?.Split(':') ?? [];
        if (parts.Length == 3 && parts[0] is "w" or "o"
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ChatInput.CheckId(parts[2], "sessionId") is null)
            return new DeskPlace(parts[0] == "w", ticks, parts[2]);
        error = ChatErrors.InvalidInput("That desk cursor is not one GetDesk gave out.");
        return null;
    }
}
