using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;

namespace CallCenter.Domain.Cti.Engine;

/// <summary>Everything that reaches a tenant's engine goes through its mailbox as one of these.</summary>
public abstract record EngineInput;

/// <summary>A parsed request from an agent session.</summary>
public sealed record RequestInput(IAgentConnection Connection, AgentRequest Request) : EngineInput;

/// <summary>A frame the codec refused: answered with 9999 code 18.</summary>
public sealed record BadRequestInput(IAgentConnection Connection, int MessageId, string ThisDn, string Reason) : EngineInput;

public sealed record SwitchInput(SwitchEvent Event) : EngineInput;

/// <summary>The session's socket closed. The agent stays logged in for the resume grace period.</summary>
public sealed record ConnectionLost(IAgentConnection Connection) : EngineInput;

/// <summary>A new session took over a lost one (resume within the grace period).</summary>
public sealed record ConnectionResumed(IAgentConnection Old, IAgentConnection New) : EngineInput;

public sealed record ConfigChanged(TenantConfig Config) : EngineInput;

/// <summary>A timer fired; <paramref name="Token"/> tells stale timers from live ones.</summary>
public sealed record TimerInput(TimerKind Kind, string Key, long Token) : EngineInput;

public enum TimerKind
{
    RingTimeout,
    QueueTimeout,
    RestExpired,
    ResumeGrace,
}

/// <summary>Runs a read of the engine's state inside the loop (live figures, wallboards).</summary>
public sealed record QueryInput(Action<TenantEngine> Read) : EngineInput;

/// <summary>A supervisor's command (the wallboard); <paramref name="Done"/> gets the result inside the loop.</summary>
public sealed record SupervisorInput(SupervisorCommand Command, Action<SupervisorResult> Done) : EngineInput;

/// <summary>Today's queue records written before the engine started: added to the ACDs' figures of today.</summary>
public sealed record ReplayQueueRecords(IReadOnlyList<QueueRecord> Records) : EngineInput;
