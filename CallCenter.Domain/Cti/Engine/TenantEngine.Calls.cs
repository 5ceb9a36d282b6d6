using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Blacklists;
using CallCenter.Domain.Common;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Calls;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;

namespace CallCenter.Domain.Cti.Engine;

// Calls an agent places and controls: 200 make call, 203 release, 204/217 hold and retrieve, 215 transfer/intercept/
// to ACD, 290 to IVR, 214 three-way, 265 listen, 292/293 mute, 277/278 recording, 250 DTMF, 274 play, 279 attach data.
public sealed partial class TenantEngine
{
    /// <summary>Who or what a dialled string names: an agent (DN, code or its extension), an ACD, or a public number.</summary>
    private abstract record Destination;
    private sealed record AgentDestination(AgentRuntime Agent) : Destination;
    private sealed record AcdDestination(Acds.QueueRuntime Queue) : Destination;
    private sealed record NumberDestination(string Number) : Destination;

    private Destination? Resolve(string target)
    {
        if (_queues.TryGetValue(target, out var q)) return new AcdDestination(q);
        if (_config.AgentsByDn.TryGetValue(target, out var byDn)) return new AgentDestination(Runtime(byDn));
        if (_config.AgentsByDn.TryGetValue(Dn.Of(TenantId, target), out var byCode)) return new AgentDestination(Runtime(byCode));
        var onExtension = _agents.Values.FirstOrDefault(a => a.LoggedIn && a.Extension == target);
        if (onExtension is not null) return new AgentDestination(onExtension);
        if (Dn.TryParse(target, out _, out _)) return null;
        return PhoneNumbers.IsDialable(target) ? new NumberDestination(target) : null;
    }

    // ------------------------------------------------------------------ 200 make call

    private void HandleMakeCall(AgentRuntime agent, MakeCallRequest r)
    {
        if (r.TenantId is not null && r.TenantId != TenantId.ToString())
        {
            Fail(agent, r.MessageId, ErrorCodes.BadParameter, $"cti-tenant-id {r.TenantId} is not the agent's tenant");
            return;
        }
        if (r.HoldCall)
        {
            HandleHoldAndDial(agent, r);
            return;
        }
        if (agent.InCall) { Fail(agent, r.MessageId, ErrorCodes.InCall); return; }
        if (!Registered(agent)) { Fail(agent, r.MessageId, ErrorCodes.BadParameter, $"extension {agent.Extension} is not registered"); return; }
        var destination = Resolve(r.OtherDn);
        if (destination is null) { Fail(agent, r.MessageId, ErrorCodes.BadParameter, $"cannot dial '{r.OtherDn}'"); return; }
        if (destination is AgentDestination { Agent: var self } && self == agent)
        {
            Fail(agent, r.MessageId, ErrorCodes.BadParameter, "an agent cannot call itself");
            return;
        }
        if (destination is NumberDestination n && _config.IsBlacklisted(n.Number, CallDirection.Outbound, Now))
        {
            WriteBlacklistCall(Guid.NewGuid().ToString(), CallTypes.Outbound, agent.Extension ?? agent.Dn, n.Number, n.Number, agent);
            Fail(agent, r.MessageId, ErrorCodes.BadParameter, $"{n.Number} is blacklisted for outbound calls");
            return;
        }
        var callType = destination is NumberDestination ? CallTypes.Outbound : CallTypes.Internal;
        var dnis = destination switch
        {
            AgentDestination d => d.Agent.Dn,
            AcdDestination a => a.Queue.Number,
            _ => r.OtherDn,
        };
        var call = NewCall(callType, agent.Extension!, dnis);
        if (int.TryParse(r.IvrId, out var ivr)) call.Attached["ivr_id"] = ivr.ToString();
        if (r.VoiceTts is not null) call.Attached["voice_tts"] = r.VoiceTts;
        agent.CallId = call.CallId;
        agent.BeforeCall = (agent.State, agent.Reason);
        var leg = AddLeg(call, LegKind.Agent, LegRole.Caller, agent.Extension!, agent.Dn, channelAttr: "makeCall");
        // The agent is busy while it dials (reason 6, decision D-A2), so no inbound call lands on it meanwhile.
        ChangeState(agent, AgentStates.AgentState.Busy, AgentStateCatalog.Dialing);
        Send(agent, Events.AgentDialing(new Events.CallInfo(agent.Dn, r.OtherDn, call.CallId, callType, TenantId, agent.Extension,
            agent.Extension!, dnis)));
        call.Attached["target"] = r.OtherDn;
        // Click-to-dial: the agent's own phone rings first; the other party is called once the agent answers.
        Ring(leg, new ExtensionEndpoint(TenantId, agent.Extension!), OutboundCallerId(agent), 30);
    }

