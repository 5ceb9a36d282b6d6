using CallCenter.Domain.Acds;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Acds;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Calls;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;

namespace CallCenter.Domain.Cti.Engine;

// Inbound calls through ACDs: queue, route by strategy, ring, re-route on no answer, time out and overflow, abandon.
public sealed partial class TenantEngine
{
    private void OnInbound(InboundCall e)
    {
        var call = NewCall(CallTypes.Inbound, e.Ani, e.Dnis);
        var customer = AddLeg(call, LegKind.External, LegRole.Caller, e.Ani, null, e.ChannelId);
        if (_config.IsBlacklisted(e.Ani, Blacklists.CallDirection.Inbound, Now))
        {
            WriteBlacklistCall(call.CallId, CallTypes.Inbound, e.Ani, e.Dnis, e.Ani, null);
            HangUp(call, customer, HangupCauses.CallRejected);
            return;
        }
        if (e.TargetAcd is null || !_queues.TryGetValue(e.TargetAcd, out var queue))
        {
            HangUp(call, customer, HangupCauses.NoRouteDestination);
            return;
        }
        _switch.Answer(customer.ChannelId);
        customer.State = LegState.Answered;
        customer.Answered = Now;
        Enqueue(call, queue);
    }

    /// <summary>Puts a call at the back of an ACD (or at the front when it comes back from an agent who did not answer).</summary>
    private void Enqueue(Call call, QueueRuntime queue, bool front = false)
    {
        var customer = call.QueuedParty;
        if (customer is null) return;
        _switch.Park(customer.ChannelId);
        if (call.Queue != queue.Number || call.QueueRecord is null || call.QueueRecord.EndTime is not null)
        {
            call.Queue = queue.Number;
            call.QueueRecord = new QueueRecord
            {
                TenantId = TenantId, CallId = call.CallId, StartTime = Now, CallerId = call.Ani, ThisQueue = queue.Number,
                QueueName = queue.Config.Name, CallType = call.CallType,
            };
            AddQueueStep(call, queueStatus: 2, nodeStatus: null, agent: null);
            Today(queue).Offer(Local(Now));
            CancelTimer(call.QueueTimeoutToken);
            call.QueueTimeoutToken = queue.Config.MaxWait > 0
                ? StartTimer(TimerKind.QueueTimeout, call.CallId, TimeSpan.FromSeconds(queue.Config.MaxWait))
                : 0;
            call.DeclinedBy.Clear();
        }
        if (front) queue.Waiting.Insert(0, call.CallId);
        else queue.Waiting.Add(call.CallId);
        AcdChanged(queue, call, status: 0);
        TryRoute(queue);
    }

    private void AddQueueStep(Call call, int queueStatus, int? nodeStatus, AgentRuntime? agent)
    {
        var record = call.QueueRecord;
        if (record is null) return;
        record.Steps.Add(new QueueStep
        {
            StartTime = Now, QueueStatus = queueStatus, NodeStatus = nodeStatus, Sequence = record.Steps.Count + 1,
            CallerId = call.Ani, Agent = agent?.Dn, Extension = agent?.Extension,
        });
    }

    private void CloseQueueRecord(Call call, string outcome, AgentRuntime? agent)
    {
        var record = call.QueueRecord;
        if (record is null || record.EndTime is not null) return;
        record.EndTime = Now;
        record.HoldTime = (int)Math.Max(0, (Now - record.StartTime).TotalSeconds);
        record.Outcome = outcome;
        if (_queues.TryGetValue(record.ThisQueue, out var queue))
            Today(queue).Leave(Local(record.StartTime), outcome, (Now - record.StartTime).TotalSeconds, queue.Config.ServiceLevelSeconds);
        record.Agent = agent?.Dn;
        record.Extension = agent?.Extension;
        AddQueueStep(call, queueStatus: 1, nodeStatus: null, agent);
        CancelTimer(call.QueueTimeoutToken);
        call.QueueTimeoutToken = 0;
        _records.Write(record);
    }

