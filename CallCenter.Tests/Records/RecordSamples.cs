using CallCenter.Domain.Records;

namespace CallCenter.Tests.Records;

/// <summary>Records with every property set to a value other than its default (so a lost column shows).</summary>
public static class RecordSamples
{
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 30, 15, 123, DateTimeKind.Utc);

    public static CallRecord Call(int i = 1, int tenant = 10001) => new()
    {
        TenantId = tenant,
        Agent = $"{tenant}_1000",
        Extension = "1000",
        DestinationNumber = "05717171717",
        CallerIdNumber = $"1380000{i:0000}",
        CampaignId = 8,
        CtiCallType = 2,
        StartStamp = T0.AddSeconds(i),
        AnswerStamp = T0.AddSeconds(i + 5),
        EndStamp = T0.AddSeconds(i + 63),
        CtiCallId = $"2244f18763616c6c0008{i:x4}@183.129.179.6",
        Filename = $"2026/03/01/{i:00000}.wav",
        Duration = 63,
        Billsec = 58,
        BillRate = 0.0125m,
        HangupCause = "send_bye",
        IvrId = 12,
        IvrName = "Welcome",
        IvrDtmfDigit = "1",
        IvrDigitType = "4",
        ChannelAttr = "transfer",
        QueueName = $"{tenant}_8000",
        Target = $"{tenant}_8000",
        ItuCode = "16",
        SipCode = "200",
        Enumeration = "NORMAL_CLEARING",
        EndedAt = "agent",
    };

    public static RecordingRecord Recording(int i = 1, int tenant = 10001) => new()
    {
        TenantId = tenant,
        CallId = $"6a812a70-71d3-11e7-9764-{i:000000000000}",
        Agent = $"{tenant}_1009",
        Extension = "1009",
        Mobile = "18584628469",
        CallType = 3,
        Duration = 30,
        CampaignId = 77,
        Filename = $"{tenant}/2026/03/01/6a812a70-71d3-11e7-9764-{i:000000000000}.wav",
        CreateTime = T0.AddMinutes(i),
    };

    public static QueueRecord Queue(int i = 1, int tenant = 10001) => new()
    {
        TenantId = tenant,
        CallId = $"q-{i}@183.129.179.6",
        StartTime = T0.AddSeconds(i),
        EndTime = T0.AddSeconds(i + 40),
        CallerId = "18034613972",
        ThisQueue = $"{tenant}_8000",
        QueueName = "Sales",
        CallType = 2,
        Extension = "1001",
        HoldTime = 40,
        Agent = $"{tenant}_1001",
        Outcome = "answered",
        Steps =
        {
            QueueStepAt(1, i, tenant, queueStatus: 2, nodeStatus: 1, agent: "1000"),
            QueueStepAt(2, i, tenant, queueStatus: 2, nodeStatus: 3, agent: "1000"),
            QueueStepAt(3, i, tenant, queueStatus: 1, nodeStatus: 1, agent: "1001"),
        },
    };

    private static QueueStep QueueStepAt(int sequence, int i, int tenant, int queueStatus, int nodeStatus, string agent) => new()
    {
        StartTime = T0.AddSeconds(i + sequence * 10),
        Extension = agent,
        QueueStatus = queueStatus,
        NodeStatus = nodeStatus,
        Sequence = sequence,
        CallerId = "18034613972",
        Agent = $"{tenant}_{agent}",
    };

    public static IvrRecord Ivr(int i = 1, int tenant = 10001) => new()
    {
        TenantId = tenant,
        CallId = $"ivr-{i}@183.129.179.6",
        IvrSessionId = $"251asd887es54d87wqe54156a8we{i}",
        StartTime = T0.AddSeconds(i),
        EndTime = T0.AddSeconds(i + 20),
        Ani = "18034613972",
        Dnis = "05717171717",
        CallType = 2,
        ThisQueue = $"{tenant}_8000",
        ExecuteContext = "satisfaction_ivr",
        IvrId = 12,
        IvrName = "Welcome",
        HoldTime = 20,
        Steps =
        {
            IvrStepAt(1, i, "start"),
            IvrStepAt(2, i, "start_ivr_component"),
            IvrStepAt(3, i, "end_ivr_component"),
        },
    };

    private static IvrStepRecord IvrStepAt(int sequence, int i, string status) => new()
    {
        StartTime = T0.AddSeconds(i + sequence),
        EndTime = T0.AddSeconds(i + sequence + 1),
        IvrStatus = status,
        IvrNode = sequence + 100,
        Name = $"Node {sequence}",
        EventSequence = sequence,
        Target = "10001_8000",
        IvrDigitType = "4",
        IvrDtmfDigit = "2",
        ComponentName = "Collect digits",
        StopCause = "SUCCESS",
    };

    public static AgentStateRecord AgentState(int i = 1, int tenant = 10001) => new()
    {
        TenantId = tenant,
        Agent = $"{tenant}_1000",
        Extension = "1000",
        State = 2,
        ReasonCode = 3,
        StartTime = T0.AddMinutes(i),
        EndTime = T0.AddMinutes(i + 1),
        HoldTime = 60,
        TypeCode = "1",
        CreateTime = T0.AddMinutes(i + 1).AddMilliseconds(5),
    };

    public static AttachedDataRecord AttachedData(int i = 1, int tenant = 10001) => new()
    {
        TenantId = tenant,
        CallId = "2244f18763616c6c00085eca@183.129.179.6",
        Key = $"digit_{i}",
        Type = "ivr",
        Value = "1",
        CreateTime = T0.AddSeconds(i),
    };
}
