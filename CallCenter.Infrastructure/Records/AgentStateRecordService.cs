using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Records;

/// <summary>The agent-state records list's filters: state on top of days, agent, tenant and search (agent or extension).</summary>
public sealed record AgentStateRecordListQuery : RecordListQuery
{
    public AgentStateRecordListQuery() { }
    public AgentStateRecordListQuery(Domain.Common.ListQuery paging) : base(paging) { }
    /// <summary>0 logged out, 1 ready, 2 busy; null = any.</summary>
    public int? State { get; init; }
}

/// <summary>One interval an agent spent in one state (§6.38), with the state's name as the console shows it.</summary>
public sealed record AgentStateRow(long Id, int TenantId, string Agent, string? Extension, int State, int ReasonCode,
    DateTime StartTime, DateTime EndTime, int HoldTime, string? TypeCode, string StateText = "");

/// <summary>The agent-state records (§6.38), newest first, named with the built-in and the tenants' custom reasons.</summary>
public sealed class AgentStateRecordService(IDbContextFactory<CallCenterDbContext> dbFactory)
    : RecordListService<AgentStateRecordListQuery, AgentStateRow>(dbFactory)
{
    protected override IQueryable<AgentStateRow> Query(CallCenterDbContext db, AgentStateRecordListQuery q, TenantScope scope)
    {
        var records = InScope(db.AgentStateRecords.AsNoTracking(), scope, q.TenantId);
        if (q.State is { } state) records = records.Where(r => r.State == state);
        records = Between(records, r => r.StartTime, q);
        if (AgentOf(q) is { } agent) records = records.Where(r => r.Agent == agent);
        if (Like(q) is { } like)
            records = records.Where(r => EF.Functions.Like(r.Agent, like, "\\") || EF.Functions.Like(r.Extension ?? "", like, "\\"));
        records = q.SortBy switch
        {
            "HoldTime" => Order(records, r => r.HoldTime, q.Descending),
            "StartTime" when !q.Descending => Order(records, r => r.StartTime, false),
            _ => Order(records, r => r.StartTime, true),
        };
        return records.Select(r => new AgentStateRow(r.Id, r.TenantId, r.Agent, r.Extension, r.State, r.ReasonCode, r.StartTime,
            r.EndTime, r.HoldTime, r.TypeCode, ""));
    }

    protected override async Task<Func<AgentStateRow, AgentStateRow>?> FinisherAsync(CallCenterDbContext db, AgentStateRecordListQuery q,
        TenantScope scope, CancellationToken ct)
    {
        var custom = db.CustomAgentStates.AsNoTracking();
        if (scope.Narrow(q.TenantId) is { } only) custom = custom.Where(c => c.TenantId == only);
        var texts = (await custom.Select(c => new { c.TenantId, c.ReasonCode, c.ReasonText }).ToListAsync(ct))
            .GroupBy(c => (c.TenantId, c.ReasonCode)).ToDictionary(g => g.Key, g => g.First().ReasonText);
        return row => row with { StateText = ConsoleText(row.State, row.ReasonCode, texts.GetValueOrDefault((row.TenantId, row.ReasonCode))) };
    }

    /// <summary>One tenant's custom busy reasons, code → text (for <see cref="WireText"/>).</summary>
    public static async Task<IReadOnlyDictionary<int, string>> CustomTextsAsync(CallCenterDbContext db, int tenantId, CancellationToken ct)
    {
        var custom = await db.CustomAgentStates.AsNoTracking().Where(c => c.TenantId == tenantId)
            .Select(c => new { c.ReasonCode, c.ReasonText }).ToListAsync(ct);
        return custom.GroupBy(c => c.ReasonCode).ToDictionary(g => g.Key, g => g.First().ReasonText);
    }

    /// <summary>§6.38 <c>stateText</c>: 登出 / 空闲, or the busy reason's name (built-in, else the tenant's custom one, else 忙碌).</summary>
    public static string WireText(int state, int reasonCode, IReadOnlyDictionary<int, string> custom) => state switch
    {
        0 => "登出",
        1 => "空闲",
        _ => AgentStateCatalog.BuiltInReasons.FirstOrDefault(b => b.Code == reasonCode)?.Text
             ?? custom.GetValueOrDefault(reasonCode) ?? "忙碌",
    };

    /// <summary>The console's name of a state: Logged out / Ready / Busy · reason (built-in English name, or the custom text).</summary>
    public static string ConsoleText(int state, int reasonCode, string? customText) => state switch
    {
        0 => "Logged out",
        1 => "Ready",
        _ => "Busy · " + (AgentStateCatalog.BuiltInReasons.FirstOrDefault(b => b.Code == reasonCode)?.EnglishText
                          ?? customText ?? $"reason {reasonCode}"),
    };
}
