namespace ChatSupport.Grains.Sessions;

/// <summary>ChatSupport:FollowUps. The shortest lead is a setting so that tests can set a follow-up seconds ahead.</summary>
public sealed class FollowUpOptions
{
    public const string Section = "ChatSupport:FollowUps";

    /// <summary>A follow-up must be at least this far ahead (default one minute, the reminders' accuracy).</summary>
    public TimeSpan ShortestLead { get; set; } = TimeSpan.FromMinutes(1);
}
