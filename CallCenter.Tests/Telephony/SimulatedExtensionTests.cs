using CallCenter.Domain.Telephony;
using CallCenter.Infrastructure.Telephony.Simulated;
using static CallCenter.Tests.Telephony.SwitchHarness;

namespace CallCenter.Tests.Telephony;

public class SimulatedExtensionTests
{
    [Fact]
    public void Register_and_unregister_publish_events_once_per_change()
    {
        using var h = new SwitchHarness();
        h.Switch.RegisterExtension(Tenant, "1000");
        h.Switch.RegisterExtension(Tenant, "1000"); // same address: nothing new
        h.Switch.RegisterExtension(Tenant, "1000", "10.0.0.7"); // moved: registered again
        h.Switch.UnregisterExtension(Tenant, "1000");
        h.Switch.UnregisterExtension(Tenant, "1000"); // not registered any more: nothing

        var events = h.Events.All;
        Assert.Equal(3, events.Count);
        Assert.Equal(new ExtensionRegistered(Tenant, h.Start, "1000", "127.0.0.1"), events[0]);
        Assert.Equal(new ExtensionRegistered(Tenant, h.Start, "1000", "10.0.0.7"), events[1]);
        Assert.Equal(new ExtensionUnregistered(Tenant, h.Start, "1000"), events[2]);
        Assert.False(h.Switch.IsRegistered(Tenant, "1000"));
        Assert.Equal(0, h.Switch.Snapshot().RegisteredExtensions);
    }

    [Fact]
    public void Registered_extension_rings_then_auto_answers_after_the_delay()
    {
        using var h = new SwitchHarness();
        h.Switch.RegisterExtension(Tenant, "1000");
        h.Events.Clear();

        h.Originate("c1", Ext("1000"));
        Assert.Equal([new ChannelRinging(Tenant, h.Start, "c1")], h.Events.All);
        Assert.Equal(SimulatedChannelState.Ringing, h.Switch.GetChannel("c1")!.State);

        h.Advance(0.999);
        Assert.Single(h.Events.All);

        h.Advance(0.001);
        Assert.Equal(new ChannelAnswered(Tenant, h.Start.AddSeconds(1), "c1"), h.Events.All[^1]);
        Assert.Equal(SimulatedChannelState.Answered, h.Switch.GetChannel("c1")!.State);

        h.Advance(600); // an answered extension never hangs up by itself, and the ring timeout no longer applies
        Assert.Equal(2, h.Events.All.Count);
        Assert.Equal(1, h.Switch.Snapshot().AnsweredChannels);
    }

    [Fact]
    public void Auto_answer_delay_is_configurable()
    {
        using var h = new SwitchHarness(o => o.AutoAnswerDelaySeconds = 4.5);
        h.Switch.RegisterExtension(Tenant, "1000");
        h.Originate("c1", Ext("1000"));
        h.Advance(10);
        Assert.Equal(TimeSpan.FromSeconds(4.5), h.Elapsed(h.Events.Of<ChannelAnswered>().Single()));
    }

    [Fact]
    public void Without_auto_answer_it_rings_until_the_softphone_answers()
    {
        using var h = new SwitchHarness(o => o.AutoAnswer = false);
        h.Switch.RegisterExtension(Tenant, "1000");
        h.Originate("c1", Ext("1000"), ringTimeoutSeconds: 30);
        h.Advance(20);
        Assert.Empty(h.Events.Of<ChannelAnswered>());

        Assert.True(h.Switch.AnswerExtension(Tenant, "1000"));
        Assert.Equal(new ChannelAnswered(Tenant, h.Start.AddSeconds(20), "c1"), h.Events.All[^1]);
        Assert.False(h.Switch.AnswerExtension(Tenant, "1000")); // nothing rings any more

        h.Advance(60);
        Assert.Empty(h.Events.Of<ChannelHungUp>());
    }

    [Fact]
    public void An_extension_answered_by_hand_rings_until_answered_while_any_handle_lives_then_auto_answers_again()
    {
        using var h = new SwitchHarness(o => o.AutoAnswerDelaySeconds = 1);
        h.Switch.RegisterExtension(Tenant, "1000");
        var page = h.Switch.AnswerByHand(Tenant, "1000");
        var secondTab = h.Switch.AnswerByHand(Tenant, "1000");
        h.Originate("c1", Ext("1000"), ringTimeoutSeconds: 30);
        h.Advance(20);
        Assert.Empty(h.Events.Of<ChannelAnswered>());
        Assert.True(h.Switch.AnswerExtension(Tenant, "1000"));

        page.Dispose();
        page.Dispose(); // a second dispose does not release the other tab's hold
        Assert.True(h.Switch.IsAnsweredByHand(Tenant, "1000"));
        h.Originate("c2", Ext("1000"), ringTimeoutSeconds: 30);
        h.Advance(5);
        Assert.Single(h.Events.Of<ChannelAnswered>());

        secondTab.Dispose();
        Assert.False(h.Switch.IsAnsweredByHand(Tenant, "1000"));
        Assert.False(h.Switch.IsAnsweredByHand(Tenant, "1001"));
        h.Originate("c3", Ext("1000"), ringTimeoutSeconds: 30);
        h.Advance(2);
        Assert.Equal("c3", h.Events.Of<ChannelAnswered>().Last().ChannelId);
    }

