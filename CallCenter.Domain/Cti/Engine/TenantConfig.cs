using CallCenter.Domain.Acds;
using CallCenter.Domain.Blacklists;
using CallCenter.Domain.Tenants;

namespace CallCenter.Domain.Cti.Engine;

/// <summary>
/// What the engine needs of a tenant's configuration, as an immutable snapshot (loaded from the database by the host;
/// replaced as a whole when the configuration changes).
/// </summary>
public sealed record TenantConfig(
    int TenantId,
    string Name,
    bool Enabled,
    AfterCallState AfterState,
    int RestNum,
    int BridgeAnswerTimeout,
    bool RecordCalls,
    IReadOnlyDictionary<string, AgentConfig> AgentsByDn,
    IReadOnlyDictionary<string, ExtensionConfig> ExtensionsByNumber,
    IReadOnlyDictionary<string, AcdConfig> AcdsByNumber,
    IReadOnlySet<int> CustomReasonCodes,
    IReadOnlyDictionary<int, string> IvrFlows,
    IReadOnlyList<BlacklistEntry> Blacklist)
{
    public bool IsBlacklisted(string number, CallDirection direction, DateTime atUtc) =>
        Blacklist.Any(b => b.Mobile == number && b.Blocks(direction, atUtc));

    public AgentConfig? AgentByExtension(string extension) =>
        AgentsByDn.Values.FirstOrDefault(a => a.BoundExtension == extension);
}

public sealed record AgentConfig(int Id, string Dn, string Code, string NameCn, string? BoundExtension, bool Enabled,
    IReadOnlyDictionary<string, int> AcdPriorities, string? TypeCode, string? TypeText);

public sealed record ExtensionConfig(string Number, bool Enabled);

/// <param name="ServiceLevelSeconds">The service-level target: a call answered within it counts as answered in target.</param>
/// <param name="SatisfactionIvrId">The after-call survey flow of the ACD (null = none).</param>
public sealed record AcdConfig(int Id, string Number, string Name, RoutingStrategy Strategy, int RingTimeout, int MaxWait,
    OverflowAction Overflow, string? OverflowTarget, string? OutboundNumber,
    int ServiceLevelSeconds = Acds.AcdFigures.DefaultServiceLevelSeconds, int? SatisfactionIvrId = null);
