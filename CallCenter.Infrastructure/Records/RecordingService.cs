using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Records;

/// <summary>The recordings list's filters: direction on top of days, agent, tenant and search (number, agent or call id).</summary>
public sealed record RecordingListQuery : RecordListQuery
{
    public RecordingListQuery() { }
    public RecordingListQuery(Domain.Common.ListQuery paging) : base(paging) { }
    /// <summary>1 internal, 2 inbound, 3 outbound; null = any.</summary>
    public int? CallType { get; init; }
}

/// <summary>
/// The recordings (§6.23) as the console lists them, newest first, and one recording with its file
/// (<see cref="RecordingStore"/>) for playing and downloading.
/// </summary>
public sealed class RecordingService(IDbContextFactory<CallCenterDbContext> dbFactory, RecordingStore files)
    : RecordListService<RecordingListQuery, RecordingRecord>(dbFactory)
{
    protected override IQueryable<RecordingRecord> Query(CallCenterDbContext db, RecordingListQuery q, TenantScope scope)
    {
        var records = InScope(db.Recordings.AsNoTracking(), scope, q.TenantId);
        if (q.CallType is { } type) records = records.Where(r => r.CallType == type);
        records = Between(records, r => r.CreateTime, q);
        if (AgentOf(q) is { } agent) records = records.Where(r => r.Agent == agent);
        if (Like(q) is { } like)
            records = records.Where(r => EF.Functions.Like(r.Mobile ?? "", like, "\\")
                                         || EF.Functions.Like(r.Agent ?? "", like, "\\")
                                         || EF.Functions.Like(r.CallId, like, "\\"));
        return q.SortBy switch
        {
            "Duration" => Order(records, r => r.Duration, q.Descending),
            "CreateTime" when !q.Descending => Order(records, r => r.CreateTime, false),
            _ => Order(records, r => r.CreateTime, true),
        };
    }

    /// <summary>One recording, or null when unknown or out of scope.</summary>
    public async Task<RecordingRecord?> FindAsync(long id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var row = await db.Recordings.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return row is not null && scope.Allows(row.TenantId) ? row : null;
    }

    /// <summary>The recording's file on disk, or null when the record is unknown, out of scope, or its file is missing.</summary>
    public async Task<(RecordingRecord Record, string? Path)?> FileAsync(long id, TenantScope scope, CancellationToken ct = default) =>
        await FindAsync(id, scope, ct) is { } row ? (row, files.ExistingPath(row.Filename)) : null;
}
