using System.Text.RegularExpressions;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.QuickReplies;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.QuickReplies;

[GenerateSerializer]
public sealed record QuickRepliesState
{
    [Id(0)] public IReadOnlyList<QuickReply> Replies { get; init; } = [];
}

/// <summary>
/// The tenant's quick replies, in grain storage. Few and small (at most 200 × 1,000 characters), read by every
/// dashboard on load, changed rarely: one grain state per tenant is the simplest thing that serves that.
/// </summary>
public sealed partial class QuickRepliesGrain(
    [PersistentState("quickReplies", StorageNames.Chat)] IPersistentState<QuickRepliesState> state) : Grain, IQuickRepliesGrain
{
    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex ShortcutPattern();

    public Task<IReadOnlyList<QuickReply>> GetAll() => Task.FromResult(state.State.Replies);

    public async Task<ChatResult<QuickReply>> Save(string? id, string shortcut, string text)
    {
        shortcut = (shortcut ?? "").Trim().ToLowerInvariant();
        text = (text ?? "").Trim();
        if (!ShortcutPattern().IsMatch(shortcut))
            return ChatErrors.InvalidInput($"A shortcut is 1–{QuickReplyLimits.ShortcutMaxLength} lower-case letters, digits or dashes.");
        if (text.Length is 0 or > QuickReplyLimits.TextMaxLength)
            return ChatErrors.InvalidInput($"A quick reply is 1–{QuickReplyLimits.TextMaxLength} characters.");
        if (id is not null && ChatInput.CheckId(id, "id") is { } badId) return badId;

        var replies = state.State.Replies;
        if (replies.Any(r => r.Shortcut == shortcut && r.Id != id))
            return ChatErrors.InvalidInput($"The shortcut /{shortcut} is already used.");
        if (id is not null && replies.All(r => r.Id != id)) return ChatErrors.InvalidInput("No quick reply has that id.");
        if (id is null && replies.Count >= QuickReplyLimits.MaxReplies)
            return ChatErrors.InvalidInput($"A team can keep at most {QuickReplyLimits.MaxReplies} quick replies.");

        var saved = new QuickReply { Id = id ?? GrainKeys.NewId(), Shortcut = shortcut, Text = text };
        var next = id is null ? [.. replies, saved] : replies.Select(r => r.Id == id ? saved : r).ToList();
        await WriteAsync(next.OrderBy(r => r.Shortcut, StringComparer.Ordinal).ToList());
        return saved;
    }

    public async Task<ChatResult<bool>> Delete(string id)
    {
        if (ChatInput.CheckId(id, "id") is { } bad) return bad;
        if (state.State.Replies.All(r => r.Id != id)) return ChatErrors.InvalidInput("No quick reply has that id.");
        await WriteAsync(state.State.Replies.Where(r => r.Id != id).ToList());
        return true;
    }

    /// <summary>Writes the new list; on a failed write the old list stays (nothing half-changed).</summary>
    private async Task WriteAsync(IReadOnlyList<QuickReply> replies)
    {
        var before = state.State;
        state.State = new QuickRepliesState { Replies = replies };
        try { await state.WriteStateAsync(); }
        catch { state.State = before; throw; }
    }
}
