namespace CallCenter.Domain.Cti.Protocol;

/// <summary>
/// One server event (§5): a flat JSON object whose first key is <c>messageId</c>, then the fields in the order given,
/// spelled exactly as the source spells them. Values are string, int, long, bool, string[] or a nested
/// <see cref="IReadOnlyList{T}"/> of fields (for <c>attachDatas</c>). The session layer adds <c>seq</c>.
/// </summary>
public sealed class CtiEvent
{
    public CtiEvent(int messageId, IReadOnlyList<KeyValuePair<string, object?>> fields)
    {
        MessageId = messageId;
        Fields = fields;
    }

    public int MessageId { get; }
    public IReadOnlyList<KeyValuePair<string, object?>> Fields { get; }

    public object? this[string key] => Fields.FirstOrDefault(f => f.Key == key).Value;

    public override string ToString() => $"{MessageId} {string.Join(", ", Fields.Select(f => $"{f.Key}={f.Value}"))}";
}

/// <summary>
/// Builds every event of §5 with the source's field names. Numbers are numbers (ids, codes, enums), DNs and numbers
/// of parties are strings. Where the source is silent or contradicts itself, the decision is noted (docs/decisions.md).
/// </summary>
public static class Events
{
    public const int Dialing = 505, Registered = 572, Unregistered = 574, LoggedIn = 580, LoggedOut = 581;
    public const int NotReady = 582, Ready = 583, Incoming = 503, Established = 506, Released = 515;
    public const int RecordingStarted = 589, RecordingStopped = 519, Held = 509, Retrieved = 513;
    public const int AgentMonitor = 588, AcdMonitor = 520, IvrMonitor = 605;
    public const int Failed = 9999, Deregistered = 4500, Prompt = 8888, Heartbeat = 3;

    private static CtiEvent E(int id, params (string Key, object? Value)[] fields) =>
        new(id, fields.Select(f => new KeyValuePair<string, object?>(f.Key, f.Value)).ToArray());

    /// <summary>Agent state fields shared by 580–583.</summary>
    public sealed record AgentStatus(string ThisDn, IReadOnlyList<string> Queues, int State, int? ReasonCode, int DeviceState,
        int TenantId, string? Extension);

    public static CtiEvent AgentLoggedIn(AgentStatus s) => E(LoggedIn, ("thisDN", s.ThisDn), ("thisQueues", s.Queues.ToArray()),
        ("state", s.State), ("deviceState", s.DeviceState), ("tenantID", s.TenantId.ToString()), ("extension", s.Extension ?? ""),
        ("reasonCode", s.ReasonCode ?? -1));

    public static CtiEvent AgentLoggedOut(AgentStatus s) => E(LoggedOut, ("thisDN", s.ThisDn), ("thisQueues", s.Queues.ToArray()),
        ("state", s.State), ("deviceState", s.DeviceState), ("tenantID", s.TenantId.ToString()), ("extension", s.Extension ?? ""));

    public static CtiEvent AgentReady(AgentStatus s) => E(Ready, ("thisDN", s.ThisDn), ("thisQueues", s.Queues.ToArray()),
        ("state", s.State), ("deviceState", s.DeviceState), ("tenantID", s.TenantId.ToString()), ("extension", s.Extension ?? ""));

    public static CtiEvent AgentNotReady(AgentStatus s) => E(NotReady, ("thisDN", s.ThisDn), ("thisQueues", s.Queues.ToArray()),
        ("state", s.State), ("deviceState", s.DeviceState), ("tenantID", s.TenantId.ToString()), ("reasonCode", s.ReasonCode ?? -1),
        ("extension", s.Extension ?? ""));

    /// <summary>
    /// Call fields shared by 505/503: the agent, the other party, the call and who dialled whom. <paramref name="ThisQueue"/>
    /// (the ACD the call came through) and <paramref name="UserData"/> (what agents attached with 279) are sent with 503
    /// only, as additions (decision P-503).
    /// </summary>
    public sealed record CallInfo(string ThisDn, string OtherDn, string CallId, int CallType, int TenantId, string? Extension,
        string Ani, string Dnis, string? ThirdDn = null, int? ThirdRole = null, string? ThisQueue = null,
        IReadOnlyDictionary<string, string>? UserData = null);

    public static CtiEvent AgentDialing(CallInfo c) => E(Dialing, ("thisDN", c.ThisDn), ("otherDN", c.OtherDn), ("callID", c.CallId),
        ("callType", c.CallType), ("tenantID", c.TenantId.ToString()), ("extension", c.Extension ?? ""), ("ANI", c.Ani), ("DNIS", c.Dnis),
        ("thirdDN", c.ThirdDn ?? ""), ("thirdRole", c.ThirdRole));

