using System.Text.RegularExpressions;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Notes;

/// <summary>What a note is: written by an agent for agents, or the note a transfer carried.</summary>
[GenerateSerializer]
public enum NoteKind
{
    Note = 0,
    Transfer = 1,
}

/// <summary>
/// A private note: an *internal* entry of the chat's log that no visitor ever receives. Notes are numbered on their own
/// (1, 2, … per session, <see cref="Seq"/>), never with the messages' numbers: a visitor who saw a message number skip
/// would learn that something was written (docs/architecture.md, "Private notes"). <see cref="AfterMessageSeq"/> is the
/// newest message number when the note was written: a note is shown after that message, before the next.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChatNote
{
    [Id(0)] public required long Seq { get; init; }
    [Id(1)] public required long AfterMessageSeq { get; init; }
    [Id(2)] public required string ClientNoteId { get; init; }
    [Id(3)] public required NoteKind Kind { get; init; }
    [Id(4)] public required AgentRef Author { get; init; }
    [Id(5)] public required string Text { get; init; }
    /// <summary>The agents the text mentions (@username), each once.</summary>
    [Id(6)] public required IReadOnlyList<AgentRef> Mentions { get; init; }
    [Id(7)] public required DateTimeOffset WrittenAt { get; init; }
}

/// <summary>Checks of a note's text and the @mentions in it.</summary>
public static partial class NoteInput
{
    public const int MaxLength = 4_000;
    /// <summary>A chat holds at most this many notes: they are read whole with the chat.</summary>
    public const int MaxNotesPerChat = 500;

    /// <summary>Trims the text and checks it is 1 to 4,000 characters.</summary>
    public static ChatError? CheckText(string? text, out string trimmed)
    {
        trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return ChatErrors.InvalidInput("A note cannot be empty.");
        if (trimmed.Length > MaxLength) return ChatErrors.InvalidInput($"A note can be at most {MaxLength} characters.");
        return null;
    }

    /// <summary>
    /// The usernames the text mentions, in order, each once: "@" and an id, where the "@" does not follow a letter,
    /// digit or id character (so "robin@example.com" mentions nobody). A trailing "." ends the sentence, not the name.
    /// </summary>
    public static IReadOnlyList<string> MentionedIds(string text) =>
        MentionPattern().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.')).Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"(?<![A-Za-z0-9._@-])@([A-Za-z0-9._-]{1,64})")]
    private static partial Regex MentionPattern();
}
