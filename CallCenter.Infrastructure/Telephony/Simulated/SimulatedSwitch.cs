using System.Collections.Concurrent;
using CallCenter.Domain.Telephony;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallCenter.Infrastructure.Telephony.Simulated;

/// <summary>
/// The embedded default telephony: a switch with virtual extensions, a virtual public network and an inbound traffic
/// generator, all in memory. It makes the product usable on one machine with no PBX and is the load generator of the
/// benchmarks.
/// <para>
/// Time comes only from the injected <see cref="TimeProvider"/> (one timer, see <see cref="SwitchScheduler"/>), random
/// draws from one <see cref="Random"/> seeded by <see cref="SimulatedSwitchOptions.Seed"/>, so a fake clock and a seed
/// make a run reproducible.
/// </para>
/// <para>
/// Threading: commands may come from any number of threads. All state is guarded by one lock; events are queued under
/// it (so their order is the order things happened) and handed to the <see cref="ISwitchEventSink"/> after the lock
/// is released, by one thread at a time: the thread that issued the command or whose timer fired, unless another
/// thread is already delivering, in which case that thread delivers them. So the sink is never called concurrently,
/// sees events in order, and may call the switch back (a nested command's events are delivered after the current
/// one). Publish may therefore run before a command returns; a sink should hand events off rather than block.
/// </para>
/// <para>
/// Hang-up causes (see also <see cref="HangupCauses"/>): a cause says who ended the call in the records' terms
/// (query-api-1 §1.9: <c>send_bye</c> = the caller hung up, <c>recv_bye</c> = the callee hung up), where caller and
/// callee are those of the call the channel carries. An inbound channel's remote party is the caller, so a customer
/// who hangs up (talk time over, or abandoning while parked) ends that channel with <c>send_bye</c>; an originated
/// channel's remote party is the callee, so an external number that hangs up after its talk time ends it with
/// <c>recv_bye</c>. When the switch itself ends a channel (an IVR's hang-up exit) it is the other side: <c>recv_bye</c>
/// on an inbound channel, <c>send_bye</c> on an originated one. The cause is thus already the value the call's records
/// carry; the engine, which decides what happens to the bridged agent leg (never hung up here), can end that leg with
/// the same cause so that the agent's record says who hung up. Failures of the set-up carry their Q.850-style causes
/// (USER_NOT_REGISTERED, NO_ANSWER, USER_BUSY, CALL_REJECTED, UNALLOCATED_NUMBER); a hang-up the engine commands
/// carries the cause it passes (NORMAL_CLEARING when empty). Virtual extensions never hang up an answered call by
/// themselves: an agent hangs up through the CTI protocol, i.e. the engine.
/// </para>
/// </summary>
public sealed partial class SimulatedSwitch : ISwitch, IDisposable
{
    private readonly SimulatedSwitchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Random _random;
    private readonly SwitchScheduler _scheduler;
    private readonly string _recordingsRoot;

    /// <summary>Guards every field below and the <see cref="SimChannel"/>s; never held while the sink or file I/O runs.</summary>
    private readonly object _gate = new();
    private readonly Dictionary<string, SimChannel> _channels = new(StringComparer.Ordinal);

    /// <summary>Events (<see cref="SwitchEvent"/>) and deferred side effects (<see cref="Action"/>, e.g. file writes), in order.</summary>
    private readonly ConcurrentQueue<object> _outbox = new();
    private int _pumping;
    private volatile ISwitchEventSink? _sink;
    private long _eventsPublished;
    private DateTimeOffset _lastStamp = DateTimeOffset.MinValue;
    private bool _disposed;

    public SimulatedSwitch(SimulatedSwitchOptions options, TimeProvider time, ILogger<SimulatedSwitch>? logger = null,
        ISwitchEventSink? sink = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid " + SimulatedSwitchOptions.Section + " options: " + string.Join(" ", errors), nameof(options));
        _options = options;
        _time = time;
        _log = (ILogger?)logger ?? NullLogger.Instance;
        _sink = sink;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
        _recordingsRoot = Path.GetFullPath(options.RecordingsFolder);
        _scheduler = new SwitchScheduler(time, Pump);
    }

    public SimulatedSwitchOptions Options => _options;

    /// <summary>Folder that relative recording paths are under.</summary>
    public string RecordingsRoot => _recordingsRoot;

    /// <summary>
    /// Connects the sink the events go to (replacing any given to the constructor). Events raised while no sink is
    /// connected are dropped.
    /// </summary>
    public void Connect(ISwitchEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
    }

    /// <summary>Counts of the switch's state.</summary>
    public SimulatedSwitchSnapshot Snapshot()
    {
        lock (_gate)
        {
            var ringing = 0;
            var answered = 0;
            var recordings = 0;
            foreach (var c in _channels.Values)
            {
                if (c.State == SimulatedChannelState.Answered) answered++;
                else if (c.State == SimulatedChannelState.Ringing) ringing++;
                recordings += c.Recordings.Count;
            }
            return new SimulatedSwitchSnapshot(_channels.Count, ringing, answered, _registrations.Count, _conferences.Count, recordings,
                _generators.Count, _scheduler.Count, Interlocked.Read(ref _eventsPublished));
        }
    }