    /// <summary>
    /// 503. Additions to §5.8 (decision P-503): <c>thisQueue</c>, the ACD the call came through ("" when none), and the
    /// call's attached data (279) as further <c>attachDatas</c> entries after the recording file name.
    /// </summary>
    public static CtiEvent IncomingCall(CallInfo c, string? recordingFile) => E(Incoming, ("thisDN", c.ThisDn), ("otherDN", c.OtherDn),
        ("callID", c.CallId), ("tenantID", c.TenantId.ToString()), ("extension", c.Extension ?? ""), ("callType", c.CallType),
        ("ANI", c.Ani), ("DNIS", c.Dnis), ("thirdDN", c.ThirdDn ?? ""), ("thirdRole", c.ThirdRole), ("thisQueue", c.ThisQueue ?? ""),
        ("attachDatas", Attach(IncomingAttachments(recordingFile, c.UserData))));

    private static (string Key, object? Value)[] IncomingAttachments(string? recordingFile, IReadOnlyDictionary<string, string>? data)
    {
        var fields = new List<(string Key, object? Value)> { ("fileNam", recordingFile ?? ""), ("fileName", recordingFile ?? "") };
        foreach (var (key, value) in (data ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            if (key is not ("fileNam" or "fileName")) fields.Add((key, value));
        return fields.ToArray();
    }

    public static CtiEvent CallEstablished(string thisDn, string otherDn, string callId, int tenantId, string? extension, int callType) =>
        E(Established, ("thisDN", thisDn), ("otherDN", otherDn), ("callID", callId), ("tenantID", tenantId.ToString()),
            ("extension", extension ?? ""), ("callType", callType));

    public static CtiEvent CallReleased(string thisDn, string otherDn, string callId, int tenantId, string? extension, int callType,
        string hangupCause) =>
        E(Released, ("thisDN", thisDn), ("otherDN", otherDn), ("callID", callId), ("tenantID", tenantId.ToString()),
            ("extension", extension ?? ""), ("callType", callType), ("attachDatas", Attach(("hangupCause", hangupCause))));

    public static CtiEvent RecordingStartedEvent(string thisDn, string otherDn, string callId, int tenantId, int callType,
        string fileName, string? extension) =>
        E(RecordingStarted, ("thisDN", thisDn), ("otherDN", otherDn), ("callID", callId), ("tenantID", tenantId.ToString()),
            ("callType", callType), ("fileName", fileName), ("extension", extension ?? ""));

    public static CtiEvent RecordingStoppedEvent(string thisDn, string otherDn, string callId, int tenantId, int callType,
        int durationSeconds, string? extension, string fileName) =>
        E(RecordingStopped, ("thisDN", thisDn), ("otherDN", otherDn), ("callID", callId), ("tenantID", tenantId.ToString()),
            ("callType", callType), ("duration", durationSeconds), ("extension", extension ?? ""), ("fileName", fileName));

    public static CtiEvent CallHeld(string thisDn, string otherDn, string callId, int tenantId) =>
        E(Held, ("thisDN", thisDn), ("otherDN", otherDn), ("callID", callId), ("tenantID", tenantId.ToString()));

    public static CtiEvent CallRetrieved(string thisDn, string otherDn, string callId, int tenantId) =>
        E(Retrieved, ("thisDN", thisDn), ("otherDN", otherDn), ("callID", callId), ("tenantID", tenantId.ToString()));

    public static CtiEvent SoftphoneRegistered(string thisDn, int tenantId, string extension, string sipIp) =>
        E(Registered, ("thisDN", thisDn), ("tenantID", tenantId.ToString()), ("extension", extension), ("sipIp", sipIp));

    public static CtiEvent SoftphoneUnregistered(string thisDn, int tenantId, string extension) =>
        E(Unregistered, ("thisDN", thisDn), ("tenantID", tenantId.ToString()), ("extension", extension));

    /// <summary>
    /// 588. The source lists <c>thisDN</c> twice (monitored and requesting agent, A6): <c>thisDN</c> is the monitored
    /// agent (what the scenarios read), and the requesting agent is added as <c>requestDN</c>.
    /// </summary>
    public static CtiEvent AgentMonitorEvent(string monitoredDn, string? monitoredExtension, int agentState, int? reasonCode,
        string? callId, int? callType, string? otherDn, int deviceState, int tenantId, string requesterDn, string? requesterExtension) =>
        E(AgentMonitor, ("thisDN", monitoredDn), ("monitorExtension", monitoredExtension ?? ""), ("agentState", agentState),
            ("reasonCode", reasonCode ?? -1), ("callID", callId ?? ""), ("callType", callType ?? 0), ("otherDN", otherDn ?? ""),
            ("deviceState", deviceState), ("tenantID", tenantId.ToString()), ("requestDN", requesterDn),
            ("extension", requesterExtension ?? ""));

    /// <summary>520: one ACD's figures, and the call whose change caused it (status E8) when there is one.</summary>
    public sealed record AcdSnapshot(string ThisQueue, int QueueNum, int CallingNum, int AgentReadyNum);

    public sealed record AcdCallChange(int Status, int HoldTime, int CallType, string? CallerId, string Ani, string Dnis, string CallId);

    public static CtiEvent AcdMonitorEvent(AcdSnapshot q, AcdCallChange? c, string requesterDn, string? requesterExtension) =>
        E(AcdMonitor, ("thisQueue", q.ThisQueue), ("queueNum", q.QueueNum), ("queueSum", q.QueueNum + q.CallingNum),
            ("callingNum", q.CallingNum), ("thisDN", requesterDn), ("agentReadyNum", q.AgentReadyNum), ("status", c?.Status),
            ("holdTime", c?.HoldTime ?? 0), ("callType", c?.CallType ?? 0), ("callerID", c?.CallerId ?? ""), ("ani", c?.Ani ?? ""),
            ("dnis", c?.Dnis ?? ""), ("extension", requesterExtension ?? ""), ("callID", c?.CallId ?? ""));

    /// <summary>605: one step of an IVR session (field names as §5.17: <c>callId</c>, <c>tenantId</c>, <c>filename</c>).</summary>
    public sealed record IvrStep(string CallId, int TenantId, string StartTime, string? EndTime, string Ani, string Dnis, int CallType,
        string? ThisQueue, string IvrStatus, string? FileName, int? IvrDigitType, string? IvrDtmfDigit, int? IvrNode, string? Name,
        string EventSequence);

    public static CtiEvent IvrMonitorEvent(IvrStep s, string requesterDn, string? requesterExtension) =>
        E(IvrMonitor, ("callId", s.CallId), ("tenantId", s.TenantId.ToString()), ("startTime", s.StartTime), ("endTime", s.EndTime ?? ""),
            ("ani", s.Ani), ("dnis", s.Dnis), ("callType", s.CallType), ("thisQueue", s.ThisQueue ?? ""), ("ivrStatus", s.IvrStatus),
            ("filename", s.FileName ?? ""), ("ivrDigitType", s.IvrDigitType), ("ivrDtmfDigit", s.IvrDtmfDigit ?? ""),
            ("ivrNode", s.IvrNode), ("name", s.Name ?? ""), ("eventSequence", s.EventSequence), ("thisDN", requesterDn),
            ("extension", requesterExtension ?? ""));

    public static CtiEvent RequestFailed(int errorMessageId, int errorCode, string thisDn, string? extension, string? detail = null) =>
        E(Failed, ("errorMessageId", errorMessageId), ("errorCode", errorCode),
            ("errorMessage", detail is null ? ErrorCodes.Text(errorCode) : $"{ErrorCodes.Text(errorCode)}: {detail}"),
            ("thisDN", thisDn), ("extension", extension ?? ""));

    /// <summary>4500 with a <see cref="DeregisterReasons"/> code.</summary>
    public static CtiEvent AgentDeregistered(int reason, string thisDn, string? extension) =>
        E(Deregistered, ("reason", reason), ("thisDN", thisDn), ("extension", extension ?? ""));

    /// <summary>8888 (the source spells the key <c>succeeMessageId</c>).</summary>
    public static CtiEvent RequestPrompt(int messageId, int referenceId, string thisDn, string? extension) =>
        E(Prompt, ("succeeMessageId", messageId), ("referenceID", referenceId), ("thisDN", thisDn), ("extension", extension ?? ""));

    public static CtiEvent HeartbeatReply(string thisDn, string? extension) =>
        E(Heartbeat, ("thisDN", thisDn), ("extension", extension ?? ""));

    private static IReadOnlyList<KeyValuePair<string, object?>> Attach(params (string Key, object? Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, object?>(f.Key, f.Value)).ToArray();
}

/// <summary>
/// The <c>reason</c> of 4500 (E13): 1 and 2 are the source's; 3 is ours (decision P-4500): a supervisor logged the agent
/// out from the wallboard.
/// </summary>
public static class DeregisterReasons
{
    public const int LoggedInElsewhere = 1;
    public const int AccountDeregistered = 2;
    public const int LoggedOutBySupervisor = 3;

    public static string Text(int reason) => reason switch
    {
        LoggedInElsewhere => "The agent logged in at another location.",
        AccountDeregistered => "The agent account was deregistered.",
        LoggedOutBySupervisor => "A supervisor logged the agent out.",
        _ => $"Forced logout (reason {reason}).",
    };
}
