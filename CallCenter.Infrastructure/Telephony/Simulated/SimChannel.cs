using CallCenter.Domain.Telephony;

namespace CallCenter.Infrastructure.Telephony.Simulated;

/// <summary>What is at the far end of a simulated channel.</summary>
public enum SimulatedChannelKind
{
    /// <summary>Originated to a virtual extension (an agent's softphone).</summary>
    Extension,

    /// <summary>Originated to a number on the virtual public network.</summary>
    External,

    /// <summary>A caller from the virtual public network (inbound call).</summary>
    Inbound,
}

public enum SimulatedChannelState
{
    /// <summary>Originated, the network has not answered the set-up yet.</summary>
    Dialing,

    /// <summary>Ringing the far end (for an inbound channel: offered to the engine, not answered yet).</summary>
    Ringing,

    Answered,
}

/// <summary>A read-only copy of one channel, for diagnostics and tests.</summary>
public sealed record SimulatedChannelInfo(
    string ChannelId,
    int TenantId,
    SimulatedChannelKind Kind,
    SimulatedChannelState State,
    string RemoteNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AnsweredAt,
    bool Held,
    bool Deaf,
    bool Muted,
    bool Parked,
    string? BridgedTo,
    string? Conference,
    string? EavesdropTarget,
    EavesdropMode? EavesdropMode,
    string? PlayingFile,
    string SentDtmf,
    int? RunningIvr,
    IReadOnlyList<string> Recordings);

/// <summary>Counts of the simulated switch's state, for diagnostics.</summary>
/// <param name="Channels">Channels in progress (dialing, ringing or answered).</param>
/// <param name="RingingChannels">Of those, ringing (inbound calls not yet answered included).</param>
/// <param name="AnsweredChannels">Of those, answered.</param>
/// <param name="RegisteredExtensions">Virtual extensions registered, all tenants.</param>
/// <param name="Conferences">Conference rooms with members.</param>
/// <param name="ActiveRecordings">Recordings in progress.</param>
/// <param name="InboundGenerators">Inbound traffic generators running.</param>
/// <param name="PendingTimers">Jobs in the timer queue (cancelled ones not yet due included).</param>
/// <param name="EventsPublished">Events handed to the sink (or dropped for want of one) since the start.</param>
public sealed record SimulatedSwitchSnapshot(
    int Channels,
    int RingingChannels,
    int AnsweredChannels,
    int RegisteredExtensions,
    int Conferences,
    int ActiveRecordings,
    int InboundGenerators,
    int PendingTimers,
    long EventsPublished);

/// <summary>An inbound traffic generator that is running.</summary>
public sealed record InboundRate(int TenantId, string AcdNumber, double CallsPerMinute);

/// <summary>The switch's model of one channel. Only touched under the switch's lock.</summary>
internal sealed class SimChannel(string id, int tenantId, SimulatedChannelKind kind, string remoteNumber, DateTimeOffset createdAt)
{
    public string Id { get; } = id;
    public int TenantId { get; } = tenantId;
    public SimulatedChannelKind Kind { get; } = kind;
    public string RemoteNumber { get; } = remoteNumber;
    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>The extension an Extension channel rings, (tenant, extension).</summary>
    public (int TenantId, string Extension)? ExtensionKey { get; init; }

    public SimulatedChannelState State { get; set; } = SimulatedChannelState.Dialing;
    public DateTimeOffset? AnsweredAt { get; set; }
    public bool Held { get; set; }
    public bool Deaf { get; set; }
    public bool Muted { get; set; }
    public bool Parked { get; set; }
    public SimChannel? BridgedTo { get; set; }
    public string? Conference { get; set; }
    public SimChannel? EavesdropTarget { get; set; }
    public EavesdropMode? EavesdropMode { get; set; }
    public HashSet<SimChannel> Spies { get; } = [];
    public string? PlayingFile { get; set; }
    public string SentDtmf { get; set; } = "";
    public int? RunningIvr { get; set; }
    public List<SimRecording> Recordings { get; } = [];

    // What the far end will do by itself, each cancelled when it no longer applies.
    /// <summary>Ringing / answer / failure of the set-up.</summary>
    public List<ScheduledJob> SetupJobs { get; } = [];
    public ScheduledJob? RingTimeout { get; set; }
    public ScheduledJob? Patience { get; set; }
    public ScheduledJob? TalkEnd { get; set; }
    public ScheduledJob? IvrStep { get; set; }

    /// <summary>The remote party's talk time has been drawn (once per channel).</summary>
    public bool TalkStarted { get; set; }

    public bool IsAnswered => State == SimulatedChannelState.Answered;

    public IEnumerable<ScheduledJob> AllJobs()
    {
        foreach (var j in SetupJobs) yield return j;
        if (RingTimeout is not null) yield return RingTimeout;
        if (Patience is not null) yield return Patience;
        if (TalkEnd is not null) yield return TalkEnd;
        if (IvrStep is not null) yield return IvrStep;
        foreach (var r in Recordings)
            if (r.LimitJob is not null) yield return r.LimitJob;
    }

    public SimulatedChannelInfo ToInfo() => new(Id, TenantId, Kind, State, RemoteNumber, CreatedAt, AnsweredAt, Held, Deaf, Muted,
        Parked, BridgedTo?.Id, Conference, EavesdropTarget?.Id, EavesdropMode, PlayingFile, SentDtmf, RunningIvr,
        Recordings.Select(r => r.FilePath).ToList());
}

internal sealed class SimRecording(string filePath, string fullPath, DateTimeOffset startedAt)
{
    /// <summary>The path as the command gave it (events carry it back unchanged).</summary>
    public string FilePath { get; } = filePath;
    public string FullPath { get; } = fullPath;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public ScheduledJob? LimitJob { get; set; }
}
