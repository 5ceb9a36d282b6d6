using CallCenter.Domain.Common;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Records;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Cti;

/// <summary>Reads a tenant's configuration into the engine's immutable snapshot.</summary>
public sealed class TenantConfigLoader(IDbContextFactory<CallCenterDbContext> dbFactory)
{
    public async Task<TenantConfig?> LoadAsync(int tenantId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, ct);
        if (tenant is null) return null;
        var extensions = await db.Extensions.AsNoTracking().Where(e => e.TenantId == tenantId).ToListAsync(ct);
        var agents = await db.Agents.AsNoTracking().Where(a => a.TenantId == tenantId).ToListAsync(ct);
        var acds = await db.Acds.AsNoTracking().Include(a => a.Members).Where(a => a.TenantId == tenantId).ToListAsync(ct);
        var custom = await db.CustomAgentStates.AsNoTracking().Where(s => s.TenantId == tenantId && s.Enabled).Select(s => s.ReasonCode).ToListAsync(ct);
        var ivrs = await db.IvrFlows.AsNoTracking().Where(f => f.TenantId == tenantId).ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var blacklist = await db.Blacklist.AsNoTracking().Where(b => b.TenantId == tenantId && b.Status == 1).ToListAsync(ct);

        var extById = extensions.ToDictionary(e => e.Id, e => e.Number);
        var priorities = acds.SelectMany(a => a.Members.Select(m => (m.AgentId, Queue: a.QueueName, m.Priority)))
            .GroupBy(x => x.AgentId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.ToDictionary(x => x.Queue, x => x.Priority));
        var empty = (IReadOnlyDictionary<string, int>)new Dictionary<string, int>();
        return new TenantConfig(
            tenant.Id, tenant.Name, tenant.Status == AccountStatus.Enabled, tenant.AfterState, tenant.RestNum, tenant.BridgeAnswerTimeout,
            tenant.RecordType == RecordType.Bridge,
            agents.ToDictionary(a => a.Dn, a => new AgentConfig(a.Id, a.Dn, a.Code, a.NameCn,
                a.ExtensionId is int e && extById.TryGetValue(e, out var n) ? n : null, a.Status == AccountStatus.Enabled,
                priorities.GetValueOrDefault(a.Id) ?? empty, a.TypeCode, a.TypeText), StringComparer.Ordinal),
            extensions.ToDictionary(e => e.Number, e => new ExtensionConfig(e.Number, e.Status == AccountStatus.Enabled), StringComparer.Ordinal),
            acds.ToDictionary(a => a.QueueName, a => new AcdConfig(a.Id, a.QueueName, a.Name, a.Strategy, a.RingTimeout, a.MaxWaitTimeWithNoAgent,
                a.OverflowAction, a.OverflowTarget, a.OutboundNumber, a.ServiceLevelSeconds, a.SatisfactionIvrId), StringComparer.Ordinal),
            custom.ToHashSet(), ivrs, blacklist);
    }

    /// <summary>
    /// The tenant's queue records of calls that entered an ACD from <paramref name="sinceUtc"/> and had left it before
    /// <paramref name="beforeUtc"/> (what a new engine adds to today's ACD figures). Only the fields the figures need.
    /// </summary>
    public async Task<List<QueueRecord>> QueueRecordsAsync(int tenantId, DateTime sinceUtc, DateTime beforeUtc, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.QueueRecords.AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.StartTime >= sinceUtc && r.EndTime != null && r.EndTime < beforeUtc)
            .Select(r => new { r.ThisQueue, r.StartTime, r.EndTime, r.Outcome })
            .ToListAsync(ct);
        return rows.Select(r => new QueueRecord
        {
            TenantId = tenantId, ThisQueue = r.ThisQueue, StartTime = r.StartTime, EndTime = r.EndTime, Outcome = r.Outcome,
        }).ToList();
    }

    public async Task<List<int>> TenantIdsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tenants.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
    }
}
