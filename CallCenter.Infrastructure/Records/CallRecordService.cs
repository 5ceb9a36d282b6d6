using CallCenter.Domain.Common;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Records;

/// <summary>The call records list's filters on top of paging, search (caller, destination or agent DN), tenant, days and agent.</summary>
public sealed record CallRecordListQuery : RecordListQuery
{
    public CallRecordListQuery() { }
    public CallRecordListQuery(ListQuery paging) : base(paging) { }
    /// <summary>1 internal, 2 inbound, 3 outbound; null = any.</summary>
    public int? Direction { get; init; }
    /// <summary>true: answered legs only; false: unanswered only; null = both.</summary>
    public bool? Answered { get; init; }
}

/// <summary>One leg as the list shows it. Times are UTC.</summary>
public sealed record CallRecordRow(
    long Id, int TenantId, string CtiCallId, DateTime StartStamp, DateTime? AnswerStamp, DateTime EndStamp, int CtiCallType,
    string CallerIdNumber, string DestinationNumber, string? Agent, string? Extension, string? QueueName, int Billsec,
    int Duration, string HangupCause, string? ChannelAttr)
{
    public string DirectionText => CallRecordService.DirectionText(CtiCallType);
    public bool Answered => AnswerStamp is not null;
}

/// <summary>One call: its legs in order, its queue stays and the data attached to it.</summary>
public sealed record CallDetail(string CtiCallId, int TenantId, IReadOnlyList<CallRecordRow> Legs,
    IReadOnlyList<QueueRecord> Queues, IReadOnlyList<AttachedDataRecord> AttachedData);

/// <summary>Reads the call history the CTI engine writes (<see cref="CallRecord"/>): list, one call's detail, export.</summary>
public sealed class CallRecordService(IDbContextFactory<CallCenterDbContext> dbFactory)
    : RecordListService<CallRecordListQuery, CallRecordRow>(dbFactory)
{
    public const int Internal = 1, Inbound = 2, Outbound = 3;

    public static string DirectionText(int callType) => callType switch
    {
        Internal => "Internal", Inbound => "Inbound", Outbound => "Outbound", _ => callType.ToString(),
    };

    /// <summary>UTC storage time as local "yyyy-MM-dd HH:mm:ss".</summary>
    public static string Local(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss");

    public static string? Local(DateTime? utc) => utc is { } t ? Local(t) : null;

    /// <summary>All legs of one call, its queue records and attached data; null when unknown or out of scope.</summary>
    public async Task<CallDetail?> GetCallAsync(string ctiCallId, TenantScope scope, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(ctiCallId)) return null;
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var legs = db.CallRecords.AsNoTracking().Where(r => r.CtiCallId == ctiCallId);
        if (scope.TenantId is { } only) legs = legs.Where(r => r.TenantId == only);
        var rows = await Project(legs.OrderBy(r => r.StartStamp).ThenBy(r => r.Id)).ToListAsync(ct);
        if (rows.Count == 0) return null;
        var tenant = rows[0].TenantId;
        var queues = await db.QueueRecords.AsNoTracking().Include(x => x.Steps)
            .Where(x => x.TenantId == tenant && x.CallId == ctiCallId).OrderBy(x => x.StartTime).ThenBy(x => x.Id).ToListAsync(ct);
        var data = await db.AttachedData.AsNoTracking()
            .Where(x => x.TenantId == tenant && x.CallId == ctiCallId).OrderBy(x => x.CreateTime).ThenBy(x => x.Id).ToListAsync(ct);
        return new CallDetail(ctiCallId, tenant, rows.Where(r => r.TenantId == tenant).ToList(), queues, data);
    }

    /// <summary>The local days [from, to] as a UTC half-open interval.</summary>
    public static (DateTime? FromUtc, DateTime? ToUtc) UtcRange(DateOnly? from, DateOnly? to) =>
        (from is { } f ? f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Local).ToUniversalTime() : null,
         // The calendar's last day has no next day: no upper bound then.
         to is { } t && t < DateOnly.MaxValue ? t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Local).ToUniversalTime() : null);

    protected override IQueryable<CallRecordRow> Query(CallCenterDbContext db, CallRecordListQuery q, TenantScope scope)
    {
        var records = InScope(db.CallRecords.AsNoTracking(), scope, q.TenantId);
        if (q.Direction is { } direction) records = records.Where(r => r.CtiCallType == direction);
        if (q.Answered == true) records = records.Where(r => r.AnswerStamp != null);
        if (q.Answered == false) records = records.Where(r => r.AnswerStamp == null);
        records = Between(records, r => r.StartStamp, q);
        if (AgentOf(q) is { } agent) records = records.Where(r => r.Agent == agent);
        if (Like(q) is { } like)
            records = records.Where(r => EF.Functions.Like(r.CallerIdNumber, like, "\\")
                                         || EF.Functions.Like(r.DestinationNumber, like, "\\")
                                         || EF.Functions.Like(r.Agent ?? "", like, "\\"));
        // Newest first unless a sort is asked for; the id breaks ties so paging is stable.
        records = q.SortBy switch
        {
            "Duration" => Order(records, r => r.Duration, q.Descending),
            "Billsec" => Order(records, r => r.Billsec, q.Descending),
            "StartStamp" when !q.Descending => Order(records, r => r.StartStamp, false),
            _ => Order(records, r => r.StartStamp, true),
        };
        return Project(records);
    }

    private static IQueryable<CallRecordRow> Project(IQueryable<CallRecord> records) =>
        records.Select(r => new CallRecordRow(r.Id, r.TenantId, r.CtiCallId, r.StartStamp, r.AnswerStamp, r.EndStamp, r.CtiCallType,
            r.CallerIdNumber, r.DestinationNumber, r.Agent, r.Extension, r.QueueName, r.Billsec, r.Duration, r.HangupCause, r.ChannelAttr));
}
