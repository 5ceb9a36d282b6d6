using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Acds;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Calls;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;

namespace CallCenter.Domain.Cti.Engine;

// What the switch reports: registrations, channel progress, hang-ups; and how a call ends (515, records, after-call state).
public sealed partial class TenantEngine
{
    private void HandleSwitch(SwitchEvent e)
    {
        switch (e)
        {
            case ExtensionRegistered r:
                if (!_registered.Add(r.Extension)) return;
                foreach (var agent in AgentsOnExtension(r.Extension))
                {
                    Send(agent, Events.SoftphoneRegistered(agent.Dn, TenantId, r.Extension, r.SipIp));
                    AgentChanged(agent);
                    RouteFor(agent);
                }
                break;
            case ExtensionUnregistered u:
                if (!_registered.Remove(u.Extension)) return;
                foreach (var agent in AgentsOnExtension(u.Extension))
                {
                    Send(agent, Events.SoftphoneUnregistered(agent.Dn, TenantId, u.Extension));
                    AgentChanged(agent);
                }
                break;
            case InboundCall i: OnInbound(i); break;
            case ChannelAnswered a when _callByChannel.TryGetValue(a.ChannelId, out var call):
                OnAnswered(call, call.LegOf(a.ChannelId)!);
                break;
            case ChannelHungUp h when _callByChannel.TryGetValue(h.ChannelId, out var call):
                var leg = call.LegOf(h.ChannelId)!;
                if (leg.State == LegState.Ended) return;
                call.EndedBy ??= leg.State == LegState.Answered ? leg.ChannelId : null;
                OnLegEnded(call, leg, h.Cause);
                break;
            case RecordingStarted rs when _callByChannel.TryGetValue(rs.ChannelId, out var call):
                OnRecordingStarted(call, rs);
                break;
            case RecordingStopped rs when _callByChannel.TryGetValue(rs.ChannelId, out var call):
                OnRecordingStopped(call, rs);
                break;
            case IvrProgress p: OnIvrProgress(p); break;
            case IvrFinished f when _callByChannel.TryGetValue(f.ChannelId, out var call):
                OnIvrFinished(call, f);
                break;
        }
    }

    private IEnumerable<AgentRuntime> AgentsOnExtension(string extension) =>
        _agents.Values.Where(a => a.LoggedIn && a.Extension == extension).ToList();

    private bool Registered(AgentRuntime agent) => agent.Extension is not null && _registered.Contains(agent.Extension);

    private static string NewChannelId() => Guid.NewGuid().ToString();

    private Leg AddLeg(Call call, LegKind kind, LegRole role, string address, string? agentDn, string? channelId = null,
        string? channelAttr = null)
    {
        var leg = new Leg
        {
            ChannelId = channelId ?? NewChannelId(),
            Kind = kind,
            Role = role,
            Address = address,
            AgentDn = agentDn,
            Created = Now,
            ChannelAttr = channelAttr,
        };
        call.Legs.Add(leg);
        _callByChannel[leg.ChannelId] = call;
        return leg;
    }

    private Call NewCall(int callType, string ani, string dnis)
    {
        var call = new Call { CallId = Guid.NewGuid().ToString(), TenantId = TenantId, CallType = callType, Ani = ani, Dnis = dnis, Started = Now };
        _calls[call.CallId] = call;
        return call;
    }

    /// <summary>Rings a leg on the switch (an agent's extension or a number) with its ring timeout.</summary>
    private void Ring(Leg leg, SwitchEndpoint target, string callerId, int ringTimeout)
    {
        _switch.Originate(new OriginateCommand(leg.ChannelId, TenantId, target, callerId, ringTimeout));
        if (leg.Kind == LegKind.Agent)
            leg.RingToken = StartTimer(TimerKind.RingTimeout, leg.ChannelId, TimeSpan.FromSeconds(ringTimeout + 2));
    }

