namespace CallCenter.Domain.Records;

/// <summary>
/// The high-volume history the engine writes and the query APIs read (query-api-1 part 3, query-api-2 part 6). Times are
/// UTC. Written through <see cref="IRecordSink"/> by a batching background writer; never updated by the engine after
/// being written, except that a queue or IVR record carries its steps.
/// </summary>
public abstract class CallCenterRecord
{
    public long Id { get; set; }
    public int TenantId { get; set; }
}

/// <summary>
/// One leg of a call as §6.21/§6.22 list it (话务记录): one row per agent leg (a transferred call has one row per agent,
/// all with the same <see cref="CtiCallId"/>), or one row for a call no agent took.
/// </summary>
public sealed class CallRecord : CallCenterRecord
{
    /// <summary>Agent DN of this leg, e.g. 10001_1000; empty when no agent took part.</summary>
    public string? Agent { get; set; }
    public string? Extension { get; set; }
    public string DestinationNumber { get; set; } = "";
    public string CallerIdNumber { get; set; } = "";
    public long? CampaignId { get; set; }
    /// <summary>1 internal, 2 inbound, 3 outbound.</summary>
    public int CtiCallType { get; set; }
    public DateTime StartStamp { get; set; }
    public DateTime? AnswerStamp { get; set; }
    public DateTime EndStamp { get; set; }
    public string CtiCallId { get; set; } = "";
    /// <summary>Recording file of this leg, if any.</summary>
    public string? Filename { get; set; }
    /// <summary>Seconds from start to end (ringing included).</summary>
    public int Duration { get; set; }
    /// <summary>Seconds talked (answer to end).</summary>
    public int Billsec { get; set; }
    public decimal BillRate { get; set; }
    public string HangupCause { get; set; } = "";
    public int? IvrId { get; set; }
    public string? IvrName { get; set; }
    public string? IvrDtmfDigit { get; set; }
    public string? IvrDigitType { get; set; }
    /// <summary>transfer | conference | monitor | makeCall | holdCall.</summary>
    public string? ChannelAttr { get; set; }
    /// <summary>ACD number the call came through.</summary>
    public string? QueueName { get; set; }
    public string? Target { get; set; }
    public string? ItuCode { get; set; }
    public string? SipCode { get; set; }
    public string? Enumeration { get; set; }
    /// <summary>Where an unanswered inbound call ended: agent, ivr or acd (for §6.21's missed-call filters).</summary>
    public string? EndedAt { get; set; }
}

/// <summary>A recording (§6.23/§6.24).</summary>
public sealed class RecordingRecord : CallCenterRecord
{
    public string CallId { get; set; } = "";
    public string? Agent { get; set; }
    public string? Extension { get; set; }
    /// <summary>The customer's number.</summary>
    public string? Mobile { get; set; }
    public int CallType { get; set; }
    public int Duration { get; set; }
    public long CampaignId { get; set; } = -1;
    /// <summary>Path of the file, relative to the recordings folder.</summary>
    public string Filename { get; set; } = "";
    public DateTime CreateTime { get; set; }
}

/// <summary>A call's stay in an ACD (§6.19) with its steps (§6.20).</summary>
public sealed class QueueRecord : CallCenterRecord
{
    public string CallId { get; set; } = "";
    public DateTime StartTime { get; set; }
    public DateTime? EndTime { get; set; }
    public string CallerId { get; set; } = "";
    /// <summary>ACD number, e.g. 10001_8000.</summary>
    public string ThisQueue { get; set; } = "";
    /// <summary>ACD name.</summary>
    public string QueueName { get; set; } = "";
    public int CallType { get; set; }
    /// <summary>Extension of the agent that took it.</summary>
    public string? Extension { get; set; }
    /// <summary>Seconds waited.</summary>
    public int HoldTime { get; set; }
    public string? Agent { get; set; }
    /// <summary>answered | abandoned | timeout | transferred (for statistics; not a wire field).</summary>
    public string Outcome { get; set; } = "";
    public List<QueueStep> Steps { get; set; } = new();
}

/// <summary>One step of a queue record: 1 left the queue / 2 queuing; node 1 offered to agent, 2 agent rejected, 3 no answer.</summary>
public sealed class QueueStep
{
    public long Id { get; set; }
    public long QueueRecordId { get; set; }
    public DateTime StartTime { get; set; }
    public string? Extension { get; set; }
    public int QueueStatus { get; set; }
    public int? NodeStatus { get; set; }
    public int Sequence { get; set; }
    public string CallerId { get; set; } = "";
    public string? Agent { get; set; }
}

/// <summary>An IVR session (§6.17) with its event trace (§6.18).</summary>
public sealed class IvrRecord : CallCenterRecord
{
    public string CallId { get; set; } = "";
    public string IvrSessionId { get; set; } = "";
    public DateTime StartTime { get; set; }
    public DateTime? EndTime { get; set; }
    public string Ani { get; set; } = "";
    public string Dnis { get; set; } = "";
    public int CallType { get; set; }
    public string? ThisQueue { get; set; }
    /// <summary>inbound_ivr | satisfaction_ivr | incall_ivr.</summary>
    public string ExecuteContext { get; set; } = "";
    public int IvrId { get; set; }
    public string IvrName { get; set; } = "";
    public int HoldTime { get; set; }
    public List<IvrStepRecord> Steps { get; set; } = new();
}

public sealed class IvrStepRecord
{
    public long Id { get; set; }
    public long IvrRecordId { get; set; }
    public DateTime StartTime { get; set; }
    public DateTime? EndTime { get; set; }
    public string IvrStatus { get; set; } = "";
    public int? IvrNode { get; set; }
    public string? Name { get; set; }
    public int EventSequence { get; set; }
    public string? Target { get; set; }
    public string? IvrDigitType { get; set; }
    public string? IvrDtmfDigit { get; set; }
    public string? ComponentName { get; set; }
    /// <summary>FAILED | SUCCESS.</summary>
    public string? StopCause { get; set; }
}

/// <summary>One interval an agent spent in one state and reason (§6.38), the input of the state statistics.</summary>
public sealed class AgentStateRecord : CallCenterRecord
{
    public string Agent { get; set; } = "";
    public string? Extension { get; set; }
    /// <summary>0 logged out, 1 ready, 2 busy.</summary>
    public int State { get; set; }
    /// <summary>Busy reason; -1 when not busy.</summary>
    public int ReasonCode { get; set; } = -1;
    public DateTime StartTime { get; set; }
    public DateTime EndTime { get; set; }
    /// <summary>Seconds in the state.</summary>
    public int HoldTime { get; set; }
    public string? TypeCode { get; set; }
    public DateTime CreateTime { get; set; }
}

/// <summary>A key attached to a call (§6.39), from request 279 or from an IVR (digit, digit_type, ivr_id).</summary>
public sealed class AttachedDataRecord : CallCenterRecord
{
    public string CallId { get; set; } = "";
    public string Key { get; set; } = "";
    public string? Type { get; set; }
    public string Value { get; set; } = "";
    public DateTime CreateTime { get; set; }
}

/// <summary>
/// Where the engine writes history. <see cref="Write"/> never blocks the engine and never throws: the implementation
/// queues and writes in batches.
/// </summary>
public interface IRecordSink
{
    void Write(CallCenterRecord record);
}
