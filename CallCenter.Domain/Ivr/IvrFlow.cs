using CallCenter.Domain.Common;

namespace CallCenter.Domain.Ivr;

/// <summary>An IVR flow (IVR流程, "route" in §6.16). Referenced by <c>ivr_id</c> in the protocol and by outbound projects.</summary>
public class IvrFlow
{
    public int Id { get; set; }
    public int TenantId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public DateTime CreatedTime { get; set; }

    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator();
        v.Required(nameof(Name), Name, "Name", 64);
        v.Optional(nameof(Description), Description, "Description", 500);
        return v.Errors;
    }
}
