using System.Collections.Concurrent;
using System.Diagnostics;

namespace CallCenter.Bench;

/// <summary>Events received in one phase: by messageId and per second.</summary>
public sealed class EventStats(double seconds)
{
    private readonly long[] _byId = new long[10_000];
    private readonly long[] _perSecond = new long[(int)Math.Ceiling(Math.Max(1, seconds)) + 1];
    private long _total;

    public long Start { get; } = Stopwatch.GetTimestamp();
    public long Total => Interlocked.Read(ref _total);

    public void Count(int messageId, long now)
    {
        Interlocked.Increment(ref _total);
        if ((uint)messageId < _byId.Length) Interlocked.Increment(ref _byId[messageId]);
        var second = (int)((now - Start) / Stopwatch.Frequency);
        if ((uint)second < _perSecond.Length) Interlocked.Increment(ref _perSecond[second]);
    }

    public long Of(int messageId) => Interlocked.Read(ref _byId[messageId]);

    /// <summary>(messageId, count) for every id seen, most frequent first.</summary>
    public IEnumerable<(int Id, long Count)> ById() =>
        _byId.Select((c, id) => (Id: id, Count: c)).Where(x => x.Count > 0).OrderByDescending(x => x.Count).ThenBy(x => x.Id);

    /// <summary>The busiest whole second.</summary>
    public long PeakPerSecond => _perSecond.Length <= 1 ? Total : _perSecond.SkipLast(1).DefaultIfEmpty().Max();
}

/// <summary>What every agent socket reports into: the current phase's counters, calls in progress, and anything unexpected.</summary>
public sealed class BenchState
{
    private EventStats _phase = new(1);
    private long _unexpected9999, _unexpectedCloses, _badEvents;
    private int _ringing, _talking;
    private readonly ConcurrentQueue<string> _problems = new();

    public volatile bool ShuttingDown;

    public EventStats Phase
    {
        get => Volatile.Read(ref _phase);
        set => Volatile.Write(ref _phase, value);
    }

    public long Unexpected9999Count => Interlocked.Read(ref _unexpected9999);
    public long UnexpectedCloses => Interlocked.Read(ref _unexpectedCloses);
    public long BadEvents => Interlocked.Read(ref _badEvents);
    public int RingingNow => Volatile.Read(ref _ringing);
    public int TalkingNow => Volatile.Read(ref _talking);
    public IReadOnlyCollection<string> Problems => _problems.ToArray();

    public void Count(int messageId, long now) => Phase.Count(messageId, now);

    public void Ringing(int delta) => Interlocked.Add(ref _ringing, delta);
    public void Talking(int delta) => Interlocked.Add(ref _talking, delta);

    public void Unexpected9999(string dn, string json)
    {
        if (Interlocked.Increment(ref _unexpected9999) <= 10) _problems.Enqueue($"{dn}: {json}");
    }

    public void UnexpectedClose(string dn, string why)
    {
        if (Interlocked.Increment(ref _unexpectedCloses) <= 10) _problems.Enqueue($"{dn}: socket closed ({why})");
    }

    public void BadEvent(string dn, string text)
    {
        if (Interlocked.Increment(ref _badEvents) <= 10) _problems.Enqueue($"{dn}: unreadable event {text}");
    }

    public void Problem(string text)
    {
        if (_problems.Count < 50) _problems.Enqueue(text);
    }
}

/// <summary>Percentiles of a sample (nearest rank).</summary>
public static class Percentiles
{
    public static double Of(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms < 10 ? $"{ms:0.00}ms" : ms < 1000 ? $"{ms:0.0}ms" : $"{ms / 1000:0.00}s";
}
