using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Records;

/// <summary>The IVR records list's filters: execute context and direction on top of days, tenant and search.</summary>
public sealed record IvrRecordListQuery : RecordListQuery
{
    public IvrRecordListQuery() { }
    public IvrRecordListQuery(Domain.Common.ListQuery paging) : base(paging) { }
    /// <summary>inbound_ivr | satisfaction_ivr | incall_ivr; null = any.</summary>
    public string? ExecuteContext { get; init; }
    /// <summary>1 internal, 2 inbound, 3 outbound; null = any.</summary>
    public int? CallType { get; init; }
}

/// <summary>The IVR sessions (§6.17), newest first, and one session's event trace (§6.18).</summary>
public sealed class IvrRecordService(IDbContextFactory<CallCenterDbContext> dbFactory)
    : RecordListService<IvrRecordListQuery, IvrRecord>(dbFactory)
{
    public static readonly string[] ExecuteContexts = { "inbound_ivr", "satisfaction_ivr", "incall_ivr" };

    protected override IQueryable<IvrRecord> Query(CallCenterDbContext db, IvrRecordListQuery q, TenantScope scope)
    {
        var records = InScope(db.IvrRecords.AsNoTracking(), scope, q.TenantId);
        if (!string.IsNullOrWhiteSpace(q.ExecuteContext)) records = records.Where(r => r.ExecuteContext == q.ExecuteContext);
        if (q.CallType is { } type) records = records.Where(r => r.CallType == type);
        records = Between(records, r => r.StartTime, q);
        if (Like(q) is { } like)
            records = records.Where(r => EF.Functions.Like(r.Ani, like, "\\")
                                         || EF.Functions.Like(r.Dnis, like, "\\")
                                         || EF.Functions.Like(r.CallId, like, "\\")
                                         || EF.Functions.Like(r.IvrName, like, "\\"));
        return q.SortBy switch
        {
            "HoldTime" => Order(records, r => r.HoldTime, q.Descending),
            "StartTime" when !q.Descending => Order(records, r => r.StartTime, false),
            _ => Order(records, r => r.StartTime, true),
        };
    }

    /// <summary>The events of one IVR session in order; null when the record is unknown or out of scope.</summary>
    public async Task<IReadOnlyList<IvrStepRecord>?> StepsAsync(long id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var tenant = await db.IvrRecords.Where(r => r.Id == id).Select(r => (int?)r.TenantId).FirstOrDefaultAsync(ct);
        if (tenant is not { } t || !scope.Allows(t)) return null;
        return await db.IvrSteps.AsNoTracking().Where(s => s.IvrRecordId == id)
            .OrderBy(s => s.EventSequence).ThenBy(s => s.Id).ToListAsync(ct);
    }
}
