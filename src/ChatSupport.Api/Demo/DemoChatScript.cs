using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Demo;

/// <summary>
/// How one demo chat goes, drawn at random: a wait for an agent that grows with the hour's load (some beyond the
/// 2-minute target, some visitors giving up), a conversation of one to four exchanges, now and then a transfer, the
/// end by the agent or the visitor, and a rating from more than half of them (some anonymous, some with feedback).
/// </summary>
public static class DemoChatScript
{
    public static List<DemoStep> Steps(DemoRandom random, DateTimeOffset start, double load, IReadOnlyList<AgentRef> agents)
    {
        var topic = random.Pick(DemoScripts.Topics);
        var opening = start + random.Seconds(3, 25);
        var steps = new List<DemoStep> { new VisitorStarts(start), new VisitorSays(opening, random.Pick(topic.Openings)) };

        var wait = random.LogNormal(30 * (0.5 + load), 0.7, 4, 900);
        if (random.Chance(0.07)) wait += random.Seconds(120, 420);
        var patience = random.Chance(0.03) ? random.Seconds(20, 90) : random.LogNormal(360, 0.6, 60, 1800);
        if (wait > patience)
        {
            if (patience > TimeSpan.FromSeconds(100)) steps.Add(new VisitorSays(start + patience * 0.7, random.Pick(DemoScripts.StillThere)));
            steps.Add(new VisitorLeaves(start + patience));
            return Ordered(steps);
        }

        var agent = random.Pick(agents, a => a.AgentId == "admin" ? 0.6 : 1.0);
        var t = start + wait;
        steps.Add(new AgentTakes(t, agent));
        // The first answer follows the question, even when the agent took the chat before it was typed.
        t = (t > opening ? t : opening) + random.LogNormal(25, 0.7, 4, 400);
        steps.Add(new AgentSays(t, agent, random.Pick(topic.Answers)));
        var firstResponse = t - start;

        var rounds = random.Int(1, 4);
        for (var round = 0; round < rounds; round++)
        {
            t += random.LogNormal(40, 0.6, 5, 600);
            steps.Add(new VisitorSays(t, round == 0 ? random.Pick(topic.FollowUps) : random.Pick(DemoScripts.Thanks)));
            if (round == 0 && agents.Count > 1 && random.Chance(0.08))
            {
                var to = random.Pick(agents.Where(a => a != agent).ToList());
                t += random.Seconds(15, 60);
                steps.Add(new AgentTransfers(t, agent, to, random.Pick(DemoScripts.TransferNotes)));
                agent = to;
                t += random.LogNormal(30, 0.6, 5, 300);
                steps.Add(new AgentSays(t, agent, random.Pick(DemoScripts.AfterTransfer)));
            }
            t += random.LogNormal(35 * (0.7 + load * 0.5), 0.7, 4, 600);
            steps.Add(new AgentSays(t, agent, round == rounds - 1 ? random.Pick(DemoScripts.Goodbyes) : random.Pick(topic.MoreAnswers)));
        }

        var resolvedByAgent = !random.Chance(0.1);
        t += resolvedByAgent ? random.Seconds(20, 180) : random.Seconds(10, 120);
        steps.Add(resolvedByAgent ? new AgentResolves(t, agent) : new VisitorLeaves(t));
        if (random.Chance(0.6)) steps.Add(Rating(random, t, wait, firstResponse));
        return Ordered(steps);
    }

    /// <summary>Most are happy; a long wait or a slow first answer makes a bad rating more likely.</summary>
    private static VisitorRates Rating(DemoRandom random, DateTimeOffset end, TimeSpan wait, TimeSpan firstResponse)
    {
        double[] weights = wait > TimeSpan.FromMinutes(3) || firstResponse > TimeSpan.FromMinutes(5)
            ? [0.16, 0.16, 0.22, 0.24, 0.22]
            : [0.04, 0.04, 0.08, 0.26, 0.58];
        var stars = random.Pick([1, 2, 3, 4, 5], s => weights[s - 1]);
        var feedback = random.Chance(0.4) ? random.Pick(DemoScripts.Feedback[stars - 1]) : null;
        return new VisitorRates(end + random.Seconds(8, 90), stars, feedback, random.Chance(0.2));
    }

    /// <summary>In time order; a stable sort keeps each party's own steps in the order drawn.</summary>
    private static List<DemoStep> Ordered(List<DemoStep> steps) => steps.OrderBy(s => s.At).ToList();
}
