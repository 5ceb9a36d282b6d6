using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Records;
using static CallCenter.Web.Export.ExportEndpoints;

namespace CallCenter.Web.Export;

/// <summary>
/// Excel downloads of the history pages, for admins and supervisors (each within their tenant scope), with the pages'
/// search and filters. Rows are streamed from the database into the workbook, never loaded all at once.
/// </summary>
public static class RecordExports
{
    public static void MapRecordExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/export").RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor));

        group.MapGet("/call-records.xlsx", async (HttpContext http, CallRecordService svc, string? search, int? tenantId,
            int? direction, bool? answered, DateOnly? from, DateOnly? to, string? agent, string? sortBy, bool? descending,
            CancellationToken ct) =>
        {
            var q = new CallRecordListQuery
            {
                Search = search, TenantId = tenantId, Direction = direction, Answered = answered, From = from, To = to,
                Agent = agent, SortBy = sortBy, Descending = descending ?? false,
            };
            return await Xlsx(http, "call-records", svc.Export(q, http.User.Scope()), Columns, ct);
        });
    }

    public static readonly ExcelColumn<CallRecordRow>[] Columns =
    {
        new("Start", r => CallRecordService.Local(r.StartStamp)), new("Tenant", r => r.TenantId),
        new("Direction", r => r.DirectionText), new("Caller", r => r.CallerIdNumber), new("Destination", r => r.DestinationNumber),
        new("Agent", r => r.Agent), new("Extension", r => r.Extension), new("ACD", r => r.QueueName),
        new("Answered", r => CallRecordService.Local(r.AnswerStamp)), new("End", r => CallRecordService.Local(r.EndStamp)),
        new("Talk (s)", r => r.Billsec), new("Duration (s)", r => r.Duration), new("Hang-up cause", r => r.HangupCause),
        new("Channel attr", r => r.ChannelAttr), new("Call id", r => r.CtiCallId),
    };
}
