using CallCenter.Domain.Common;

namespace CallCenter.Domain.Tenants;

/// <summary>
/// A tenant ("resource group", 资源组). Its primary key is the tenant number of the spec (10001): it is the
/// <c>tenantId</c> of every request and the prefix of every agent and ACD number, so it never changes.
/// </summary>
public class Tenant
{
    public const int MinNumber = 1000;
    public const int MaxNumber = 99_999_999;

    /// <summary>The tenant number (spec <c>tenantId</c>), e.g. 10001. Chosen at creation, immutable.</summary>
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? Contact { get; set; }
    /// <summary>Gateway group id; "-1" means no gateway group bound (§6.4).</summary>
    public string GatewayGroup { get; set; } = "-1";
    public string? GatewayGroupName { get; set; }
    public RecordType RecordType { get; set; } = RecordType.Bridge;
    public AccountStatus Status { get; set; } = AccountStatus.Enabled;
    public AfterCallState AfterState { get; set; } = AfterCallState.Idle;
    /// <summary>Maximum number of agents resting at the same time (spec <c>restNum</c>); 0 = no limit.</summary>
    public int RestNum { get; set; }
    /// <summary>Mask customer numbers shown to agents (spec <c>hideNumber</c>).</summary>
    public bool HideNumber { get; set; }
    /// <summary>Outbound ringing timeout in seconds (spec <c>bridgeAnswerTimeout</c>).</summary>
    public int BridgeAnswerTimeout { get; set; } = 30;
    /// <summary>Maximum simultaneous calls of the tenant (§6.34 <c>tenantMaxConcurrent</c>); 0 = unlimited.</summary>
    public int MaxConcurrent { get; set; }
    /// <summary>Whether a business system has bound this tenant (§6.1 lists unbound ones).</summary>
    public bool Bound { get; set; }
    /// <summary>IANA time zone that defines the tenant's "today" for statistics; null = server local.</summary>
    public string? TimeZone { get; set; }
    /// <summary>Identifiers other source documents use for the same tenant (S001 vdnId, S000 entNum, S003 company_id).</summary>
    public int? VdnId { get; set; }
    public string? EntNum { get; set; }
    public string? CompanyId { get; set; }

    public OutboundSettings Outbound { get; set; } = new();
    public TenantFee Fee { get; set; } = new();
    public DateTime CreatedTime { get; set; }

    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator();
        if (Id < MinNumber || Id > MaxNumber)
            v.Add(nameof(Id), $"Tenant number must be a number from {MinNumber} to {MaxNumber}.");
        v.Required(nameof(Name), Name, "Name");
        v.Optional(nameof(Contact), Contact, "Contact", 100);
        if (string.IsNullOrWhiteSpace(GatewayGroup)) v.Add(nameof(GatewayGroup), "Gateway group is required (-1 for none).");
        else v.Optional(nameof(GatewayGroup), GatewayGroup, "Gateway group", 50);
        v.Optional(nameof(GatewayGroupName), GatewayGroupName, "Gateway group name", 100);
        v.OneOf(nameof(RecordType), RecordType, "Record type", RecordType.Bridge, RecordType.No);
        v.OneOf(nameof(Status), Status, "Status", AccountStatus.Enabled, AccountStatus.Deregistered);
        v.OneOf(nameof(AfterState), AfterState, "After-call state", AfterCallState.Idle, AfterCallState.WrapUp);
        v.Range(nameof(RestNum), RestNum, 0, 10_000, "Rest limit");
        v.Range(nameof(BridgeAnswerTimeout), BridgeAnswerTimeout, 5, 300, "Outbound ring timeout (s)");
        v.Range(nameof(MaxConcurrent), MaxConcurrent, 0, 1_000_000, "Max concurrent calls");
        // Blank means "server local" (the service stores it as null), and the service trims what it stores.
        if (!string.IsNullOrWhiteSpace(TimeZone) && !IsKnownTimeZone(TimeZone.Trim()))
            v.Add(nameof(TimeZone), $"Unknown time zone '{TimeZone}'.");
        foreach (var e in Outbound.Validate()) v.Add(e.Field, e.Message);
        foreach (var e in Fee.Validate()) v.Add(e.Field, e.Message);
        return v.Errors;
    }

    private static bool IsKnownTimeZone(string id)
    {
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (Exception) { return false; }
    }
}

/// <summary>Recording policy (spec <c>recordType</c>): record once bridged, or never.</summary>
public enum RecordType
{
    /// <summary>"bridge": record once the call is connected.</summary>
    Bridge = 1,
    /// <summary>"no": recording disabled.</summary>
    No = 0,
}

/// <summary>Agent state after a call (spec <c>afterState</c>): 1 idle, 2 busy in wrap-up (reason 0).</summary>
public enum AfterCallState
{
    Idle = 1,
    WrapUp = 2,
}

/// <summary>Dialer settings (§6.5 <c>outboundConfig</c>, §8.11).</summary>
public class OutboundSettings
{
    /// <summary>Default dialing ratio (§8.11 <c>ratio</c>).</summary>
    public decimal Ratio { get; set; } = 1m;
    public decimal MaxRatio { get; set; } = 3m;
    /// <summary>Interval between outbound calls, milliseconds.</summary>
    public int IdleTime { get; set; } = 2000;
    /// <summary>Voice group-call permission.</summary>
    public bool HasVgc { get; set; }
    /// <summary>Voice group-call interval, milliseconds.</summary>
    public int IvrIdleTime { get; set; } = 1000;
    public decimal IvrRatio { get; set; } = 1m;

    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator();
        v.Range("Outbound.Ratio", Ratio, 0.01m, 100m, "Dialing ratio");
        v.Range("Outbound.MaxRatio", MaxRatio, 0.01m, 100m, "Maximum dialing ratio");
        if (Ratio > MaxRatio) v.Add("Outbound.Ratio", "Dialing ratio cannot exceed the maximum ratio.");
        v.Range("Outbound.IdleTime", IdleTime, 0, 3_600_000, "Dial interval (ms)");
        v.Range("Outbound.IvrIdleTime", IvrIdleTime, 0, 3_600_000, "Voice group-call interval (ms)");
        v.Range("Outbound.IvrRatio", IvrRatio, 0.01m, 100m, "Voice group-call ratio");
        return v.Errors;
    }
}

/// <summary>Billing settings (§6.5 <c>tenantFee</c>).</summary>
public class TenantFee
{
    public decimal Balance { get; set; }
    public decimal CampaignRate { get; set; }
    public decimal InboundRate { get; set; }
    public decimal LimitFee { get; set; }
    public decimal MonthRate { get; set; }
    public decimal OutboundRate { get; set; }

    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator();
        v.Range("Fee.CampaignRate", CampaignRate, 0, 1000, "Group-call rate");
        v.Range("Fee.InboundRate", InboundRate, 0, 1000, "Inbound rate");
        v.Range("Fee.OutboundRate", OutboundRate, 0, 1000, "Manual-dial rate");
        v.Range("Fee.LimitFee", LimitFee, 0, 1_000_000, "Minimum charge");
        v.Range("Fee.MonthRate", MonthRate, 0, 1_000_000, "Monthly rental");
        return v.Errors;
    }
}
