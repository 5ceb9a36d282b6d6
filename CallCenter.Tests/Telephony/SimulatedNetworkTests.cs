using CallCenter.Domain.Telephony;
using CallCenter.Infrastructure.Telephony.Simulated;
using static CallCenter.Tests.Telephony.SwitchHarness;

namespace CallCenter.Tests.Telephony;

public class SimulatedNetworkTests
{
    [Fact]
    public void External_outcomes_follow_the_configured_probability_and_weights()
    {
        const int calls = 2000;
        using var h = new SwitchHarness(o => o.TalkTime = SecondsDistribution.Fixed(0)); // answered calls stay up
        for (var i = 0; i < calls; i++) h.Originate($"c{i}", Number("1390000" + i.ToString("D4")), ringTimeoutSeconds: 30);
        h.Advance(31);

        var answered = h.Events.Of<ChannelAnswered>();
        var hungUp = h.Events.Of<ChannelHungUp>();
        Assert.Equal(calls, answered.Count + hungUp.Count); // every call has exactly one outcome
        Assert.Equal(calls, answered.Select(a => a.ChannelId).Concat(hungUp.Select(x => x.ChannelId)).Distinct().Count());

        // Binomial counts within 5 standard deviations of their means (p = 0.8; then 0.5 / 0.3 / 0.2 of the rest).
        AssertNear(answered.Count, calls, 0.8);
        AssertNear(hungUp.Count(x => x.Cause == HangupCauses.NoAnswer), calls, 0.2 * 0.5);
        AssertNear(hungUp.Count(x => x.Cause == HangupCauses.UserBusy), calls, 0.2 * 0.3);
        AssertNear(hungUp.Count(x => x.Cause == HangupCauses.CallRejected), calls, 0.2 * 0.2);
        Assert.All(hungUp, x => Assert.Contains(x.Cause, new[] { HangupCauses.NoAnswer, HangupCauses.UserBusy, HangupCauses.CallRejected }));

        // Timing: ringing after the 0.5 s set-up, answers 2-8 s later, NO_ANSWER at the ring timeout, busy without ringing.
        var ringing = h.Events.Of<ChannelRinging>().ToDictionary(r => r.ChannelId);
        Assert.All(ringing.Values, r => Assert.Equal(TimeSpan.FromSeconds(0.5), h.Elapsed(r)));
        Assert.All(answered, a => Assert.InRange(h.Elapsed(a).TotalSeconds, 2.5, 8.5));
        Assert.All(answered, a => Assert.True(ringing.ContainsKey(a.ChannelId)));
        Assert.All(hungUp.Where(x => x.Cause == HangupCauses.NoAnswer), x => Assert.Equal(TimeSpan.FromSeconds(30), h.Elapsed(x)));
        Assert.All(hungUp.Where(x => x.Cause == HangupCauses.UserBusy), x =>
        {
            Assert.Equal(TimeSpan.FromSeconds(0.5), h.Elapsed(x));
            Assert.False(ringing.ContainsKey(x.ChannelId));
        });
        Assert.All(hungUp.Where(x => x.Cause == HangupCauses.CallRejected), x => Assert.InRange(h.Elapsed(x).TotalSeconds, 2.5, 8.5));
        Assert.Equal(answered.Count, h.Switch.Snapshot().Channels);
    }

    [Fact]
    public void Weights_are_configurable()
    {
        using var h = new SwitchHarness(o =>
        {
            o.AnswerProbability = 0;
            o.Unanswered = new UnansweredWeights { NoAnswer = 0, UserBusy = 1, CallRejected = 0 };
        });
        for (var i = 0; i < 50; i++) h.Originate($"c{i}", Number("13900000000"));
        h.Advance(1);
        Assert.Equal(50, h.Events.Of<ChannelHungUp>().Count(x => x.Cause == HangupCauses.UserBusy));
    }

