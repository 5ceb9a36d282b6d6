using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Telephony;

namespace CallCenter.Web.Softphone;

/// <summary>
/// What the softphone tells the agent, in words: request failures (9999, the source's error list §5.18), prompts (8888,
/// §5.20), forced logouts (4500, §5.19) and how a call ended (515 <c>hangupCause</c>). Never a bare code.
/// </summary>
public static class SoftphoneTexts
{
    /// <summary>"Could not …" for the request a 9999 answers (<c>errorMessageId</c>).</summary>
    public static string Action(int messageId, bool rest = false) => messageId switch
    {
        MessageIds.Login => "log in",
        MessageIds.Ready => "go ready",
        MessageIds.NotReady => rest ? "start the rest" : "go not ready",
        MessageIds.Logout => "log out",
        MessageIds.MakeCall => "place the call",
        MessageIds.Release => "hang up",
        MessageIds.Hold => "hold the call",
        MessageIds.Retrieve => "retrieve the call",
        MessageIds.Conference => "start the three-way call",
        MessageIds.Transfer => "transfer the call",
        MessageIds.TransferToIvr => "transfer the call to the IVR",
        MessageIds.SendDtmf => "send the keys",
        MessageIds.StartRecording => "start recording",
        MessageIds.StopRecording => "stop recording",
        MessageIds.AttachData => "attach the data",
        MessageIds.Mute => "mute",
        MessageIds.Unmute => "unmute",
        MessageIds.AcceptIncoming => "change whether you accept calls",
        MessageIds.Listen => "listen to the call",
        MessageIds.Play => "play the audio",
        MessageIds.StartAgentMonitor or MessageIds.StopAgentMonitor or MessageIds.StartAcdMonitor or MessageIds.StopAcdMonitor
            or MessageIds.StartIvrMonitor or MessageIds.StopIvrMonitor => "change monitoring",
        _ => "complete the request",
    };

    /// <summary>The agent-facing meaning of a 9999 <c>errorCode</c>.</summary>
    public static string Error(int code) => code switch
    {
        ErrorCodes.UnknownCall => "the call is no longer there; it may already have ended.",
        ErrorCodes.UnknownAgent => "the agent was not found or is not logged in.",
        ErrorCodes.BadParameter => "the request was not accepted.",
        ErrorCodes.TooFast => "the same request was sent twice within two seconds. Wait a moment and try again.",
        ErrorCodes.NoExtension => "no extension was given.",
        ErrorCodes.InCall => "not possible during a call.",
        ErrorCodes.ExtensionInUse => "this extension is in use by another agent.",
        ErrorCodes.AlreadyLoggedIn => "this agent is already logged in.",
        ErrorCodes.TransferFailed => "the transfer failed.",
        ErrorCodes.MuteFailed => "muting failed.",
        ErrorCodes.UnmuteFailed => "unmuting failed.",
        ErrorCodes.HoldExitAbnormal => "the call could not be taken off hold.",
        ErrorCodes.HoldCallFailed => "holding the call and dialling out failed.",
        ErrorCodes.ConferenceFailed => "the three-way call failed.",
        ErrorCodes.NotBoundToExtension => "your agent is not bound to an extension, so it cannot take calls.",
        ErrorCodes.LicenceExpired => "the licence has expired; contact your administrator.",
        _ => "the server refused the request.",
    };

    /// <summary>
    /// The whole message of a 9999: "Could not hold the call: the call is no longer there… (detail)". The detail is what
    /// the server added after the code's own text in <c>errorMessage</c>, when there is any.
    /// </summary>
    public static string Failure(int messageId, int code, string? errorMessage, bool rest = false)
    {
        var detail = Detail(code, errorMessage);
        return $"Could not {Action(messageId, rest)}: {Error(code)}" + (detail is null ? "" : $" ({detail})");
    }

    private static string? Detail(int code, string? errorMessage)
    {
        if (string.IsNullOrWhiteSpace(errorMessage)) return null;
        var prefix = ErrorCodes.Text(code) + ": ";
        if (errorMessage.StartsWith(prefix, StringComparison.Ordinal)) return errorMessage[prefix.Length..];
        return errorMessage == ErrorCodes.Text(code) ? null : errorMessage;
    }

    /// <summary>The meaning of an 8888 <c>referenceID</c>.</summary>
    public static string Prompt(int referenceId) => referenceId switch
    {
        PromptCodes.RestExpired => "Your rest time is over. You are now Busy: go Ready when you are back.",
        PromptCodes.RestQueued => "Rest queued: the most agents allowed are resting now. Your rest starts when a place frees up.",
        PromptCodes.AcceptIncoming => "You accept incoming calls again.",
        PromptCodes.RefuseIncoming => "Incoming calls are refused until you accept them again.",
        PromptCodes.TransferSucceeded => "Transfer succeeded.",
        PromptCodes.MuteSucceeded => "Muted: the other party cannot hear you.",
        PromptCodes.UnmuteSucceeded => "Unmuted.",
        PromptCodes.HoldCallSucceeded => "Consultation started: the caller is on hold.",
        PromptCodes.ConferenceSucceeded => "Three-way call connected.",
        _ => "The server confirmed your request.",
    };

    /// <summary>Why a 4500 signed the agent out.</summary>
    public static string ForcedLogout(int reason) => reason switch
    {
        DeregisterReasons.LoggedInElsewhere => "You were signed out because this agent logged in somewhere else (another browser, tab or device).",
        DeregisterReasons.AccountDeregistered => "You were signed out because your agent account was deregistered or deleted by an administrator.",
        DeregisterReasons.LoggedOutBySupervisor => "A supervisor signed you out.",
        _ => "You were signed out by the server.",
    };

    /// <summary>How a call ended, from the agent's side (<paramref name="agentDialled"/>: the agent placed the call).</summary>
    public static string Outcome(string? cause, bool answered, bool agentDialled, bool transferred)
    {
        if (transferred) return "Transferred";
        return cause switch
        {
            HangupCauses.SendBye => agentDialled ? "You hung up" : "The caller hung up",
            HangupCauses.RecvBye => agentDialled ? "The other party hung up" : "You hung up",
            HangupCauses.CallRejected => answered ? "Ended" : "Rejected",
            HangupCauses.NoAnswer or HangupCauses.NoUserResponse or HangupCauses.Timeout => "Not answered",
            HangupCauses.UserBusy => "Busy",
            HangupCauses.UnallocatedNumber => "Number does not exist",
            HangupCauses.CallFailed => "Call failed",
            HangupCauses.UserNotRegistered => "Phone not registered",
            _ when !answered => "Not connected",
            _ => "Ended",
        };
    }

    public static string Direction(int callType, bool agentDialled) => callType switch
    {
        2 => "Inbound",
        3 => "Outbound",
        1 => agentDialled ? "Internal out" : "Internal in",
        _ => agentDialled ? "Outbound" : "Inbound",
    };
}
