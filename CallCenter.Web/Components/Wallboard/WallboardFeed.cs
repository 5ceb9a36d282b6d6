using System.Collections.Concurrent;
using CallCenter.Domain.Cti.Engine;

namespace CallCenter.Web.Components.Wallboard;

/// <summary>
/// What the wallboard shows when it opens: every agent and ACD of the tenant, its phones, and the ACDs each agent is a
/// member of (to list logged-out agents under their ACDs).
/// </summary>
public sealed record WallboardSnapshot(IReadOnlyList<AgentView> Agents, IReadOnlyList<AcdView> Acds, IReadOnlyList<PhoneView> Phones,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Memberships)
{
    public static WallboardSnapshot Empty { get; } = new([], [], [], new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>Taken inside the engine's loop.</summary>
    public static WallboardSnapshot Of(TenantEngine e) => new(e.Agents(), e.Acds(), e.Phones(),
        e.Config.AgentsByDn.Values.ToDictionary(a => a.Dn, a => (IReadOnlyList<string>)a.AcdPriorities.Keys.ToList(), StringComparer.Ordinal));
}

/// <summary>The latest copies of the agents and ACDs that changed since the previous batch.</summary>
public sealed record WallboardChanges(IReadOnlyList<AgentView> Agents, IReadOnlyList<AcdView> Acds);

/// <summary>
/// Pushes a tenant engine's changes to one wallboard, without polling. The engine raises
/// <see cref="TenantEngine.AgentStateChanged"/> / <see cref="TenantEngine.AcdStateChanged"/> inside its loop: the
/// handlers here only keep the latest copy per agent/ACD (lock-free) and arm a timer, so the loop never waits for a
/// browser. The timer hands the batch to <c>apply</c> on the thread pool — at once when the previous batch is older than
/// <c>minInterval</c>, else when it is (a storm of events renders at most once per interval; a lone event at once).
/// Subscribing happens inside the loop together with the snapshot, so no change falls between them.
/// </summary>
public sealed class WallboardFeed : IDisposable
{
    private readonly TenantEngine _engine;
    private readonly Func<WallboardChanges, Task> _apply;
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly ConcurrentDictionary<string, AgentView> _agents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AcdView> _acds = new(StringComparer.Ordinal);
    private int _armed;
    private int _disposed;
    private long _lastFlush;
    private int _flushed;

    private WallboardFeed(TenantEngine engine, Func<WallboardChanges, Task> apply, TimeSpan minInterval, TimeProvider time)
    {
        _engine = engine;
        _apply = apply;
        _minInterval = minInterval;
        _time = time;
        _timer = time.CreateTimer(_ => _ = FlushAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int TenantId => _engine.TenantId;
    public WallboardSnapshot Snapshot { get; private set; } = WallboardSnapshot.Empty;
    /// <summary>Batches handed to <c>apply</c> so far.</summary>
    public int Batches => _batches;
    private int _batches;

    /// <summary>Subscribes to <paramref name="engine"/> and takes the snapshot in one step of its loop.</summary>
    public static async Task<WallboardFeed> OpenAsync(TenantEngine engine, Func<WallboardChanges, Task> apply, TimeSpan minInterval,
        TimeProvider? time = null)
    {
        var feed = new WallboardFeed(engine, apply, minInterval, time ?? TimeProvider.System);
        try
        {
            feed.Snapshot = await engine.QueryAsync(e =>
            {
                e.AgentStateChanged += feed.OnAgent;
                e.AcdStateChanged += feed.OnAcd;
                return WallboardSnapshot.Of(e);
            });
        }
        catch
        {
            feed.Dispose();
            throw;
        }
        return feed;
    }

    // Raised in the engine's loop: keep the latest copy, arm the timer, return.
    private void OnAgent(AgentView view)
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        _agents[view.Dn] = view;
        Arm();
    }

    private void OnAcd(AcdView view)
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        _acds[view.Number] = view;
        Arm();
    }

    private void Arm()
    {
        if (Interlocked.Exchange(ref _armed, 1) == 1) return;
        var wait = Volatile.Read(ref _flushed) == 0 ? TimeSpan.Zero : _minInterval - _time.GetElapsedTime(Volatile.Read(ref _lastFlush));
        try { _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan); }
        catch (ObjectDisposedException) { }
    }

    private async Task FlushAsync()
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        Volatile.Write(ref _lastFlush, _time.GetTimestamp());
        Volatile.Write(ref _flushed, 1);
        // Disarm before taking the batch: a change arriving from here on arms the next batch.
        Volatile.Write(ref _armed, 0);
        var agents = Take(_agents);
        var acds = Take(_acds);
        if (agents.Count == 0 && acds.Count == 0) return;
        Interlocked.Increment(ref _batches);
        try
        {
            await _apply(new WallboardChanges(agents, acds));
        }
        catch (Exception) when (Volatile.Read(ref _disposed) != 0)
        {
            // The page went away while the batch was on its way.
        }
    }

    private static List<T> Take<T>(ConcurrentDictionary<string, T> map)
    {
        var list = new List<T>();
        foreach (var key in map.Keys)
            if (map.TryRemove(key, out var value)) list.Add(value);
        return list;
    }

    /// <summary>Unsubscribes (a handler already running may still finish; it then does nothing).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _engine.AgentStateChanged -= OnAgent;
        _engine.AcdStateChanged -= OnAcd;
        _timer.Dispose();
    }
}