    [Fact]
    public void Vacant_numbers_fail_with_UNALLOCATED_NUMBER()
    {
        using var h = new SwitchHarness(o => o.AnswerProbability = 1);
        h.Originate("vacant", Number("0001234"));
        h.Originate("fine", Number("13900000000"));
        h.Advance(0.5);
        Assert.Equal(new ChannelHungUp(Tenant, h.Start.AddSeconds(0.5), "vacant", HangupCauses.UnallocatedNumber), h.Events.HungUp("vacant"));
        Assert.Empty(h.Events.For("vacant").OfType<ChannelRinging>());
        Assert.Null(h.Events.HungUp("fine"));

        using var custom = new SwitchHarness(o => { o.AnswerProbability = 1; o.VacantPrefix = "99"; });
        custom.Originate("a", Number("0001234"));
        custom.Originate("b", Number("991234"));
        custom.Advance(10);
        Assert.Null(custom.Events.HungUp("a"));
        Assert.Equal(HangupCauses.UnallocatedNumber, custom.Events.HungUp("b")!.Cause);
    }

    [Fact]
    public void Answered_remote_party_hangs_up_after_its_talk_time_with_recv_bye()
    {
        using var h = new SwitchHarness(o =>
        {
            o.AnswerProbability = 1;
            o.AnswerDelay = SecondsDistribution.Fixed(3);
            o.TalkTime = SecondsDistribution.Fixed(30);
        });
        var agent = h.AnsweredExtensionChannel("agent");
        h.Originate("customer", Number("13912345678"));
        h.Advance(3.5);
        Assert.Equal(TimeSpan.FromSeconds(3.5), h.Elapsed(h.Events.For("customer").OfType<ChannelAnswered>().Single()));
        h.Switch.Bridge(agent, "customer");

        h.Advance(29.9);
        Assert.Null(h.Events.HungUp("customer"));
        h.Advance(0.1);
        // The callee (the number the switch called) hung up: recv_bye, 30 s after its answer.
        Assert.Equal(new ChannelHungUp(Tenant, h.Start.AddSeconds(33.5), "customer", HangupCauses.RecvBye), h.Events.HungUp("customer"));
        // The agent leg is the engine's business: still up, no longer bridged.
        Assert.Null(h.Events.HungUp(agent));
        Assert.Null(h.Switch.GetChannel(agent)!.BridgedTo);
    }

    [Fact]
    public void Talk_time_of_zero_means_the_remote_party_never_hangs_up()
    {
        using var h = new SwitchHarness(o => { o.AnswerProbability = 1; o.TalkTime = SecondsDistribution.Fixed(0); });
        h.Originate("customer", Number("13912345678"));
        h.Advance(3600);
        Assert.Single(h.Events.Of<ChannelAnswered>());
        Assert.Empty(h.Events.Of<ChannelHungUp>());
    }

    [Fact]
    public void An_answer_later_than_the_ring_timeout_is_NO_ANSWER()
    {
        using var h = new SwitchHarness(o => { o.AnswerProbability = 1; o.AnswerDelay = SecondsDistribution.Fixed(20); });
        h.Originate("customer", Number("13912345678"), ringTimeoutSeconds: 10);
        h.Advance(30);
        Assert.Empty(h.Events.Of<ChannelAnswered>());
        Assert.Equal(new ChannelHungUp(Tenant, h.Start.AddSeconds(10), "customer", HangupCauses.NoAnswer), h.Events.HungUp("customer"));
    }

    [Fact]
    public void The_same_seed_replays_the_same_events()
    {
        static IReadOnlyList<SwitchEvent> Run(int seed)
        {
            using var h = new SwitchHarness(seed: seed);
            h.Switch.RegisterExtension(Tenant, "1000");
            for (var i = 0; i < 40; i++) h.Originate($"c{i}", i % 4 == 0 ? Ext("1000") : Number("1380000" + i.ToString("D4")));
            h.Switch.StartInbound(Tenant, "10001_8000", 30);
            h.Advance(300);
            return h.Events.All;
        }

        var first = Run(7);
        Assert.Equal(first, Run(7));
        Assert.NotEqual(first, Run(8));
    }

    private static void AssertNear(int count, int trials, double p)
    {
        var mean = trials * p;
        var sd = Math.Sqrt(trials * p * (1 - p));
        Assert.InRange(count, mean - 5 * sd, mean + 5 * sd);
    }
}
