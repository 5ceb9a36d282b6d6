namespace CallCenter.Domain.Cti.Protocol;

/// <summary><c>errorCode</c> of event 9999 (§5.18), with the text sent as <c>errorMessage</c>.</summary>
public static class ErrorCodes
{
    public const int UnknownCall = 4;
    public const int UnknownAgent = 14;
    public const int BadParameter = 18;
    public const int TooFast = 27;
    public const int NoExtension = 31;
    public const int InCall = 32;
    public const int ExtensionInUse = 33;
    public const int AlreadyLoggedIn = 34;
    public const int TransferFailed = 35;
    public const int MuteFailed = 36;
    public const int UnmuteFailed = 37;
    public const int HoldExitAbnormal = 38;
    public const int HoldCallFailed = 39;
    public const int ConferenceFailed = 40;
    public const int NotBoundToExtension = 41;
    public const int LicenceExpired = 300;

    public static string Text(int code) => code switch
    {
        UnknownCall => "callID not found; the call may already have been released",
        UnknownAgent => "agent resource not found",
        BadParameter => "request parameter error",
        TooFast => "the same request was sent twice within two seconds",
        NoExtension => "login did not specify an extension",
        InCall => "the agent is in a call",
        ExtensionInUse => "the extension is already logged in",
        AlreadyLoggedIn => "the agent is already logged in",
        TransferFailed => "transfer failed",
        MuteFailed => "mute failed",
        UnmuteFailed => "unmute failed",
        HoldExitAbnormal => "abnormal exit from hold",
        HoldCallFailed => "hold-and-dial-out failed",
        ConferenceFailed => "three-way call failed",
        NotBoundToExtension => "not bound to an extension: not allowed to become idle",
        LicenceExpired => "licence expired, contact the administrator",
        _ => "request failed",
    };
}

/// <summary><c>referenceID</c> of event 8888 (§5.20).</summary>
public static class PromptCodes
{
    public const int RestExpired = 0;
    public const int RestQueued = 1;
    public const int AcceptIncoming = 2;
    public const int RefuseIncoming = 3;
    public const int TransferSucceeded = 4;
    public const int MuteSucceeded = 6;
    public const int UnmuteSucceeded = 7;
    public const int HoldCallSucceeded = 8;
    public const int ConferenceSucceeded = 9;
}
