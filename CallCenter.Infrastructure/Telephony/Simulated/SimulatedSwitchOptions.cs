namespace CallCenter.Infrastructure.Telephony.Simulated;

/// <summary>
/// The <c>Telephony:Simulated</c> section of configuration: how the embedded simulated switch behaves. Every setting
/// has a default that makes a single machine usable with no PBX. Times are in seconds.
/// </summary>
public sealed class SimulatedSwitchOptions
{
    public const string Section = "Telephony:Simulated";

    /// <summary>
    /// Seed of the switch's random numbers (outcomes, delays, generated numbers and channel ids). Set it for
    /// reproducible tests and benchmarks; null (default) seeds from the system.
    /// </summary>
    public int? Seed { get; set; }

    // --- virtual extensions -------------------------------------------------------------------------------------

    /// <summary>
    /// Registered virtual extensions pick up a ringing call by themselves after <see cref="AutoAnswerDelaySeconds"/>
    /// (default true). When false a call rings until <c>AnswerExtension</c>, <c>RejectExtension</c> or its ring timeout.
    /// </summary>
    public bool AutoAnswer { get; set; } = true;

    /// <summary>How long a virtual extension rings before it auto-answers (default 1 s).</summary>
    public double AutoAnswerDelaySeconds { get; set; } = 1;

    /// <summary>Ring timeout used when an originate command carries none (RingTimeoutSeconds &lt;= 0); default 60 s.</summary>
    public int DefaultRingTimeoutSeconds { get; set; } = 60;

    // --- virtual public network ---------------------------------------------------------------------------------

    /// <summary>
    /// Call set-up time on the public network: after it an external number starts ringing, or is found busy or
    /// vacant (default 0.5 s).
    /// </summary>
    public double NetworkSetupDelaySeconds { get; set; } = 0.5;

    /// <summary>Probability that an external number answers (default 0.8).</summary>
    public double AnswerProbability { get; set; } = 0.8;

    /// <summary>How long an external number rings before it answers or rejects (default uniform 2–8 s).</summary>
    public SecondsDistribution AnswerDelay { get; set; } = SecondsDistribution.Uniform(2, 8);

    /// <summary>How the calls that are not answered fail (relative weights; default 0.5 / 0.3 / 0.2).</summary>
    public UnansweredWeights Unanswered { get; set; } = new();

    /// <summary>
    /// External numbers starting with this prefix do not exist: UNALLOCATED_NUMBER after the set-up delay
    /// (default "000"; empty = no vacant numbers).
    /// </summary>
    public string VacantPrefix { get; set; } = "000";

    /// <summary>
    /// How long a remote party talks before hanging up by itself: an answered external number from its answer, an
    /// inbound caller from its first bridge (or conference). Default uniform 20–120 s; a draw of 0 (e.g. Min = Max = 0)
    /// means the party never hangs up on its own.
    /// </summary>
    public SecondsDistribution TalkTime { get; set; } = SecondsDistribution.Uniform(20, 120);

    /// <summary>
    /// How long a parked (queued) inbound caller waits before abandoning. Default uniform 30–180 s; a draw of 0 means
    /// the caller never abandons.
    /// </summary>
    public SecondsDistribution Patience { get; set; } = SecondsDistribution.Uniform(30, 180);

    // --- inbound traffic ----------------------------------------------------------------------------------------

    /// <summary>The service number inbound callers dial (the DNIS of generated inbound calls); default 4008000000.</summary>
    public string ServiceNumber { get; set; } = "4008000000";

    // --- IVR ----------------------------------------------------------------------------------------------------

    /// <summary>How long the simulated caller listens to the IVR menu before pressing a key (default uniform 2–5 s).</summary>
    public SecondsDistribution IvrDigitDelay { get; set; } = SecondsDistribution.Uniform(2, 5);

    /// <summary>
    /// Where the simulated IVR menu sends the caller for each key (the caller presses 1, 2 or 3): an ACD code of the
    /// tenant ("8000" becomes 10001_8000) or a full ACD number (10001_8000). A key that is missing or mapped to an empty
    /// value makes the flow hang up. Default 1, 2 and 3 → 8000 (the demo tenant's ACD). Configuration adds to or
    /// overrides these keys; map a key to "" to make it hang up.
    /// </summary>
    public Dictionary<string, string> IvrDigitAcds { get; set; } = new()
    {
        ["1"] = "8000",
        ["2"] = "8000",
        ["3"] = "8000",
    };

    // --- recordings ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Folder the simulated recordings are written to; a relative recording path of a StartRecording command is under
    /// it. A relative folder is resolved against the current directory. Default data/recordings (beside the embedded
    /// database's default folder).
    /// </summary>
    public string RecordingsFolder { get; set; } = Path.Combine("data", "recordings");

    /// <summary>
    /// Cap of a simulated recording's file size in bytes: the WAV holds the recorded duration (a soft beep each second)
    /// up to this size (8 kHz 16-bit mono is 16,000 bytes a second); the true duration is in its metadata. Default
    /// 480,000 (the first 30 s); load tests set it small.
    /// </summary>
    public int MaxRecordingFileBytes { get; set; } = 480_000;

