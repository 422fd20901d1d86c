using System.Globalization;
using System.Text;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Archive;

/// <summary>
/// What the resolved-chats view asks for. Every part is optional and they combine with AND:
/// resolved in [From, To), rating among <see cref="Stars"/> (0 = "no rating"), the visitor (exact id, or
/// name or email ignoring case and surrounding spaces), the agent who held the chat (id).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ArchiveFilter
{
    [Id(0)] public DateTimeOffset? From { get; init; }
    [Id(1)] public DateTimeOffset? To { get; init; }
    /// <summary>Null or empty: any rating (or none).</summary>
    [Id(2)] public IReadOnlyList<int>? Stars { get; init; }
    [Id(3)] public string? Visitor { get; init; }
    [Id(4)] public string? AgentId { get; init; }
    /// <summary>Chats that carry this label (id).</summary>
    [Id(40)] public string? LabelId { get; init; }
    /// <summary>Chats whose private notes contain this text (ignoring case).</summary>
    [Id(41)] public string? NoteText { get; init; }

    public const int PageMax = 100;
    public const int SearchMaxLength = 254;

    public static readonly ArchiveFilter All = new();

    public ChatError? Check()
    {
        if (From is { } from && To is { } to && from >= to) return ChatErrors.InvalidInput("from must be before to.");
        if (Stars is { } stars && stars.Any(s => s is < 0 or > ChatLimits.MaxStars))
            return ChatErrors.InvalidInput("rating is a list of 1 to 5 and 'none'.");
        if (Visitor is { Length: > SearchMaxLength }) return ChatErrors.InvalidInput($"visitor can be at most {SearchMaxLength} characters.");
        if (Visitor is not null && string.IsNullOrWhiteSpace(Visitor)) return ChatErrors.InvalidInput("visitor cannot be blank.");
        if (LabelId is not null && (LabelId.Length > 32 || !LabelId.All(char.IsAsciiLetterOrDigit)))
            return ChatErrors.InvalidInput("label is a label's id (letters and digits).");
        if (NoteText is not null && (string.IsNullOrWhiteSpace(NoteText) || NoteText.Length > SearchMaxLength))
            return ChatErrors.InvalidInput($"note is 1 to {SearchMaxLength} characters of a note's text.");
        if (AgentId is not null) return ChatInput.CheckId(AgentId, "agent");
        return null;
    }

    /// <summary>How names and emails are compared: trimmed, Unicode-normalized (NFC), lower case.</summary>
    public static string Normalize(string value) =>
        value.Trim().Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture);
}
