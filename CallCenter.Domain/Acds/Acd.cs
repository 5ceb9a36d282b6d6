using CallCenter.Domain.Common;

namespace CallCenter.Domain.Acds;

/// <summary>An ACD (queue, skill group). Its number is <c>{tenant}_{code}</c>, e.g. 10001_8000.</summary>
public class Acd
{
    public int Id { get; set; }
    public int TenantId { get; set; }
    /// <summary>Short code, e.g. "8000".</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public RoutingStrategy Strategy { get; set; } = RoutingStrategy.LongestIdleAgent;
    /// <summary>Displayed caller number on outbound calls (spec <c>outboundNumber</c>).</summary>
    public string? OutboundNumber { get; set; }
    /// <summary>Seconds an offered call rings an agent before it is re-routed.</summary>
    public int RingTimeout { get; set; } = 20;
    /// <summary>Maximum queue wait in seconds (spec <c>maxWaitTimeWithNoAgent</c>); then the overflow applies.</summary>
    public int MaxWaitTimeWithNoAgent { get; set; } = 60;
    public OverflowAction OverflowAction { get; set; } = OverflowAction.Hangup;
    /// <summary>
    /// Service-level target in seconds: a call answered within it counts as answered in target on the wallboard
    /// (decision W-sl). Not a field of the source.
    /// </summary>
    public int ServiceLevelSeconds { get; set; } = Cti.Acds.AcdFigures.DefaultServiceLevelSeconds;
    /// <summary>ACD number, IVR id, phone number or (voicemail) the mailbox owner's agent number the overflow sends the caller to.</summary>
    public string? OverflowTarget { get; set; }
    /// <summary>
    /// After-call satisfaction survey: when the agent of a call taken from this ACD hangs up first, the caller is put into
    /// this IVR flow (execute context <c>satisfaction_ivr</c>) and the key pressed is recorded (§6.26). Null = no survey.
    /// </summary>
    public int? SatisfactionIvrId { get; set; }
    public bool Bound { get; set; }
    public DateTime CreatedTime { get; set; }
    public List<AcdMember> Members { get; set; } = new();

    /// <summary>Full number (spec <c>queueName</c>/<c>thisQueue</c>).</summary>
    public string QueueName => Dn.Of(TenantId, Code);

    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator();
        v.Digits(nameof(Code), Code, "ACD code", 3, 8);
        v.Required(nameof(Name), Name, "Name");
        v.Optional(nameof(Description), Description, "Description", 500);
        if (OutboundNumber is { Length: > 0 } && (OutboundNumber.Length > 20 || !OutboundNumber.All(c => char.IsAsciiDigit(c) || c == '+')))
            v.Add(nameof(OutboundNumber), "Outbound number must be up to 20 digits (an optional leading +).");
        v.Range(nameof(RingTimeout), RingTimeout, 5, 300, "Ring timeout (s)");
        v.Range(nameof(MaxWaitTimeWithNoAgent), MaxWaitTimeWithNoAgent, 0, 86_400, "Queue timeout (s)");
        v.Range(nameof(ServiceLevelSeconds), ServiceLevelSeconds, 1, 3600, "Service-level target (s)");
        if (OverflowAction != OverflowAction.Hangup && string.IsNullOrWhiteSpace(OverflowTarget))
            v.Add(nameof(OverflowTarget), "An overflow target is required for this overflow action.");
        if (OverflowAction == OverflowAction.TransferToAcd && OverflowTarget is { Length: > 0 } t)
        {
            if (!Dn.TryParse(t, out var tid, out _) || tid != TenantId)
                v.Add(nameof(OverflowTarget), "Overflow ACD must be an ACD number of the same tenant, e.g. 10001_8001.");
            else if (t == QueueName)
                v.Add(nameof(OverflowTarget), "An ACD cannot overflow to itself.");
        }
        if (OverflowAction == OverflowAction.ToVoicemail && OverflowTarget is { Length: > 0 } box
            && (!Dn.TryParse(box.Trim(), out var boxTenant, out _) || boxTenant != TenantId))
            v.Add(nameof(OverflowTarget), "The voicemail box must be an agent number of the same tenant, e.g. 10001_1000.");
        var dup = Members.GroupBy(m => m.AgentId).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) v.Add(nameof(Members), "An agent can be a member of an ACD only once.");
        if (Members.Any(m => m.Priority < 1 || m.Priority > 100))
            v.Add(nameof(Members), "Member priority must be between 1 (highest) and 100.");
        return v.Errors;
    }
}

/// <summary>An agent's membership of an ACD. Priority 1 is offered calls first.</summary>
public class AcdMember
{
    public int AcdId { get; set; }
    public int AgentId { get; set; }
    public int Priority { get; set; } = 1;
}

/// <summary>Ring strategies of §1.9 (FreeSWITCH mod_callcenter names).</summary>
public enum RoutingStrategy
{
    LongestIdleAgent = 0,
    RoundRobin = 1,
    TopDown = 2,
    Random = 3,
    AgentWithLeastTalkTime = 4,
    AgentWithFewestCalls = 5,
    RingAll = 6,
}

/// <summary>What happens to a caller when the queue timeout expires.</summary>
public enum OverflowAction
{
    Hangup = 0,
    TransferToAcd = 1,
    TransferToIvr = 2,
    TransferToNumber = 3,
    /// <summary>The caller leaves a message in the voicemail box of the agent <see cref="Acd.OverflowTarget"/> names (§6.28).</summary>
    ToVoicemail = 4,
}

public static class RoutingStrategies
{
    private static readonly (RoutingStrategy Strategy, string Wire)[] Map =
    {
        (RoutingStrategy.LongestIdleAgent, "longest-idle-agent"),
        (RoutingStrategy.RoundRobin, "round-robin"),
        (RoutingStrategy.TopDown, "top-down"),
        (RoutingStrategy.Random, "random"),
        (RoutingStrategy.AgentWithLeastTalkTime, "agent-with-least-talk-time"),
        (RoutingStrategy.AgentWithFewestCalls, "agent-with-fewest-calls"),
        (RoutingStrategy.RingAll, "ring-all"),
    };

    /// <summary>The spec's wire name; longest-idle is emitted as <c>longest-idle-agent</c> (decision D-A7).</summary>
    public static string ToWire(this RoutingStrategy s) => Map.First(m => m.Strategy == s).Wire;

    /// <summary>Parses a wire name; also accepts the source's mangled <c>Stringest-idle-agent</c>.</summary>
    public static bool TryParse(string? wire, out RoutingStrategy strategy)
    {
        strategy = RoutingStrategy.LongestIdleAgent;
        if (string.IsNullOrWhiteSpace(wire)) return false;
        if (string.Equals(wire, "Stringest-idle-agent", StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var (s, w) in Map)
            if (string.Equals(w, wire, StringComparison.OrdinalIgnoreCase)) { strategy = s; return true; }
        return false;
    }

    public static IReadOnlyList<RoutingStrategy> All => Map.Select(m => m.Strategy).ToArray();
}
