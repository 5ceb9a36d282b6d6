using CallCenter.Domain.Telephony;
using CallCenter.Infrastructure.Telephony.Simulated;

namespace CallCenter.Tests.Telephony;

public class SimulatedSwitchConcurrencyTests
{
    /// <summary>
    /// 8 threads × 500 originates, every other channel hung up at once, on the real clock with a 2 ms auto-answer so
    /// the switch's timer answers calls while the threads are still issuing commands.
    /// </summary>
    [Fact]
    public async Task Many_threads_originating_and_hanging_up_leave_a_consistent_switch()
    {
        const int threads = 8, perThread = 500, tenant = 10001;
        var sink = new CollectingSink();
        using var sw = new SimulatedSwitch(new SimulatedSwitchOptions { Seed = 3, AutoAnswerDelaySeconds = 0.002 }, TimeProvider.System);
        sw.Connect(sink);
        for (var t = 0; t < threads; t++) sw.RegisterExtension(tenant, $"10{t:D2}");

        using var go = new Barrier(threads);
        var work = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            go.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                // Thread t rings its own extension and, now and then, a neighbour's: the extension lists are shared.
                var ext = i % 10 == 0 ? $"10{(t + 1) % threads:D2}" : $"10{t:D2}";
                sw.Originate(new OriginateCommand($"t{t}-{i}", tenant, new ExtensionEndpoint(tenant, ext), "4008000000", 60));
                if (i % 2 == 1) sw.Hangup($"t{t}-{i - 1}", HangupCauses.NormalClearing);
                if (i % 50 == 0) _ = sw.Snapshot();
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(work);

        const int kept = threads * perThread / 2;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (sw.Snapshot().AnsweredChannels < kept && DateTime.UtcNow < deadline) await Task.Delay(10);

        var snapshot = sw.Snapshot();
        Assert.Equal(kept, snapshot.Channels);
        Assert.Equal(kept, snapshot.AnsweredChannels);
        Assert.Equal(0, sink.ConcurrentCalls);

        var events = sink.All;
        var hungUp = events.OfType<ChannelHungUp>().ToList();
        Assert.Equal(kept, hungUp.Count);
        Assert.All(hungUp, x => Assert.Equal(HangupCauses.NormalClearing, x.Cause));
        Assert.Equal(threads * perThread, events.OfType<ChannelRinging>().Count());

        // Per channel: ringing first, at most one answer, the hang-up (if any) last — and only for even channels.
        foreach (var channel in events.GroupBy(ChannelOf).Where(g => g.Key is not null))
        {
            var kinds = channel.Select(e => e.GetType()).ToList();
            Assert.Equal(typeof(ChannelRinging), kinds[0]);
            Assert.True(kinds.Count(k => k == typeof(ChannelAnswered)) <= 1);
            var index = int.Parse(channel.Key!.Split('-')[1]);
            if (index % 2 == 0) Assert.Equal(typeof(ChannelHungUp), kinds[^1]);
            else Assert.Equal([typeof(ChannelRinging), typeof(ChannelAnswered)], kinds);
        }
        // Events arrive in time order.
        Assert.Equal(events.Select(e => e.At).Order(), events.Select(e => e.At));
    }

    private static string? ChannelOf(SwitchEvent e) => e switch
    {
        ChannelRinging r => r.ChannelId,
        ChannelAnswered a => a.ChannelId,
        ChannelHungUp h => h.ChannelId,
        _ => null,
    };
}
