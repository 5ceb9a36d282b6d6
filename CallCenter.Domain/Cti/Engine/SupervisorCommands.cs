using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Telephony;

namespace CallCenter.Domain.Cti.Engine;

/// <summary>
/// A command of a supervisor at the console (the wallboard) about one agent of the engine's tenant. It does not come
/// through the agent protocol: the console authorises it (a supervisor or admin of the tenant) and the engine carries it
/// out in its loop. <see cref="By"/> names the supervisor (the console user) for the log and the messages.
/// </summary>
public abstract record SupervisorCommand(string By, string AgentDn)
{
    /// <summary>How the wallboard shows the command while it waits for the agent's call to end.</summary>
    public abstract string Describe();
}

/// <summary>
/// Sets the agent not ready (busy) with <see cref="ReasonCode"/>: 0, 2, 3, 4 or one of the tenant's custom reasons.
/// While the agent is in a call the change waits for the call to end; a call ringing the agent is taken back.
/// </summary>
public sealed record ForceNotReady(string By, string AgentDn, int ReasonCode = AgentStateCatalog.BusyOther) : SupervisorCommand(By, AgentDn)
{
    public override string Describe() => $"not ready ({ReasonCode}) after the call";
}

/// <summary>
/// Logs the agent out; its session gets 4500 reason 3 and is closed. While the agent is in a call the logout waits for
/// the call to end; a call ringing the agent is taken back.
/// </summary>
public sealed record ForceLogout(string By, string AgentDn) : SupervisorCommand(By, AgentDn)
{
    public override string Describe() => "logout after the call";
}

/// <summary>
/// Listens to (<see cref="EavesdropMode.Listen"/>) or barges into (<see cref="EavesdropMode.Barge"/>) the agent's
/// connected call from the supervisor's phone, an extension of the tenant with no agent logged in on it: the engine
/// rings <see cref="Extension"/> and, once answered, joins it to the agent's leg (decision W-listen).
/// </summary>
public sealed record MonitorAgentCall(string By, string AgentDn, string Extension, EavesdropMode Mode) : SupervisorCommand(By, AgentDn)
{
    public override string Describe() => Mode == EavesdropMode.Barge ? "barge-in" : "listen";
}

public enum SupervisorOutcome
{
    /// <summary>Carried out now.</summary>
    Done,
    /// <summary>Accepted; it happens when the agent's call ends.</summary>
    Pending,
    /// <summary>Not possible in the agent's situation; nothing changed.</summary>
    Refused,
}

public sealed record SupervisorResult(SupervisorOutcome Outcome, string Message)
{
    public bool Ok => Outcome != SupervisorOutcome.Refused;

    public static SupervisorResult Done(string message) => new(SupervisorOutcome.Done, message);
    public static SupervisorResult Pending(string message) => new(SupervisorOutcome.Pending, message);
    public static SupervisorResult Refused(string message) => new(SupervisorOutcome.Refused, message);
}
