using CallCenter.Domain.Acds;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Engine;

namespace CallCenter.Domain.Cti.Acds;

/// <summary>The live side of one ACD: the calls waiting in it (first come, first served) and today's counters.</summary>
public sealed class QueueRuntime(AcdConfig config)
{
    public AcdConfig Config { get; set; } = config;
    public string Number => Config.Number;
    /// <summary>Call ids waiting, oldest first.</summary>
    public List<string> Waiting { get; } = new();
    /// <summary>Calls of this ACD offered to or talking with an agent.</summary>
    public HashSet<string> Connected { get; } = new();
    /// <summary>The agent the last call went to (round robin continues after it).</summary>
    public string LastRoutedDn { get; set; } = "";
    /// <summary>Today's figures (the engine rolls them over at local midnight).</summary>
    public AcdDayStats Today { get; } = new();
}

/// <summary>Picks the agent to offer a call to, by the ACD's strategy. Pure: the candidates are already available.</summary>
public static class Routing
{
    /// <summary>
    /// <paramref name="candidates"/> are ready, registered, accepting agents logged into the ACD. Lower member priority
    /// numbers come first; the strategy decides among the agents of the best priority present.
    /// </summary>
    public static AgentRuntime? Select(QueueRuntime queue, IReadOnlyList<AgentRuntime> candidates, Random random)
    {
        if (candidates.Count == 0) return null;
        var best = candidates.Min(a => Priority(a, queue.Number));
        var tier = candidates.Where(a => Priority(a, queue.Number) == best).ToList();
        switch (queue.Config.Strategy)
        {
            case RoutingStrategy.RoundRobin:
            {
                var ordered = tier.OrderBy(a => a.Dn, StringComparer.Ordinal).ToList();
                var pick = ordered.FirstOrDefault(a => string.CompareOrdinal(a.Dn, queue.LastRoutedDn) > 0) ?? ordered[0];
                queue.LastRoutedDn = pick.Dn;
                return pick;
            }
            case RoutingStrategy.TopDown:
                return tier.OrderBy(a => a.Dn, StringComparer.Ordinal).First();
            case RoutingStrategy.Random:
            case RoutingStrategy.RingAll:
                return tier[random.Next(tier.Count)];
            case RoutingStrategy.AgentWithLeastTalkTime:
                return tier.OrderBy(a => a.TalkSeconds).ThenBy(a => a.ReadySince).First();
            case RoutingStrategy.AgentWithFewestCalls:
                return tier.OrderBy(a => a.CallsAnswered).ThenBy(a => a.ReadySince).First();
            default:
                return tier.OrderBy(a => a.ReadySince).ThenBy(a => a.Dn, StringComparer.Ordinal).First();
        }
    }

    public static int Priority(AgentRuntime agent, string queue) =>
        agent.Config.AcdPriorities.TryGetValue(queue, out var p) ? p : 100;
}