    private string OutboundCallerId(AgentRuntime agent) =>
        agent.Queues.Select(q => _queues.GetValueOrDefault(q)?.Config.OutboundNumber).FirstOrDefault(n => !string.IsNullOrEmpty(n))
        ?? agent.Extension ?? "";

    private void OnDialingAgentAnswered(Call call, Leg agentLeg)
    {
        if (agentLeg.AgentDn is null || !_agents.TryGetValue(agentLeg.AgentDn, out var agent)) return;
        var target = call.Attached.GetValueOrDefault("target") ?? call.Dnis;
        switch (Resolve(target))
        {
            case NumberDestination n:
                var outLeg = AddLeg(call, LegKind.External, LegRole.Callee, n.Number, null);
                ChangeState(agent, AgentStates.AgentState.Busy, AgentStateCatalog.OutboundRinging);
                if (call.Attached.TryGetValue("ivr_id", out var ivr)) outLeg.ChannelAttr = "ivr:" + ivr;
                Ring(outLeg, new ExternalEndpoint(n.Number), OutboundCallerId(agent), _config.BridgeAnswerTimeout);
                break;
            case AgentDestination { Agent: var callee } when callee.LoggedIn && !callee.InCall && Registered(callee) && !callee.RefusesIncoming:
                RingAgent(call, callee, LegRole.Callee, null,
                    new Events.CallInfo(callee.Dn, agent.Dn, call.CallId, call.CallType, TenantId, callee.Extension, agent.Dn, callee.Dn),
                    null, agent.Extension!, 30);
                break;
            case AcdDestination a:
                // Dialling an ACD: the calling agent waits in it like a customer (an internal call).
                EnqueueInternal(call, agentLeg, a.Queue);
                break;
            default:
                agentLeg.HangupCause = HangupCauses.UserBusy;
                call.EndedBy = null;
                HangUp(call, agentLeg, HangupCauses.UserBusy);
                break;
        }
    }

    /// <summary>An agent dialled an ACD: its own answered leg waits in the queue in place of a customer.</summary>
    private void EnqueueInternal(Call call, Leg agentLeg, Acds.QueueRuntime queue)
    {
        call.WaitingChannel = agentLeg.ChannelId;
        Enqueue(call, queue);
    }

    private void OnCalleeAnswered(Call call, Leg callee)
    {
        var caller = call.Legs.FirstOrDefault(l => l.Role == LegRole.Caller && l.State == LegState.Answered);
        if (caller is null) { HangUp(call, callee, HangupCauses.NormalClearing); return; }
        if (callee.ChannelAttr?.StartsWith("ivr:") == true && int.TryParse(callee.ChannelAttr[4..], out var ivr))
        {
            // 200 with ivr_id: the called party goes into the IVR flow instead of talking to the agent.
            callee.ChannelAttr = "makeCall";
            StartIvr(call, callee, ivr, "incall_ivr");
            HangUp(call, caller, HangupCauses.NormalClearing);
            return;
        }
        Connect(call, caller, callee);
    }

    /// <summary>200 with holdCall=1: hold the current call and dial another party (consultation).</summary>
    private void HandleHoldAndDial(AgentRuntime agent, MakeCallRequest r)
    {
        if (r.HeldCallId is null || !_calls.TryGetValue(r.HeldCallId, out var call) || agent.CallId != call.CallId)
        {
            Fail(agent, r.MessageId, ErrorCodes.UnknownCall);
            return;
        }
        var agentLeg = call.AgentLeg(agent.Dn);
        var other = call.Live.FirstOrDefault(l => l != agentLeg && l.Role != LegRole.Listener && l.State == LegState.Answered);
        if (agentLeg is null || agentLeg.State != LegState.Answered || other is null)
        {
            Fail(agent, r.MessageId, ErrorCodes.HoldCallFailed, "the call is not connected");
            return;
        }
        var destination = Resolve(r.OtherDn);
        if (destination is null or AcdDestination) { Fail(agent, r.MessageId, ErrorCodes.HoldCallFailed, $"cannot dial '{r.OtherDn}'"); return; }
        _switch.Hold(other.ChannelId);
        other.Held = true;
        Send(agent, Events.CallHeld(agent.Dn, PartyNumber(other), call.CallId, TenantId));
        // The consultation is a transfer target that waits for the agent's decision (isHold 1: nothing automatic).
        StartTransferLeg(agent, call, destination, new PendingTransfer(agent.Dn, -1, null, other.ChannelId), "holdCall");
        Prompt(agent, r.MessageId, PromptCodes.HoldCallSucceeded);
    }