    /// <summary>
    /// Offers a call to an agent's phone: the agent is put on the call, busy ringing (reason 8), told with 503, and its
    /// extension rings. What the switch reports next (answer, no answer) arrives through the mailbox.
    /// </summary>
    private Leg RingAgent(Call call, AgentRuntime agent, LegRole role, string? channelAttr, Events.CallInfo incoming,
        string? recordingFile, string callerId, int ringTimeout)
    {
        agent.CallId = call.CallId;
        agent.BeforeCall = (agent.State, agent.Reason);
        ChangeState(agent, AgentState.Busy, AgentStateCatalog.InboundRinging);
        var leg = AddLeg(call, LegKind.Agent, role, agent.Extension!, agent.Dn, channelAttr: channelAttr);
        Send(agent, Events.IncomingCall(incoming, recordingFile));
        Ring(leg, new ExtensionEndpoint(TenantId, agent.Extension!), callerId, ringTimeout);
        return leg;
    }

    /// <summary>A ringing agent leg that the switch did not end in time (a lost event): end it as not answered.</summary>
    private void OnRingTimeout(string channelId, long token)
    {
        if (!_callByChannel.TryGetValue(channelId, out var call)) return;
        var leg = call.LegOf(channelId);
        if (leg is null || leg.RingToken != token || leg.State != LegState.Ringing) return;
        HangUp(call, leg, HangupCauses.NoAnswer);
    }

    /// <summary>Ends a leg on our side: tells the switch, then handles it as ended (its own hang-up event is then ignored).</summary>
    private void HangUp(Call call, Leg leg, string cause)
    {
        if (leg.State == LegState.Ended) return;
        _switch.Hangup(leg.ChannelId, cause);
        OnLegEnded(call, leg, cause);
    }

    private void OnAnswered(Call call, Leg leg)
    {
        if (leg.State != LegState.Ringing) return;
        leg.State = LegState.Answered;
        leg.Answered = Now;
        CancelTimer(leg.RingToken);
        leg.RingToken = 0;
        if (leg.Transfer is not null) { OnTransferTargetAnswered(call, leg); return; }
        switch (leg.Role)
        {
            case LegRole.Listener: OnListenerAnswered(call, leg); return;
            case LegRole.Conference: OnConferenceAnswered(call, leg); return;
        }
        if (call.Queue is not null && leg.Kind == LegKind.Agent && leg.Role == LegRole.Callee)
        {
            OnQueuedCallAnswered(call, leg);
            return;
        }
        if (leg.Role == LegRole.Caller && leg.Kind == LegKind.Agent)
        {
            OnDialingAgentAnswered(call, leg);
            return;
        }
        if (leg.Role == LegRole.Callee) OnCalleeAnswered(call, leg);
    }

    /// <summary>Connects two answered legs and, for agents in them, reports the established call (506, reason 1).</summary>
    private void Connect(Call call, Leg a, Leg b)
    {
        _switch.Bridge(a.ChannelId, b.ChannelId);
        foreach (var (mine, other) in new[] { (a, b), (b, a) })
        {
            if (mine.Kind != LegKind.Agent || mine.AgentDn is null || !_agents.TryGetValue(mine.AgentDn, out var agent)) continue;
            if (agent.State != AgentState.Busy || agent.Reason != AgentStateCatalog.InCall)
                ChangeState(agent, AgentState.Busy, AgentStateCatalog.InCall);
            Send(agent, Events.CallEstablished(agent.Dn, PartyNumber(other), call.CallId, TenantId, agent.Extension, call.CallType));
        }
        if (_config.RecordCalls && call.Customer is { RecordingFile: null } customer && (a == customer || b == customer))
            StartRecordingOn(call, customer, null);
    }

    /// <summary>How a party is named to the other side: an agent by DN, a number as it is.</summary>
    private static string PartyNumber(Leg leg) => leg.Kind == LegKind.Agent ? leg.AgentDn ?? leg.Address : leg.Address;