    /// <summary>Offers waiting calls, oldest first, while agents are available.</summary>
    private void TryRoute(QueueRuntime queue)
    {
        var skipped = 0;
        while (queue.Waiting.Count > skipped)
        {
            var callId = queue.Waiting[skipped];
            if (!_calls.TryGetValue(callId, out var call)) { queue.Waiting.RemoveAt(skipped); continue; }
            var candidates = _agents.Values
                .Where(a => a.Available && Registered(a) && a.Queues.Contains(queue.Number) && !call.DeclinedBy.Contains(a.Dn))
                .ToList();
            if (candidates.Count == 0)
            {
                // Nobody new for this call; a later call may still have agents it has not tried.
                if (!_agents.Values.Any(a => a.Available && Registered(a) && a.Queues.Contains(queue.Number))) return;
                skipped++;
                continue;
            }
            var agent = Routing.Select(queue, candidates, _random)!;
            queue.Waiting.RemoveAt(skipped);
            Offer(call, queue, agent);
        }
    }

    /// <summary>Routes to a newly available agent: its ACDs' waiting calls, the longest-waiting first.</summary>
    private void RouteFor(AgentRuntime agent)
    {
        if (!agent.Available || !Registered(agent)) return;
        var queues = agent.Queues.Select(q => _queues.GetValueOrDefault(q)).Where(q => q is { Waiting.Count: > 0 })
            .OrderBy(q => _calls.TryGetValue(q!.Waiting[0], out var c) ? c.QueueRecord?.StartTime ?? c.Started : DateTime.MaxValue)
            .ToList();
        foreach (var q in queues)
        {
            if (!agent.Available) return;
            TryRoute(q!);
        }
    }

    private void Offer(Call call, QueueRuntime queue, AgentRuntime agent)
    {
        queue.Connected.Add(call.CallId);
        agent.CallsOffered++;
        RingAgent(call, agent, LegRole.Callee, null,
            new Events.CallInfo(agent.Dn, call.Ani, call.CallId, call.CallType, TenantId, agent.Extension, call.Ani, call.Dnis,
                ThisQueue: queue.Number, UserData: call.UserData),
            call.Customer?.RecordingFile, call.Ani, queue.Config.RingTimeout);
        AddQueueStep(call, queueStatus: 2, nodeStatus: 1, agent);
        AcdChanged(queue, call, status: 3, agent);
    }

    private void OnQueuedCallAnswered(Call call, Leg leg)
    {
        var customer = call.QueuedParty;
        if (customer is null) { HangUp(call, leg, HangupCauses.NormalClearing); return; }
        if (leg.AgentDn is null || !_agents.TryGetValue(leg.AgentDn, out var agent)) return;
        agent.CallsAnswered++;
        if (call.Queue is not null && _queues.TryGetValue(call.Queue, out var queue) && call.QueueRecord is { EndTime: null })
        {
            CloseQueueRecord(call, AcdDayStats.Outcomes.Answered, agent);
            AcdChanged(queue, call, status: 1, agent);
        }
        Connect(call, customer, leg);
    }