    // ------------------------------------------------------------------ 203 release

    private void HandleRelease(AgentRuntime agent, ReleaseRequest r)
    {
        if (!_calls.TryGetValue(r.CallId, out var call)) { Fail(agent, r.MessageId, ErrorCodes.UnknownCall); return; }
        var leg = r.OtherDn is null || r.OtherDn == agent.Dn
            ? call.AgentLeg(agent.Dn) ?? LegByParty(call, r.OtherDn)
            : LegByParty(call, r.OtherDn);
        if (leg is null)
        {
            Fail(agent, r.MessageId, ErrorCodes.UnknownCall, $"{r.OtherDn ?? agent.Dn} is not in call {r.CallId}");
            return;
        }
        // The requester ended the call when it is a party of it, whichever leg it names (scenario 1); a supervisor
        // releasing another agent's call ends that leg (scenario 2).
        var own = call.AgentLeg(agent.Dn);
        var endedBy = own is { State: LegState.Answered } ? own : leg;
        call.EndedBy ??= endedBy.State == LegState.Answered ? endedBy.ChannelId : null;
        HangUp(call, leg, HangupCauses.NormalClearing);
    }

    /// <summary>A live leg of the call named by an agent DN, an extension or a number.</summary>
    private static Leg? LegByParty(Call call, string? party)
    {
        if (string.IsNullOrEmpty(party)) return null;
        return call.Live.FirstOrDefault(l => l.AgentDn == party) ?? call.Live.FirstOrDefault(l => l.Address == party);
    }

    // ------------------------------------------------------------------ 204 hold, 217 retrieve

    private (Call Call, Leg Mine, Leg Other)? TalkingCall(AgentRuntime agent, int messageId, string callId, string? otherDn)
    {
        if (!_calls.TryGetValue(callId, out var call)) { Fail(agent, messageId, ErrorCodes.UnknownCall); return null; }
        var mine = call.AgentLeg(agent.Dn);
        if (mine is null) { Fail(agent, messageId, ErrorCodes.UnknownCall, $"{agent.Dn} is not in call {callId}"); return null; }
        var other = LegByParty(call, otherDn) is { } named && named != mine
            ? named
            : call.Live.FirstOrDefault(l => l != mine && l.Role != LegRole.Listener && l.State == LegState.Answered);
        if (mine.State != LegState.Answered || other is null)
        {
            Fail(agent, messageId, ErrorCodes.BadParameter, "the call is not connected");
            return null;
        }
        return (call, mine, other);
    }

    private void HandleHold(AgentRuntime agent, HoldRequest r)
    {
        if (TalkingCall(agent, r.MessageId, r.CallId, r.OtherDn) is not { } t) return;
        if (!t.Other.Held)
        {
            _switch.Hold(t.Other.ChannelId);
            t.Other.Held = true;
        }
        Send(agent, Events.CallHeld(agent.Dn, PartyNumber(t.Other), t.Call.CallId, TenantId));
        AgentChanged(agent);
    }

    private void HandleRetrieve(AgentRuntime agent, RetrieveRequest r)
    {
        if (!_calls.TryGetValue(r.CallId, out var call)) { Fail(agent, r.MessageId, ErrorCodes.UnknownCall); return; }
        var held = LegByParty(call, r.OtherDn) is { Held: true } named ? named : call.Live.FirstOrDefault(l => l.Held);
        var mine = call.AgentLeg(agent.Dn);
        if (mine is null || held is null)
        {
            Fail(agent, r.MessageId, ErrorCodes.HoldExitAbnormal, "nothing is held in this call");
            return;
        }
        // A consultation still going on is ended first: retrieving means going back to the held party.
        foreach (var consult in call.Live.Where(l => l.Transfer is { IsHold: -1 }).ToList()) HangUp(call, consult, HangupCauses.NormalClearing);
        _switch.Unhold(held.ChannelId);
        held.Held = false;
        _switch.Bridge(mine.ChannelId, held.ChannelId);
        Send(agent, Events.CallRetrieved(agent.Dn, PartyNumber(held), call.CallId, TenantId));
        AgentChanged(agent);
    }

    // ------------------------------------------------------------------ 215 transfer / intercept / to ACD

