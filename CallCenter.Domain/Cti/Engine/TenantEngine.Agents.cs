using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Common;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Protocol;

namespace CallCenter.Domain.Cti.Engine;

// Agent state requests: login, ready, not ready (incl. rest with the tenant's cap and queue), logout, accept/refuse,
// heartbeat; the duplicate-request rule; sessions that drop and resume.
public sealed partial class TenantEngine
{
    /// <summary>Agents waiting for a rest slot, first come first served: (DN, limit seconds).</summary>
    private readonly List<(string Dn, int? Limit)> _restQueue = new();

    /// <summary>Reason codes a client may set with 102; 1, 6, 7 and 8 describe calls and are set by the engine only.</summary>
    public static bool ClientMaySet(int reason) => reason is AgentStateCatalog.WrapUp or AgentStateCatalog.DeviceUnavailable
        or AgentStateCatalog.BusyOther or AgentStateCatalog.Away or AgentStateCatalog.Rest;

    private void HandleRequest(IAgentConnection connection, AgentRequest request)
    {
        if (request is PingRequest)
        {
            var ext = _sessions.TryGetValue(connection, out var dn) && _agents.TryGetValue(dn, out var a) ? a.Extension : null;
            connection.Send(Events.HeartbeatReply(request.ThisDn, ext));
            return;
        }
        if (request is LoginRequest login)
        {
            HandleLogin(connection, login);
            return;
        }
        var agent = SessionAgent(connection, request.ThisDn);
        if (agent is null)
        {
            Fail(connection, request.MessageId, ErrorCodes.UnknownAgent, request.ThisDn, "log in first");
            return;
        }
        if (IsDuplicate(agent, request))
        {
            Fail(connection, request.MessageId, ErrorCodes.TooFast, request.ThisDn);
            return;
        }
        switch (request)
        {
            case ReadyRequest: HandleReady(agent); break;
            case NotReadyRequest r: HandleNotReady(agent, r); break;
            case LogoutRequest: HandleLogout(agent); break;
            case AcceptIncomingRequest r: HandleAcceptIncoming(agent, r); break;
            case MakeCallRequest r: HandleMakeCall(agent, r); break;
            case ReleaseRequest r: HandleRelease(agent, r); break;
            case HoldRequest r: HandleHold(agent, r); break;
            case RetrieveRequest r: HandleRetrieve(agent, r); break;
            case TransferRequest r: HandleTransfer(agent, r); break;
            case TransferToIvrRequest r: HandleTransferToIvr(agent, r); break;
            case ConferenceRequest r: HandleConference(agent, r); break;
            case ListenRequest r: HandleListen(agent, r); break;
            case MuteRequest r: HandleMute(agent, r); break;
            case RecordingRequest r: HandleRecording(agent, r); break;
            case SendDtmfRequest r: HandleDtmf(agent, r); break;
            case PlayRequest r: HandlePlay(agent, r); break;
            case AttachDataRequest r: HandleAttachData(agent, r); break;
            case MonitorRequest r: HandleMonitor(agent, r); break;
            default: Fail(connection, request.MessageId, ErrorCodes.BadParameter, request.ThisDn, "unsupported request"); break;
        }
    }

    /// <summary>Error 27: the very same request (same messageId and fields) again within the window.</summary>
    private bool IsDuplicate(AgentRuntime agent, AgentRequest request)
    {
        var now = Now;
        var key = RequestKey(request);
        if (agent.RecentRequests.TryGetValue(key, out var at) && now - at < _options.DuplicateWindow) return true;
        agent.RecentRequests[key] = now;
        if (agent.RecentRequests.Count > 64)
            foreach (var old in agent.RecentRequests.Where(kv => now - kv.Value >= _options.DuplicateWindow).Select(kv => kv.Key).ToList())
                agent.RecentRequests.Remove(old);
        return false;
    }

    private static string RequestKey(AgentRequest r) => r switch
    {
        MonitorRequest m => $"{m.MessageId}|{string.Join(",", m.Targets)}",
        AttachDataRequest a => $"{a.MessageId}|{a.CallId}|{string.Join(",", a.Data.Select(kv => kv.Key + "=" + kv.Value))}",
        LoginRequest l => $"{l.MessageId}|{l.Extension}|{string.Join(",", l.ThisQueues)}",
        _ => r.ToString(),
    };

