using CallCenter.Domain.Telephony;
using CallCenter.Infrastructure.Telephony.Simulated;
using static CallCenter.Tests.Telephony.SwitchHarness;

namespace CallCenter.Tests.Telephony;

public class SimulatedChannelCommandTests
{
    [Fact]
    public void Inbound_call_is_answered_by_the_engine()
    {
        using var h = new SwitchHarness();
        var id = h.Switch.PlaceInboundCall(Tenant, "10001_8000", "13812345678");
        var call = Assert.IsType<InboundCall>(Assert.Single(h.Events.All));
        Assert.Equal(new InboundCall(Tenant, h.Start, id, "13812345678", "4008000000", "10001_8000"), call);
        Assert.Equal(SimulatedChannelState.Ringing, h.Switch.GetChannel(id)!.State);

        h.Advance(2);
        h.Switch.Answer(id);
        h.Switch.Answer(id); // already answered: nothing more
        Assert.Equal([new ChannelAnswered(Tenant, h.Start.AddSeconds(2), id)], h.Events.All.Skip(1));
        Assert.Equal(SimulatedChannelState.Answered, h.Switch.GetChannel(id)!.State);
    }

    [Fact]
    public void Answer_does_not_pick_up_an_originated_channel()
    {
        using var h = new SwitchHarness(o => o.AutoAnswer = false);
        h.Switch.RegisterExtension(Tenant, "1000");
        h.Originate("c1", Ext("1000"));
        h.Switch.Answer("c1");
        h.Switch.Answer("nope");
        Assert.Empty(h.Events.Of<ChannelAnswered>());
    }

    [Fact]
    public void Bridge_connects_two_answered_channels_and_ignores_anything_else()
    {
        using var h = new SwitchHarness(o => o.AutoAnswer = false);
        h.Switch.RegisterExtension(Tenant, "1000");
        var caller = h.AnsweredInboundChannel();
        h.Originate("agent", Ext("1000"));

        h.Switch.Bridge(caller, "agent"); // the agent is still ringing
        h.Switch.Bridge(caller, "missing");
        h.Switch.Bridge(caller, caller);
        Assert.Empty(h.Events.Of<ChannelsBridged>());

        h.Switch.AnswerExtension(Tenant, "1000");
        h.Advance(1);
        h.Switch.Bridge(caller, "agent");
        Assert.Equal(new ChannelsBridged(Tenant, h.Start.AddSeconds(1), caller, "agent"), h.Events.All[^1]);
        Assert.Equal("agent", h.Switch.GetChannel(caller)!.BridgedTo);
        Assert.Equal(caller, h.Switch.GetChannel("agent")!.BridgedTo);
    }

    [Fact]
    public void Bridging_to_a_third_channel_unbridges_the_previous_peer()
    {
        using var h = new SwitchHarness();
        var caller = h.AnsweredInboundChannel();
        var a = h.AnsweredExtensionChannel("a", "1000");
        var b = h.AnsweredExtensionChannel("b", "1001");
        h.Switch.Bridge(caller, a);
        h.Switch.Bridge(caller, b);
        Assert.Equal(2, h.Events.Of<ChannelsBridged>().Count);
        Assert.Equal(b, h.Switch.GetChannel(caller)!.BridgedTo);
        Assert.Null(h.Switch.GetChannel(a)!.BridgedTo);
    }

    [Fact]
    public void Hold_and_unhold_change_the_channel_state()
    {
        using var h = new SwitchHarness();
        var caller = h.AnsweredInboundChannel();
        var agent = h.AnsweredExtensionChannel("agent");
        h.Switch.Bridge(caller, agent);
        var before = h.Events.All.Count;

        h.Switch.Hold(caller);
        Assert.True(h.Switch.GetChannel(caller)!.Held);
        Assert.Equal(agent, h.Switch.GetChannel(caller)!.BridgedTo); // still bridged: the agent side hears the music
        h.Switch.Unhold(caller);
        Assert.False(h.Switch.GetChannel(caller)!.Held);
        h.Switch.Hold("missing");
        Assert.Equal(before, h.Events.All.Count); // hold has no event of its own
    }

