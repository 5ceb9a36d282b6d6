using CallCenter.Domain.Acds;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Acds;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Engine;

namespace CallCenter.Tests.Cti;

/// <summary>The routing strategies on their own: who gets the next call among available agents.</summary>
public sealed class RoutingTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static AgentRuntime Agent(string code, int priority, int readyAfterSeconds, int answered = 0, int talk = 0)
    {
        var cfg = new AgentConfig(int.Parse(code), $"10001_{code}", code, code, code, true,
            new Dictionary<string, int> { ["10001_8000"] = priority }, null, null);
        var a = new AgentRuntime(cfg, 10001, T0);
        a.SetState(AgentState.Ready, null, T0.AddSeconds(readyAfterSeconds));
        a.CallsAnswered = answered;
        a.TalkSeconds = talk;
        return a;
    }

    private static QueueRuntime Queue(RoutingStrategy strategy) =>
        new(new AcdConfig(1, "10001_8000", "Q", strategy, 20, 60, OverflowAction.Hangup, null, null));

    [Fact]
    public void Longest_idle_picks_the_agent_ready_the_longest()
    {
        var agents = new[] { Agent("1000", 1, 30), Agent("1001", 1, 10), Agent("1002", 1, 20) };
        Assert.Equal("10001_1001", Routing.Select(Queue(RoutingStrategy.LongestIdleAgent), agents, new Random(1))!.Dn);
    }

    [Fact]
    public void A_better_member_priority_wins_over_every_strategy()
    {
        var agents = new[] { Agent("1000", 2, 0), Agent("1001", 1, 50), Agent("1002", 2, 1) };
        foreach (var strategy in RoutingStrategies.All)
            Assert.Equal("10001_1001", Routing.Select(Queue(strategy), agents, new Random(1))!.Dn);
    }

    [Fact]
    public void Round_robin_goes_around_the_agents_in_order()
    {
        var q = Queue(RoutingStrategy.RoundRobin);
        var agents = new[] { Agent("1002", 1, 0), Agent("1000", 1, 0), Agent("1001", 1, 0) };
        var picks = Enumerable.Range(0, 4).Select(_ => Routing.Select(q, agents, new Random(1))!.Config.Code).ToList();
        Assert.Equal(new[] { "1000", "1001", "1002", "1000" }, picks);
    }

    [Fact]
    public void Fewest_calls_and_least_talk_time_pick_the_least_loaded_agent()
    {
        var agents = new[] { Agent("1000", 1, 0, answered: 5, talk: 100), Agent("1001", 1, 0, answered: 2, talk: 900), Agent("1002", 1, 0, answered: 9, talk: 50) };
        Assert.Equal("10001_1001", Routing.Select(Queue(RoutingStrategy.AgentWithFewestCalls), agents, new Random(1))!.Dn);
        Assert.Equal("10001_1002", Routing.Select(Queue(RoutingStrategy.AgentWithLeastTalkTime), agents, new Random(1))!.Dn);
    }

    [Fact]
    public void Top_down_always_starts_from_the_first_agent_and_random_spreads()
    {
        var agents = new[] { Agent("1001", 1, 0), Agent("1000", 1, 9), Agent("1002", 1, 5) };
        Assert.Equal("10001_1000", Routing.Select(Queue(RoutingStrategy.TopDown), agents, new Random(1))!.Dn);
        var random = new Random(3);
        var seen = Enumerable.Range(0, 60).Select(_ => Routing.Select(Queue(RoutingStrategy.Random), agents, random)!.Dn).ToHashSet();
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void Nobody_available_means_no_pick()
    {
        Assert.Null(Routing.Select(Queue(RoutingStrategy.LongestIdleAgent), Array.Empty<AgentRuntime>(), new Random(1)));
    }
}