    // ------------------------------------------------------------------ 100 login

    private void HandleLogin(IAgentConnection connection, LoginRequest r)
    {
        var fail = (int code, string? detail) => Fail(connection, MessageIds.Login, code, r.ThisDn, detail);
        if (!_config.Enabled) { fail(ErrorCodes.UnknownAgent, "the tenant is deregistered"); return; }
        if (!_config.AgentsByDn.TryGetValue(r.ThisDn, out var cfg)) { fail(ErrorCodes.UnknownAgent, null); return; }
        if (!cfg.Enabled) { fail(ErrorCodes.UnknownAgent, "the agent is deregistered"); return; }
        if (string.IsNullOrWhiteSpace(r.Extension)) { fail(ErrorCodes.NoExtension, null); return; }
        if (!_config.ExtensionsByNumber.TryGetValue(r.Extension, out var ext) || !ext.Enabled)
        {
            fail(ErrorCodes.BadParameter, $"extension {r.Extension} is not an enabled extension of tenant {TenantId}");
            return;
        }
        var holder = _agents.Values.FirstOrDefault(a => a.LoggedIn && a.Extension == r.Extension && a.Dn != r.ThisDn);
        if (holder is not null) { fail(ErrorCodes.ExtensionInUse, $"{r.Extension} is used by {holder.Dn}"); return; }
        var unknownQueue = r.ThisQueues.FirstOrDefault(q => !_queues.ContainsKey(q));
        if (unknownQueue is not null) { fail(ErrorCodes.BadParameter, $"{unknownQueue} is not an ACD of tenant {TenantId}"); return; }

        var agent = Runtime(cfg);
        if (agent.LoggedIn)
        {
            if (agent.Connection == connection) { fail(ErrorCodes.AlreadyLoggedIn, null); return; }
            // Logged in elsewhere: the newest login wins; the old session is told why and closed (decision D-A29).
            if (agent.Connection is { } old)
            {
                old.Send(Events.AgentDeregistered(DeregisterReasons.LoggedInElsewhere, agent.Dn, agent.Extension));
                old.Close("logged in elsewhere");
                _sessions.Remove(old);
            }
            if (agent.InCall && agent.Extension != r.Extension)
            {
                fail(ErrorCodes.InCall, "finish the call before logging in with another extension");
                return;
            }
        }
        // A session logs in one agent: a second agent on the same socket replaces the first's binding.
        if (_sessions.TryGetValue(connection, out var previous) && previous != agent.Dn && _agents.TryGetValue(previous, out var prevAgent))
            LogOut(prevAgent, sendEvent: true);

        agent.Connection = connection;
        _sessions[connection] = agent.Dn;
        agent.Extension = r.Extension;
        agent.Queues = r.ThisQueues.Count > 0 ? r.ThisQueues.ToArray() : cfg.AcdPriorities.Keys.OrderBy(q => q, StringComparer.Ordinal).ToArray();
        agent.TypeCode = r.TypeCode ?? cfg.TypeCode;
        agent.TypeText = r.TypeText ?? cfg.TypeText;
        agent.RefusesIncoming = false;
        if (!agent.LoggedIn)
        {
            // A new login starts not ready ("busy", reason 3): the agent says when it is ready (decision D-P3).
            var record = agent.SetState(AgentState.Busy, AgentStateCatalog.BusyOther, Now);
            if (record is not null) _records.Write(record);
        }
        Send(agent, Events.AgentLoggedIn(Status(agent)));
        AgentChanged(agent);
    }

    // ------------------------------------------------------------------ 101 ready

    private void HandleReady(AgentRuntime agent)
    {
        if (agent.Extension is null) { Fail(agent, MessageIds.Ready, ErrorCodes.NotBoundToExtension); return; }
        if (agent.InCall) { Fail(agent, MessageIds.Ready, ErrorCodes.InCall); return; }
        LeaveRestQueue(agent);
        var wasResting = agent.State == AgentState.Busy && agent.Reason == AgentStateCatalog.Rest;
        StopRest(agent);
        if (agent.State == AgentState.Ready) Send(agent, Events.AgentReady(Status(agent)));
        else ChangeState(agent, AgentState.Ready, null);
        if (wasResting) GrantQueuedRest();
        RouteFor(agent);
    }

    // ------------------------------------------------------------------ 102 not ready / rest