    /// <summary>A copy of one channel's state, or null when the switch has no such channel.</summary>
    public SimulatedChannelInfo? GetChannel(string channelId)
    {
        lock (_gate) return _channels.TryGetValue(channelId, out var c) ? c.ToInfo() : null;
    }

    /// <summary>Copies of all channels of a tenant (all tenants when null).</summary>
    public IReadOnlyList<SimulatedChannelInfo> GetChannels(int? tenantId = null)
    {
        lock (_gate) return _channels.Values.Where(c => tenantId is null || c.TenantId == tenantId).Select(c => c.ToInfo()).ToList();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _generators.Clear();
        }
        _scheduler.Dispose();
    }

    // --- plumbing -----------------------------------------------------------------------------------------------

    /// <summary>Runs a command: the body under the lock, then delivery of what it produced (outside the lock).</summary>
    private void Command(Action<DateTimeOffset> body)
    {
        lock (_gate)
        {
            if (_disposed) return;
            body(Stamp(_time.GetUtcNow()));
        }
        Pump();
    }

    private T Command<T>(Func<DateTimeOffset, T> body)
    {
        T result;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            result = body(Stamp(_time.GetUtcNow()));
        }
        Pump();
        return result;
    }

    /// <summary>
    /// The instant a command or job happens at; caller holds the lock. A job happens at its due time, not when its
    /// timer got round to it (a busy machine, or a fake clock advanced by a long step at once, runs it late), so chains
    /// of delays stay exact in simulated time; but never before something already stamped, so events carry
    /// non-decreasing times in the order they are published.
    /// </summary>
    private DateTimeOffset Stamp(DateTimeOffset at)
    {
        if (at < _lastStamp) at = _lastStamp;
        _lastStamp = at;
        return at;
    }

    /// <summary>Queues an event; caller holds the lock.</summary>
    private void Emit(SwitchEvent e) => _outbox.Enqueue(e);

    /// <summary>Queues a side effect to run outside the lock, in order with the events; caller holds the lock.</summary>
    private void Defer(Action action) => _outbox.Enqueue(action);

    /// <summary>Schedules an action to run under the lock <paramref name="seconds"/> after <paramref name="from"/>; caller holds the lock.</summary>
    private ScheduledJob After(DateTimeOffset from, double seconds, Action<DateTimeOffset> action) =>
        _scheduler.Schedule(from + TimeSpan.FromSeconds(seconds), action);

    /// <summary>
    /// Delivers queued events and runs due jobs until there are none, unless another thread is already doing it (it
    /// will pick up whatever this thread queued). Never called with the lock held.
    /// </summary>
    private void Pump()
    {
        while (true)
        {
            if (Interlocked.CompareExchange(ref _pumping, 1, 0) != 0) return;
            try
            {
                while (true)
                {
                    if (_outbox.TryDequeue(out var item))
                    {
                        Deliver(item);
                        continue;
                    }
                    if (_scheduler.TryTakeDue(out var job))
                    {
                        Run(job);
                        continue;
                    }
                    break;
                }
            }
            finally
            {
                Volatile.Write(ref _pumping, 0);
            }
            // Something queued between the last look and the release would otherwise wait for the next command or timer.
            if (_outbox.IsEmpty && !_scheduler.HasDue()) return;
        }
    }

    private void Run(ScheduledJob job)
    {
        lock (_gate)
        {
            if (job.Cancelled || _disposed) return;
            try
            {
                job.Action(Stamp(job.Due));
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "Simulated switch: a scheduled action failed.");
            }
        }
    }

    private void Deliver(object item)
    {
        try
        {
            switch (item)
            {
                case SwitchEvent e:
                    Interlocked.Increment(ref _eventsPublished);
                    var sink = _sink;
                    if (sink is null) _log.LogDebug("Simulated switch: no sink connected, dropped {Event}.", e);
                    else sink.Publish(e);
                    break;
                case Action a:
                    a();
                    break;
            }
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "Simulated switch: delivering {Item} failed.", item);
        }
    }

    private bool TryGetChannel(string channelId, string command, out SimChannel channel)
    {
        if (channelId is not null && _channels.TryGetValue(channelId, out channel!)) return true;
        _log.LogWarning("Simulated switch: {Command} ignored, no channel {Channel}.", command, channelId);
        channel = null!;
        return false;
    }

    /// <summary>A random v4-style GUID from the seeded generator, so seeded runs repeat their channel ids.</summary>
    private string NewChannelId()
    {
        Span<byte> b = stackalloc byte[16];
        _random.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x40); // version 4 (Guid's byte order puts the version in byte 7)
        b[8] = (byte)((b[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(b).ToString();
    }

    /// <summary>A Chinese mobile number, 13 followed by nine digits.</summary>
    private string RandomMobile() => "13" + _random.Next(0, 1_000_000_000).ToString("D9");
}
