namespace ChatSupport.Grains.Sessions;

/// <summary>
/// An automated message waiting for its time (a delayed greeting or away message, "still looking", a delayed closing).
/// Stored in the session's state with the decision that scheduled it, so a silo's death does not drop it: the
/// session's "automated" reminder and every activation look for due ones. <see cref="ClientMessageId"/> is fixed when it
/// is scheduled, so a second attempt (a retry, a new activation after a failover) finds the first in the log.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AutomatedDue(
    [property: Id(0)] string ClientMessageId,
    [property: Id(1)] AutomatedKind Kind,
    [property: Id(2)] DateTimeOffset DueAt);

public enum AutomatedKind { Greeting, Away, StillLooking, Closing }
