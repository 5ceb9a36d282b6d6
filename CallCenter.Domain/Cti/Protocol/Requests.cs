namespace CallCenter.Domain.Cti.Protocol;

/// <summary>
/// A request of the agent protocol (programmer's guide §4), parsed from the inner <c>message</c>. Field names follow the
/// wire (see <see cref="ProtocolCodec"/> for the exact spellings accepted).
/// </summary>
public abstract record AgentRequest(int MessageId, string ThisDn);

public static class MessageIds
{
    public const int Login = 100, Ready = 101, NotReady = 102, Logout = 103;
    public const int MakeCall = 200, Release = 203, Hold = 204, Conference = 214, Transfer = 215, Retrieve = 217;
    public const int SendDtmf = 250, Listen = 265, StartAgentMonitor = 266, StopAgentMonitor = 267;
    public const int Play = 274, StartAcdMonitor = 275, StopAcdMonitor = 276, StartRecording = 277, StopRecording = 278;
    public const int AttachData = 279, TransferToIvr = 290, Mute = 292, Unmute = 293, AcceptIncoming = 294;
    public const int StartIvrMonitor = 301, StopIvrMonitor = 302;

    public static readonly IReadOnlySet<int> All = new HashSet<int>
    {
        Login, Ready, NotReady, Logout, MakeCall, Release, Hold, Conference, Transfer, Retrieve, SendDtmf, Listen,
        StartAgentMonitor, StopAgentMonitor, Play, StartAcdMonitor, StopAcdMonitor, StartRecording, StopRecording,
        AttachData, TransferToIvr, Mute, Unmute, AcceptIncoming, StartIvrMonitor, StopIvrMonitor,
    };
}

/// <summary>100, outer type "login".</summary>
public sealed record LoginRequest(string ThisDn, string? Extension, IReadOnlyList<string> ThisQueues, string? TypeCode, string? TypeText)
    : AgentRequest(MessageIds.Login, ThisDn);

/// <summary>101.</summary>
public sealed record ReadyRequest(string ThisDn) : AgentRequest(MessageIds.Ready, ThisDn);

/// <summary>102; <paramref name="Limit"/> is the rest length in seconds (<c>attachDatas.limit</c>).</summary>
public sealed record NotReadyRequest(string ThisDn, int ReasonCode, int? Limit) : AgentRequest(MessageIds.NotReady, ThisDn);

/// <summary>103.</summary>
public sealed record LogoutRequest(string ThisDn, string? Extension) : AgentRequest(MessageIds.Logout, ThisDn);

/// <summary>200 (also §3.5).</summary>
public sealed record MakeCallRequest(string ThisDn, string OtherDn, string? TenantId, string? IvrId, string? VoiceTts,
    bool HoldCall, string? HeldCallId) : AgentRequest(MessageIds.MakeCall, ThisDn);

/// <summary>203.</summary>
public sealed record ReleaseRequest(string ThisDn, string CallId, string? OtherDn) : AgentRequest(MessageIds.Release, ThisDn);

/// <summary>204 (the source spells the party <c>oterDN</c>; <c>otherDN</c> is accepted too).</summary>
public sealed record HoldRequest(string ThisDn, string CallId, string? OtherDn) : AgentRequest(MessageIds.Hold, ThisDn);

/// <summary>217.</summary>
public sealed record RetrieveRequest(string ThisDn, string CallId, string? OtherDn) : AgentRequest(MessageIds.Retrieve, ThisDn);

/// <summary>215: transfer, intercept or transfer to an ACD; <paramref name="IsHold"/> is <c>attachDatas.isHold</c> (0, 1, 2).</summary>
public sealed record TransferRequest(string ThisDn, string CallId, string OtherDn, string? PhoneNumber, int IsHold)
    : AgentRequest(MessageIds.Transfer, ThisDn);

/// <summary>290.</summary>
public sealed record TransferToIvrRequest(string ThisDn, string CallId, string? PhoneNumber, string IvrId, bool ReturnToAgent)
    : AgentRequest(MessageIds.TransferToIvr, ThisDn);

/// <summary>214: three-way call / barge-in / three-way help; <paramref name="MuteNumber"/> is <c>phoneNumber</c>.</summary>
public sealed record ConferenceRequest(string ThisDn, string CallId, string OtherDn, string? MuteNumber)
    : AgentRequest(MessageIds.Conference, ThisDn);

/// <summary>265.</summary>
public sealed record ListenRequest(string ThisDn, string CallId, string OtherDn) : AgentRequest(MessageIds.Listen, ThisDn);

/// <summary>292 / 293.</summary>
public sealed record MuteRequest(string ThisDn, string CallId, string OtherDn, bool Mute)
    : AgentRequest(Mute ? MessageIds.Mute : MessageIds.Unmute, ThisDn);

/// <summary>277 / 278; <paramref name="Limit"/> is the recording length in seconds (277 only).</summary>
public sealed record RecordingRequest(string ThisDn, string CallId, string? Path, int? Limit, bool Start)
    : AgentRequest(Start ? MessageIds.StartRecording : MessageIds.StopRecording, ThisDn);

/// <summary>266/267 (agents), 275/276 (ACDs), 301/302 (tenants' IVR).</summary>
public sealed record MonitorRequest(int Id, string ThisDn, MonitorKind Kind, bool Start, IReadOnlyList<string> Targets)
    : AgentRequest(Id, ThisDn);

public enum MonitorKind
{
    Agent,
    Acd,
    Ivr,
}

/// <summary>279: key–value pairs attached to a call (every <c>attachDatas</c> entry but <c>cti-tenant-id</c>).</summary>
public sealed record AttachDataRequest(string ThisDn, string? CallId, IReadOnlyDictionary<string, string> Data)
    : AgentRequest(MessageIds.AttachData, ThisDn);

/// <summary>294: <c>isReject</c> "1" refuses incoming calls until "0" accepts them again.</summary>
public sealed record AcceptIncomingRequest(string ThisDn, bool Reject) : AgentRequest(MessageIds.AcceptIncoming, ThisDn);

/// <summary>250.</summary>
public sealed record SendDtmfRequest(string ThisDn, string CallId, string? OtherDn, string Digits) : AgentRequest(MessageIds.SendDtmf, ThisDn);

/// <summary>274: <paramref name="Flag"/> 1 caller, 2 callee, 4 everyone.</summary>
public sealed record PlayRequest(string ThisDn, string CallId, string Path, int Flag) : AgentRequest(MessageIds.Play, ThisDn);

/// <summary>The heartbeat (outer type "ping"); it has no messageId.</summary>
public sealed record PingRequest(string ThisDn) : AgentRequest(0, ThisDn);
