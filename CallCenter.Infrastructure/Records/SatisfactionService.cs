using CallCenter.Domain.Common;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Records;

/// <summary>The satisfaction list's filters on top of paging, search (caller, callee or agent) and tenant.</summary>
public sealed record SatisfactionListQuery : RecordListQuery
{
    public SatisfactionListQuery() { }
    public SatisfactionListQuery(ListQuery paging) : base(paging) { }
    /// <summary>ACD number, exact (e.g. 10001_8000).</summary>
    public string? Queue { get; init; }
    /// <summary>The key pressed; "" = surveys without a key.</summary>
    public string? Digit { get; init; }
}

public sealed record SatisfactionRow(long Id, int TenantId, DateTime StartTime, DateTime EndTime, string CallId, string Ani, string Dnis,
    int CallType, string? Digit, string StopCause, string IvrName, string? Agent, string? Queue)
{
    public string DirectionText => CallRecordService.DirectionText(CallType);
}

/// <summary>How many surveys of one agent got each key.</summary>
public sealed record AgentSatisfaction(string Agent, int Total, IReadOnlyDictionary<string, int> ByDigit);

/// <summary>The list's figures: surveys, how many got a key, the count per key, and per agent (most surveyed first).</summary>
public sealed record SatisfactionSummary(int Total, int Keyed, IReadOnlyList<(string Digit, int Count)> ByDigit,
    IReadOnlyList<AgentSatisfaction> ByAgent);

/// <summary>One group of §6.27's counts: surveys of a tenant, agent and ACD that got one key.</summary>
public sealed record SurveyCount(int TenantId, string? Agent, string? Queue, string Digit, int Count);

/// <summary>Reads the satisfaction survey results the engine records (<see cref="SatisfactionRecord"/>) and counts them.</summary>
public sealed class SatisfactionService(IDbContextFactory<CallCenterDbContext> dbFactory)
    : RecordListService<SatisfactionListQuery, SatisfactionRow>(dbFactory)
{
    /// <summary>Agents shown in the summary.</summary>
    public const int SummaryAgents = 10;

    protected override IQueryable<SatisfactionRow> Query(CallCenterDbContext db, SatisfactionListQuery q, TenantScope scope) => Project(Sorted(Filter(db, q, scope), q));

    /// <summary>The figures of the rows the list's filters select (its search included).</summary>
    public async Task<SatisfactionSummary> SummaryAsync(SatisfactionListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var groups = await Filter(db, q, scope).GroupBy(r => new { r.Agent, r.IvrDtmfDigit })
            .Select(g => new { g.Key.Agent, g.Key.IvrDtmfDigit, Count = g.Count() }).ToListAsync(ct);
        var byDigit = groups.Where(g => g.IvrDtmfDigit is not null).GroupBy(g => g.IvrDtmfDigit!)
            .Select(g => (Digit: g.Key, Count: g.Sum(x => x.Count))).OrderBy(x => x.Digit, StringComparer.Ordinal).ToList();
        var byAgent = groups.Where(g => g.Agent is not null).GroupBy(g => g.Agent!)
            .Select(g => new AgentSatisfaction(g.Key, g.Sum(x => x.Count),
                g.Where(x => x.IvrDtmfDigit is not null).ToDictionary(x => x.IvrDtmfDigit!, x => x.Count)))
            .OrderByDescending(a => a.Total).ThenBy(a => a.Agent, StringComparer.Ordinal).Take(SummaryAgents).ToList();
        return new SatisfactionSummary(groups.Sum(g => g.Count), byDigit.Sum(d => d.Count), byDigit, byAgent);
    }

    /// <summary>
    /// §6.27's raw figures: the surveys of these tenants (started within the window, UTC, inclusive) that got one of
    /// these keys, counted by tenant, agent, ACD and key.
    /// </summary>
    public async Task<List<SurveyCount>> CountAsync(IReadOnlyCollection<int> tenants, DateTime? fromUtc, DateTime? toUtc,
        IReadOnlyCollection<string> digits, CancellationToken ct = default)
    {
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var q = db.SatisfactionRecords.AsNoTracking().Where(r => tenants.Contains(r.TenantId) && digits.Contains(r.IvrDtmfDigit!));
        if (fromUtc is { } from) q = q.Where(r => r.StartTime >= from);
        if (toUtc is { } to) q = q.Where(r => r.StartTime <= to);
        var rows = await q.GroupBy(r => new { r.TenantId, r.Agent, r.Queue, r.IvrDtmfDigit })
            .Select(g => new { g.Key.TenantId, g.Key.Agent, g.Key.Queue, g.Key.IvrDtmfDigit, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => new SurveyCount(r.TenantId, r.Agent, r.Queue, r.IvrDtmfDigit!, r.Count)).ToList();
    }

    private static IQueryable<SatisfactionRecord> Filter(CallCenterDbContext db, SatisfactionListQuery q, TenantScope scope)
    {
        var rows = InScope(db.SatisfactionRecords.AsNoTracking(), scope, q.TenantId);
        rows = Between(rows, r => r.StartTime, q);
        if (AgentOf(q) is { } agent) rows = rows.Where(r => r.Agent == agent);
        if (!string.IsNullOrWhiteSpace(q.Queue))
        {
            var queue = q.Queue.Trim();
            rows = rows.Where(r => r.Queue == queue);
        }
        if (q.Digit is { } digit) rows = digit.Length == 0 ? rows.Where(r => r.IvrDtmfDigit == null) : rows.Where(r => r.IvrDtmfDigit == digit);
        if (Like(q) is { } like)
            rows = rows.Where(r => EF.Functions.Like(r.Ani, like, "\\") || EF.Functions.Like(r.Dnis, like, "\\")
                                   || EF.Functions.Like(r.Agent ?? "", like, "\\"));
        return rows;
    }

    private static IQueryable<SatisfactionRecord> Sorted(IQueryable<SatisfactionRecord> rows, ListQuery q) =>
        Order(rows, r => r.StartTime, descending: !(q.SortBy == "StartTime" && !q.Descending));

    private static IQueryable<SatisfactionRow> Project(IQueryable<SatisfactionRecord> rows) =>
        rows.Select(r => new SatisfactionRow(r.Id, r.TenantId, r.StartTime, r.EndTime, r.CallId, r.Ani, r.Dnis, r.CallType, r.IvrDtmfDigit,
            r.StopCause, r.IvrName, r.Agent, r.Queue));
}
