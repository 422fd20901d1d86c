namespace ChatSupport.Grains.Sessions;

/// <summary>
/// Configuration section <c>ChatSupport:Queue</c>: how the waiting queue is kept bounded against a flood of anonymous
/// chats (docs/security.md, "Hardening"; docs/operations.md).
/// </summary>
public sealed class ChatQueueOptions
{
    public const string Section = "ChatSupport:Queue";

    /// <summary>A waiting chat whose visitor has no live connection and wrote nothing is closed as abandoned after this long.</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often a waiting chat checks whether it is abandoned (an Orleans reminder, so a reactivated session keeps
    /// checking): a chat is closed at most this long after <see cref="AbandonAfter"/> has passed.
    /// </summary>
    public TimeSpan AbandonCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many chats of one tenant wait for an agent; a visitor starting one more is refused with queue_full.</summary>
    public int MaxWaitingPerTenant { get; set; } = 500;
}
