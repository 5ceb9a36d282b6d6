using CallCenter.Domain.Common;
using CallCenter.Infrastructure.Agents;
using CallCenter.Infrastructure.Departments;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Extensions;
using CallCenter.Infrastructure.Identity;
using static CallCenter.Web.Export.ExportEndpoints;

namespace CallCenter.Web.Export;

/// <summary>Excel downloads of the departments, extensions and agents lists, with the same search and filters as the pages.</summary>
public static class PeopleExports
{
    public static void MapPeopleExports(this RouteGroupBuilder group)
    {
        group.MapGet("/departments.xlsx", async (HttpContext http, DepartmentService svc, string? search, int? tenantId, CancellationToken ct) =>
        {
            var rows = await svc.ExportAsync(new DepartmentListQuery { Search = search, TenantId = tenantId }, http.User.Scope(), ct);
            return await Xlsx(http, "departments", rows, new ExcelColumn<DepartmentRow>[]
            {
                new("Tenant", r => r.TenantId), new("Name", r => r.Name), new("Description", r => r.Description),
                new("Agents", r => r.AgentCount), new("Created", r => Local(r.CreatedTime)),
            }, ct);
        });

        group.MapGet("/extensions.xlsx", async (HttpContext http, ExtensionService svc, string? search, int? tenantId, int? status, CancellationToken ct) =>
        {
            var q = new ExtensionListQuery { Search = search, TenantId = tenantId, Status = (AccountStatus?)status };
            var rows = await svc.ExportAsync(q, http.User.Scope(), ct);
            return await Xlsx(http, "extensions", rows, new ExcelColumn<ExtensionRow>[]
            {
                new("Tenant", r => r.TenantId), new("Number", r => r.Number), new("Status", r => StatusText(r.Status)),
                new("Registered", r => r.Registered ? "Yes" : "No"), new("Agent", r => r.AgentDn ?? ""),
                new("Created", r => Local(r.CreatedTime)),
            }, ct);
        });

        group.MapGet("/agents.xlsx", async (HttpContext http, AgentService svc, string? search, int? tenantId, int? departmentId, int? status,
            CancellationToken ct) =>
        {
            var q = new AgentListQuery { Search = search, TenantId = tenantId, DepartmentId = departmentId, Status = (AccountStatus?)status };
            var rows = await svc.ExportAsync(q, http.User.Scope(), ct);
            return await Xlsx(http, "agents", rows, new ExcelColumn<AgentRow>[]
            {
                new("Agent number", r => r.Dn), new("Tenant", r => r.TenantId), new("Code", r => r.Code), new("Name", r => r.NameCn),
                new("Job number", r => r.JobNum), new("Department", r => r.DepartmentName), new("Extension", r => r.ExtensionNumber),
                new("ACDs", r => string.Join(", ", r.Acds)), new("Business type code", r => r.TypeCode),
                new("Business type", r => r.TypeText), new("Status", r => StatusText(r.Status)),
                new("Created", r => Local(r.CreatedTime)),
            }, ct);
        });
    }

    private static string StatusText(AccountStatus status) => status == AccountStatus.Enabled ? "Enabled" : "Deregistered";
}
