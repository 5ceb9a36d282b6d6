using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Acds;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Calls;
using CallCenter.Domain.Cti.Protocol;

namespace CallCenter.Domain.Cti.Engine;

// Supervisors' streams: 266/267 → 588 per monitored agent, 275/276 → 520 per ACD, 301/302 → 605 per IVR step.
// Observers outside the protocol (the wallboard) get the same changes through AgentStateChanged / AcdStateChanged.
public sealed partial class TenantEngine
{
    private readonly Dictionary<string, HashSet<IAgentConnection>> _agentWatchers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<IAgentConnection>> _acdWatchers = new(StringComparer.Ordinal);
    private readonly HashSet<IAgentConnection> _ivrWatchers = new();

    /// <summary>Raised inside the loop after any change of an agent (state, call, device); handlers must not block.</summary>
    public event Action<AgentView>? AgentStateChanged;

    /// <summary>Raised inside the loop after any change of an ACD's figures.</summary>
    public event Action<AcdView>? AcdStateChanged;

    private void HandleMonitor(AgentRuntime requester, MonitorRequest r)
    {
        var connection = requester.Connection!;
        switch (r.Kind)
        {
            case MonitorKind.Agent:
            {
                var unknown = r.Targets.FirstOrDefault(t => !_config.AgentsByDn.ContainsKey(t));
                if (unknown is not null) { Fail(requester, r.MessageId, ErrorCodes.UnknownAgent, unknown); return; }
                foreach (var dn in r.Targets)
                {
                    if (r.Start)
                    {
                        Watchers(_agentWatchers, dn).Add(connection);
                        connection.Send(AgentMonitorEventFor(Runtime(_config.AgentsByDn[dn]), requester));
                    }
                    else if (_agentWatchers.TryGetValue(dn, out var set)) set.Remove(connection);
                }
                break;
            }
            case MonitorKind.Acd:
            {
                var unknown = r.Targets.FirstOrDefault(t => !_queues.ContainsKey(t));
                if (unknown is not null) { Fail(requester, r.MessageId, ErrorCodes.BadParameter, $"{unknown} is not an ACD of tenant {TenantId}"); return; }
                foreach (var q in r.Targets)
                {
                    if (r.Start)
                    {
                        Watchers(_acdWatchers, q).Add(connection);
                        connection.Send(Events.AcdMonitorEvent(Snapshot(_queues[q]), null, requester.Dn, requester.Extension));
                    }
                    else if (_acdWatchers.TryGetValue(q, out var set)) set.Remove(connection);
                }
                break;
            }
            case MonitorKind.Ivr:
            {
                var other = r.Targets.FirstOrDefault(t => t != TenantId.ToString());
                if (other is not null) { Fail(requester, r.MessageId, ErrorCodes.BadParameter, $"tenant {other} cannot be monitored from tenant {TenantId}"); return; }
                if (r.Start) _ivrWatchers.Add(connection);
                else _ivrWatchers.Remove(connection);
                break;
            }
        }
    }

    private static HashSet<IAgentConnection> Watchers(Dictionary<string, HashSet<IAgentConnection>> map, string key)
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = new HashSet<IAgentConnection>();
        return set;
    }

    private CtiEvent AgentMonitorEventFor(AgentRuntime a, AgentRuntime requester)
    {
        var call = a.CallId is null ? null : _calls.GetValueOrDefault(a.CallId);
        var mine = call?.AgentLeg(a.Dn);
        var other = call?.Live.FirstOrDefault(l => l != mine && l.Role != LegRole.Listener);
        return Events.AgentMonitorEvent(a.Dn, a.Extension, (int)a.State, a.Reason, call?.CallId, call?.CallType,
            other is null ? null : PartyNumber(other), DeviceState(a), TenantId, requester.Dn, requester.Extension);
    }

    /// <summary>After any change of an agent: 588 to its watchers, 520 to the watchers of its ACDs, and the observers.</summary>
    private void AgentChanged(AgentRuntime agent)
    {
        if (_agentWatchers.TryGetValue(agent.Dn, out var watchers))
        {
            foreach (var w in watchers.ToList())
                if (_sessions.TryGetValue(w, out var dn) && _agents.TryGetValue(dn, out var requester))
                    w.Send(AgentMonitorEventFor(agent, requester));
        }
        foreach (var q in agent.Queues)
            if (_queues.TryGetValue(q, out var queue)) AcdChanged(queue, null, null);
        AgentStateChanged?.Invoke(View(agent));
    }

    private Events.AcdSnapshot Snapshot(QueueRuntime q) =>
        new(q.Number, q.Waiting.Count, q.Connected.Count,
            _agents.Values.Count(a => a.State == AgentState.Ready && Registered(a) && a.Queues.Contains(q.Number)));

    private void AcdChanged(QueueRuntime queue, Call? call, int? status, AgentRuntime? agent = null)
    {
        if (_acdWatchers.TryGetValue(queue.Number, out var watchers) && watchers.Count > 0)
        {
            var snapshot = Snapshot(queue);
            var change = call is null || status is null
                ? null
                : new Events.AcdCallChange(status.Value,
                    (int)Math.Max(0, (Now - (call.QueueRecord?.StartTime ?? call.Started)).TotalSeconds), call.CallType, agent?.Dn,
                    call.Ani, call.Dnis, call.CallId);
            foreach (var w in watchers.ToList())
                if (_sessions.TryGetValue(w, out var dn) && _agents.TryGetValue(dn, out var requester))
                    w.Send(Events.AcdMonitorEvent(snapshot, change, requester.Dn, requester.Extension));
        }
        AcdStateChanged?.Invoke(View(queue));
    }

    private void StopMonitoring(AgentRuntime agent)
    {
        if (agent.Connection is { } c) StopMonitoring(c);
    }

    private void StopMonitoring(IAgentConnection connection)
    {
        foreach (var set in _agentWatchers.Values) set.Remove(connection);
        foreach (var set in _acdWatchers.Values) set.Remove(connection);
        _ivrWatchers.Remove(connection);
    }

    private void MoveMonitors(IAgentConnection old, IAgentConnection @new)
    {
        foreach (var set in _agentWatchers.Values.Concat(_acdWatchers.Values))
            if (set.Remove(old)) set.Add(@new);
        if (_ivrWatchers.Remove(old)) _ivrWatchers.Add(@new);
    }
}
