using CallCenter.Domain.Sms;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Records;
using CallCenter.Infrastructure.Sms;
using static CallCenter.Web.Export.ExportEndpoints;

namespace CallCenter.Web.Export;

/// <summary>
/// Excel downloads of the blacklist-call, satisfaction, voicemail and SMS pages (admins and supervisors, each within
/// their tenant scope, with the pages' search and filters; rows streamed from the database), and the voicemail
/// message files: <c>GET /records/voicemail/{id}/audio</c> plays in the browser (range requests), <c>?download=true</c>
/// offers it as a file.
/// </summary>
public static class ServiceRecordExports
{
    public static void MapServiceRecordExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/export").RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor));

        group.MapGet("/blacklist-calls.xlsx", (HttpContext http, BlacklistCallService svc, string? search, int? tenantId,
            int? direction, DateOnly? from, DateOnly? to, string? agent) =>
            RecordExports.StreamRecords(http, svc, "blacklist-calls", new BlacklistCallListQuery
            {
                Search = search, TenantId = tenantId, Direction = direction, From = from, To = to, Agent = agent,
            }, BlacklistCallColumns));

        group.MapGet("/satisfaction.xlsx", (HttpContext http, SatisfactionService svc, string? search, int? tenantId,
            DateOnly? from, DateOnly? to, string? agent, string? queue, string? digit) =>
            RecordExports.StreamRecords(http, svc, "satisfaction", new SatisfactionListQuery
            {
                Search = search, TenantId = tenantId, From = from, To = to, Agent = agent, Queue = queue, Digit = digit,
            }, SatisfactionColumns));

        group.MapGet("/voicemail.xlsx", (HttpContext http, VoicemailService svc, string? search, int? tenantId,
            DateOnly? from, DateOnly? to, string? mailbox) =>
            RecordExports.StreamRecords(http, svc, "voicemail", new VoicemailListQuery
            {
                Search = search, TenantId = tenantId, From = from, To = to, Mailbox = mailbox,
            }, VoicemailColumns));

        group.MapGet("/sms.xlsx", (HttpContext http, SmsService svc, string? search, int? tenantId, int? state, int? type,
            bool? read, DateOnly? from, DateOnly? to, string? agent) =>
            RecordExports.StreamRecords(http, svc, "sms", new SmsListQuery
            {
                Search = search, TenantId = tenantId, State = state, Type = type, Read = read, From = from, To = to, Agent = agent,
            }, SmsColumns));

        app.MapGet("/records/voicemail/{id:long}/audio", async (HttpContext http, VoicemailService svc, long id, bool? download,
                CancellationToken ct) =>
            await svc.FileAsync(id, http.User.Scope(), ct) is { } file
                ? Results.File(file.FullPath, "audio/wav", download == true ? file.DownloadName : null, enableRangeProcessing: true)
                : Results.NotFound())
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor));
    }

    public static readonly ExcelColumn<BlacklistCallRow>[] BlacklistCallColumns =
    {
        new("Time", r => CallRecordService.Local(r.StartStamp)), new("Tenant", r => r.TenantId), new("Direction", r => r.DirectionText),
        new("Caller", r => r.CallerIdNumber), new("Destination", r => r.DestinationNumber), new("Blacklisted number", r => r.BlockedNumber),
        new("Agent", r => r.Agent), new("Extension", r => r.Extension), new("Call id", r => r.CtiCallId),
    };

    public static readonly ExcelColumn<SatisfactionRow>[] SatisfactionColumns =
    {
        new("Start", r => CallRecordService.Local(r.StartTime)), new("Tenant", r => r.TenantId), new("Agent", r => r.Agent),
        new("ACD", r => r.Queue), new("Key", r => r.Digit), new("Result", r => r.StopCause), new("Caller", r => r.Ani),
        new("Called", r => r.Dnis), new("Direction", r => r.DirectionText), new("Survey flow", r => r.IvrName),
        new("End", r => CallRecordService.Local(r.EndTime)), new("Call id", r => r.CallId),
    };

    public static readonly ExcelColumn<VoicemailRow>[] VoicemailColumns =
    {
        new("Time", r => CallRecordService.Local(r.CreateTime)), new("Tenant", r => r.TenantId), new("Caller", r => r.CidNumber),
        new("Mailbox", r => r.UserName), new("Length (s)", r => r.Duration), new("ACD", r => r.Queue), new("File", r => r.FilePath),
        new("Call id", r => r.CallId),
    };

    public static readonly ExcelColumn<SmsRow>[] SmsColumns =
    {
        new("Time", r => CallRecordService.Local(r.CreatedTime)), new("Tenant", r => r.TenantId), new("Agent", r => r.Agent),
        new("Extension", r => r.Extension), new("To", r => r.Mobile), new("From", r => r.SourceMobile), new("State", r => r.StateText),
        new("Type", r => r.TypeText), new("Read", r => r.Read ? "Read" : "Unread"), new("Content", r => r.Content), new("Attribute", r => r.Attr),
        new("Call id", r => r.CalleeId), new("Failure", r => r.FailureReason),
    };
}