    /// <summary>The problems of these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void NonNegative(string name, double v)
        {
            if (!double.IsFinite(v) || v < 0) errors.Add($"{name} must be a finite number >= 0.");
        }
        NonNegative(nameof(AutoAnswerDelaySeconds), AutoAnswerDelaySeconds);
        NonNegative(nameof(NetworkSetupDelaySeconds), NetworkSetupDelaySeconds);
        if (DefaultRingTimeoutSeconds <= 0) errors.Add($"{nameof(DefaultRingTimeoutSeconds)} must be > 0.");
        if (!double.IsFinite(AnswerProbability) || AnswerProbability is < 0 or > 1)
            errors.Add($"{nameof(AnswerProbability)} must be between 0 and 1.");
        if (Unanswered is null) errors.Add($"{nameof(Unanswered)} is required.");
        else
        {
            NonNegative("Unanswered.NoAnswer", Unanswered.NoAnswer);
            NonNegative("Unanswered.UserBusy", Unanswered.UserBusy);
            NonNegative("Unanswered.CallRejected", Unanswered.CallRejected);
            if (AnswerProbability < 1 && Unanswered.Total <= 0)
                errors.Add("The Unanswered weights must not all be 0 while AnswerProbability < 1.");
        }
        foreach (var (name, d) in new[]
                 {
                     (nameof(AnswerDelay), AnswerDelay), (nameof(TalkTime), TalkTime), (nameof(Patience), Patience),
                     (nameof(IvrDigitDelay), IvrDigitDelay),
                 })
        {
            if (d is null) errors.Add($"{name} is required.");
            else errors.AddRange(d.Validate(name));
        }
        if (string.IsNullOrWhiteSpace(ServiceNumber)) errors.Add($"{nameof(ServiceNumber)} is required.");
        if (string.IsNullOrWhiteSpace(RecordingsFolder)) errors.Add($"{nameof(RecordingsFolder)} is required.");
        if (MaxRecordingFileBytes < WavFile.MinimumSize)
            errors.Add($"{nameof(MaxRecordingFileBytes)} must be at least {WavFile.MinimumSize}.");
        if (IvrDigitAcds is null) errors.Add($"{nameof(IvrDigitAcds)} is required.");
        return errors;
    }
}

/// <summary>Relative weights of the ways an unanswered external call fails.</summary>
public sealed class UnansweredWeights
{
    /// <summary>Rings until the ring timeout: NO_ANSWER (default 0.5).</summary>
    public double NoAnswer { get; set; } = 0.5;

    /// <summary>Busy after the set-up delay, without ringing: USER_BUSY (default 0.3).</summary>
    public double UserBusy { get; set; } = 0.3;

    /// <summary>Rings for an <see cref="SimulatedSwitchOptions.AnswerDelay"/> draw, then declines: CALL_REJECTED (default 0.2).</summary>
    public double CallRejected { get; set; } = 0.2;

    internal double Total => NoAnswer + UserBusy + CallRejected;
}

public enum DistributionKind
{
    /// <summary>Uniform between Min and Max.</summary>
    Uniform,

    /// <summary>Min plus an exponential draw of mean Mean, cut at Max when Max &gt; Min.</summary>
    Exponential,
}

/// <summary>A random duration in seconds.</summary>
public sealed class SecondsDistribution
{
    public DistributionKind Kind { get; set; } = DistributionKind.Uniform;

    /// <summary>Smallest value (and the offset of an exponential draw).</summary>
    public double Min { get; set; }

    /// <summary>Largest value (the cut of an exponential draw when greater than Min).</summary>
    public double Max { get; set; }

    /// <summary>Mean of the exponential part (Exponential only).</summary>
    public double Mean { get; set; }

    public static SecondsDistribution Uniform(double min, double max) => new() { Kind = DistributionKind.Uniform, Min = min, Max = max };

    public static SecondsDistribution Fixed(double seconds) => Uniform(seconds, seconds);

    public static SecondsDistribution Exponential(double mean, double min = 0, double max = 0) =>
        new() { Kind = DistributionKind.Exponential, Mean = mean, Min = min, Max = max };

    /// <summary>A draw, in seconds (never negative).</summary>
    public double Sample(Random random) => Kind switch
    {
        DistributionKind.Exponential => Math.Min(Min + -Math.Log(1 - random.NextDouble()) * Mean, Max > Min ? Max : double.MaxValue),
        _ => Min + random.NextDouble() * (Max - Min),
    };

    internal IEnumerable<string> Validate(string name)
    {
        if (!double.IsFinite(Min) || Min < 0) yield return $"{name}.Min must be a finite number >= 0.";
        if (!double.IsFinite(Max) || Max < 0) yield return $"{name}.Max must be a finite number >= 0.";
        if (Kind == DistributionKind.Uniform && Max < Min) yield return $"{name}.Max must be >= {name}.Min.";
        if (Kind == DistributionKind.Exponential && (!double.IsFinite(Mean) || Mean < 0)) yield return $"{name}.Mean must be a finite number >= 0.";
        if (!Enum.IsDefined(Kind)) yield return $"{name}.Kind is unknown.";
    }
}
