using CallCenter.Domain.Blacklists;
using CallCenter.Infrastructure.AgentStates;
using CallCenter.Infrastructure.Blacklists;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.RestTemplates;

namespace CallCenter.Web.Export;

/// <summary>Excel downloads of the blacklist, rest templates and custom agent states, with each list's search and filters.</summary>
public static class ListExports
{
    public static void MapListExports(this RouteGroupBuilder group)
    {
        group.MapGet("/blacklist.xlsx", async (HttpContext http, BlacklistService svc, string? search, int? tenantId,
            int? direction, int? status, CancellationToken ct) =>
        {
            var q = new BlacklistListQuery
            {
                Search = search, TenantId = tenantId, Direction = (BlacklistDirection?)direction, Status = status,
            };
            var rows = await svc.ExportAsync(q, http.User.Scope(), ct);
            return await ExportEndpoints.Xlsx(http, "blacklist", rows, new ExcelColumn<BlacklistRow>[]
            {
                new("Tenant", r => r.TenantId), new("Number", r => r.Mobile), new("Name", r => r.Name),
                new("Direction", r => r.CallType switch
                {
                    BlacklistDirection.Inbound => "Inbound", BlacklistDirection.Outbound => "Outbound", _ => "Both",
                }),
                new("Status", r => r.Status == 1 ? "In force" : "Disabled"),
                new("Valid from", r => r.ValidFrom is { } v ? ExportEndpoints.Local(v) : null),
                new("Valid until", r => r.ValidUntil is { } v ? ExportEndpoints.Local(v) : null),
                new("Reason", r => r.Description), new("Created by", r => r.CreatedBy),
                new("Created", r => ExportEndpoints.Local(r.CreatedTime)),
            }, ct);
        });

        group.MapGet("/rest-templates.xlsx", async (HttpContext http, RestTemplateService svc, string? search, int? tenantId,
            CancellationToken ct) =>
        {
            var rows = await svc.ExportAsync(new RestTemplateListQuery { Search = search, TenantId = tenantId }, http.User.Scope(), ct);
            return await ExportEndpoints.Xlsx(http, "rest-templates", rows, new ExcelColumn<RestTemplateRow>[]
            {
                new("Tenant", r => r.TenantId), new("Name", r => r.Name),
                new("Length (min)", r => Math.Round(r.Duration / 60.0, 2)),
                new("Business type", r => r.TypeCode), new("Department", r => r.DepartmentName),
                new("Period start", r => r.StartStamp?.ToString("HH:mm")), new("Period end", r => r.EndStamp?.ToString("HH:mm")),
                new("Rest limit", r => r.RestNum), new("Created", r => ExportEndpoints.Local(r.CreatedTime)),
            }, ct);
        });

        group.MapGet("/agent-states.xlsx", async (HttpContext http, CustomAgentStateService svc, string? search, int? tenantId,
            CancellationToken ct) =>
        {
            var rows = await svc.ExportAsync(new CustomAgentStateListQuery { Search = search, TenantId = tenantId }, http.User.Scope(), ct);
            return await ExportEndpoints.Xlsx(http, "agent-states", rows, new ExcelColumn<CustomAgentStateRow>[]
            {
                new("Tenant", r => r.TenantId), new("State", _ => 2), new("Reason code", r => r.ReasonCode),
                new("Text", r => r.ReasonText), new("Colour", r => r.Color), new("Enabled", r => r.Enabled ? "Yes" : "No"),
                new("Created", r => ExportEndpoints.Local(r.CreatedTime)),
            }, ct);
        });
    }
}