    private void HandleTransfer(AgentRuntime agent, TransferRequest r)
    {
        if (!_calls.TryGetValue(r.CallId, out var call)) { Fail(agent, r.MessageId, ErrorCodes.UnknownCall); return; }
        var mine = call.AgentLeg(agent.Dn);
        var destination = Resolve(r.OtherDn);

        // Intercept: the requester is not in the call and names the agent that has it.
        if (mine is null)
        {
            if (destination is AgentDestination { Agent: var owner } && call.AgentLeg(owner.Dn) is { } ownerLeg)
            {
                Intercept(agent, call, ownerLeg, r);
                return;
            }
            Fail(agent, r.MessageId, ErrorCodes.TransferFailed, $"{agent.Dn} is not in call {r.CallId}");
            return;
        }
        var customer = call.Live.FirstOrDefault(l => l != mine && l.Role != LegRole.Listener && l.State == LegState.Answered && l.Transfer is null);
        if (mine.State != LegState.Answered || customer is null)
        {
            Fail(agent, r.MessageId, ErrorCodes.TransferFailed, "the call is not connected");
            return;
        }
        switch (destination)
        {
            case null:
                Fail(agent, r.MessageId, ErrorCodes.TransferFailed, $"cannot transfer to '{r.OtherDn}'");
                return;
            case AgentDestination { Agent: var target } when target == agent:
                Fail(agent, r.MessageId, ErrorCodes.TransferFailed, "cannot transfer to oneself");
                return;
            case AcdDestination a:
                // To an ACD: the customer waits there; this agent's part of the call ends now.
                mine.ChannelAttr = "transfer";
                call.DeclinedBy.Clear();
                call.QueueRecord = null;
                Enqueue(call, a.Queue);
                Prompt(agent, r.MessageId, PromptCodes.TransferSucceeded);
                HangUpAgentLegOnly(call, mine);
                return;
        }
        mine.ChannelAttr = "transfer";
        if (r.IsHold == 0)
        {
            // Blind: the agent leaves at once; the customer hears music until the target answers.
            _switch.Park(customer.ChannelId);
            StartTransferLeg(agent, call, destination, new PendingTransfer(agent.Dn, 0, r.PhoneNumber, customer.ChannelId), "transfer");
            Prompt(agent, r.MessageId, PromptCodes.TransferSucceeded);
            HangUpAgentLegOnly(call, mine);
            return;
        }
        // isHold 1 or 2: the customer is held while the target rings; the agent stays until it answers.
        _switch.Hold(customer.ChannelId);
        customer.Held = true;
        StartTransferLeg(agent, call, destination, new PendingTransfer(agent.Dn, r.IsHold, r.PhoneNumber, customer.ChannelId), "transfer");
    }

    /// <summary>Ends an agent's leg while the rest of the call goes on (transfers).</summary>
    private void HangUpAgentLegOnly(Call call, Leg leg)
    {
        if (leg.State == LegState.Ended) return;
        _switch.Hangup(leg.ChannelId, HangupCauses.NormalClearing);
        leg.State = LegState.Ended;
        leg.Ended = Now;
        leg.HangupCause = HangupCauses.NormalClearing;
        call.EndedBy ??= leg.ChannelId;
        ReleaseAgent(call, leg, leg);
    }

    private void StartTransferLeg(AgentRuntime requester, Call call, Destination destination, PendingTransfer pending, string attr)
    {
        Leg leg;
        switch (destination)
        {
            case AgentDestination { Agent: var target } when target.LoggedIn && !target.InCall && Registered(target) && !target.RefusesIncoming:
                var customerNumber = call.Customer?.Address ?? call.Ani;
                leg = RingAgent(call, target, LegRole.TransferTarget, attr,
                    new Events.CallInfo(target.Dn, customerNumber, call.CallId, call.CallType, TenantId, target.Extension, call.Ani, call.Dnis,
                        requester.Dn, 3, call.Queue, call.UserData),
                    call.Customer?.RecordingFile, customerNumber, 30);
                leg.Transfer = pending;
                break;
            case NumberDestination n:
                leg = AddLeg(call, LegKind.External, LegRole.TransferTarget, n.Number, null, channelAttr: attr);
                leg.Transfer = pending;
                Ring(leg, new ExternalEndpoint(n.Number), OutboundCallerId(requester), _config.BridgeAnswerTimeout);
                break;
            default:
                // The target agent cannot take it now: the transfer fails at once.
                leg = AddLeg(call, LegKind.External, LegRole.TransferTarget, "", null, channelAttr: attr);
                leg.Transfer = pending;
                leg.State = LegState.Ended;
                leg.Ended = Now;
                OnTransferTargetFailed(call, leg, HangupCauses.UserBusy);
                break;
        }
    }

