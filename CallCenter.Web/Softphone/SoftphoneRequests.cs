using System.Text.Json.Nodes;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Protocol;

namespace CallCenter.Web.Softphone;

/// <summary>What a transfer does with the agent (215 <c>attachDatas.isHold</c>).</summary>
public enum TransferMode
{
    /// <summary>isHold 0: the agent leaves at once; the caller waits for the target.</summary>
    Blind = 0,
    /// <summary>
    /// isHold 2: the caller is held while the target rings and the agent stays; when the target answers the two are
    /// connected and the agent leaves; if the target does not answer, the caller comes back to the agent.
    /// </summary>
    Consultative = 2,
}

public enum TransferTarget
{
    Agent,
    Acd,
    Number,
    Ivr,
}

/// <summary>What the transfer (or three-way) dialog chose: an agent DN, ACD number, phone number or IVR flow id.</summary>
public sealed record TransferChoice(TransferTarget Kind, string Target, TransferMode Mode = TransferMode.Blind, bool ReturnToAgent = false);

/// <summary>
/// The inner <c>message</c> of each request the page sends (§4), with the source's field names. The JS module adds
/// <c>thisDN</c> and wraps it in the envelope. Where the party is needed, it is the other side of the current call.
/// </summary>
public static class SoftphoneRequests
{
    public static JsonObject Ready() => new() { ["messageId"] = MessageIds.Ready };

    public static JsonObject NotReady(int reasonCode) => new() { ["messageId"] = MessageIds.NotReady, ["reasonCode"] = reasonCode };

    /// <summary>102 reason 5 with <c>attachDatas.limit</c> (seconds).</summary>
    public static JsonObject Rest(int seconds) => new()
    {
        ["messageId"] = MessageIds.NotReady, ["reasonCode"] = AgentStateCatalog.Rest,
        ["attachDatas"] = new JsonObject { ["limit"] = seconds.ToString() },
    };

    public static JsonObject Logout(string? extension) => new() { ["messageId"] = MessageIds.Logout, ["extension"] = extension ?? "" };

    /// <summary>294: <c>isReject</c> "1" refuses incoming calls, "0" accepts them again.</summary>
    public static JsonObject AcceptIncoming(bool accept) => new() { ["messageId"] = MessageIds.AcceptIncoming, ["isReject"] = accept ? "0" : "1" };

    public static JsonObject MakeCall(string number, int tenantId) => new()
    {
        ["messageId"] = MessageIds.MakeCall, ["otherDN"] = number,
        ["attachDatas"] = new JsonObject { ["cti-tenant-id"] = tenantId.ToString() },
    };

    /// <summary>203 naming the agent itself: its own leg ends (in a three-way call the other two go on talking).</summary>
    public static JsonObject Release(SoftphoneCall call, string thisDn) =>
        new() { ["messageId"] = MessageIds.Release, ["callID"] = call.CallId, ["otherDN"] = thisDn };

    /// <summary>204: the source's table spells the party <c>oterDN</c>.</summary>
    public static JsonObject Hold(SoftphoneCall call) => new() { ["messageId"] = MessageIds.Hold, ["callID"] = call.CallId, ["oterDN"] = call.Party };

    public static JsonObject Retrieve(SoftphoneCall call) => Party(MessageIds.Retrieve, call);

    /// <summary>292/293 on the other party: it stops (starts again) hearing the agent (decision A35).</summary>
    public static JsonObject Mute(SoftphoneCall call, bool mute) => Party(mute ? MessageIds.Mute : MessageIds.Unmute, call);

    public static JsonObject StartRecording(SoftphoneCall call, int limitSeconds = 3600) => new()
    {
        ["messageId"] = MessageIds.StartRecording, ["callID"] = call.CallId, ["path"] = "/record/",
        ["attachDatas"] = new JsonObject { ["limit"] = limitSeconds.ToString() },
    };

    public static JsonObject StopRecording(SoftphoneCall call) =>
        new() { ["messageId"] = MessageIds.StopRecording, ["callID"] = call.CallId, ["path"] = "/record/" };

    /// <summary>215 to an agent DN, an ACD number or a phone number; <c>phoneNumber</c> is the caller, who stays in the call.</summary>
    public static JsonObject Transfer(SoftphoneCall call, string target, TransferMode mode) => new()
    {
        ["messageId"] = MessageIds.Transfer, ["callID"] = call.CallId, ["otherDN"] = target, ["phoneNumber"] = call.Party,
        ["attachDatas"] = new JsonObject { ["isHold"] = ((int)mode).ToString() },
    };

    /// <summary>290: the caller goes into IVR flow <paramref name="ivrId"/>; back to the agent afterwards when asked.</summary>
    public static JsonObject TransferToIvr(SoftphoneCall call, string ivrId, bool returnToAgent) => new()
    {
        ["messageId"] = MessageIds.TransferToIvr, ["callID"] = call.CallId, ["phoneNumber"] = call.Party,
        ["attachDatas"] = new JsonObject { ["ivrID"] = ivrId, ["isHold"] = returnToAgent ? "1" : "0" },
    };

    /// <summary>214: a third party joins; all three talk.</summary>
    public static JsonObject Conference(SoftphoneCall call, string third) =>
        new() { ["messageId"] = MessageIds.Conference, ["callID"] = call.CallId, ["otherDN"] = third };

    private static JsonObject Party(int messageId, SoftphoneCall call) =>
        new() { ["messageId"] = messageId, ["callID"] = call.CallId, ["otherDN"] = call.Party };
}