    [Fact]
    public void Softphone_reject_hangs_up_with_CALL_REJECTED()
    {
        using var h = new SwitchHarness(o => o.AutoAnswer = false);
        h.Switch.RegisterExtension(Tenant, "1000");
        h.Originate("c1", Ext("1000"));
        h.Advance(3);

        Assert.True(h.Switch.RejectExtension(Tenant, "1000"));
        Assert.Equal(new ChannelHungUp(Tenant, h.Start.AddSeconds(3), "c1", HangupCauses.CallRejected), h.Events.All[^1]);
        Assert.False(h.Switch.RejectExtension(Tenant, "1000"));
        Assert.Null(h.Switch.GetChannel("c1"));
        Assert.Equal(0, h.Switch.Snapshot().Channels);
    }

    [Fact]
    public void Ring_timeout_hangs_up_with_NO_ANSWER()
    {
        using var h = new SwitchHarness(o => o.AutoAnswer = false);
        h.Switch.RegisterExtension(Tenant, "1000");
        h.Originate("c1", Ext("1000"), ringTimeoutSeconds: 20);
        h.Advance(19.9);
        Assert.Null(h.Events.HungUp("c1"));
        h.Advance(0.1);
        Assert.Equal(new ChannelHungUp(Tenant, h.Start.AddSeconds(20), "c1", HangupCauses.NoAnswer), h.Events.HungUp("c1"));
        Assert.False(h.Switch.AnswerExtension(Tenant, "1000"));
    }

    [Fact]
    public void Ring_timeout_shorter_than_the_auto_answer_delay_wins()
    {
        using var h = new SwitchHarness(o => o.AutoAnswerDelaySeconds = 5);
        h.Switch.RegisterExtension(Tenant, "1000");
        h.Originate("c1", Ext("1000"), ringTimeoutSeconds: 2);
        h.Advance(10);
        Assert.Empty(h.Events.Of<ChannelAnswered>());
        Assert.Equal(HangupCauses.NoAnswer, h.Events.HungUp("c1")!.Cause);
    }

    [Fact]
    public void No_ring_timeout_in_the_command_uses_the_default()
    {
        using var h = new SwitchHarness(o => { o.AutoAnswer = false; o.DefaultRingTimeoutSeconds = 45; });
        h.Switch.RegisterExtension(Tenant, "1000");
        h.Originate("c1", Ext("1000"), ringTimeoutSeconds: 0);
        h.Advance(100);
        Assert.Equal(TimeSpan.FromSeconds(45), h.Elapsed(h.Events.HungUp("c1")!));
    }

    [Fact]
    public void Unregistered_extension_fails_with_USER_NOT_REGISTERED_without_ringing()
    {
        using var h = new SwitchHarness();
        h.Originate("c1", Ext("1000"));
        Assert.Equal([new ChannelHungUp(Tenant, h.Start, "c1", HangupCauses.UserNotRegistered)], h.Events.All);

        h.Switch.RegisterExtension(Tenant, "1000");
        h.Switch.UnregisterExtension(Tenant, "1000");
        h.Originate("c2", Ext("1000"));
        Assert.Equal(HangupCauses.UserNotRegistered, h.Events.HungUp("c2")!.Cause);

        h.Switch.RegisterExtension(20002, "1000"); // another tenant's 1000 is another extension
        h.Originate("c3", Ext("1000"));
        Assert.Equal(HangupCauses.UserNotRegistered, h.Events.HungUp("c3")!.Cause);
        Assert.Empty(h.Events.Of<ChannelRinging>());
        Assert.Equal(0, h.Switch.Snapshot().Channels);
    }

    [Fact]
    public void An_extension_carries_several_channels_and_the_softphone_answers_the_oldest_ringing()
    {
        using var h = new SwitchHarness(o => o.AutoAnswer = false);
        h.Switch.RegisterExtension(Tenant, "1000");
        h.Originate("first", Ext("1000"));
        h.Advance(1);
        h.Originate("consult", Ext("1000"));

        Assert.True(h.Switch.AnswerExtension(Tenant, "1000"));
        Assert.Equal(SimulatedChannelState.Answered, h.Switch.GetChannel("first")!.State);
        Assert.Equal(SimulatedChannelState.Ringing, h.Switch.GetChannel("consult")!.State);

        Assert.True(h.Switch.RejectExtension(Tenant, "1000"));
        Assert.Equal(HangupCauses.CallRejected, h.Events.HungUp("consult")!.Cause);
        Assert.Null(h.Events.HungUp("first"));
        Assert.Equal(1, h.Switch.Snapshot().Channels);
    }

    [Fact]
    public void A_reused_channel_id_is_ignored()
    {
        using var h = new SwitchHarness(o => o.AutoAnswer = false);
        h.Switch.RegisterExtension(Tenant, "1000");
        h.Switch.RegisterExtension(Tenant, "1001");
        h.Originate("c1", Ext("1000"));
        h.Originate("c1", Ext("1001"));
        Assert.Single(h.Events.Of<ChannelRinging>());
        Assert.Equal("1000", h.Switch.GetChannel("c1")!.RemoteNumber);
    }
}