    private void HandleNotReady(AgentRuntime agent, NotReadyRequest r)
    {
        var custom = _config.CustomReasonCodes.Contains(r.ReasonCode);
        if (!ClientMaySet(r.ReasonCode) && !custom)
        {
            Fail(agent, MessageIds.NotReady, ErrorCodes.BadParameter,
                AgentStateCatalog.IsBuiltIn(r.ReasonCode)
                    ? $"reasonCode {r.ReasonCode} is set by the system during calls"
                    : $"reasonCode {r.ReasonCode} is not defined for tenant {TenantId}");
            return;
        }
        if (agent.InCall) { Fail(agent, MessageIds.NotReady, ErrorCodes.InCall); return; }
        var wasResting = agent.State == AgentState.Busy && agent.Reason == AgentStateCatalog.Rest;
        if (r.ReasonCode == AgentStateCatalog.Rest)
        {
            RequestRest(agent, r.Limit);
            return;
        }
        LeaveRestQueue(agent);
        StopRest(agent);
        if (agent.State == AgentState.Busy && agent.Reason == r.ReasonCode) Send(agent, Events.AgentNotReady(Status(agent)));
        else ChangeState(agent, AgentState.Busy, r.ReasonCode);
        if (wasResting) GrantQueuedRest();
    }

    private int RestingCount => _agents.Values.Count(a => a.State == AgentState.Busy && a.Reason == AgentStateCatalog.Rest);

    private void RequestRest(AgentRuntime agent, int? limit)
    {
        if (agent.State == AgentState.Busy && agent.Reason == AgentStateCatalog.Rest)
        {
            StartRest(agent, limit); // a new limit for a rest already under way
            Send(agent, Events.AgentNotReady(Status(agent)));
            return;
        }
        if (_config.RestNum > 0 && RestingCount >= _config.RestNum)
        {
            // The tenant's cap is reached: queue (first come, first served) and tell the agent (8888 ref 1).
            _restQueue.RemoveAll(q => q.Dn == agent.Dn);
            _restQueue.Add((agent.Dn, limit));
            Prompt(agent, MessageIds.NotReady, PromptCodes.RestQueued);
            return;
        }
        ChangeState(agent, AgentState.Busy, AgentStateCatalog.Rest);
        StartRest(agent, limit);
    }

    private void StartRest(AgentRuntime agent, int? limit)
    {
        CancelTimer(agent.RestTimerToken);
        agent.RestTimerToken = 0;
        agent.RestUntil = null;
        if (limit is > 0)
        {
            agent.RestUntil = Now.AddSeconds(limit.Value);
            agent.RestTimerToken = StartTimer(TimerKind.RestExpired, agent.Dn, TimeSpan.FromSeconds(limit.Value));
        }
    }

    private void StopRest(AgentRuntime agent)
    {
        CancelTimer(agent.RestTimerToken);
        agent.RestTimerToken = 0;
        agent.RestUntil = null;
    }

    private void LeaveRestQueue(AgentRuntime agent) => _restQueue.RemoveAll(q => q.Dn == agent.Dn);

    /// <summary>A rest slot freed: the first queued agent still logged in and not in a call starts resting.</summary>
    private void GrantQueuedRest()
    {
        while (_restQueue.Count > 0 && (_config.RestNum == 0 || RestingCount < _config.RestNum))
        {
            var (dn, limit) = _restQueue[0];
            _restQueue.RemoveAt(0);
            if (!_agents.TryGetValue(dn, out var agent) || !agent.LoggedIn || agent.InCall) continue;
            ChangeState(agent, AgentState.Busy, AgentStateCatalog.Rest);
            StartRest(agent, limit);
        }
    }

    /// <summary>
    /// The rest's limit passed: the agent is told (8888 ref 0) and moved to busy reason 3, which frees its rest slot
    /// and shows the overtime as busy, not rest (decision D-P13).
    /// </summary>
    private void OnRestExpired(string dn, long token)
    {
        if (!_agents.TryGetValue(dn, out var agent) || agent.RestTimerToken != token) return;
        agent.RestTimerToken = 0;
        agent.RestUntil = null;
        if (agent.State != AgentState.Busy || agent.Reason != AgentStateCatalog.Rest) return;
        Prompt(agent, MessageIds.NotReady, PromptCodes.RestExpired);
        ChangeState(agent, AgentState.Busy, AgentStateCatalog.BusyOther);
        GrantQueuedRest();
    }

