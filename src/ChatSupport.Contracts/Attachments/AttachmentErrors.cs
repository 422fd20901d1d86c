using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Attachments;

/// <summary>Every refusal of an upload or a file link, by code (docs/protocol.md, "Attachments"). Nothing is stored on any of them.</summary>
public static class AttachmentErrors
{
    public static ChatError NotInPlan() =>
        new("attachments_not_in_plan", "File attachments are not part of this workspace's plan.");
    public static ChatError TooLarge(long maxBytes) =>
        new("attachment_too_large", $"The file is too large: files can be at most {Megabytes(maxBytes)}.");
    public static ChatError Empty() => new("attachment_empty", "The file is empty.");
    public static ChatError TypeRefused(IEnumerable<string> allowed) =>
        new("attachment_type_refused", $"This type of file cannot be sent. Allowed: {string.Join(", ", allowed)}.");
    public static ChatError NameDoesNotMatch(string label) =>
        new("attachment_type_refused", $"The file's name does not match its contents ({label}). Rename it and try again.");
    public static ChatError BadName() =>
        new("invalid_file_name", "The file name may not contain folders ('/', '\\', '..'), control characters or direction overrides.");
    public static ChatError LimitReached(int maxPerChat) =>
        new("attachment_limit_reached", $"This chat already holds {maxPerChat} files, the most it can.");
    public static ChatError Rejected() =>
        new("attachment_rejected", "The file was refused by the virus scan and was not sent.");
    public static ChatError NotAnAttachment() => new("unknown_attachment", "That message carries no file.");
    public static ChatError LinkExpired() => new("link_expired", "This file link has expired. Open the file from the chat again.");
    public static ChatError ScanUnavailable() =>
        new("try_again", "The file could not be checked just now and was not sent. Please try again.");

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):0.#} MB";
}
