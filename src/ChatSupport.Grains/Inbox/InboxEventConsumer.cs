using ChatSupport.Contracts;
using ChatSupport.Contracts.Inbox;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;

namespace ChatSupport.Grains.Inbox;

/// <summary>
/// The agents' notifications and follow-up lists: a mention in a note notifies the mentioned agent (not the author);
/// a follow-up enters its agent's list when set and is marked due, with a notification, when its reminder fires; an
/// agent whose chat was re-routed (no reply in time) is told.
/// </summary>
public sealed class InboxEventConsumer(IGrainFactory grains) : IChatEventConsumer
{
    public string Name => "inbox";

    public async Task ApplyAsync(ChatEventEnvelope e)
    {
        switch (e.Event)
        {
            case NoteAdded { Note: var note }:
                foreach (var mentioned in note.Mentions.Where(m => m.AgentId != note.Author.AgentId))
                    await Inbox(e, mentioned.AgentId).Notify(new AgentNotification
                    {
                        Id = $"{e.SessionId}:{e.Seq}:mention",
                        Kind = NotificationKind.Mention,
                        SessionId = e.SessionId,
                        From = note.Author.DisplayName,
                        Text = Shorten($"{note.Author.DisplayName} mentioned you: {note.Text}"),
                        At = note.WrittenAt,
                    });
                break;
            case FollowUpScheduled scheduled:
                if (scheduled.Replaced is { } before) await Inbox(e, before.AgentId).DropFollowUp(e.SessionId);
                await Inbox(e, scheduled.Agent.AgentId).TrackFollowUp(e.SessionId, scheduled.DueAt, due: false);
                break;
            case FollowUpDue due:
                await Inbox(e, due.Agent.AgentId).TrackFollowUp(e.SessionId, due.DueAt, due: true);
                await Inbox(e, due.Agent.AgentId).Notify(new AgentNotification
                {
                    Id = $"{e.SessionId}:{e.Seq}:follow-up",
                    Kind = NotificationKind.FollowUp,
                    SessionId = e.SessionId,
                    Text = Shorten($"Follow up: the chat with {e.Session.Visitor.Name ?? "a visitor"} is due."),
                    At = due.OccurredAt,
                });
                break;
            case ChatReRouted reRouted:
                await Inbox(e, reRouted.From.AgentId).Notify(new AgentNotification
                {
                    Id = $"{e.SessionId}:{e.Seq}:re-routed",
                    Kind = NotificationKind.ReRouted,
                    SessionId = e.SessionId,
                    Text = Shorten($"The chat with {VisitorName(e)} went back to the queue: no reply in {reRouted.AfterSeconds} s."),
                    At = reRouted.OccurredAt,
                });
                break;
            case ChatReopened reopened:
                // The chat is open again: its follow-up (pending, or due in the reopening agent's list) is over.
                if (reopened.FollowUpOf is { } holder) await Inbox(e, holder.AgentId).DropFollowUp(e.SessionId);
                await Inbox(e, reopened.ReopenedBy).DropFollowUp(e.SessionId);
                break;
        }
    }

    /// <summary>The visitor as agents may name them: never the name behind an anonymous rating.</summary>
    private static string VisitorName(ChatEventEnvelope e) => e.Session.HidesVisitor ? "a visitor" : e.Session.Visitor.Name ?? "a visitor";

    internal static string Shorten(string text) => text.Length <= 200 ? text : text[..199] + "…";

    private IAgentInboxGrain Inbox(ChatEventEnvelope e, string agentId) =>
        grains.GetGrain<IAgentInboxGrain>(GrainKeys.Compose(e.TenantId, agentId));
}
