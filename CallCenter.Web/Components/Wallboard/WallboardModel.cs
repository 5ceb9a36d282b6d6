using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Acds;
using CallCenter.Domain.Cti.Engine;

namespace CallCenter.Web.Components.Wallboard;

/// <summary>How a state or busy reason is shown: its text and its colour (§6.37 and the tenant's custom states).</summary>
public sealed record ReasonStyle(string Key, int? Code, string Text, string Color);

/// <summary>The built-in states and reasons with the §6.37 colours, and a tenant's custom reasons (9–999).</summary>
public sealed class ReasonCatalog
{
    private readonly Dictionary<int, ReasonStyle> _reasons = new();
    private readonly List<ReasonStyle> _forceable = new();

    public static readonly ReasonStyle Ready = new("ready", null, "Ready", AgentStateCatalog.StateColor(AgentState.Ready));
    public static readonly ReasonStyle LoggedOut = new("logged-out", null, "Logged out", AgentStateCatalog.StateColor(AgentState.LoggedOut));

    public ReasonCatalog(IEnumerable<CustomAgentState> custom)
    {
        foreach (var r in AgentStateCatalog.BuiltInReasons) _reasons[r.Code] = new ReasonStyle($"reason-{r.Code}", r.Code, r.EnglishText, r.Color);
        var enabled = new List<ReasonStyle>();
        foreach (var c in custom.OrderBy(c => c.ReasonCode))
        {
            _reasons[c.ReasonCode] = new ReasonStyle($"reason-{c.ReasonCode}", c.ReasonCode, c.ReasonText, c.Color);
            if (c.Enabled) enabled.Add(_reasons[c.ReasonCode]);
        }
        // What a supervisor may force (TenantEngine.SupervisorMaySet): the usual not-ready reasons, then the tenant's own.
        foreach (var code in new[] { AgentStateCatalog.BusyOther, AgentStateCatalog.Away, AgentStateCatalog.DeviceUnavailable, AgentStateCatalog.WrapUp })
            _forceable.Add(_reasons[code]);
        _forceable.AddRange(enabled);
    }

    public static ReasonCatalog BuiltIn { get; } = new([]);

    public IReadOnlyList<ReasonStyle> Forceable => _forceable;

    public ReasonStyle Of(int reason) =>
        _reasons.TryGetValue(reason, out var r) ? r : new ReasonStyle($"reason-{reason}", reason, $"Busy ({reason})", "#ecb9b7");

    public ReasonStyle Of(AgentView a) => a.State switch
    {
        AgentState.Ready => Ready,
        AgentState.LoggedOut => LoggedOut,
        _ => a.Reason is int r ? Of(r) : Of(AgentStateCatalog.BusyOther),
    };
}

/// <summary>The figures of the tiles for the ACDs shown (one, or all of the tenant's).</summary>
public sealed record WallboardTiles(int Waiting, DateTime? OldestWaitingSince, int Ready, int Busy, int Resting, int WrapUp, int LoggedIn,
    int Offered, int Answered, int AnsweredInTarget, int Abandoned, int TimedOut, string Target)
{
    public int Finished => AcdFigures.Finished(Answered, Abandoned, TimedOut);
    public double? ServiceLevel => AcdFigures.Percent(AnsweredInTarget, Finished);
    public double? AbandonRate => AcdFigures.Percent(Abandoned, Finished);
}

/// <summary>
/// The wallboard's state: the latest copy of every agent and ACD of the tenant, and the figures derived from them for
/// one ACD (its logged-in agents) or for all of them (<c>acd</c> null). Lives in the circuit; changed only there.
/// </summary>
public sealed class WallboardModel
{
    private readonly Dictionary<string, AgentView> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AcdView> _acds = new(StringComparer.Ordinal);

    public WallboardModel(WallboardSnapshot snapshot, ReasonCatalog catalog)
    {
        Catalog = catalog;
        Phones = snapshot.Phones;
        _memberships = snapshot.Memberships;
        Apply(new WallboardChanges(snapshot.Agents, snapshot.Acds));
    }

