namespace CallCenter.Domain.AgentStates;

/// <summary>Agent state (spec <c>state</c>): 0 logged out, 1 idle/ready, 2 busy/not ready.</summary>
public enum AgentState
{
    LoggedOut = 0,
    Ready = 1,
    Busy = 2,
}

/// <summary>A busy reason: a built-in code 0–8 or a tenant's custom code from 9 up.</summary>
public sealed record ReasonDefinition(int Code, string Text, string EnglishText, string Color, bool BuiltIn);

/// <summary>The built-in states and reason codes with the colours of §6.37.</summary>
public static class AgentStateCatalog
{
    public const int FirstCustomReasonCode = 9;
    public const int MaxReasonCode = 999;

    public const int WrapUp = 0;
    public const int InCall = 1;
    public const int DeviceUnavailable = 2;
    public const int BusyOther = 3;
    public const int Away = 4;
    public const int Rest = 5;
    public const int Dialing = 6;
    public const int OutboundRinging = 7;
    public const int InboundRinging = 8;

    public static readonly IReadOnlyList<ReasonDefinition> BuiltInReasons = new[]
    {
        new ReasonDefinition(WrapUp, "整理", "Wrap-up", "#f5d4ba", true),
        new ReasonDefinition(InCall, "通话", "In call", "#b7d5f7", true),
        new ReasonDefinition(DeviceUnavailable, "设备不可用", "Device unavailable", "#bcb9ce", true),
        new ReasonDefinition(BusyOther, "忙碌", "Busy", "#ecb9b7", true),
        new ReasonDefinition(Away, "离开", "Away", "#bbb", true),
        new ReasonDefinition(Rest, "休息", "Rest", "#eac4e3", true),
        new ReasonDefinition(Dialing, "拨号中", "Dialing", "#f9f5ce", true),
        new ReasonDefinition(OutboundRinging, "外线振铃", "Outbound ringing", "#cef5ed", true),
        new ReasonDefinition(InboundRinging, "呼入振铃", "Inbound ringing", "#cee0f5", true),
    };

    public static string StateColor(AgentState state) => state switch
    {
        AgentState.LoggedOut => "#f3f3f4",
        AgentState.Ready => "#c5efc5",
        _ => "",
    };

    public static bool IsBuiltIn(int reasonCode) => reasonCode is >= 0 and < FirstCustomReasonCode;
}
