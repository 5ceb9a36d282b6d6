namespace CallCenter.Domain.Records;

/// <summary>
/// A call the blacklist stopped (§6.25 黑名单呼叫, query-api-1 3.16): an inbound caller rejected, or an agent's dial
/// (request 200) to a number barred for outbound calls. Written by the engine at the moment it refuses the call, so
/// <see cref="StartStamp"/> and <see cref="EndStamp"/> are the same instant.
/// </summary>
public sealed class BlacklistCallRecord : CallCenterRecord
{
    /// <summary>The agent that dialled (outbound); null for an inbound caller.</summary>
    public string? Agent { get; set; }
    public string? Extension { get; set; }
    public string DestinationNumber { get; set; } = "";
    public string CallerIdNumber { get; set; } = "";
    /// <summary>1 internal, 2 inbound, 3 outbound.</summary>
    public int CtiCallType { get; set; }
    public DateTime StartStamp { get; set; }
    public DateTime EndStamp { get; set; }
    /// <summary>The call's id (inbound: the rejected call; outbound: the id the refused call would have had).</summary>
    public string CtiCallId { get; set; } = "";
    /// <summary>Project (campaign) the call belonged to; null for calls outside campaigns (the §6.25 filter).</summary>
    public long? CampaignId { get; set; }
    /// <summary>The blacklisted number that matched (not a wire field; the console shows it).</summary>
    public string BlockedNumber { get; set; } = "";
}

/// <summary>
/// One caller's answer to the after-call satisfaction survey (§6.26 满意度调查, query-api-1 3.17): the caller was put into
/// an IVR flow with execute context <c>satisfaction_ivr</c> (the ACD's survey flow after the agent hung up, or request
/// 290 to that flow) and keyed <see cref="IvrDtmfDigit"/>. <see cref="Agent"/> and <see cref="Queue"/> are the agent
/// and ACD being rated (what §6.27 counts by).
/// </summary>
public sealed class SatisfactionRecord : CallCenterRecord
{
    public string CallId { get; set; } = "";
    public DateTime StartTime { get; set; }
    public DateTime EndTime { get; set; }
    public string Ani { get; set; } = "";
    public string Dnis { get; set; } = "";
    /// <summary>2 inbound, 3 outbound (1 internal is possible for an agent who dialled an ACD).</summary>
    public int CallType { get; set; }
    /// <summary>The key pressed; null when the caller pressed none (hung up).</summary>
    public string? IvrDtmfDigit { get; set; }
    /// <summary>The component type of the survey node (protocol E10, e.g. -4 collect keys).</summary>
    public string? IvrDigitType { get; set; }
    /// <summary>SUCCESS (a key was pressed) or FAILED.</summary>
    public string StopCause { get; set; } = "";
    public int IvrId { get; set; }
    public string IvrName { get; set; } = "";
    public string? IvrSessionId { get; set; }
    /// <summary>The agent whose call was rated.</summary>
    public string? Agent { get; set; }
    public string? Extension { get; set; }
    /// <summary>The ACD the call came through (e.g. 10001_8000).</summary>
    public string? Queue { get; set; }
}

/// <summary>
/// A voicemail message (§6.28 语音信箱, query-api-1 3.19): a caller whose queue wait ran out with the ACD's overflow set
/// to voicemail, recorded into the mailbox of <see cref="UserName"/>.
/// </summary>
public sealed class VoicemailRecord : CallCenterRecord
{
    public string CallId { get; set; } = "";
    /// <summary>The caller's number.</summary>
    public string CidNumber { get; set; } = "";
    public DateTime CreateTime { get; set; }
    /// <summary>The mailbox owner: an agent number, e.g. 10001_1000.</summary>
    public string? UserName { get; set; }
    /// <summary>The message file, relative to the voicemail folder (e.g. 10001/20260302/msg_….wav).</summary>
    public string FilePath { get; set; } = "";
    /// <summary>Seconds recorded.</summary>
    public int Duration { get; set; }
    /// <summary>The ACD the caller waited in.</summary>
    public string? Queue { get; set; }
}

/// <summary>Execute contexts of IVR sessions (query-api-1 §1.9).</summary>
public static class IvrContexts
{
    public const string Inbound = "inbound_ivr";
    public const string Satisfaction = "satisfaction_ivr";
    public const string InCall = "incall_ivr";
}