    private void OnLegEnded(Call call, Leg leg, string cause)
    {
        if (leg.State == LegState.Ended) return;
        var wasAnswered = leg.State == LegState.Answered;
        leg.State = LegState.Ended;
        leg.Ended = Now;
        leg.HangupCause ??= cause;
        CancelTimer(leg.RingToken);
        leg.RingToken = 0;
        CloseSessionsOf(call, leg);

        if (leg.Transfer is not null && !wasAnswered) { OnTransferTargetFailed(call, leg, cause); FinishIfDone(call); return; }
        if (leg.Role is LegRole.Listener or LegRole.Conference && !wasAnswered)
        {
            if (leg.Role == LegRole.Conference) OnConferenceFailed(call, leg);
            else ListenersChanged(call);
            FinishIfDone(call);
            return;
        }
        if (leg.Role == LegRole.Listener) ListenersChanged(call);

        if (call.Queue is not null && _queues.TryGetValue(call.Queue, out var queue))
        {
            var waitingParty = call.WaitingChannel is null ? leg.Kind == LegKind.External : leg.ChannelId == call.WaitingChannel;
            if (waitingParty && queue.Waiting.Remove(call.CallId))
            {
                // The caller gave up while waiting.
                CloseQueueRecord(call, AcdDayStats.Outcomes.Abandoned, null);
                AcdChanged(queue, call, status: 2);
            }
            else if (leg.Kind == LegKind.Agent && !wasAnswered && leg.Role == LegRole.Callee)
            {
                OnOfferNotAnswered(call, queue, leg, cause);
                FinishIfDone(call);
                return;
            }
        }

        if (leg.Kind == LegKind.Agent) ReleaseAgent(call, leg, leg);

        // Who is left? Listeners never keep a call alive; a three-way call goes on while two parties remain.
        var talking = call.Live.Where(l => l.Role != LegRole.Listener).ToList();
        if (leg.Role == LegRole.TransferTarget && call.Customer is { } held && talking.Count >= 1 && ReturnAfterTransfer(call, held, talking))
        {
            FinishIfDone(call);
            return;
        }
        if (TryStartSurvey(call, leg, talking)) return;
        if (talking.Count == 1 || (call.Room is null && talking.Count >= 1 && leg.Role != LegRole.Listener && leg.Role != LegRole.Conference))
        {
            foreach (var other in call.Live.ToList()) HangUp(call, other, HangupCauses.NormalClearing);
        }
        else if (talking.Count == 0)
        {
            foreach (var other in call.Live.ToList()) HangUp(call, other, HangupCauses.NormalClearing);
        }
        FinishIfDone(call);
    }

    /// <summary>An agent's leg ended: 515 with the cause as the agent sees it, then the after-call state.</summary>
    private void ReleaseAgent(Call call, Leg leg, Leg ended)
    {
        if (leg.AgentDn is null || !_agents.TryGetValue(leg.AgentDn, out var agent)) return;
        if (call.Released.Add(agent.Dn + "|" + leg.ChannelId))
        {
            var other = call.Legs.FirstOrDefault(l => l != leg && l.Role != LegRole.Listener);
            Send(agent, Events.CallReleased(agent.Dn, other is null ? "" : PartyNumber(other), call.CallId, TenantId, agent.Extension,
                call.CallType, AgentCause(call, leg)));
        }
        if (agent.CallId != call.CallId || call.Legs.Any(l => l != leg && l.AgentDn == agent.Dn && l.State != LegState.Ended)) return;
        if (leg.Answered is { } answered)
        {
            agent.TalkSeconds += (int)((leg.Ended ?? Now) - answered).TotalSeconds;
        }
        agent.CallId = null;
        agent.LastCallEnded = Now;
        AfterCall(agent, leg.Answered is not null);
        AgentChanged(agent);
    }

    /// <summary>
    /// The hang-up cause of 515 for an agent: when the call was answered, send_bye if the calling side hung up first,
    /// recv_bye if the called side did; otherwise the switch's cause (NO_ANSWER, USER_BUSY …).
    /// </summary>
    private static string AgentCause(Call call, Leg leg)
    {
        if (leg.Answered is null) return leg.HangupCause ?? HangupCauses.CallFailed;
        var first = call.EndedBy is null ? null : call.LegOf(call.EndedBy);
        if (first is null) return HangupCauses.NormalClearing;
        return first.Role == LegRole.Caller ? HangupCauses.SendBye : HangupCauses.RecvBye;
    }

