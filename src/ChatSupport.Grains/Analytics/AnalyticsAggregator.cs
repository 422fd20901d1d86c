using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Analytics;

/// <summary>
/// Adds one session event to its quarter hour's bucket (docs/analytics.md, "Metrics and the event that counts them").
/// Pure: the grain makes it exactly-once with the session's ledger; tests feed it generated events directly.
/// </summary>
public static class AnalyticsAggregator
{
    /// <param name="responses">For an ending chat, its response runs (<see cref="ResponseRuns"/>); empty otherwise.</param>
    public static void Apply(Bucket bucket, ChatEventEnvelope e, IReadOnlyList<(string AgentId, long Seconds)> responses)
    {
        var s = e.Session;
        var team = bucket.Team;
        var at = e.Event.OccurredAt;
        switch (e.Event)
        {
            case ChatStarted:
                team.Started++;
                break;
            case AgentAssigned assigned:
            {
                var wait = Histogram.Seconds(s.CreatedAt, at);
                var agent = bucket.Agent(assigned.Agent.AgentId, assigned.Agent.DisplayName);
                // A re-routed chat assigned again: one chat for the team (its first assignment counted), one more for this agent.
                var again = s.ReRoutedFrom.Count > 0;
                foreach (var c in again ? new[] { agent } : new[] { team, agent })
                {
                    c.Assigned++;
                    c.Wait.Add(wait);
                    if (wait > AnalyticsTargets.AssignmentSeconds) c.Missed++;
                }
                agent.Handled++;
                break;
            }
            case ChatTransferred transferred:
                bucket.Agent(transferred.From.AgentId, transferred.From.DisplayName).TransfersOut++;
                var to = bucket.Agent(transferred.To.AgentId, transferred.To.DisplayName);
                to.TransfersIn++;
                to.Handled++;
                break;
            case FirstAgentReply reply:
            {
                var first = Histogram.Seconds(s.CreatedAt, at);
                team.FirstResponse.Add(first);
                bucket.Agent(reply.Agent.AgentId, reply.Agent.DisplayName).FirstResponse.Add(first);
                break;
            }
            case ChatEnded ended:
                ApplyEnd(bucket, ended, s, at, responses);
                break;
            case ChatReopened reopened:
                // One per Reopen (the ledger drops a redelivery); the chat's next end counts as a resolution again.
                team.Reopened++;
                bucket.Agent(reopened.Agent.AgentId, reopened.Agent.DisplayName).Reopened++;
                break;
            case TargetMet met:
                team.TargetsMet++;
                if (met.Agent is { } metBy) bucket.Agent(metBy.AgentId, metBy.DisplayName).TargetsMet++;
                break;
            case TargetMissed missed:
                team.TargetsMissed++;
                if (missed.Agent is { } missedBy) bucket.Agent(missedBy.AgentId, missedBy.DisplayName).TargetsMissed++;
                break;
            case ChatRated rated:
                team.Stars[rated.Stars - 1]++;
                if (rated.Agent is { } ratedAgent) bucket.Agent(ratedAgent.AgentId, ratedAgent.DisplayName).Stars[rated.Stars - 1]++;
                break;
        }
    }

    private static void ApplyEnd(Bucket bucket, ChatEnded ended, ChatSessionSnapshot s, DateTimeOffset at, IReadOnlyList<(string AgentId, long Seconds)> responses)
    {
        var team = bucket.Team;
        foreach (var (agentId, seconds) in responses)
        {
            team.Response.Add(seconds);
            bucket.Agent(agentId, null).Response.Add(seconds);
        }

        // The visitor left before any agent answered (closed it, or went away and the queue closed it for them):
        // abandoned, and missed too if nobody took it in time.
        if (ended is ChatClosedByVisitor or ChatAbandoned && s.FirstAgentReplyAt is null)
        {
            team.Abandoned++;
            // A re-routed chat was assigned once (its assignment was counted then): not a miss now.
            if (s.AssignedAt is null && s.ReRoutedFrom.Count == 0 && Histogram.Seconds(s.CreatedAt, at) > AnalyticsTargets.AssignmentSeconds) team.Missed++;
            return;
        }
        var resolution = Histogram.Seconds(s.CreatedAt, at);
        team.Resolved++;
        team.Resolution.Add(resolution);
        if (ended.Agent is { } agent)
        {
            var counters = bucket.Agent(agent.AgentId, agent.DisplayName);
            counters.Resolved++;
            counters.Resolution.Add(resolution);
        }
    }
}
