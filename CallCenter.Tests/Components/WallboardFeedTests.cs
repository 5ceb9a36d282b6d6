using System.Diagnostics;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Tests.Cti;
using CallCenter.Web.Components.Wallboard;

namespace CallCenter.Tests.Components;

/// <summary>The wallboard's push feed: snapshot and subscription in one step, coalesced batches, unsubscribe on dispose.</summary>
public sealed class WallboardFeedTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);

    private sealed class Recorder
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        public List<(TimeSpan At, WallboardChanges Changes)> Batches { get; } = new();

        public Task Apply(WallboardChanges changes)
        {
            lock (Batches) Batches.Add((_clock.Elapsed, changes));
            return Task.CompletedTask;
        }

        public int Count { get { lock (Batches) return Batches.Count; } }

        public async Task WaitForAsync(Func<bool> condition)
        {
            for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(20);
            Assert.True(condition());
        }
    }

    [Fact]
    public async Task A_storm_of_changes_arrives_in_few_batches_at_least_the_interval_apart_ending_with_the_latest_state()
    {
        await using var h = new EngineHarness();
        var dns = Enumerable.Range(1000, 5).Select(n => $"10001_{n}").ToList();
        foreach (var dn in dns) await h.LoginAsync(dn);
        var recorder = new Recorder();
        using var feed = await WallboardFeed.OpenAsync(h.Engine, recorder.Apply, Interval);
        Assert.Equal(5, feed.Snapshot.Agents.Count(a => a.State == CallCenter.Domain.AgentStates.AgentState.Busy));
        Assert.Equal(2, feed.Snapshot.Acds.Count);
        Assert.Equal(["10001_8000", "10001_8001"], feed.Snapshot.Memberships["10001_1004"].Order());

        // 500 changes as fast as the engine takes them (supervisor commands have no duplicate rule).
        int[] reasons = [0, 2, 3, 4];
        for (var i = 0; i < 500; i++)
            h.Engine.Post(new SupervisorInput(new ForceNotReady("sup", dns[i % 5], reasons[i / 5 % 4]), _ => { }));
        await h.SyncAsync();
        var last = dns.ToDictionary(dn => dn, dn => reasons[(495 + dns.IndexOf(dn)) / 5 % 4]);
        await recorder.WaitForAsync(() =>
        {
            lock (recorder.Batches)
                return last.All(kv => recorder.Batches.SelectMany(b => b.Changes.Agents).LastOrDefault(a => a.Dn == kv.Key)?.Reason == kv.Value);
        });

        lock (recorder.Batches)
        {
            Assert.InRange(recorder.Batches.Count, 1, 10); // not 500 renders
            for (var i = 1; i < recorder.Batches.Count; i++)
                Assert.True(recorder.Batches[i].At - recorder.Batches[i - 1].At >= Interval - TimeSpan.FromMilliseconds(15),
                    $"batches {i - 1} and {i} are {(recorder.Batches[i].At - recorder.Batches[i - 1].At).TotalMilliseconds} ms apart");
            Assert.All(recorder.Batches, b => Assert.Equal(b.Changes.Agents.Count, b.Changes.Agents.Select(a => a.Dn).Distinct().Count()));
        }
        Assert.Equal(recorder.Count, feed.Batches);
    }

    [Fact]
    public async Task After_dispose_no_change_reaches_the_page()
    {
        await using var h = new EngineHarness();
        var recorder = new Recorder();
        var feed = await WallboardFeed.OpenAsync(h.Engine, recorder.Apply, Interval);
        await h.LoginAsync("10001_1000");
        await recorder.WaitForAsync(() => recorder.Count == 1);

        feed.Dispose();
        await h.ReadyAsync("10001_1000");
        await Task.Delay(400);
        Assert.Equal(1, recorder.Count);
    }
}
