using CallCenter.Domain.Common;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Records;

/// <summary>The blacklist-call list's filters on top of paging, search (any of the numbers, or the agent) and tenant.</summary>
public sealed record BlacklistCallListQuery : ListQuery
{
    public BlacklistCallListQuery() { }
    public BlacklistCallListQuery(ListQuery paging) : base(paging) { }
    /// <summary>1 internal, 2 inbound, 3 outbound; null = any.</summary>
    public int? Direction { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Agent { get; init; }
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
        var rows = db.BlacklistCalls.AsNoTracking();
        if (scope.Narrow(q.TenantId) is int only) rows = rows.Where(r => r.TenantId == only);
        if (q.Direction is int direction) rows = rows.Where(r => r.CtiCallType == direction);
        var (fromUtc, toUtc) = CallRecordService.UtcRange(q.From, q.To);
        if (fromUtc is { } start) rows = rows.Where(r => r.StartStamp >= start);
        if (toUtc is { } end) rows = rows.Where(r => r.StartStamp < end);
        if (!string.IsNullOrWhiteSpace(q.Agent))
        {
            var agent = q.Agent.Trim();
            rows = rows.Where(r => r.Agent == agent);
        }
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var like = QueryableExtensions.LikePattern(q.Search);
            rows = rows.Where(r => EF.Functions.Like(r.CallerIdNumber, like, "\\") || EF.Functions.Like(r.DestinationNumber, like, "\\")
                                   || EF.Functions.Like(r.Agent ?? "", like, "\\"));
        }
        rows = q.SortBy == "StartStamp" && !q.Descending
            ? rows.OrderBy(r => r.StartStamp).ThenBy(r => r.Id)
            : rows.OrderByDescending(r => r.StartStamp).ThenByDescending(r => r.Id);
        return rows.Select(r => new BlacklistCallRow(r.Id, r.TenantId, r.StartStamp, r.CtiCallType, r.CallerIdNumber, r.DestinationNumber,
            r.BlockedNumber, r.Agent, r.Extension, r.CtiCallId));
    }
}
