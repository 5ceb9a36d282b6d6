namespace CallCenter.Infrastructure.Telephony.Simulated;

/// <summary>Something the simulated switch will do at <see cref="Due"/> unless it is cancelled first.</summary>
internal sealed class ScheduledJob(DateTimeOffset due, Action<DateTimeOffset> action)
{
    public DateTimeOffset Due { get; } = due;

    /// <summary>Runs under the switch's lock with the instant it happens at: its due time, unless something later was already stamped.</summary>
    public Action<DateTimeOffset> Action { get; } = action;

    private volatile bool _cancelled;

    /// <summary>Set under the switch's lock; never reset. A cancelled job is dropped instead of run.</summary>
    public bool Cancelled => _cancelled;

    public void Cancel() => _cancelled = true;
}

/// <summary>
/// A timer queue built on one <see cref="TimeProvider"/> timer, armed for the earliest job. It only hands out due jobs
/// (<see cref="TryTakeDue"/>); running them is the switch's business, so no job ever runs under this class's lock.
/// Jobs due at the same instant come out in the order they were scheduled.
/// </summary>
internal sealed class SwitchScheduler : IDisposable
{
    private static readonly TimeSpan Infinite = Timeout.InfiniteTimeSpan;
    private static readonly TimeSpan Soonest = TimeSpan.FromTicks(1);

    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly PriorityQueue<ScheduledJob, (long Due, long Seq)> _queue = new();
    private readonly object _lock = new();
    private long _seq;
    private DateTimeOffset _armedFor = DateTimeOffset.MaxValue;
    private bool _disposed;

    /// <param name="onDue">Called on the timer's thread when the earliest job is due; it should take the due jobs.</param>
    public SwitchScheduler(TimeProvider time, Action onDue)
    {
        _time = time;
        _timer = time.CreateTimer(_ =>
        {
            lock (_lock) _armedFor = DateTimeOffset.MaxValue; // the timer is one-shot: it is no longer armed
            onDue();
            lock (_lock) Arm(_time.GetUtcNow());
        }, null, Infinite, Infinite);
    }

    public int Count
    {
        get { lock (_lock) return _queue.Count; }
    }

    public ScheduledJob Schedule(DateTimeOffset due, Action<DateTimeOffset> action)
    {
        var job = new ScheduledJob(due, action);
        lock (_lock)
        {
            if (_disposed) return job;
            _queue.Enqueue(job, (due.UtcTicks, _seq++));
            Arm(_time.GetUtcNow());
        }
        return job;
    }

    /// <summary>The earliest job due now, removed from the queue; false (and the timer armed for the next) when none is.</summary>
    public bool TryTakeDue(out ScheduledJob job)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            while (_queue.TryPeek(out job!, out _))
            {
                if (job.Cancelled) { _queue.Dequeue(); continue; }
                if (job.Due > now) break;
                _queue.Dequeue();
                return true;
            }
            Arm(now);
            job = null!;
            return false;
        }
    }

    public bool HasDue()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            while (_queue.TryPeek(out var job, out _))
            {
                if (job.Cancelled) { _queue.Dequeue(); continue; }
                return job.Due <= now;
            }
            return false;
        }
    }

    /// <summary>Points the timer at the earliest live job. Never with a zero delay, so the timer never fires inside a caller's lock.</summary>
    private void Arm(DateTimeOffset now)
    {
        if (_disposed) return;
        while (_queue.TryPeek(out var top, out _) && top.Cancelled) _queue.Dequeue();
        if (!_queue.TryPeek(out var next, out _))
        {
            if (_armedFor != DateTimeOffset.MaxValue)
            {
                _timer.Change(Infinite, Infinite);
                _armedFor = DateTimeOffset.MaxValue;
            }
            return;
        }
        if (next.Due == _armedFor) return;
        var delay = next.Due - now;
        _timer.Change(delay < Soonest ? Soonest : delay, Infinite);
        _armedFor = next.Due;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _queue.Clear();
        }
        _timer.Dispose();
    }
}