    [Fact]
    public void Hangup_ends_only_that_channel_with_the_given_cause()
    {
        using var h = new SwitchHarness();
        var caller = h.AnsweredInboundChannel();
        var agent = h.AnsweredExtensionChannel("agent");
        h.Switch.Bridge(caller, agent);
        h.Advance(12);

        h.Switch.Hangup(agent, HangupCauses.RecvBye);
        Assert.Equal(new ChannelHungUp(Tenant, h.Start.AddSeconds(12), agent, HangupCauses.RecvBye), h.Events.All[^1]);
        Assert.Null(h.Switch.GetChannel(agent));
        var rest = h.Switch.GetChannel(caller)!;
        Assert.Null(rest.BridgedTo);
        Assert.Null(h.Events.HungUp(caller));

        h.Switch.Hangup(agent, HangupCauses.RecvBye); // gone already: nothing
        h.Switch.Hangup(caller, "");
        Assert.Equal(HangupCauses.NormalClearing, h.Events.HungUp(caller)!.Cause);
        Assert.Equal(2, h.Events.Of<ChannelHungUp>().Count);
        Assert.Equal(0, h.Switch.Snapshot().Channels);
    }

    [Fact]
    public void Hangup_of_a_ringing_originated_channel_cancels_its_outcome()
    {
        using var h = new SwitchHarness(o => o.AnswerProbability = 1);
        h.Originate("c1", Number("13900000000"));
        h.Advance(1);
        h.Switch.Hangup("c1", HangupCauses.SendBye);
        h.Advance(120);
        Assert.Empty(h.Events.Of<ChannelAnswered>());
        Assert.Single(h.Events.Of<ChannelHungUp>());
    }

    [Fact]
    public void Parked_caller_abandons_after_the_patience_time_with_send_bye()
    {
        using var h = new SwitchHarness(o => o.Patience = SecondsDistribution.Fixed(45));
        var caller = h.AnsweredInboundChannel();
        h.Advance(5);
        h.Switch.Park(caller);
        Assert.True(h.Switch.GetChannel(caller)!.Parked);

        h.Advance(44.9);
        Assert.Null(h.Events.HungUp(caller));
        h.Advance(0.1);
        // The caller (the customer who called in) hung up: send_bye, 45 s after being parked.
        Assert.Equal(new ChannelHungUp(Tenant, h.Start.AddSeconds(50), caller, HangupCauses.SendBye), h.Events.HungUp(caller));
    }

