using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.QuickReplies;

/// <summary>A canned answer: agents insert it with a click or by typing "/" and its shortcut.</summary>
[GenerateSerializer, Immutable]
public sealed record QuickReply
{
    [Id(0)] public required string Id { get; init; }
    /// <summary>Lower-case letters, digits and dashes, 1–32: what follows "/" in the composer.</summary>
    [Id(1)] public required string Shortcut { get; init; }
    [Id(2)] public required string Text { get; init; }
}

/// <summary>The tenant's quick replies, keyed by tenant id; any agent (all are System Admins) manages them.</summary>
public interface IQuickRepliesGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<QuickReply>> GetAll();

    /// <summary>Adds (id null) or replaces (id given) a reply. A shortcut is unique within the tenant.</summary>
    Task<ChatResult<QuickReply>> Save(string? id, string shortcut, string text);

    Task<ChatResult<bool>> Delete(string id);
}

public static class QuickReplyLimits
{
    public const int MaxReplies = 200;
    public const int ShortcutMaxLength = 32;
    public const int TextMaxLength = 1_000;
}
