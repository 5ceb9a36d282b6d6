using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Telephony;

namespace CallCenter.Tests.Cti;

/// <summary>Where agent 1000 can be when a request or a supervisor's command reaches it.</summary>
public enum AgentSituation { LoggedOut, BusyAfterLogin, Ready, Resting, WrapUp, Ringing, Talking, Holding, Dialing }

/// <summary>Puts agent 1000 (<see cref="Me"/>) of an <see cref="EngineHarness"/> in an <see cref="AgentSituation"/>.</summary>
public static class AgentSituations
{
    public const string Me = "10001_1000";
    public const string Other = "10001_1001";

    /// <summary>Puts agent 1000 in the situation; returns the call id it is on (or a made-up one).</summary>
    public static async Task<string> ArrangeAsync(EngineHarness h, AgentSituation s)
    {
        await h.LoginAsync(Other);
        await h.ReadyAsync(Other);
        if (s == AgentSituation.LoggedOut) return "no-call";
        await h.LoginAsync(Me);
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        switch (s)
        {
            case AgentSituation.BusyAfterLogin:
                return "no-call";
            case AgentSituation.Ready:
                await h.SendAsync(Me, new NotReadyRequest(Me, 4, null)); // Other becomes the longest idle, then Me ready
                await h.ReadyAsync(Me);
                return "no-call";
            case AgentSituation.Resting:
                await h.SendAsync(Me, new NotReadyRequest(Me, 5, 600));
                return "no-call";
            case AgentSituation.WrapUp:
                await h.SendAsync(Me, new NotReadyRequest(Me, 0, null));
                return "no-call";
            case AgentSituation.Dialing:
            {
                var events = await h.SendAsync(Me, new MakeCallRequest(Me, "18800000000", "10001", null, null, false, null));
                return (string)events.Single(e => e.MessageId == Events.Dialing)["callID"]!;
            }
        }
        // Ringing / talking / holding: an inbound call offered to Me only (Other refuses calls).
        await h.SendAsync(Other, new AcceptIncomingRequest(Other, true));
        await h.ReadyAsync(Me);
        h.Post(new InboundCall(EngineHarness.Tenant, h.Clock.GetUtcNow(), "cust-1", "13900000001", "4008000000", "10001_8000"));
        var offered = await h.EventsOfAsync(Me);
        var callId = (string)offered.Single(e => e.MessageId == Events.Incoming)["callID"]!;
        if (s == AgentSituation.Ringing) return callId;
        h.Post(new ChannelAnswered(EngineHarness.Tenant, h.Clock.GetUtcNow(), h.Switch.ChannelTo("1000")));
        await h.EventsOfAsync(Me);
        if (s == AgentSituation.Holding) await h.SendAsync(Me, new HoldRequest(Me, callId, "13900000001"));
        return callId;
    }
}
