using ChatSupport.Contracts;
using ChatSupport.Contracts.Inbox;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Reviews;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;
using ChatSupport.Grains.Inbox;

namespace ChatSupport.Grains.Reviews;

/// <summary>A rating of 1–2 stars puts the chat in the tenant's "Needs review" list and notifies the tenant's admins live.</summary>
public sealed class LowRatingEventConsumer(IGrainFactory grains) : IChatEventConsumer
{
    public const int HighestLowRating = 2;

    public string Name => "low-ratings";

    public async Task ApplyAsync(ChatEventEnvelope e)
    {
        if (e.Event is not ChatRated { Stars: <= HighestLowRating } rated) return;
        await grains.GetGrain<IReviewGrain>(e.TenantId).Add(new ChatReview
        {
            SessionId = e.SessionId,
            Stars = rated.Stars,
            Feedback = rated.Feedback,
            Agent = rated.Agent,
            RatedAt = rated.OccurredAt,
        });
        // Every agent is a System Admin (the team): the admins who review low ratings.
        var admins = await grains.GetGrain<ITeamGrain>(e.TenantId).GetMembers();
        var stars = rated.Stars == 1 ? "1 star" : $"{rated.Stars} stars";
        var notification = new AgentNotification
        {
            Id = $"{e.SessionId}:{e.Seq}:low-rating",
            Kind = NotificationKind.LowRating,
            SessionId = e.SessionId,
            Text = InboxEventConsumer.Shorten($"A chat{(rated.Agent is { } a ? $" with {a.DisplayName}" : "")} was rated {stars}: it needs review."
                + (rated.Feedback is { } f ? $" “{f}”" : "")),
            At = rated.OccurredAt,
        };
        foreach (var admin in admins)
            await grains.GetGrain<IAgentInboxGrain>(GrainKeys.Compose(e.TenantId, admin.AgentId)).Notify(notification);
    }
}