    /// <summary>
    /// The offered agent did not take the call (no answer, rejected, phone gone): the agent is set not ready (reason 3)
    /// so the next call does not ring an absent agent, and the call goes back to the front of the queue. When the caller
    /// hung up during the ring instead, the agent goes back to where it was (ready) and the call is over.
    /// </summary>
    private void OnOfferNotAnswered(Call call, QueueRuntime queue, Leg leg, string cause)
    {
        queue.Connected.Remove(call.CallId);
        if (leg.AgentDn is not null && _agents.TryGetValue(leg.AgentDn, out var agent))
        {
            call.DeclinedBy.Add(agent.Dn);
            AddQueueStep(call, queueStatus: 2, nodeStatus: cause == HangupCauses.CallRejected ? 2 : 3, agent);
            AcdChanged(queue, call, status: 4, agent);
            if (call.Released.Add(agent.Dn + "|" + leg.ChannelId))
                Send(agent, Events.CallReleased(agent.Dn, call.Ani, call.CallId, TenantId, agent.Extension, call.CallType, cause));
            if (agent.CallId == call.CallId)
            {
                agent.CallId = null;
                if (call.QueuedParty is null)
                {
                    // The caller hung up while the phone rang: not the agent's fault, so back to the state before the offer.
                    AfterCall(agent, talked: false);
                }
                else
                {
                    agent.BeforeCall = null;
                    if (!ApplyPending(agent) && agent.LoggedIn) ChangeState(agent, AgentStates.AgentState.Busy, AgentStateCatalog.BusyOther);
                }
            }
        }
        if (call.QueuedParty is not null)
        {
            queue.Waiting.Insert(0, call.CallId);
            AcdChanged(queue, call, status: 0);
            TryRoute(queue);
        }
    }

    /// <summary>The caller waited the ACD's maximum: the overflow applies.</summary>
    private void OnQueueTimeout(string callId, long token)
    {
        if (!_calls.TryGetValue(callId, out var call) || call.QueueTimeoutToken != token) return;
        call.QueueTimeoutToken = 0;
        if (call.Queue is null || !_queues.TryGetValue(call.Queue, out var queue) || !queue.Waiting.Remove(callId)) return;
        var customer = call.QueuedParty;
        if (customer is null) return;
        var cfg = queue.Config;
        CloseQueueRecord(call, AcdDayStats.Outcomes.Timeout, null);
        AcdChanged(queue, call, status: 2);
        switch (cfg.Overflow)
        {
            case OverflowAction.TransferToAcd when cfg.OverflowTarget is { } target && _queues.TryGetValue(target, out var next):
                Enqueue(call, next);
                break;
            case OverflowAction.TransferToIvr when int.TryParse(cfg.OverflowTarget, out var ivr):
                StartIvr(call, customer, ivr, "inbound_ivr");
                break;
            case OverflowAction.TransferToNumber when cfg.OverflowTarget is { Length: > 0 } number:
                var outLeg = AddLeg(call, LegKind.External, LegRole.TransferTarget, number, null, channelAttr: "transfer");
                outLeg.Transfer = new PendingTransfer("", 0, null, customer.ChannelId);
                Ring(outLeg, new ExternalEndpoint(number), cfg.OutboundNumber ?? call.Ani, _config.BridgeAnswerTimeout);
                break;
            case OverflowAction.ToVoicemail:
                StartVoicemail(call, customer, cfg);
                break;
            default:
                call.EndedBy = null;
                HangUp(call, customer, HangupCauses.Timeout);
                break;
        }
    }

    // ------------------------------------------------------------------ today's figures

    /// <summary>The ACD's figures of today (rolled over to a new day first when local midnight has passed).</summary>
    private AcdDayStats Today(QueueRuntime queue)
    {
        queue.Today.Roll(DateOnly.FromDateTime(Local(Now)));
        return queue.Today;
    }

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _options.TimeZone);

    /// <summary>
    /// Adds the queue records of today written before this engine started (a restart in the day) to the ACDs' figures,
    /// through the same counting as live calls.
    /// </summary>
    private void Replay(IEnumerable<QueueRecord> records)
    {
        foreach (var r in records)
        {
            if (r.TenantId != TenantId || !_queues.TryGetValue(r.ThisQueue, out var queue)) continue;
            var stats = Today(queue);
            stats.Offer(Local(r.StartTime));
            if (r.EndTime is { } end) stats.Leave(Local(r.StartTime), r.Outcome, (end - r.StartTime).TotalSeconds, queue.Config.ServiceLevelSeconds);
        }
        foreach (var queue in _queues.Values) AcdChanged(queue, null, null);
    }
}
