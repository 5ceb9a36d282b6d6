using CallCenter.Domain.Records;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Records;
using static CallCenter.Web.Export.ExportEndpoints;

namespace CallCenter.Web.Export;

/// <summary>
/// Excel downloads of the history pages, for admins and supervisors (each within their tenant scope), with the pages'
/// search, filters and sort. Rows are streamed from the database into the workbook, never loaded all at once; the pages
/// run them as export jobs with progress (see <see cref="XlsxResult{T}"/>).
/// </summary>
public static class RecordExports
{
    public static void MapRecordExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/export").RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor));

        group.MapGet("/call-records.xlsx", (HttpContext http, CallRecordService svc, string? search, int? tenantId,
            int? direction, bool? answered, DateOnly? from, DateOnly? to, string? agent, string? sortBy, bool? descending) =>
            StreamRecords(http, svc, "call-records", new CallRecordListQuery
            {
                Search = search, TenantId = tenantId, Direction = direction, Answered = answered, From = from, To = to,
                Agent = agent, SortBy = sortBy, Descending = descending ?? false,
            }, Columns));

        group.MapGet("/recordings.xlsx", (HttpContext http, RecordingService svc, string? search, int? tenantId, int? callType,
            DateOnly? from, DateOnly? to, string? agent, string? sortBy, bool? descending) =>
            StreamRecords(http, svc, "recordings", new RecordingListQuery
            {
                Search = search, TenantId = tenantId, CallType = callType, From = from, To = to, Agent = agent,
                SortBy = sortBy, Descending = descending ?? false,
            }, RecordingColumns));

        group.MapGet("/queue-records.xlsx", (HttpContext http, QueueRecordService svc, string? search, int? tenantId, string? queue,
            string? outcome, DateOnly? from, DateOnly? to, string? agent, string? sortBy, bool? descending) =>
            StreamRecords(http, svc, "queue-records", new QueueRecordListQuery
            {
                Search = search, TenantId = tenantId, Queue = queue, Outcome = outcome, From = from, To = to, Agent = agent,
                SortBy = sortBy, Descending = descending ?? false,
            }, QueueColumns));

        group.MapGet("/ivr-records.xlsx", (HttpContext http, IvrRecordService svc, string? search, int? tenantId,
            string? executeContext, int? callType, DateOnly? from, DateOnly? to, string? sortBy, bool? descending) =>
            StreamRecords(http, svc, "ivr-records", new IvrRecordListQuery
            {
                Search = search, TenantId = tenantId, ExecuteContext = executeContext, CallType = callType, From = from, To = to,
                SortBy = sortBy, Descending = descending ?? false,
            }, IvrColumns));

        group.MapGet("/agent-state-records.xlsx", (HttpContext http, AgentStateRecordService svc, string? search, int? tenantId,
            int? state, DateOnly? from, DateOnly? to, string? agent, string? sortBy, bool? descending) =>
            StreamRecords(http, svc, "agent-state-records", new AgentStateRecordListQuery
            {
                Search = search, TenantId = tenantId, State = state, From = from, To = to, Agent = agent,
                SortBy = sortBy, Descending = descending ?? false,
            }, AgentStateColumns));
    }

    /// <summary>A history list's rows streamed into the workbook, counted first for the progress of an export job.</summary>
    public static IResult StreamRecords<TQuery, TRow>(HttpContext http, RecordListService<TQuery, TRow> svc, string name, TQuery q,
        IReadOnlyList<ExcelColumn<TRow>> columns) where TQuery : Domain.Common.ListQuery
    {
        var scope = http.User.Scope();
        return Xlsx(name, svc.ExportAsync(q, scope), columns, ct => svc.CountAsync(q, scope, ct));
    }

    private static string Local(DateTime utc) => CallRecordService.Local(utc);
    private static string? Local(DateTime? utc) => CallRecordService.Local(utc);

    public static readonly ExcelColumn<CallRecordRow>[] Columns =
    {
        new("Start", r => Local(r.StartStamp)), new("Tenant", r => r.TenantId),
        new("Direction", r => r.DirectionText), new("Caller", r => r.CallerIdNumber), new("Destination", r => r.DestinationNumber),
        new("Agent", r => r.Agent), new("Extension", r => r.Extension), new("ACD", r => r.QueueName),
        new("Answered", r => Local(r.AnswerStamp)), new("End", r => Local(r.EndStamp)),
        new("Talk (s)", r => r.Billsec), new("Duration (s)", r => r.Duration), new("Hang-up cause", r => r.HangupCause),
        new("Channel attr", r => r.ChannelAttr), new("Call id", r => r.CtiCallId),
    };

    /// <summary>§6.23's fields.</summary>
    public static readonly ExcelColumn<RecordingRecord>[] RecordingColumns =
    {
        new("Id", r => r.Id), new("Created", r => Local(r.CreateTime)), new("Tenant", r => r.TenantId),
        new("Direction", r => CallRecordService.DirectionText(r.CallType)), new("Number", r => r.Mobile), new("Agent", r => r.Agent),
        new("Extension", r => r.Extension), new("Duration (s)", r => r.Duration),
        new("Campaign", r => r.CampaignId < 0 ? null : r.CampaignId), new("File", r => r.Filename), new("Call id", r => r.CallId),
    };

    /// <summary>§6.19's fields and the outcome.</summary>
    public static readonly ExcelColumn<QueueRecord>[] QueueColumns =
    {
        new("Id", r => r.Id), new("Entered", r => Local(r.StartTime)), new("Left", r => Local(r.EndTime)), new("Tenant", r => r.TenantId),
        new("ACD", r => r.ThisQueue), new("ACD name", r => r.QueueName), new("Direction", r => CallRecordService.DirectionText(r.CallType)),
        new("Caller", r => r.CallerId), new("Wait (s)", r => r.HoldTime), new("Outcome", r => r.Outcome), new("Agent", r => r.Agent),
        new("Extension", r => r.Extension), new("Call id", r => r.CallId),
    };

    /// <summary>§6.17's fields.</summary>
    public static readonly ExcelColumn<IvrRecord>[] IvrColumns =
    {
        new("Id", r => r.Id), new("Start", r => Local(r.StartTime)), new("End", r => Local(r.EndTime)), new("Tenant", r => r.TenantId),
        new("Caller", r => r.Ani), new("Called", r => r.Dnis), new("Direction", r => CallRecordService.DirectionText(r.CallType)),
        new("Context", r => r.ExecuteContext), new("IVR id", r => r.IvrId), new("IVR", r => r.IvrName), new("ACD", r => r.ThisQueue),
        new("Time (s)", r => r.HoldTime), new("Session", r => r.IvrSessionId), new("Call id", r => r.CallId),
    };

    /// <summary>§6.38's fields.</summary>
    public static readonly ExcelColumn<AgentStateRow>[] AgentStateColumns =
    {
        new("Id", r => r.Id), new("Start", r => Local(r.StartTime)), new("End", r => Local(r.EndTime)), new("Tenant", r => r.TenantId),
        new("Agent", r => r.Agent), new("Extension", r => r.Extension), new("State", r => r.State), new("Reason code", r => r.ReasonCode),
        new("State text", r => r.StateText), new("Duration (s)", r => r.HoldTime), new("Business type", r => r.TypeCode),
    };
}
