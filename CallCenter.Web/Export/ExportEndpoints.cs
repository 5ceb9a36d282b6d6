using CallCenter.Domain.Common;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Tenants;

namespace CallCenter.Web.Export;

/// <summary>Excel downloads of the console lists: <c>GET /export/{list}.xlsx</c> with the list's search and filters.</summary>
public static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/export").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPeopleExports();
        group.MapListExports();

        group.MapGet("/tenants.xlsx", async (HttpContext http, TenantService svc, string? search, int? status, CancellationToken ct) =>
        {
            var rows = await svc.ExportAsync(new TenantListQuery { Search = search, Status = (AccountStatus?)status }, http.User.Scope(), ct);
            return await Xlsx(http, "tenants", rows, new ExcelColumn<TenantRow>[]
            {
                new("Number", r => r.Id), new("Name", r => r.Name), new("Contact", r => r.Contact),
                new("Status", r => r.Status == AccountStatus.Enabled ? "Enabled" : "Deregistered"),
                new("After call", r => r.AfterState == AfterCallState.Idle ? "Idle" : "Wrap-up"),
                new("Recording", r => r.RecordType == RecordType.Bridge ? "bridge" : "no"),
                new("Rest limit", r => r.RestNum), new("ACDs", r => r.AcdCount), new("Agents", r => r.AgentCount),
                new("Created", r => Local(r.CreatedTime)),
            }, ct);
        });
        group.MapAcdExports();
        group.MapUserExports();
        app.MapRecordExports();
        app.MapServiceRecordExports();
    }

    /// <summary>UTC storage time as the server's local "yyyy-MM-dd HH:mm:ss".</summary>
    public static string Local(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss");

    /// <summary>Writes the workbook into the response as an attachment named <c>{name}-{timestamp}.xlsx</c>.</summary>
    public static async Task<IResult> Xlsx<T>(HttpContext http, string name, IEnumerable<T> rows,
        IReadOnlyList<ExcelColumn<T>> columns, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await ExcelExport.WriteAsync(buffer, rows, columns, name, ct);
        buffer.Position = 0;
        return Results.File(buffer, ExcelExport.ContentType, $"{name}-{DateTime.Now:yyyyMMdd-HHmmss}.xlsx");
    }
}
