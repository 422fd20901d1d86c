using ChatSupport.Contracts.Messages;

namespace ChatSupport.Grains.Analytics;

/// <summary>
/// Response times of one chat from its message log: for each run of visitor messages, the first of the run to the
/// next agent message, credited to that message's agent. A run that no agent answered does not count.
/// </summary>
public static class ResponseRuns
{
    public static IEnumerable<(string AgentId, long Seconds)> Of(IEnumerable<ChatMessage> messagesInOrder)
    {
        DateTimeOffset? runStart = null;
        foreach (var m in messagesInOrder)
        {
            if (m.Sender == ChatParty.Visitor) runStart ??= m.SentAt;
            else if (m.Sender == ChatParty.Agent && runStart is { } start)
            {
                yield return (m.SenderId, Histogram.Seconds(start, m.SentAt));
                runStart = null;
            }
        }
    }
}