    private void OnTransferTargetAnswered(Call call, Leg target)
    {
        var pending = target.Transfer!;
        var customer = call.LegOf(pending.CustomerChannel);
        _agents.TryGetValue(pending.RequesterDn, out var requester);
        if (customer is null || customer.State == LegState.Ended)
        {
            HangUp(call, target, HangupCauses.NormalClearing);
            return;
        }
        if (pending.IsHold == -1)
        {
            // A consultation (200 with holdCall): the agent talks with the target; the customer stays held.
            var agentLeg = requester is null ? null : call.AgentLeg(requester.Dn);
            if (agentLeg is not null) Connect(call, agentLeg, target);
            return;
        }
        if (pending.IsHold == 0)
        {
            Connect(call, customer, target);
            return;
        }
        // isHold 2: connect customer and target, the agent leaves (decision D-A11). isHold 1: the agent stays parked and
        // gets the customer back when the target hangs up.
        _switch.Unhold(customer.ChannelId);
        customer.Held = false;
        Connect(call, customer, target);
        if (requester is not null)
        {
            Prompt(requester, MessageIds.Transfer, PromptCodes.TransferSucceeded);
            var agentLeg = call.AgentLeg(requester.Dn);
            if (agentLeg is not null)
            {
                if (pending.IsHold == 2) HangUpAgentLegOnly(call, agentLeg);
                else _switch.Park(agentLeg.ChannelId);
            }
        }
    }

    private void OnTransferTargetFailed(Call call, Leg target, string cause)
    {
        var pending = target.Transfer!;
        var customer = call.LegOf(pending.CustomerChannel);
        if (target.AgentDn is not null && _agents.TryGetValue(target.AgentDn, out var targetAgent) && targetAgent.CallId == call.CallId)
        {
            if (call.Released.Add(targetAgent.Dn + "|" + target.ChannelId))
                Send(targetAgent, Events.CallReleased(targetAgent.Dn, call.Ani, call.CallId, TenantId, targetAgent.Extension, call.CallType, cause));
            targetAgent.CallId = null;
            AfterCall(targetAgent, talked: false);
        }
        _agents.TryGetValue(pending.RequesterDn, out var requester);
        var requesterLeg = requester is null ? null : call.AgentLeg(requester.Dn);
        if (requester is not null && pending.IsHold != -1)
            Send(requester, Events.RequestFailed(MessageIds.Transfer, ErrorCodes.TransferFailed, requester.Dn, requester.Extension, cause));
        if (customer is null || customer.State == LegState.Ended) return;
        if (requesterLeg is not null && requesterLeg.State == LegState.Answered)
        {
            // Restore the call to the agent (isHold 2 "restore the call on failure"; a failed consultation too).
            if (pending.IsHold == -1) return; // the agent retrieves the held party itself
            _switch.Unhold(customer.ChannelId);
            customer.Held = false;
            _switch.Bridge(requesterLeg.ChannelId, customer.ChannelId);
            return;
        }
        // Blind transfer failed and the agent is gone: the customer goes back to the ACD it came from, or is released.
        if (call.Queue is not null && _queues.TryGetValue(call.Queue, out var queue))
        {
            call.QueueRecord = null;
            Enqueue(call, queue, front: true);
        }
        else
        {
            HangUp(call, customer, cause);
        }
    }

    /// <summary>isHold 1: the target hung up and the customer is still there: back to the parked agent.</summary>
    private bool ReturnAfterTransfer(Call call, Leg customer, List<Leg> talking)
    {
        var parked = call.Live.FirstOrDefault(l => l.Kind == LegKind.Agent && l.State == LegState.Answered && l != customer
            && l.ChannelAttr == "transfer");
        if (parked is null || customer.State == LegState.Ended) return false;
        _switch.Bridge(parked.ChannelId, customer.ChannelId);
        return true;
    }

    private void Intercept(AgentRuntime agent, Call call, Leg ownerLeg, TransferRequest r)
    {
        if (agent.InCall) { Fail(agent, r.MessageId, ErrorCodes.InCall); return; }
        if (!Registered(agent)) { Fail(agent, r.MessageId, ErrorCodes.TransferFailed, $"extension {agent.Extension} is not registered"); return; }
        var customer = call.Customer;
        if (customer is null) { Fail(agent, r.MessageId, ErrorCodes.TransferFailed, "the call has no outside party"); return; }
        HangUpAgentLegOnly(call, ownerLeg);
        _switch.Park(customer.ChannelId);
        if (call.Queue is not null && _queues.TryGetValue(call.Queue, out var q)) q.Waiting.Remove(call.CallId);
        StartTransferLeg(agent, call, new AgentDestination(agent), new PendingTransfer(agent.Dn, 0, null, customer.ChannelId), "transfer");
        Prompt(agent, r.MessageId, PromptCodes.TransferSucceeded);
    }

    // ------------------------------------------------------------------ 290 transfer to IVR

