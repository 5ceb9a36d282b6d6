namespace CallCenter.Domain.Cti.Acds;

/// <summary>
/// One ACD's figures for one (server-local) day, kept live by the engine: calls offered to the ACD, how they left the
/// queue (answered — within the ACD's service-level target or not —, abandoned, timed out), and the same counts per
/// 15-minute interval of the call's arrival. A call is counted in the interval (and the day) it entered the ACD.
/// </summary>
public sealed class AcdDayStats
{
    public const int IntervalMinutes = 15;
    public const int IntervalsPerDay = 24 * 60 / IntervalMinutes;

    private readonly int[] _offered = new int[IntervalsPerDay];
    private readonly int[] _answered = new int[IntervalsPerDay];
    private readonly int[] _abandoned = new int[IntervalsPerDay];

    public DateOnly Day { get; private set; }
    public int Offered { get; private set; }
    public int Answered { get; private set; }
    public int AnsweredInTarget { get; private set; }
    public int Abandoned { get; private set; }
    public int TimedOut { get; private set; }

    /// <summary>Starts a new day (everything back to zero) when <paramref name="today"/> is not the current one.</summary>
    public void Roll(DateOnly today)
    {
        if (today == Day) return;
        Day = today;
        Offered = Answered = AnsweredInTarget = Abandoned = TimedOut = 0;
        Array.Clear(_offered);
        Array.Clear(_answered);
        Array.Clear(_abandoned);
    }

    /// <summary>A call entered the ACD at <paramref name="arrivalLocal"/> (ignored unless on <see cref="Day"/>).</summary>
    public void Offer(DateTime arrivalLocal)
    {
        if (DateOnly.FromDateTime(arrivalLocal) != Day) return;
        Offered++;
        _offered[Interval(arrivalLocal)]++;
    }

    /// <summary>
    /// A call that arrived at <paramref name="arrivalLocal"/> left the queue: <c>answered</c> (after
    /// <paramref name="waitSeconds"/>; within target when ≤ <paramref name="targetSeconds"/>), <c>abandoned</c> or
    /// <c>timeout</c> — the outcomes of <see cref="Records.QueueRecord.Outcome"/>. Calls of another day are ignored.
    /// </summary>
    public void Leave(DateTime arrivalLocal, string? outcome, double waitSeconds, int targetSeconds)
    {
        if (DateOnly.FromDateTime(arrivalLocal) != Day) return;
        var i = Interval(arrivalLocal);
        switch (outcome)
        {
            case Outcomes.Answered:
                Answered++;
                _answered[i]++;
                if (waitSeconds <= targetSeconds) AnsweredInTarget++;
                break;
            case Outcomes.Abandoned:
                Abandoned++;
                _abandoned[i]++;
                break;
            case Outcomes.Timeout:
                TimedOut++;
                break;
        }
    }

    /// <summary>The intervals with any call so far, in order.</summary>
    public IReadOnlyList<AcdInterval> Intervals()
    {
        var list = new List<AcdInterval>();
        for (var i = 0; i < IntervalsPerDay; i++)
            if (_offered[i] + _answered[i] + _abandoned[i] > 0) list.Add(new AcdInterval(i, _offered[i], _answered[i], _abandoned[i]));
        return list;
    }

    public static int Interval(DateTime local) => (local.Hour * 60 + local.Minute) / IntervalMinutes;

    /// <summary>The outcomes a queue record closes with.</summary>
    public static class Outcomes
    {
        public const string Answered = "answered";
        public const string Abandoned = "abandoned";
        public const string Timeout = "timeout";
    }
}

/// <summary>Calls of one 15-minute interval (<see cref="Index"/> 0 = 00:00–00:15 local) by arrival.</summary>
public sealed record AcdInterval(int Index, int Offered, int Answered, int Abandoned)
{
    public TimeOnly Start => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(Index * AcdDayStats.IntervalMinutes));
}

/// <summary>The wallboard's formulas (decision W-sl): rates over the offered calls that have left the queue.</summary>
public static class AcdFigures
{
    /// <summary>The service-level target when an ACD sets none.</summary>
    public const int DefaultServiceLevelSeconds = 20;

    /// <summary>
    /// Calls offered today whose wait is over (answered, abandoned or timed out); calls still waiting or ringing an agent
    /// count once their wait ends, so a call waiting for 3 s does not count as missed.
    /// </summary>
    public static int Finished(int answered, int abandoned, int timedOut) => answered + abandoned + timedOut;

    /// <summary><paramref name="part"/> ÷ <paramref name="finished"/> as a percentage; null before any call finished.</summary>
    public static double? Percent(int part, int finished) => finished <= 0 ? null : Math.Round(100.0 * part / finished, 1);
}
