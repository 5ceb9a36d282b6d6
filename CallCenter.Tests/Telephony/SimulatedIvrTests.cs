using CallCenter.Domain.Telephony;
using CallCenter.Infrastructure.Telephony.Simulated;
using static CallCenter.Tests.Telephony.SwitchHarness;

namespace CallCenter.Tests.Telephony;

public class SimulatedIvrTests
{
    private static readonly string[] Steps = ["start", "execute_start", "play_audio_file", "get_digit", "execute_end", "stop"];

    [Fact]
    public void Ivr_publishes_its_steps_then_sends_the_caller_to_the_tenant_acd()
    {
        using var h = new SwitchHarness();
        var caller = h.Switch.PlaceInboundCall(Tenant, "10001_8000"); // not answered yet: the IVR answers it
        h.Switch.RunIvr(caller, Tenant, 7);
        Assert.Equal(new ChannelAnswered(Tenant, h.Start, caller), h.Events.All[1]);
        Assert.Equal(Steps[..3], h.Events.Of<IvrProgress>().Select(p => p.Status));
        Assert.Equal(7, h.Switch.GetChannel(caller)!.RunningIvr);

        h.Advance(5);
        var progress = h.Events.Of<IvrProgress>();
        Assert.Equal(Steps, progress.Select(p => p.Status));
        Assert.All(progress, p => Assert.Equal((Tenant, caller, 7), (p.TenantId, p.ChannelId, p.IvrId)));
        Assert.Null(progress[0].Node);
        Assert.Equal(SimulatedSwitch.IvrMenuNode, progress[1].Node);
        Assert.Equal("ivr/7/menu.wav", progress[2].FileName);

        var digit = progress[3];
        Assert.Contains(digit.Digit, new[] { "1", "2", "3" });
        Assert.Equal(-4, digit.DigitType);
        Assert.InRange(h.Elapsed(digit).TotalSeconds, 2, 5); // the default menu listening time

        var finished = Assert.IsType<IvrFinished>(h.Events.All[^1]);
        Assert.Equal(new IvrFinished(Tenant, digit.At, caller, 7, IvrExit.ToAcd, "10001_8000"), finished);
        Assert.Null(h.Switch.GetChannel(caller)!.RunningIvr);
        Assert.Null(h.Events.HungUp(caller)); // the engine queues the caller next
    }

    [Fact]
    public void The_key_picks_the_acd_from_the_map_and_an_unmapped_key_hangs_up()
    {
        using var h = new SwitchHarness(o =>
        {
            o.IvrDigitDelay = SecondsDistribution.Fixed(3);
            o.IvrDigitAcds = new Dictionary<string, string> { ["1"] = "8001", ["2"] = "20002_9000", ["3"] = "" };
        });
        var callers = Enumerable.Range(0, 60).Select(_ => h.AnsweredInboundChannel()).ToList();
        foreach (var c in callers) h.Switch.RunIvr(c, Tenant, 1);
        h.Advance(3);

        var keys = h.Events.Of<IvrProgress>().Where(p => p.Status == "get_digit").ToDictionary(p => p.ChannelId, p => p.Digit);
        Assert.Equal(60, keys.Count);
        Assert.Equal(["1", "2", "3"], keys.Values.Distinct().Order());
        foreach (var finished in h.Events.Of<IvrFinished>())
        {
            switch (keys[finished.ChannelId])
            {
                case "1":
                    Assert.Equal((IvrExit.ToAcd, "10001_8001"), (finished.Exit, finished.Target));
                    break;
                case "2":
                    Assert.Equal((IvrExit.ToAcd, "20002_9000"), (finished.Exit, finished.Target));
                    break;
                default:
                    Assert.Equal((IvrExit.Hangup, (string?)null), (finished.Exit, finished.Target));
                    // The IVR (the called side of an inbound call) hung up: recv_bye, right after IvrFinished.
                    Assert.Equal(new ChannelHungUp(Tenant, finished.At, finished.ChannelId, HangupCauses.RecvBye),
                        h.Events.For(finished.ChannelId)[^1]);
                    break;
            }
        }
        Assert.Equal(keys.Values.Count(k => k == "3"), h.Events.Of<ChannelHungUp>().Count);
    }

    [Fact]
    public void Leaving_the_ivr_stops_the_flow_silently()
    {
        using var h = new SwitchHarness();
        var parked = h.AnsweredInboundChannel();
        var hungUp = h.AnsweredInboundChannel();
        h.Switch.RunIvr(parked, Tenant, 1);
        h.Switch.RunIvr(hungUp, Tenant, 1);
        h.Advance(1);
        h.Switch.Park(parked);
        h.Switch.Hangup(hungUp, HangupCauses.SendBye);
        h.Advance(10);
        Assert.Empty(h.Events.Of<IvrFinished>());
        Assert.DoesNotContain(h.Events.Of<IvrProgress>(), p => p.Status == "get_digit");
    }

    [Fact]
    public void An_unanswered_originated_channel_cannot_run_an_ivr()
    {
        using var h = new SwitchHarness(o => o.AutoAnswer = false);
        h.Switch.RegisterExtension(Tenant, "1000");
        h.Originate("c1", Ext("1000"));
        h.Switch.RunIvr("c1", Tenant, 1);
        h.Advance(10);
        Assert.Empty(h.Events.Of<IvrProgress>());
    }
}