    private void HandleTransferToIvr(AgentRuntime agent, TransferToIvrRequest r)
    {
        if (TalkingCall(agent, r.MessageId, r.CallId, r.PhoneNumber) is not { } t) return;
        if (!int.TryParse(r.IvrId, out var ivr) || !_config.IvrFlows.ContainsKey(ivr))
        {
            Fail(agent, r.MessageId, ErrorCodes.BadParameter, $"IVR flow {r.IvrId} does not exist");
            return;
        }
        t.Mine.ChannelAttr = "transfer";
        // To a flow some ACD uses as its satisfaction survey: the caller rates this agent (satisfaction_ivr).
        var survey = IsSurveyFlow(ivr) && t.Other == t.Call.Customer;
        if (survey) MarkSurveyed(t.Call, t.Mine, agent);
        StartIvr(t.Call, t.Other, ivr, survey ? IvrContexts.Satisfaction : IvrContexts.InCall);
        if (r.ReturnToAgent) _switch.Park(t.Mine.ChannelId);
        else HangUpAgentLegOnly(t.Call, t.Mine);
    }

    // ------------------------------------------------------------------ 214 three-way

    private void HandleConference(AgentRuntime agent, ConferenceRequest r)
    {
        if (TalkingCall(agent, r.MessageId, r.CallId, null) is not { } t) return;
        var destination = Resolve(r.OtherDn);
        if (destination is null or AcdDestination) { Fail(agent, r.MessageId, ErrorCodes.ConferenceFailed, $"cannot add '{r.OtherDn}'"); return; }
        if (r.MuteNumber is not null && LegByParty(t.Call, r.MuteNumber) is { } muted) _switch.SetMute(muted.ChannelId, true);
        Leg leg;
        if (destination is AgentDestination { Agent: var third })
        {
            if (!third.LoggedIn || third.InCall || !Registered(third)) { Fail(agent, r.MessageId, ErrorCodes.ConferenceFailed, $"{third.Dn} cannot take a call"); return; }
            leg = RingAgent(t.Call, third, LegRole.Conference, "conference",
                new Events.CallInfo(third.Dn, agent.Dn, t.Call.CallId, t.Call.CallType, TenantId, third.Extension, t.Call.Ani, t.Call.Dnis,
                    agent.Dn, null, t.Call.Queue, t.Call.UserData), null, agent.Extension!, 30);
        }
        else
        {
            var number = ((NumberDestination)destination).Number;
            leg = AddLeg(t.Call, LegKind.External, LegRole.Conference, number, null, channelAttr: "conference");
            Ring(leg, new ExternalEndpoint(number), OutboundCallerId(agent), _config.BridgeAnswerTimeout);
        }
        leg.Transfer = null;
        t.Call.Attached["conference_by"] = agent.Dn;
        t.Call.Attached["conference_mute"] = r.MuteNumber ?? "";
    }

    private void OnConferenceAnswered(Call call, Leg third)
    {
        call.Room ??= "conf-" + call.CallId;
        foreach (var leg in call.Live.Where(l => l.Role != LegRole.Listener && l.State == LegState.Answered))
        {
            _switch.JoinConference(leg.ChannelId, call.Room);
            leg.ChannelAttr ??= "conference";
        }
        if (call.Attached.GetValueOrDefault("conference_mute") is { Length: > 0 } mute && LegByParty(call, mute) is { } muted)
            _switch.SetMute(muted.ChannelId, false);
        if (third.AgentDn is not null && _agents.TryGetValue(third.AgentDn, out var thirdAgent))
        {
            ChangeState(thirdAgent, AgentStates.AgentState.Busy, AgentStateCatalog.InCall);
            Send(thirdAgent, Events.CallEstablished(thirdAgent.Dn, call.Attached.GetValueOrDefault("conference_by") ?? "", call.CallId,
                TenantId, thirdAgent.Extension, call.CallType));
        }
        if (call.Attached.GetValueOrDefault("conference_by") is { } by && _agents.TryGetValue(by, out var requester))
            Prompt(requester, MessageIds.Conference, PromptCodes.ConferenceSucceeded);
    }

    private void OnConferenceFailed(Call call, Leg third)
    {
        if (call.Attached.GetValueOrDefault("conference_mute") is { Length: > 0 } mute && LegByParty(call, mute) is { } muted)
            _switch.SetMute(muted.ChannelId, false);
        if (third.AgentDn is not null && _agents.TryGetValue(third.AgentDn, out var thirdAgent) && thirdAgent.CallId == call.CallId)
        {
            Send(thirdAgent, Events.CallReleased(thirdAgent.Dn, call.Ani, call.CallId, TenantId, thirdAgent.Extension, call.CallType,
                third.HangupCause ?? HangupCauses.NoAnswer));
            thirdAgent.CallId = null;
            AfterCall(thirdAgent, talked: false);
        }
        if (call.Attached.GetValueOrDefault("conference_by") is { } by && _agents.TryGetValue(by, out var requester))
            Send(requester, Events.RequestFailed(MessageIds.Conference, ErrorCodes.ConferenceFailed, requester.Dn, requester.Extension,
                third.HangupCause));
    }