    public ReasonCatalog Catalog { get; }
    public IReadOnlyList<PhoneView> Phones { get; set; }
    public IReadOnlyList<AcdView> Acds => _acds.Values.OrderBy(a => a.Number, StringComparer.Ordinal).ToList();
    public int AgentCount => _agents.Count;

    /// <summary>Takes the newer copies (a copy older than the one held is ignored).</summary>
    public void Apply(WallboardChanges changes)
    {
        foreach (var a in changes.Agents)
            if (!_agents.TryGetValue(a.Dn, out var held) || held.At <= a.At) _agents[a.Dn] = a;
        foreach (var q in changes.Acds)
            if (!_acds.TryGetValue(q.Number, out var held) || held.At <= q.At) _acds[q.Number] = q;
    }

    public AgentView? Agent(string dn) => _agents.GetValueOrDefault(dn);

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _memberships;

    private bool IsMember(string dn, string acd) => _memberships.TryGetValue(dn, out var acds) && acds.Contains(acd);

    /// <summary>The agents of the grid: logged into <paramref name="acd"/> (any ACD when null), logged-out ones on request.</summary>
    public IReadOnlyList<AgentView> AgentsOf(string? acd, bool includeLoggedOut) =>
        _agents.Values
            .Where(a => a.State == AgentState.LoggedOut
                ? includeLoggedOut && (acd is null || a.Queues.Contains(acd) || IsMember(a.Dn, acd))
                : acd is null || a.Queues.Contains(acd))
            .OrderBy(a => a.Dn, StringComparer.Ordinal)
            .ToList();

    private IEnumerable<AcdView> Selected(string? acd) => acd is null ? _acds.Values : _acds.Values.Where(a => a.Number == acd);

    public WallboardTiles Tiles(string? acd)
    {
        var acds = Selected(acd).ToList();
        var agents = AgentsOf(acd, includeLoggedOut: false);
        int Busy(int? reason) => agents.Count(a => a.State == AgentState.Busy && a.Reason == reason);
        var targets = acds.Select(a => a.ServiceLevelSeconds).Distinct().ToList();
        var target = targets.Count switch
        {
            0 => $"answered within {AcdFigures.DefaultServiceLevelSeconds} s",
            1 => $"answered within {targets[0]} s",
            _ => "answered within each ACD's target",
        };
        return new WallboardTiles(
            acds.Sum(a => a.Waiting), acds.Min(a => a.OldestWaitingSince),
            agents.Count(a => a.State == AgentState.Ready),
            agents.Count(a => a.State == AgentState.Busy) - Busy(AgentStateCatalog.Rest) - Busy(AgentStateCatalog.WrapUp),
            Busy(AgentStateCatalog.Rest), Busy(AgentStateCatalog.WrapUp), agents.Count,
            acds.Sum(a => a.OfferedToday), acds.Sum(a => a.AnsweredToday), acds.Sum(a => a.AnsweredInTargetToday),
            acds.Sum(a => a.AbandonedToday), acds.Sum(a => a.TimedOutToday), target);
    }

    /// <summary>Today's calls per 15-minute interval of the ACDs shown, summed.</summary>
    public IReadOnlyList<AcdInterval> Intervals(string? acd) =>
        Selected(acd).SelectMany(a => a.Intervals ?? [])
            .GroupBy(i => i.Index)
            .Select(g => new AcdInterval(g.Key, g.Sum(i => i.Offered), g.Sum(i => i.Answered), g.Sum(i => i.Abandoned)))
            .OrderBy(i => i.Index)
            .ToList();

    /// <summary>The logged-in agents shown, by state and busy reason, in the catalogue's order (ready first).</summary>
    public IReadOnlyList<(ReasonStyle Style, int Count)> Distribution(string? acd) =>
        AgentsOf(acd, includeLoggedOut: false)
            .GroupBy(a => Catalog.Of(a))
            .Select(g => (g.Key, g.Count()))
            .OrderBy(x => x.Key.Code ?? -1)
            .ToList();
}
