using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Calls;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Telephony;

namespace CallCenter.Domain.Cti.Engine;

// Supervisors' commands from the console (the wallboard): force not ready, force logout, listen and barge-in.
// The console authorises them; here they are carried out against the agent's situation, inside the loop.
public sealed partial class TenantEngine
{
    /// <summary>Carries out a supervisor's command in the loop; the result says whether it happened, waits for a call, or why not.</summary>
    public Task<SupervisorResult> SuperviseAsync(SupervisorCommand command)
    {
        var done = new TaskCompletionSource<SupervisorResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Post(new SupervisorInput(command, r => done.TrySetResult(r))))
            done.TrySetResult(SupervisorResult.Refused($"The CTI engine of tenant {TenantId} is stopped."));
        return done.Task;
    }

    /// <summary>Reasons a supervisor may force: those an agent may set (except rest, which has its own cap) and the tenant's custom ones.</summary>
    public bool SupervisorMaySet(int reason) =>
        (ClientMaySet(reason) && reason != AgentStateCatalog.Rest) || _config.CustomReasonCodes.Contains(reason);

    private SupervisorResult Supervise(SupervisorCommand command)
    {
        if (!_config.AgentsByDn.TryGetValue(command.AgentDn, out var config))
            return SupervisorResult.Refused($"{command.AgentDn} is not an agent of tenant {TenantId}.");
        var agent = Runtime(config);
        return command switch
        {
            ForceNotReady f => ForceNotReadyCommand(agent, f),
            ForceLogout l => ForceLogoutCommand(agent, l),
            MonitorAgentCall m => MonitorCommand(agent, m),
            _ => SupervisorResult.Refused($"Unknown command {command.GetType().Name}."),
        };
    }

    // ------------------------------------------------------------------ force not ready / force logout

    private SupervisorResult ForceNotReadyCommand(AgentRuntime agent, ForceNotReady command)
    {
        if (!SupervisorMaySet(command.ReasonCode))
            return SupervisorResult.Refused($"Reason {command.ReasonCode} cannot be forced: choose 0, 2, 3, 4 or one of the tenant's custom reasons.");
        if (!agent.LoggedIn) return SupervisorResult.Refused($"{agent.Dn} is not logged in.");
        if (agent.InCall)
        {
            if (!Withdraw(agent, command))
                return WaitForCallEnd(agent, command, $"{agent.Dn} is in a call: it becomes not ready ({command.ReasonCode}) when the call ends.");
            ApplyPending(agent); // nothing left to do when the end of the offer applied it already
        }
        else ForceBusy(agent, command.ReasonCode);
        return SupervisorResult.Done($"{agent.Dn} is now not ready ({command.ReasonCode}).");
    }

    private SupervisorResult ForceLogoutCommand(AgentRuntime agent, ForceLogout command)
    {
        if (!agent.LoggedIn) return SupervisorResult.Refused($"{agent.Dn} is not logged in.");
        if (agent.InCall)
        {
            if (!Withdraw(agent, command))
                return WaitForCallEnd(agent, command, $"{agent.Dn} is in a call: it is logged out when the call ends.");
            ApplyPending(agent);
        }
        else LogOutBySupervisor(agent);
        return SupervisorResult.Done($"{agent.Dn} is logged out.");
    }

    private SupervisorResult WaitForCallEnd(AgentRuntime agent, SupervisorCommand command, string message)
    {
        agent.Pending = command;
        AgentChanged(agent);
        return SupervisorResult.Pending(message);
    }

    /// <summary>
    /// A call ringing the agent (offered to it, not one it dials) is taken back as if the agent declined it: an ACD call
    /// goes back to the front of its queue for the next agent. The command is applied as the agent's call ends. False
    /// when the agent's call is not ringing it (talking, held, dialling): the command then waits for the call to end.
    /// </summary>
    private bool Withdraw(AgentRuntime agent, SupervisorCommand command)
    {
        if (agent.CallId is null || !_calls.TryGetValue(agent.CallId, out var call)) return false;
        var leg = call.AgentLeg(agent.Dn);
        if (leg is null || leg.State != LegState.Ringing || leg.Role is LegRole.Caller or LegRole.Listener) return false;
        agent.Pending = command;
        HangUp(call, leg, HangupCauses.CallRejected);
        return !agent.InCall;
    }

    /// <summary>A waiting command, once the agent has no call: true when one was applied.</summary>
    private bool ApplyPending(AgentRuntime agent)
    {
        if (agent.Pending is not { } pending || agent.InCall || !agent.LoggedIn) return false;
        agent.Pending = null;
        agent.BeforeCall = null;
        switch (pending)
        {
            case ForceLogout: LogOutBySupervisor(agent); break;
            case ForceNotReady f: ForceBusy(agent, f.ReasonCode); break;
        }
        return true;
    }

    /// <summary>Busy with the reason, as if the agent had asked (582); a rest under way or queued is given up.</summary>
    private void ForceBusy(AgentRuntime agent, int reason)
    {
        var wasResting = agent.State == AgentState.Busy && agent.Reason == AgentStateCatalog.Rest;
        LeaveRestQueue(agent);
        StopRest(agent);
        if (agent.State == AgentState.Busy && agent.Reason == reason) AgentChanged(agent);
        else ChangeState(agent, AgentState.Busy, reason);
        if (wasResting) GrantQueuedRest();
    }

    /// <summary>The session is told (4500 reason 3, decision P-4500), the agent logged out and the session closed.</summary>
    private void LogOutBySupervisor(AgentRuntime agent)
    {
        var connection = agent.Connection;
        connection?.Send(Events.AgentDeregistered(DeregisterReasons.LoggedOutBySupervisor, agent.Dn, agent.Extension));
        LogOut(agent, sendEvent: false);
        connection?.Close("logged out by a supervisor");
    }

    // ------------------------------------------------------------------ listen / barge-in

    private SupervisorResult MonitorCommand(AgentRuntime agent, MonitorAgentCall command)
    {
        var verb = command.Mode == EavesdropMode.Barge ? "barge into" : command.Mode == EavesdropMode.Whisper ? "whisper to" : "listen to";
        var call = agent.CallId is null ? null : _calls.GetValueOrDefault(agent.CallId);
        var target = call?.AgentLeg(agent.Dn);
        if (!agent.LoggedIn) return SupervisorResult.Refused($"{agent.Dn} is not logged in.");
        if (call is null || target is null || target.State != LegState.Answered || target.Role == LegRole.Listener)
            return SupervisorResult.Refused($"{agent.Dn} is not in a connected call.");
        var extension = command.Extension?.Trim() ?? "";
        if (!_config.ExtensionsByNumber.TryGetValue(extension, out var ext) || !ext.Enabled)
            return SupervisorResult.Refused($"Choose your phone: '{extension}' is not an enabled extension of tenant {TenantId}.");
        if (!_registered.Contains(extension))
            return SupervisorResult.Refused($"Extension {extension} is not registered: its phone is offline.");
        if (_agents.Values.FirstOrDefault(a => a.LoggedIn && a.Extension == extension) is { } holder)
            return SupervisorResult.Refused($"Extension {extension} is in use by agent {holder.Dn}.");
        if (_calls.Values.Any(c => c.Live.Any(l => l.Kind == LegKind.Agent && l.Address == extension)))
            return SupervisorResult.Refused($"Extension {extension} is already in a call.");

        var leg = AddLeg(call, LegKind.Agent, LegRole.Listener, extension, null, channelAttr: "monitor");
        call.Attached["listen:" + leg.ChannelId] = target.ChannelId;
        call.Attached["listen-mode:" + leg.ChannelId] = command.Mode.ToString();
        Ring(leg, new ExtensionEndpoint(TenantId, extension), call.Ani, 30);
        AgentChanged(agent);
        return SupervisorResult.Done($"Extension {extension} is ringing: answer it to {verb} {agent.Dn}'s call.");
    }

    /// <summary>The mode a listener leg was started with (265 and the wallboard's listen: Listen; barge-in: Barge).</summary>
    private static EavesdropMode ListenMode(Call call, Leg listener) =>
        Enum.TryParse<EavesdropMode>(call.Attached.GetValueOrDefault("listen-mode:" + listener.ChannelId), out var mode) ? mode : EavesdropMode.Listen;

    /// <summary>A listener joined or left: the agents of the call show it (wallboard).</summary>
    private void ListenersChanged(Call call)
    {
        foreach (var agent in AgentsIn(call).ToList()) AgentChanged(agent);
    }
}
