using System.Diagnostics;

namespace CallCenter.Bench;

/// <summary>
/// The latency phase: agents alternate not ready (102, reasonCode 3) and ready (101), one request in flight each, at
/// a total rate (token bucket) or as fast as each agent may. The server refuses the same request twice within 2 s
/// (9999 code 27), so an agent sends a request only 2.1 s after the answer to its previous identical request arrived
/// (that answer left the server after the server stamped the request). Latency = send → matching 582/583, client clock.
/// </summary>
public sealed class LatencyPhase(IReadOnlyList<AgentClient> agents, double rate, TimeSpan length, CancellationToken ct)
{
    private static readonly long DuplicateGap = (long)(2.1 * Stopwatch.Frequency);

    private readonly PriorityQueue<AgentClient, long> _eligible = new();
    private readonly object _gate = new();
    private readonly List<double> _latencies = new();
    private readonly List<double> _delivery = new();
    private long _end;
    private volatile bool _running;
    private int _outstanding;
    private long _sent, _failed;

    public sealed record Result(double[] LatenciesMs, double[] DeliveryMs, long Sent, long Failed, int Unanswered, double Seconds);

    public async Task<Result> RunAsync()
    {
        var start = Stopwatch.GetTimestamp();
        _end = start + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var random = new Random(7);
        lock (_gate)
        {
            foreach (var a in agents.OrderBy(_ => random.Next()))
            {
                // Unpaced runs start spread over one duplicate window instead of all at once.
                var at = rate > 0 ? start : start + (long)(random.NextDouble() * DuplicateGap);
                _eligible.Enqueue(a, Math.Max(at, EligibleAt(a)));
            }
        }
        _running = true;
        var tokens = 0.0;
        var last = start;
        var burst = Math.Max(1, rate * 0.05);
        var batch = new List<AgentClient>();
        while (!ct.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= _end) break;
            if (rate > 0) tokens = Math.Min(burst, tokens + rate * (now - last) / Stopwatch.Frequency);
            last = now;
            lock (_gate)
            {
                while ((rate == 0 || tokens >= 1) && _eligible.TryPeek(out var a, out var at) && at <= now)
                {
                    _eligible.Dequeue();
                    batch.Add(a);
                    tokens -= 1;
                }
            }
            foreach (var a in batch)
            {
                Interlocked.Increment(ref _outstanding);
                Interlocked.Increment(ref _sent);
                if (a.IsReady) a.Fire(AgentClient.NotReady, AgentClient.NotReadyEvent, Done, ct);
                else a.Fire(AgentClient.Ready, AgentClient.ReadyEvent, Done, ct);
            }
            batch.Clear();
            await Task.Delay(1, CancellationToken.None);
        }
        _running = false;
        var seconds = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
        // Answers still on their way.
        var wait = Stopwatch.StartNew();
        while (Volatile.Read(ref _outstanding) > 0 && wait.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(20, CancellationToken.None);
        lock (_gate)
        {
            var latencies = _latencies.ToArray();
            var delivery = _delivery.ToArray();
            Array.Sort(latencies);
            Array.Sort(delivery);
            return new Result(latencies, delivery, Interlocked.Read(ref _sent), Interlocked.Read(ref _failed),
                Volatile.Read(ref _outstanding), seconds);
        }
    }

    /// <summary>When the agent's next request (the opposite of its state) is no longer a duplicate.</summary>
    public static long EligibleAt(AgentClient a)
    {
        var lastSame = a.IsReady ? a.LastAnswerNotReady : a.LastAnswerReady;
        return lastSame == 0 ? 0 : lastSame + DuplicateGap;
    }

    private void Done(AgentClient agent, AgentClient.Answer answer)
    {
        lock (_gate)
        {
            if (answer.Ok && answer.SentAt < _end)
            {
                _latencies.Add(answer.ElapsedTicks * 1000.0 / Stopwatch.Frequency);
                _delivery.Add(answer.DeliveryMs);
            }
            if (!answer.Ok) _failed++;
            if (_running && !agent.Closed) _eligible.Enqueue(agent, Math.Max(Stopwatch.GetTimestamp(), EligibleAt(agent)));
        }
        Interlocked.Decrement(ref _outstanding);
    }
}