    [Fact]
    public void Patience_is_drawn_from_its_distribution()
    {
        using var h = new SwitchHarness(); // default uniform 30-180 s
        var callers = Enumerable.Range(0, 200).Select(_ => h.AnsweredInboundChannel()).ToList();
        foreach (var c in callers) h.Switch.Park(c);
        h.Advance(181);
        var waits = h.Events.Of<ChannelHungUp>().Select(x => h.Elapsed(x).TotalSeconds).ToList();
        Assert.Equal(200, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, 30, 180));
        Assert.InRange(waits.Average(), 95, 115); // mean 105, sd of the mean about 3
    }

    [Fact]
    public void A_bridged_caller_no_longer_abandons_and_hangs_up_after_its_talk_time()
    {
        using var h = new SwitchHarness(o =>
        {
            o.Patience = SecondsDistribution.Fixed(45);
            o.TalkTime = SecondsDistribution.Fixed(60);
        });
        var caller = h.AnsweredInboundChannel();
        h.Switch.Park(caller);
        h.Advance(20);
        var agent = h.AnsweredExtensionChannel("agent");
        h.Switch.Bridge(caller, agent);
        Assert.False(h.Switch.GetChannel(caller)!.Parked);

        h.Advance(59.9);
        Assert.Null(h.Events.HungUp(caller));
        h.Advance(0.1);
        Assert.Equal(new ChannelHungUp(Tenant, h.Start.AddSeconds(80), caller, HangupCauses.SendBye), h.Events.HungUp(caller));
        Assert.Null(h.Events.HungUp(agent));
    }

    [Fact]
    public void Talk_time_runs_once_per_call_even_across_transfers()
    {
        using var h = new SwitchHarness(o => { o.Patience = SecondsDistribution.Fixed(10); o.TalkTime = SecondsDistribution.Fixed(60); });
        var caller = h.AnsweredInboundChannel();
        var agent = h.AnsweredExtensionChannel("agent");
        h.Switch.Bridge(caller, agent);
        h.Advance(30);
        h.Switch.Park(caller); // back to a queue: keeps its talk time, no patience
        h.Advance(20);
        Assert.Null(h.Events.HungUp(caller));
        h.Advance(10);
        Assert.Equal(TimeSpan.FromSeconds(60), h.Elapsed(h.Events.HungUp(caller)!));
    }

    [Fact]
    public void Conference_eavesdrop_deaf_mute_dtmf_and_play_are_kept_as_state()
    {
        using var h = new SwitchHarness();
        var caller = h.AnsweredInboundChannel();
        var agent = h.AnsweredExtensionChannel("agent", "1000");
        var supervisor = h.AnsweredExtensionChannel("supervisor", "1009");
        h.Switch.Bridge(caller, agent);

        h.Switch.Eavesdrop(supervisor, agent, EavesdropMode.Whisper);
        Assert.Equal(agent, h.Switch.GetChannel(supervisor)!.EavesdropTarget);
        Assert.Equal(EavesdropMode.Whisper, h.Switch.GetChannel(supervisor)!.EavesdropMode);

        h.Switch.SetDeaf(caller, true);
        h.Switch.SetMute(agent, true);
        h.Switch.SendDtmf(agent, "12");
        h.Switch.SendDtmf(agent, "#");
        h.Switch.Play(caller, "moh.wav");
        Assert.True(h.Switch.GetChannel(caller)!.Deaf);
        Assert.True(h.Switch.GetChannel(agent)!.Muted);
        Assert.Equal("12#", h.Switch.GetChannel(agent)!.SentDtmf);
        Assert.Equal("moh.wav", h.Switch.GetChannel(caller)!.PlayingFile);
        h.Switch.SetDeaf(caller, false);
        Assert.False(h.Switch.GetChannel(caller)!.Deaf);

        h.Switch.JoinConference(caller, "10001-room1");
        h.Switch.JoinConference(agent, "10001-room1");
        h.Switch.JoinConference(supervisor, "10001-room1");
        Assert.Equal("10001-room1", h.Switch.GetChannel(caller)!.Conference);
        Assert.Null(h.Switch.GetChannel(caller)!.BridgedTo);
        Assert.Equal(1, h.Switch.Snapshot().Conferences);

        h.Switch.Hangup(agent, HangupCauses.SendBye);
        Assert.Null(h.Switch.GetChannel(supervisor)!.EavesdropTarget); // its target is gone
        h.Switch.Hangup(caller, HangupCauses.SendBye);
        h.Switch.Hangup(supervisor, HangupCauses.SendBye);
        Assert.Equal(0, h.Switch.Snapshot().Conferences);
    }

    [Fact]
    public void A_sink_may_call_the_switch_back_from_publish()
    {
        using var h = new SwitchHarness(o => o.Patience = SecondsDistribution.Fixed(30));
        h.Events.OnPublish = e =>
        {
            if (e is InboundCall call)
            {
                h.Switch.Answer(call.ChannelId);
                h.Switch.Park(call.ChannelId);
            }
        };
        var id = h.Switch.PlaceInboundCall(Tenant, "10001_8000");
        h.Advance(30);
        Assert.Equal(
            [typeof(InboundCall), typeof(ChannelAnswered), typeof(ChannelHungUp)],
            h.Events.For(id).Select(e => e.GetType()));
        Assert.Equal(0, h.Events.ConcurrentCalls);
    }

    [Fact]
    public void Events_raised_without_a_sink_are_dropped_and_counted()
    {
        using var clockless = new SwitchHarness();
        var s = new SimulatedSwitch(new SimulatedSwitchOptions { Seed = 1 }, clockless.Clock);
        s.RegisterExtension(Tenant, "1000");
        Assert.Equal(1, s.Snapshot().EventsPublished);
        var sink = new CollectingSink();
        s.Connect(sink);
        s.UnregisterExtension(Tenant, "1000");
        Assert.Single(sink.All);
        s.Dispose();
    }
}