    // ------------------------------------------------------------------ 265 listen

    private void HandleListen(AgentRuntime agent, ListenRequest r)
    {
        if (!_calls.TryGetValue(r.CallId, out var call)) { Fail(agent, r.MessageId, ErrorCodes.UnknownCall); return; }
        if (agent.InCall) { Fail(agent, r.MessageId, ErrorCodes.InCall); return; }
        if (!Registered(agent)) { Fail(agent, r.MessageId, ErrorCodes.BadParameter, $"extension {agent.Extension} is not registered"); return; }
        var target = LegByParty(call, r.OtherDn) ?? call.Live.FirstOrDefault(l => l.Kind == LegKind.Agent);
        if (target is null) { Fail(agent, r.MessageId, ErrorCodes.UnknownCall, $"{r.OtherDn} is not in call {r.CallId}"); return; }
        var leg = AddLeg(call, LegKind.Agent, LegRole.Listener, agent.Extension!, agent.Dn, channelAttr: "monitor");
        call.Attached["listen:" + leg.ChannelId] = target.ChannelId;
        agent.CallId = call.CallId;
        agent.BeforeCall = (agent.State, agent.Reason);
        ChangeState(agent, AgentStates.AgentState.Busy, AgentStateCatalog.InboundRinging);
        Ring(leg, new ExtensionEndpoint(TenantId, agent.Extension!), call.Ani, 30);
    }

    private void OnListenerAnswered(Call call, Leg listener)
    {
        var targetChannel = call.Attached.GetValueOrDefault("listen:" + listener.ChannelId);
        var target = targetChannel is null ? null : call.LegOf(targetChannel);
        if (target is null || target.State == LegState.Ended) { HangUp(call, listener, HangupCauses.NormalClearing); return; }
        _switch.Eavesdrop(listener.ChannelId, target.ChannelId, ListenMode(call, listener));
        if (listener.AgentDn is not null && _agents.TryGetValue(listener.AgentDn, out var agent))
        {
            ChangeState(agent, AgentStates.AgentState.Busy, AgentStateCatalog.InCall);
            Send(agent, Events.CallEstablished(agent.Dn, PartyNumber(target), call.CallId, TenantId, agent.Extension, call.CallType));
        }
        ListenersChanged(call);
    }

    // ------------------------------------------------------------------ 292/293 mute

    private void HandleMute(AgentRuntime agent, MuteRequest r)
    {
        var failCode = r.Mute ? ErrorCodes.MuteFailed : ErrorCodes.UnmuteFailed;
        if (!_calls.TryGetValue(r.CallId, out var call)) { Fail(agent, r.MessageId, ErrorCodes.UnknownCall); return; }
        var target = LegByParty(call, r.OtherDn);
        if (target is null || target.State != LegState.Answered) { Fail(agent, r.MessageId, failCode, $"{r.OtherDn} is not talking in call {r.CallId}"); return; }
        // The source's mute makes the target unable to hear the other side (A35).
        _switch.SetDeaf(target.ChannelId, r.Mute);
        Prompt(agent, r.MessageId, r.Mute ? PromptCodes.MuteSucceeded : PromptCodes.UnmuteSucceeded);
    }

    // ------------------------------------------------------------------ 277/278 recording

    private void HandleRecording(AgentRuntime agent, RecordingRequest r)
    {
        if (!_calls.TryGetValue(r.CallId, out var call)) { Fail(agent, r.MessageId, ErrorCodes.UnknownCall); return; }
        var mine = call.AgentLeg(agent.Dn);
        var target = call.Customer ?? mine;
        if (mine is null || mine.State != LegState.Answered || target is null || target.State != LegState.Answered)
        {
            Fail(agent, r.MessageId, ErrorCodes.BadParameter, "the call is not connected");
            return;
        }
        if (r.Start)
        {
            if (target.RecordingFile is not null) { Fail(agent, r.MessageId, ErrorCodes.BadParameter, "the call is already being recorded"); return; }
            call.Attached["recording_by"] = agent.Dn;
            StartRecordingOn(call, target, r.Limit);
        }
        else
        {
            if (target.RecordingFile is null) { Fail(agent, r.MessageId, ErrorCodes.BadParameter, "the call is not being recorded"); return; }
            _switch.StopRecording(target.ChannelId, RecordingPath(target.RecordingFile));
        }
    }

