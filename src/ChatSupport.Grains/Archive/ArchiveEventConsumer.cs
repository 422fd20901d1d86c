using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;

namespace ChatSupport.Grains.Archive;

/// <summary>
/// A chat enters the archive when it ends, and is stored again with its rating (the archive's writes are idempotent
/// upserts). The end is stored only when missing: a redelivered end after the rating must not take the rating away.
/// </summary>
public sealed class ArchiveEventConsumer(IGrainFactory grains) : IChatEventConsumer
{
    public string Name => "archive";

    public Task ApplyAsync(ChatEventEnvelope e) => e.Event switch
    {
        ChatEnded => Archive.EnsureSaved(ArchivedChat.From(e.Session)),
        ChatRated => Archive.Save(ArchivedChat.From(e.Session)),
        // A resolved chat's labels and notes change its archived copy (the label filter, the note search).
        LabelsChanged or NoteAdded when e.Session.Status == ChatStatus.Resolved => Archive.Save(ArchivedChat.From(e.Session)),
        ChatReopened => Archive.Remove(e.TenantId, e.SessionId),
        _ => Task.CompletedTask,
    };

    private IArchiveGrain Archive => grains.GetGrain<IArchiveGrain>(0);
}
