using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Acds;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Calls;

namespace CallCenter.Domain.Cti.Engine;

/// <summary>
/// A read-only copy of one agent's live state (for the real-time APIs and the wallboard). <c>CallSince</c>: when the
/// agent's leg of its current call was answered (or created, while it rings); null without a call. <c>Pending</c>: a
/// supervisor's command waiting for the call to end (<see cref="SupervisorCommand"/>). <c>Listeners</c>: supervisors'
/// legs listening to (or barged into) the agent's call. <c>At</c>: the engine's time when the copy was taken (the
/// event's time stamp for copies handed to <see cref="TenantEngine.AgentStateChanged"/>).
/// </summary>
public sealed record AgentView(string Dn, string NameCn, int TenantId, string? Extension, AgentState State, int? Reason,
    DateTime StateSince, int DeviceState, IReadOnlyList<string> Queues, string? CallId, int? CallType, string? OtherParty,
    bool Held, bool RefusesIncoming, DateTime? RestUntil, int CallsOffered, int CallsAnswered, int TalkSeconds, string? TypeCode,
    string? TypeText, DateTime? CallSince = null, SupervisorCommand? Pending = null, int Listeners = 0, DateTime At = default);

/// <summary>
/// A read-only copy of one ACD's live figures. The "today" figures are those of <see cref="Day"/> (server-local), by the
/// calls' arrival (<see cref="AcdDayStats"/>); <see cref="Intervals"/> lists the 15-minute intervals with calls.
/// </summary>
public sealed record AcdView(string Number, string Name, int Waiting, int Connected, int Ready, int Busy, int LoggedIn,
    int LoggedOut, int Registered, DateTime? OldestWaitingSince, int OfferedToday, int AnsweredToday, int AbandonedToday,
    IReadOnlyDictionary<int, int> ReasonCounts, int AnsweredInTargetToday = 0, int TimedOutToday = 0,
    int ServiceLevelSeconds = AcdFigures.DefaultServiceLevelSeconds, DateOnly Day = default, IReadOnlyList<AcdInterval>? Intervals = null,
    DateTime At = default)
{
    /// <summary>Offered calls whose wait is over (the denominator of the rates).</summary>
    public int FinishedToday => AcdFigures.Finished(AnsweredToday, AbandonedToday, TimedOutToday);

    /// <summary>Answered within <see cref="ServiceLevelSeconds"/> ÷ finished, in %; null before any call finished.</summary>
    public double? ServiceLevel => AcdFigures.Percent(AnsweredInTargetToday, FinishedToday);

    /// <summary>Abandoned ÷ finished, in %; null before any call finished.</summary>
    public double? AbandonRate => AcdFigures.Percent(AbandonedToday, FinishedToday);
}

/// <summary>An enabled extension of the tenant as a phone a supervisor may listen from: online or not, and the agent logged in on it.</summary>
public sealed record PhoneView(string Extension, bool Registered, string? AgentDn);

/// <summary>A call waiting or connected in an ACD.</summary>
public sealed record QueuedCallView(string CallId, string Queue, DateTime Since, string Ani, string Dnis, string? AgentDn, string? Extension);

public sealed partial class TenantEngine
{
    public AgentView View(AgentRuntime a)
    {
        var call = a.CallId is null ? null : _calls.GetValueOrDefault(a.CallId);
        var mine = call?.AgentLeg(a.Dn);
        var other = call?.Live.FirstOrDefault(l => l != mine && l.Role != LegRole.Listener);
        return new AgentView(a.Dn, a.Config.NameCn, TenantId, a.Extension, a.State, a.Reason, a.StateSince, DeviceState(a), a.Queues,
            call?.CallId, call?.CallType, other is null ? null : PartyNumber(other), other?.Held ?? false, a.RefusesIncoming, a.RestUntil,
            a.CallsOffered, a.CallsAnswered, a.TalkSeconds, a.TypeCode, a.TypeText, mine is null ? null : mine.Answered ?? mine.Created,
            a.Pending, call?.Live.Count(l => l.Role == LegRole.Listener && l.AgentDn != a.Dn) ?? 0, Now);
    }

