using CallCenter.Domain.Common;

namespace CallCenter.Domain.Departments;

/// <summary>A department (部门, "skill group" in statistics paths). Agents belong to at most one.</summary>
public class Department
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
