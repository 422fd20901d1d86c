using System.Buffers;

namespace ChatSupport.Contracts.Sessions;

/// <summary>
/// Checks of client input against <see cref="ChatLimits"/>. Each returns null when the input is
/// acceptable, or the refusal to send back. Used by the hubs (to answer early) and by the grains
/// (the authority, because a grain may be called by any client of the cluster).
/// </summary>
public static class ChatInput
{
    // Ids travel into Azure Table row keys, group names and logs, so they are kept to a safe alphabet.
    private static readonly SearchValues<char> IdAlphabet =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    /// <summary>Trims the text and checks it is 1 to 4,000 characters.</summary>
    public static ChatError? CheckMessageText(string? text, out string trimmed)
    {
        trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return ChatErrors.InvalidInput("A message cannot be empty.");
        if (trimmed.Length > ChatLimits.MessageMaxLength)
            return ChatErrors.InvalidInput($"A message can be at most {ChatLimits.MessageMaxLength} characters.");
        return null;
    }

    public static ChatError? CheckClientMessageId(string? id) =>
        CheckId(id, "clientMessageId", ChatLimits.ClientMessageIdMaxLength);

    public static ChatError? CheckId(string? id, string name, int maxLength = ChatLimits.IdMaxLength)
    {
        if (string.IsNullOrEmpty(id)) return ChatErrors.InvalidInput($"{name} is required.");
        if (id.Length > maxLength) return ChatErrors.InvalidInput($"{name} can be at most {maxLength} characters.");
        if (id.AsSpan().ContainsAnyExcept(IdAlphabet))
            return ChatErrors.InvalidInput($"{name} may contain only letters, digits, '-', '_' and '.'.");
        return null;
    }

    public static ChatError? CheckRating(int stars, string? feedback)
    {
        if (stars is < ChatLimits.MinStars or > ChatLimits.MaxStars)
            return ChatErrors.InvalidInput($"A rating is {ChatLimits.MinStars} to {ChatLimits.MaxStars} stars.");
        if (feedback is { Length: > ChatLimits.FeedbackMaxLength })
            return ChatErrors.InvalidInput($"Feedback can be at most {ChatLimits.FeedbackMaxLength} characters.");
        return null;
    }

    public static ChatError? CheckOptional(string? value, string name, int maxLength) =>
        value is { Length: var length } && length > maxLength
            ? ChatErrors.InvalidInput($"{name} can be at most {maxLength} characters.")
            : null;

    public static ChatError? CheckSequence(long seq, string name) =>
        seq < 0 ? ChatErrors.InvalidInput($"{name} cannot be negative.") : null;
}