    /// <summary>
    /// After a call: a supervisor's command that waited for it (force not ready / logout); else back to the state before it when the agent had chosen a busy reason (e.g. dialled while not ready);
    /// otherwise the tenant's after-call state (ready, or busy in wrap-up, reason 0, until the agent is ready).
    /// </summary>
    private void AfterCall(AgentRuntime agent, bool talked)
    {
        if (!agent.LoggedIn || ApplyPending(agent)) return;
        var before = agent.BeforeCall;
        agent.BeforeCall = null;
        if (before is { State: AgentState.Busy } b && b.Reason is int r && r != AgentStateCatalog.InCall && r != AgentStateCatalog.Dialing
            && r != AgentStateCatalog.OutboundRinging && r != AgentStateCatalog.InboundRinging)
        {
            ChangeState(agent, AgentState.Busy, r);
            return;
        }
        if (talked && _config.AfterState == Tenants.AfterCallState.WrapUp)
        {
            ChangeState(agent, AgentState.Busy, AgentStateCatalog.WrapUp);
            return;
        }
        ChangeState(agent, AgentState.Ready, null);
        RouteFor(agent);
    }

    /// <summary>When every leg has ended: the call's records, and it is forgotten.</summary>
    private void FinishIfDone(Call call)
    {
        if (!call.Ended || !_calls.Remove(call.CallId)) return;
        foreach (var leg in call.Legs) _callByChannel.Remove(leg.ChannelId);
        if (call.Queue is not null && _queues.TryGetValue(call.Queue, out var q))
        {
            q.Waiting.Remove(call.CallId);
            if (q.Connected.Remove(call.CallId)) AcdChanged(q, null, null);
        }
        CancelTimer(call.QueueTimeoutToken);
        if (call.QueueRecord is { EndTime: null }) CloseQueueRecord(call, AcdDayStats.Outcomes.Abandoned, null);
        WriteCallRecords(call);
    }

    private void WriteCallRecords(Call call)
    {
        var agentLegs = call.Legs.Where(l => l.Kind == LegKind.Agent && l.Role != LegRole.Listener).ToList();
        var customer = call.Legs.FirstOrDefault(l => l.Kind == LegKind.External);
        if (agentLegs.Count == 0)
        {
            var only = customer ?? call.Legs.First();
            _records.Write(CallRecordOf(call, only, null, call.Queue is not null ? "acd" : "ivr"));
            return;
        }
        foreach (var leg in agentLegs) _records.Write(CallRecordOf(call, leg, customer, leg.Answered is null ? "agent" : null));
    }

    private CallRecord CallRecordOf(Call call, Leg leg, Leg? customer, string? endedAt)
    {
        var agentDn = leg.Kind == LegKind.Agent ? leg.AgentDn : null;
        var agentNumber = agentDn ?? "";
        var other = customer?.Address ?? call.Legs.FirstOrDefault(l => l != leg)?.Address ?? "";
        var (caller, destination) = call.CallType switch
        {
            CallTypes.Inbound => (call.Ani, leg.Kind == LegKind.Agent ? leg.Address : call.Dnis),
            CallTypes.Outbound => (leg.Kind == LegKind.Agent ? leg.Address : call.Ani, other.Length > 0 ? other : call.Dnis),
            _ => (call.Ani, call.Dnis),
        };
        var end = leg.Ended ?? Now;
        return WithSurvey(call, leg, new CallRecord
        {
            TenantId = TenantId,
            Agent = agentNumber.Length == 0 ? null : agentNumber,
            Extension = leg.Kind == LegKind.Agent ? leg.Address : null,
            CallerIdNumber = caller,
            DestinationNumber = destination,
            CtiCallType = call.CallType,
            StartStamp = leg.Created,
            AnswerStamp = leg.Answered,
            EndStamp = end,
            CtiCallId = call.CallId,
            Filename = leg.RecordingFile ?? customer?.RecordingFile,
            Duration = (int)Math.Max(0, (end - leg.Created).TotalSeconds),
            Billsec = leg.Answered is { } a ? (int)Math.Max(0, (end - a).TotalSeconds) : 0,
            HangupCause = leg.Kind == LegKind.Agent ? AgentCause(call, leg) : leg.HangupCause ?? HangupCauses.NormalClearing,
            ChannelAttr = leg.ChannelAttr,
            QueueName = call.Queue,
            EndedAt = endedAt,
        });
    }
}
