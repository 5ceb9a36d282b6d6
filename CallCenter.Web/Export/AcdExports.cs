using CallCenter.Domain.Acds;
using CallCenter.Infrastructure.Acds;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Ivr;

namespace CallCenter.Web.Export;

/// <summary>Excel downloads of the ACD and IVR flow lists, with the lists' search and filters.</summary>
public static class AcdExports
{
    public static void MapAcdExports(this RouteGroupBuilder group)
    {
        group.MapGet("/acds.xlsx", async (HttpContext http, AcdService svc, string? search, int? tenantId, string? strategy, CancellationToken ct) =>
        {
            RoutingStrategy? only = null;
            if (!string.IsNullOrWhiteSpace(strategy))
            {
                if (!RoutingStrategies.TryParse(strategy, out var s)) return Results.BadRequest($"Unknown strategy '{strategy}'.");
                only = s;
            }
            var rows = await svc.ExportAsync(new AcdListQuery { Search = search, TenantId = tenantId, Strategy = only }, http.User.Scope(), ct);
            return await ExportEndpoints.Xlsx(http, "acds", rows, new ExcelColumn<AcdExportRow>[]
            {
                new("ACD number", r => r.Acd.QueueName), new("Tenant", r => r.Acd.TenantId), new("Code", r => r.Acd.Code),
                new("Name", r => r.Acd.Name), new("Description", r => r.Acd.Description),
                new("Strategy", r => r.Acd.Strategy.ToWire()), new("Outbound number", r => r.Acd.OutboundNumber),
                new("Ring timeout (s)", r => r.Acd.RingTimeout), new("Queue timeout (s)", r => r.Acd.MaxWaitTimeWithNoAgent),
                new("Overflow", r => AcdOverflow.Label(r.Acd.OverflowAction)), new("Overflow target", r => r.Acd.OverflowTarget),
                new("Member count", r => r.Members.Count), new("Members", r => r.MembersText),
                new("Created", r => ExportEndpoints.Local(r.Acd.CreatedTime)),
            }, ct);
        });

        group.MapGet("/ivr-flows.xlsx", async (HttpContext http, IvrFlowService svc, string? search, int? tenantId, CancellationToken ct) =>
        {
            var rows = await svc.ExportAsync(new IvrFlowListQuery { Search = search, TenantId = tenantId }, http.User.Scope(), ct);
            return await ExportEndpoints.Xlsx(http, "ivr-flows", rows, new ExcelColumn<IvrFlowRow>[]
            {
                new("Id", r => r.Id), new("Tenant", r => r.TenantId), new("Name", r => r.Name),
                new("Description", r => r.Description), new("Created", r => ExportEndpoints.Local(r.CreatedTime)),
            }, ct);
        });
    }
}