    private void StartRecordingOn(Call call, Leg leg, int? limit)
    {
        var file = $"{TenantId}/{Now:yyyyMMdd}/{call.CallId}-{call.Legs.IndexOf(leg)}.wav";
        leg.RecordingFile = file;
        leg.RecordingStarted = Now;
        _switch.StartRecording(leg.ChannelId, RecordingPath(file), limit);
    }

    /// <summary>Where the switch writes a recording: the recordings folder + the file name kept in the records.</summary>
    private string RecordingPath(string file) => Path.Combine(_options.RecordingFolder, file);

    private IEnumerable<AgentRuntime> AgentsIn(Call call) =>
        call.Live.Where(l => l.Kind == LegKind.Agent && l.Role != LegRole.Listener && l.AgentDn is not null)
            .Select(l => _agents.GetValueOrDefault(l.AgentDn!)).Where(a => a is not null)!;

    private void OnRecordingStarted(Call call, RecordingStarted e)
    {
        var leg = call.LegOf(e.ChannelId);
        if (leg?.RecordingFile is null) return;
        foreach (var agent in AgentsIn(call))
            Send(agent, Events.RecordingStartedEvent(agent.Dn, PartyNumber(leg), call.CallId, TenantId, call.CallType, leg.RecordingFile, agent.Extension));
    }

    private void OnRecordingStopped(Call call, RecordingStopped e)
    {
        if (OnVoicemailRecorded(call, e)) return;
        var leg = call.LegOf(e.ChannelId);
        if (leg?.RecordingFile is null) return;
        var file = leg.RecordingFile;
        var agents = AgentsIn(call).ToList();
        var agent = agents.FirstOrDefault() ?? (call.Legs.FirstOrDefault(l => l.Kind == LegKind.Agent)?.AgentDn is { } dn ? _agents.GetValueOrDefault(dn) : null);
        _records.Write(new RecordingRecord
        {
            TenantId = TenantId, CallId = call.CallId, Agent = agent?.Dn, Extension = agent?.Extension, Mobile = call.Customer?.Address ?? call.Ani,
            CallType = call.CallType, Duration = e.DurationSeconds, Filename = file, CreateTime = leg.RecordingStarted ?? Now,
        });
        foreach (var a in agents)
            Send(a, Events.RecordingStoppedEvent(a.Dn, PartyNumber(leg), call.CallId, TenantId, call.CallType, e.DurationSeconds, a.Extension, file));
        if (leg.State != LegState.Ended) leg.RecordingFile = null;
    }

    // ------------------------------------------------------------------ 250 DTMF, 274 play, 279 attach data

    private void HandleDtmf(AgentRuntime agent, SendDtmfRequest r)
    {
        if (TalkingCall(agent, r.MessageId, r.CallId, r.OtherDn) is not { } t) return;
        if (r.Digits.Length == 0 || r.Digits.Any(c => !(char.IsAsciiDigit(c) || c is '*' or '#' or 'A' or 'B' or 'C' or 'D')))
        {
            Fail(agent, r.MessageId, ErrorCodes.BadParameter, "dtmfDigit must be 0-9, *, # or A-D");
            return;
        }
        _switch.SendDtmf(t.Other.ChannelId, r.Digits);
    }

    private void HandlePlay(AgentRuntime agent, PlayRequest r)
    {
        if (TalkingCall(agent, r.MessageId, r.CallId, null) is not { } t) return;
        var callerLeg = t.Call.Legs.FirstOrDefault(l => l.Role == LegRole.Caller && l.State == LegState.Answered);
        var calleeLeg = t.Call.Live.FirstOrDefault(l => l.Role != LegRole.Caller && l.Role != LegRole.Listener && l.State == LegState.Answered);
        var targets = r.Flag switch
        {
            1 => new[] { callerLeg },
            2 => new[] { calleeLeg },
            _ => t.Call.Live.Where(l => l.State == LegState.Answered && l.Role != LegRole.Listener).ToArray(),
        };
        foreach (var leg in targets.Where(l => l is not null)) _switch.Play(leg!.ChannelId, r.Path);
    }

    private void HandleAttachData(AgentRuntime agent, AttachDataRequest r)
    {
        var callId = r.CallId ?? agent.CallId;
        if (callId is null || !_calls.TryGetValue(callId, out var call))
        {
            Fail(agent, r.MessageId, ErrorCodes.UnknownCall);
            return;
        }
        foreach (var (key, value) in r.Data)
        {
            call.Attached[key] = value;
            call.UserData[key] = value;
            _records.Write(new AttachedDataRecord { TenantId = TenantId, CallId = call.CallId, Key = key, Value = value, Type = "agent", CreateTime = Now });
        }
    }
}
