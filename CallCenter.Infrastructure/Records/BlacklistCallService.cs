using CallCenter.Domain.Common;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Records;

/// <summary>The blacklist-call list's filters on top of paging, search (any of the numbers, or the agent) and tenant.</summary>
public sealed record BlacklistCallListQuery : RecordListQuery
{
    public BlacklistCallListQuery() { }
    public BlacklistCallListQuery(ListQuery paging) : base(paging) { }
    /// <summary>1 internal, 2 inbound, 3 outbound; null = any.</summary>
    public int? Direction { get; init; }
}

public sealed record BlacklistCallRow(long Id, int TenantId, DateTime StartStamp, int CtiCallType, string CallerIdNumber,
    string DestinationNumber, string BlockedNumber, string? Agent, string? Extension, string CtiCallId)
{
    public string DirectionText => CallRecordService.DirectionText(CtiCallType);
}

/// <summary>Reads the calls the blacklist refused (<see cref="BlacklistCallRecord"/>, written by the engine).</summary>
public sealed class BlacklistCallService(IDbContextFactory<CallCenterDbContext> dbFactory)
    : RecordListService<BlacklistCallListQuery, BlacklistCallRow>(dbFactory)
{
    protected override IQueryable<BlacklistCallRow> Query(CallCenterDbContext db, BlacklistCallListQuery q, TenantScope scope) => Filter(db, q, scope);

    private static IQueryable<BlacklistCallRow> Filter(CallCenterDbContext db, BlacklistCallListQuery q, TenantScope scope)
    {
        var rows = InScope(db.BlacklistCalls.AsNoTracking(), scope, q.TenantId);
        if (q.Direction is int direction) rows = rows.Where(r => r.CtiCallType == direction);
        rows = Between(rows, r => r.StartStamp, q);
        if (AgentOf(q) is { } agent) rows = rows.Where(r => r.Agent == agent);
        if (Like(q) is { } like)
            rows = rows.Where(r => EF.Functions.Like(r.CallerIdNumber, like, "\\") || EF.Functions.Like(r.DestinationNumber, like, "\\")
                                   || EF.Functions.Like(r.Agent ?? "", like, "\\"));
        rows = Order(rows, r => r.StartStamp, descending: !(q.SortBy == "StartStamp" && !q.Descending));
        return rows.Select(r => new BlacklistCallRow(r.Id, r.TenantId, r.StartStamp, r.CtiCallType, r.CallerIdNumber, r.DestinationNumber,
            r.BlockedNumber, r.Agent, r.Extension, r.CtiCallId));
    }
}