    // ------------------------------------------------------------------ 103 logout

    private void HandleLogout(AgentRuntime agent)
    {
        if (agent.InCall) { Fail(agent, MessageIds.Logout, ErrorCodes.InCall); return; }
        LogOut(agent, sendEvent: true);
    }

    private void LogOut(AgentRuntime agent, bool sendEvent)
    {
        agent.Pending = null;
        var wasResting = agent.State == AgentState.Busy && agent.Reason == AgentStateCatalog.Rest;
        LeaveRestQueue(agent);
        StopRest(agent);
        var record = agent.SetState(AgentState.LoggedOut, null, Now);
        if (record is not null) _records.Write(record);
        if (sendEvent) Send(agent, Events.AgentLoggedOut(Status(agent)));
        StopMonitoring(agent);
        if (agent.Connection is { } c) _sessions.Remove(c);
        agent.Connection = null;
        AgentChanged(agent);
        if (wasResting) GrantQueuedRest();
    }

    // ------------------------------------------------------------------ 294 accept / refuse incoming

    private void HandleAcceptIncoming(AgentRuntime agent, AcceptIncomingRequest r)
    {
        agent.RefusesIncoming = r.Reject;
        Prompt(agent, MessageIds.AcceptIncoming, r.Reject ? PromptCodes.RefuseIncoming : PromptCodes.AcceptIncoming);
        if (!r.Reject) RouteFor(agent);
    }

    // ------------------------------------------------------------------ sessions

    private void Fail(AgentRuntime agent, int messageId, int code, string? detail = null) =>
        Send(agent, Events.RequestFailed(messageId, code, agent.Dn, agent.Extension, detail));

    private void HandleConnectionLost(IAgentConnection connection)
    {
        if (!_sessions.ContainsKey(connection)) return;
        // Keep the agent's state for the grace period; a resume moves it to the new session.
        StartTimer(TimerKind.ResumeGrace, connection.ConnectionId, _options.ResumeGrace);
        _lost[connection.ConnectionId] = connection;
    }

    private readonly Dictionary<string, IAgentConnection> _lost = new(StringComparer.Ordinal);

    private void HandleConnectionResumed(IAgentConnection old, IAgentConnection @new)
    {
        _lost.Remove(old.ConnectionId);
        if (!_sessions.Remove(old, out var dn) || !_agents.TryGetValue(dn, out var agent)) return;
        _sessions[@new] = dn;
        if (agent.Connection == old) agent.Connection = @new;
        MoveMonitors(old, @new);
    }

    private void OnResumeGraceExpired(string connectionId, long token)
    {
        if (!_lost.Remove(connectionId, out var connection)) return;
        if (!_sessions.TryGetValue(connection, out var dn) || !_agents.TryGetValue(dn, out var agent)) return;
        if (agent.Connection != connection) { _sessions.Remove(connection); return; }
        // Nobody came back: the agent is logged out (its calls go on until they end).
        if (agent.InCall)
        {
            // Try again later: an agent in a call is logged out when the call ends.
            StartTimer(TimerKind.ResumeGrace, connectionId, _options.ResumeGrace);
            _lost[connectionId] = connection;
            return;
        }
        LogOut(agent, sendEvent: false);
        StopMonitoring(connection);
    }

    private void HandleConfigChanged(TenantConfig config)
    {
        _config = config;
        foreach (var acd in config.AcdsByNumber.Values)
        {
            if (_queues.TryGetValue(acd.Number, out var q)) q.Config = acd;
            else _queues[acd.Number] = new Acds.QueueRuntime(acd);
        }
        foreach (var agent in _agents.Values.ToList())
        {
            if (config.AgentsByDn.TryGetValue(agent.Dn, out var cfg) && cfg.Enabled)
            {
                agent.Reconfigure(cfg);
                continue;
            }
            // The agent was deleted or deregistered: a logged-in session is told (4500 reason 2) and ended.
            if (agent.LoggedIn && !agent.InCall)
            {
                var connection = agent.Connection;
                connection?.Send(Events.AgentDeregistered(DeregisterReasons.AccountDeregistered, agent.Dn, agent.Extension));
                LogOut(agent, sendEvent: false);
                connection?.Close("agent deregistered");
            }
        }
    }
}
