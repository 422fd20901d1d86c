using ChatSupport.Contracts.Desk;

namespace ChatSupport.Grains.Desk;

/// <summary>A desk row to store: the session's summary as of event <paramref name="EventSeq"/>, or (null) its removal.</summary>
public sealed record DeskRowChange(string SessionId, SessionSummary? Summary, long EventSeq);
