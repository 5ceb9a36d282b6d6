using CallCenter.Domain.Records;

namespace CallCenter.Domain.Cti.Calls;

/// <summary>Call direction (callType/ctiCallType): 1 internal, 2 inbound, 3 outbound.</summary>
public static class CallTypes
{
    public const int Internal = 1;
    public const int Inbound = 2;
    public const int Outbound = 3;
}

public enum LegKind
{
    /// <summary>An agent's extension.</summary>
    Agent,
    /// <summary>A party on the public network (customer).</summary>
    External,
}

/// <summary>What a leg is for in its call.</summary>
public enum LegRole
{
    /// <summary>The party that started the call (inbound customer, the dialling agent).</summary>
    Caller,
    /// <summary>The party the call was for (the agent an inbound call was offered to, the number dialled).</summary>
    Callee,
    /// <summary>A transfer target ringing or connected.</summary>
    TransferTarget,
    /// <summary>A third party of a three-way call.</summary>
    Conference,
    /// <summary>A supervisor listening.</summary>
    Listener,
}

public enum LegState
{
    Ringing,
    Answered,
    Ended,
}

/// <summary>One channel of a call on the switch.</summary>
public sealed class Leg
{
    public required string ChannelId { get; init; }
    public required LegKind Kind { get; init; }
    public required LegRole Role { get; set; }
    /// <summary>Agent DN for agent legs.</summary>
    public string? AgentDn { get; init; }
    /// <summary>Extension (agent legs) or phone number (external legs).</summary>
    public required string Address { get; init; }
    public LegState State { get; set; } = LegState.Ringing;
    public DateTime Created { get; init; }
    public DateTime? Answered { get; set; }
    public DateTime? Ended { get; set; }
    public string? HangupCause { get; set; }
    public bool Held { get; set; }
    /// <summary>transfer | conference | monitor | makeCall | holdCall, for the leg's call record.</summary>
    public string? ChannelAttr { get; set; }
    public string? RecordingFile { get; set; }
    public DateTime? RecordingStarted { get; set; }
    /// <summary>Ring timeout timer token of a ringing agent leg.</summary>
    public long RingToken { get; set; }
    /// <summary>For a consult/transfer leg: what to do when it answers.</summary>
    public PendingTransfer? Transfer { get; set; }
}

/// <summary>A transfer waiting for its target to answer.</summary>
public sealed record PendingTransfer(string RequesterDn, int IsHold, string? HangUpNumber, string CustomerChannel);

/// <summary>A call: its legs, its direction and where it has been (queue, IVR).</summary>
public sealed class Call
{
    public required string CallId { get; init; }
    public required int TenantId { get; init; }
    public required int CallType { get; init; }
    /// <summary>Calling and called numbers as the switch saw them.</summary>
    public required string Ani { get; init; }
    public required string Dnis { get; init; }
    public DateTime Started { get; init; }
    public List<Leg> Legs { get; } = new();
    /// <summary>The ACD the call is waiting in or came through.</summary>
    public string? Queue { get; set; }
    public QueueRecord? QueueRecord { get; set; }
    public long QueueTimeoutToken { get; set; }
    /// <summary>Agents that did not answer this call (not offered again).</summary>
    public HashSet<string> DeclinedBy { get; } = new();
    /// <summary>Conference room name once the call became three-way.</summary>
    public string? Room { get; set; }
    public Dictionary<string, string> Attached { get; } = new();
    /// <summary>What agents attached to the call with 279 (also in <see cref="Attached"/>); sent with 503 to later agents.</summary>
    public Dictionary<string, string> UserData { get; } = new(StringComparer.Ordinal);
    /// <summary>The channel that hung up first on its own (decides send_bye / recv_bye).</summary>
    public string? EndedBy { get; set; }
    /// <summary>Agents that already got their 515 for this call.</summary>
    public HashSet<string> Released { get; } = new();

    public Leg? LegOf(string channelId) => Legs.FirstOrDefault(l => l.ChannelId == channelId);
    public Leg? AgentLeg(string dn) => Legs.LastOrDefault(l => l.Kind == LegKind.Agent && l.AgentDn == dn && l.State != LegState.Ended);
    public IEnumerable<Leg> Live => Legs.Where(l => l.State != LegState.Ended);
    public Leg? Customer => Legs.FirstOrDefault(l => l.Kind == LegKind.External && l.State != LegState.Ended);

    /// <summary>The channel that waits in an ACD when it is not the customer's (an agent who dialled an ACD).</summary>
    public string? WaitingChannel { get; set; }

    /// <summary>The live party an ACD works with: the calling agent's leg for an agent who dialled an ACD, else the customer.</summary>
    public Leg? QueuedParty => WaitingChannel is null
        ? Customer
        : LegOf(WaitingChannel) is { State: not LegState.Ended } waiting ? waiting : null;
    public bool Ended => Legs.All(l => l.State == LegState.Ended);
}
