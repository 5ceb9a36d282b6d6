using CallCenter.Domain.Common;

namespace CallCenter.Domain.RestTemplates;

/// <summary>
/// A rest-time template (休息时间模板). It names a rest (lunch, break) with its default length, and may carry the
/// §6.41/§7.4 period (<c>startStamp</c>–<c>endStamp</c>, time of day) during which at most <c>restNum</c> agents
/// of the business type may rest at once. Periods of one tenant must not overlap (§7.4).
/// </summary>
public class RestTemplate
{
    public int Id { get; set; }
    public int TenantId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Default rest length in seconds (sent as <c>attachDatas.limit</c> with a rest request).</summary>
    public int Duration { get; set; } = 900;
    /// <summary>Business type code (spec <c>typeCode</c>).</summary>
    public string? TypeCode { get; set; }
    public int? DepartmentId { get; set; }
    public TimeOnly? StartStamp { get; set; }
    public TimeOnly? EndStamp { get; set; }
    /// <summary>Maximum agents resting at once during the period; 0 = the tenant's limit applies.</summary>
    public int RestNum { get; set; }
    public DateTime CreatedTime { get; set; }

    public bool HasPeriod => StartStamp is not null && EndStamp is not null;

    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator();
        v.Required(nameof(Name), Name, "Name", 64);
        v.Range(nameof(Duration), Duration, 60, 86_400, "Rest length (s)");
        v.Optional(nameof(TypeCode), TypeCode, "Business type code", 32);
        v.Range(nameof(RestNum), RestNum, 0, 10_000, "Rest limit");
        if ((StartStamp is null) != (EndStamp is null))
            v.Add(StartStamp is null ? nameof(StartStamp) : nameof(EndStamp), "Give both the period start and end, or neither.");
        else if (StartStamp is not null && EndStamp <= StartStamp)
            v.Add(nameof(EndStamp), "Period end must be later than its start.");
        return v.Errors;
    }

    /// <summary>True when both have periods and they share any second (§7.4: periods must not overlap).</summary>
    public bool Overlaps(RestTemplate other) =>
        HasPeriod && other.HasPeriod && StartStamp <= other.EndStamp && other.StartStamp <= EndStamp;
}
