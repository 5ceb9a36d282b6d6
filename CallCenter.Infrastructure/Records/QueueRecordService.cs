using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Records;

/// <summary>The queue records list's filters: ACD and outcome on top of days, agent, tenant and search.</summary>
public sealed record QueueRecordListQuery : RecordListQuery
{
    public QueueRecordListQuery() { }
    public QueueRecordListQuery(Domain.Common.ListQuery paging) : base(paging) { }
    /// <summary>ACD number, exact (e.g. 10001_8000).</summary>
    public string? Queue { get; init; }
    /// <summary>answered | abandoned | timeout | transferred; null = any.</summary>
    public string? Outcome { get; init; }
}

/// <summary>The calls' stays in ACDs (§6.19), newest first, and one stay's steps (§6.20).</summary>
public sealed class QueueRecordService(IDbContextFactory<CallCenterDbContext> dbFactory)
    : RecordListService<QueueRecordListQuery, QueueRecord>(dbFactory)
{
    public static readonly string[] Outcomes = { "answered", "abandoned", "timeout", "transferred" };

    protected override IQueryable<QueueRecord> Query(CallCenterDbContext db, QueueRecordListQuery q, TenantScope scope)
    {
        var records = InScope(db.QueueRecords.AsNoTracking(), scope, q.TenantId);
        if (!string.IsNullOrWhiteSpace(q.Queue))
        {
            var queue = q.Queue.Trim();
            records = records.Where(r => r.ThisQueue == queue);
        }
        if (!string.IsNullOrWhiteSpace(q.Outcome)) records = records.Where(r => r.Outcome == q.Outcome);
        records = Between(records, r => r.StartTime, q);
        if (AgentOf(q) is { } agent) records = records.Where(r => r.Agent == agent);
        if (Like(q) is { } like)
            records = records.Where(r => EF.Functions.Like(r.CallerId, like, "\\")
                                         || EF.Functions.Like(r.CallId, like, "\\")
                                         || EF.Functions.Like(r.Agent ?? "", like, "\\"));
        return q.SortBy switch
        {
            "HoldTime" => Order(records, r => r.HoldTime, q.Descending),
            "StartTime" when !q.Descending => Order(records, r => r.StartTime, false),
            _ => Order(records, r => r.StartTime, true),
        };
    }

    /// <summary>The steps of one queue record in order; null when the record is unknown or out of scope.</summary>
    public async Task<IReadOnlyList<QueueStep>?> StepsAsync(long id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var tenant = await db.QueueRecords.Where(r => r.Id == id).Select(r => (int?)r.TenantId).FirstOrDefaultAsync(ct);
        if (tenant is not { } t || !scope.Allows(t)) return null;
        return await db.QueueSteps.AsNoTracking().Where(s => s.QueueRecordId == id)
            .OrderBy(s => s.Sequence).ThenBy(s => s.Id).ToListAsync(ct);
    }

    /// <summary>1 left the queue, 2 queuing (§6.20 queueStatus).</summary>
    public static string QueueStatusText(int status) => status switch { 1 => "Left the queue", 2 => "Queuing", _ => status.ToString() };

    /// <summary>1 offered to an agent, 2 agent rejected, 3 no answer (§6.20 nodeStatus).</summary>
    public static string NodeStatusText(int? status) => status switch
    {
        null => "—", 1 => "Offered to agent", 2 => "Agent rejected", 3 => "No answer", _ => status.ToString()!,
    };
}