    public AcdView View(QueueRuntime q)
    {
        var members = _agents.Values.Where(a => a.Queues.Contains(q.Number) || a.Config.AcdPriorities.ContainsKey(q.Number)).ToList();
        var loggedIn = members.Where(a => a.LoggedIn).ToList();
        var today = Today(q);
        var oldest = q.Waiting.Select(id => _calls.GetValueOrDefault(id)).Where(c => c is not null)
            .Select(c => (DateTime?)(c!.QueueRecord?.StartTime ?? c.Started)).Min();
        return new AcdView(q.Number, q.Config.Name, q.Waiting.Count, q.Connected.Count,
            loggedIn.Count(a => a.State == AgentState.Ready), loggedIn.Count(a => a.State == AgentState.Busy), loggedIn.Count,
            _config.AgentsByDn.Values.Count(c => c.AcdPriorities.ContainsKey(q.Number)) - loggedIn.Count(a => a.Config.AcdPriorities.ContainsKey(q.Number)),
            loggedIn.Count(Registered), oldest, today.Offered, today.Answered, today.Abandoned,
            loggedIn.Where(a => a.State == AgentState.Busy && a.Reason is not null).GroupBy(a => a.Reason!.Value)
                .ToDictionary(g => g.Key, g => g.Count()),
            today.AnsweredInTarget, today.TimedOut, q.Config.ServiceLevelSeconds, today.Day, today.Intervals(), Now);
    }

    /// <summary>Every configured agent's live state (logged-out agents included).</summary>
    public IReadOnlyList<AgentView> Agents() =>
        _config.AgentsByDn.Values.OrderBy(a => a.Dn, StringComparer.Ordinal).Select(c => View(Runtime(c))).ToList();

    public IReadOnlyList<AcdView> Acds() => _queues.Values.OrderBy(q => q.Number, StringComparer.Ordinal).Select(View).ToList();

    public IReadOnlyList<QueuedCallView> QueuedCalls(string queue)
    {
        if (!_queues.TryGetValue(queue, out var q)) return Array.Empty<QueuedCallView>();
        var list = new List<QueuedCallView>();
        foreach (var id in q.Waiting.Concat(q.Connected))
        {
            if (!_calls.TryGetValue(id, out var call)) continue;
            var agentLeg = call.Live.FirstOrDefault(l => l.Kind == LegKind.Agent && l.Role != LegRole.Listener);
            list.Add(new QueuedCallView(call.CallId, q.Number, call.QueueRecord?.StartTime ?? call.Started, call.Ani, call.Dnis,
                agentLeg?.AgentDn, agentLeg?.Address));
        }
        return list;
    }

    /// <summary>Agents resting and waiting to rest (§6.40).</summary>
    public (IReadOnlyList<AgentView> Resting, IReadOnlyList<string> Queue) RestQueue() =>
        (_agents.Values.Where(a => a.State == AgentState.Busy && a.Reason == AgentStateCatalog.Rest).Select(View).ToList(),
            _restQueue.Select(q => q.Dn).ToList());

    public int LiveCalls => _calls.Count;

    /// <summary>The tenant's enabled extensions, by number, with their registration and the agent logged in on each.</summary>
    public IReadOnlyList<PhoneView> Phones() =>
        _config.ExtensionsByNumber.Values.Where(e => e.Enabled).OrderBy(e => e.Number, StringComparer.Ordinal)
            .Select(e => new PhoneView(e.Number, _registered.Contains(e.Number),
                _agents.Values.FirstOrDefault(a => a.LoggedIn && a.Extension == e.Number)?.Dn))
            .ToList();

    /// <summary>Live calls of one direction (<see cref="CallTypes"/>: 1 internal, 2 inbound, 3 outbound); read-only.</summary>
    public int LiveCallsOfType(int callType) => _calls.Values.Count(c => c.CallType == callType);
}
