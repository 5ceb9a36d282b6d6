using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Records;

namespace CallCenter.Domain.Cti.Agents;

/// <summary>
/// The live state of one agent inside its tenant's engine. Only the engine's loop touches it, so it needs no locks.
/// Every state change closes the previous interval as an <see cref="AgentStateRecord"/>.
/// </summary>
public sealed class AgentRuntime(AgentConfig config, int tenantId, DateTime now)
{
    public AgentConfig Config { get; private set; } = config;
    public int TenantId { get; } = tenantId;
    public string Dn => Config.Dn;

    public IAgentConnection? Connection { get; set; }
    public AgentState State { get; private set; } = AgentState.LoggedOut;
    /// <summary>Busy reason while <see cref="State"/> is Busy; null otherwise.</summary>
    public int? Reason { get; private set; }
    public DateTime StateSince { get; private set; } = now;
    public string? Extension { get; set; }
    public IReadOnlyList<string> Queues { get; set; } = Array.Empty<string>();
    public string? TypeCode { get; set; }
    public string? TypeText { get; set; }
    /// <summary>294 isReject=1: the agent takes no routed calls until it accepts again.</summary>
    public bool RefusesIncoming { get; set; }
    /// <summary>The call this agent is on (ringing, talking or held), if any.</summary>
    public string? CallId { get; set; }
    /// <summary>When the agent last became ready (for longest-idle routing).</summary>
    public DateTime ReadySince { get; private set; } = now;
    /// <summary>When the agent's current rest ends, if it is resting with a limit.</summary>
    public DateTime? RestUntil { get; set; }
    public long RestTimerToken { get; set; }
    /// <summary>The reason the agent was in before a call started, so a "busy" agent is not made ready by a call.</summary>
    public (AgentState State, int? Reason)? BeforeCall { get; set; }
    /// <summary>A supervisor's force not ready / force logout that waits for the agent's call to end.</summary>
    public SupervisorCommand? Pending { get; set; }
    public int CallsOffered { get; set; }
    public int CallsAnswered { get; set; }
    public int TalkSeconds { get; set; }
    public DateTime LastCallEnded { get; set; } = DateTime.MinValue;

    /// <summary>Recent requests (messageId + payload) for the "same request within 2 s" rule.</summary>
    public Dictionary<string, DateTime> RecentRequests { get; } = new();

    public bool LoggedIn => State != AgentState.LoggedOut;
    public bool InCall => CallId is not null;

    /// <summary>Ready, not in a call, accepting calls: may be offered a routed call (the switch registration is checked by the caller).</summary>
    public bool Available => State == AgentState.Ready && CallId is null && !RefusesIncoming;

    public void Reconfigure(AgentConfig config) => Config = config;

    /// <summary>Moves to a state; returns the record of the interval just ended, or null if nothing changed.</summary>
    public AgentStateRecord? SetState(AgentState state, int? reason, DateTime now)
    {
        if (state != AgentState.Busy) reason = null;
        if (state == State && reason == Reason) return null;
        var record = new AgentStateRecord
        {
            TenantId = TenantId,
            Agent = Dn,
            Extension = Extension,
            State = (int)State,
            ReasonCode = State == AgentState.Busy ? Reason ?? -1 : -1,
            StartTime = StateSince,
            EndTime = now,
            HoldTime = (int)Math.Max(0, (now - StateSince).TotalSeconds),
            TypeCode = TypeCode,
            CreateTime = now,
        };
        State = state;
        Reason = reason;
        StateSince = now;
        if (state == AgentState.Ready) ReadySince = now;
        return record;
    }
}

/// <summary>One agent WebSocket session as the engine sees it.</summary>
public interface IAgentConnection
{
    string ConnectionId { get; }

    /// <summary>Queues an event for the client (never blocks).</summary>
    void Send(Protocol.CtiEvent e);

    /// <summary>Ends the session after the events already queued (e.g. after a forced logout).</summary>
    void Close(string reason);
}
