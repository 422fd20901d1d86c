using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Attachments;

/// <summary>
/// The uploader's file name is for display only: it never becomes a path or a blob name. A name that carries a folder
/// ("../x", "a/b", "C:\x") or a character that disguises it (a control character, a direction override as in
/// "Eve\u202Egnp.exe") is refused rather than quietly changed, so the sender sees why.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 200;

    /// <summary>The name trimmed, or null when it is empty, too long, or would carry a path or a disguise.</summary>
    public static string? Clean(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength) return null;
        if (trimmed.IndexOfAny(['/', '\\', ':']) >= 0 || trimmed.Contains("..", StringComparison.Ordinal) || trimmed.StartsWith('.')) return null;
        // DisplayText.Clean changes a name exactly when it holds a control or bidi character.
        return DisplayText.Clean(trimmed) == trimmed ? trimmed : null;
    }
}
