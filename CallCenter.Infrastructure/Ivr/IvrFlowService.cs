using CallCenter.Domain.Acds;
using CallCenter.Domain.Common;
using CallCenter.Domain.Ivr;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Ivr;

public sealed record IvrFlowListQuery : ListQuery
{
    public IvrFlowListQuery() { }
    public IvrFlowListQuery(ListQuery paging) : base(paging) { }
}

public sealed record IvrFlowRow(int Id, int TenantId, string Name, string? Description, DateTime CreatedTime);

/// <summary>IVR flows: list, read, create, update, delete (refused while an ACD overflows to the flow).</summary>
public sealed class IvrFlowService(IDbContextFactory<CallCenterDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<IvrFlowRow>> ListAsync(IvrFlowListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToPageAsync(q, ct);
    }

    /// <summary>Every matching row (for Excel export), in list order.</summary>
    public async Task<List<IvrFlowRow>> ExportAsync(IvrFlowListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToListAsync(ct);
    }

    private static IQueryable<IvrFlowRow> Filter(CallCenterDbContext db, IvrFlowListQuery q, TenantScope scope)
    {
        var flows = db.IvrFlows.AsNoTracking();
        var only = scope.Narrow(q.TenantId);
        if (only is not null) flows = flows.Where(f => f.TenantId == only);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var like = QueryableExtensions.LikePattern(q.Search);
            var id = int.TryParse(q.Search.Trim(), out var n) ? n : -1;
            flows = flows.Where(f => f.Id == id || EF.Functions.Like(f.Name, like, "\\"));
        }
        IOrderedQueryable<IvrFlow> sorted = q.SortBy switch
        {
            "TenantId" => q.Descending ? flows.OrderByDescending(f => f.TenantId) : flows.OrderBy(f => f.TenantId),
            "Name" => q.Descending ? flows.OrderByDescending(f => f.Name) : flows.OrderBy(f => f.Name),
            "CreatedTime" => q.Descending ? flows.OrderByDescending(f => f.CreatedTime) : flows.OrderBy(f => f.CreatedTime),
            _ => q.Descending ? flows.OrderByDescending(f => f.Id) : flows.OrderBy(f => f.Id),
        };
        return sorted.ThenBy(f => f.Id).Select(f => new IvrFlowRow(f.Id, f.TenantId, f.Name, f.Description, f.CreatedTime));
    }

    /// <summary>The flow; null when missing or outside the scope.</summary>
    public async Task<IvrFlow?> GetAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var flow = await db.IvrFlows.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        return flow is not null && scope.Allows(flow.TenantId) ? flow : null;
    }

    public async Task<Result> CreateAsync(IvrFlow input, TenantScope scope, CancellationToken ct = default)
    {
        if (input.TenantId <= 0) return Result.Invalid(nameof(IvrFlow.TenantId), "Choose a tenant.");
        if (!scope.Allows(input.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var errors = input.Validate();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == input.TenantId, ct))
            return Result.Invalid(nameof(IvrFlow.TenantId), $"Tenant {input.TenantId} does not exist.");
        var name = input.Name.Trim();
        var duplicate = Duplicate(input.TenantId, name);
        if (await db.IvrFlows.AnyAsync(f => f.TenantId == input.TenantId && f.Name == name, ct))
            return Result.Invalid(duplicate.Field, duplicate.Message);
        var flow = new IvrFlow { TenantId = input.TenantId, CreatedTime = clock.GetUtcNow().UtcDateTime };
        CopyEditable(input, flow);
        db.IvrFlows.Add(flow);
        return await db.SaveUniqueAsync(ct, duplicate);
    }

    public async Task<Result> UpdateAsync(IvrFlow input, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(input.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var errors = input.Validate();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var flow = await db.IvrFlows.FirstOrDefaultAsync(f => f.Id == input.Id, ct);
        if (flow is null || !scope.Allows(flow.TenantId)) return Result.Refused($"IVR flow {input.Id} no longer exists.");
        if (flow.TenantId != input.TenantId)
            return Result.Refused($"IVR flow {flow.Id} belongs to tenant {flow.TenantId}; its tenant cannot be changed.");
        var name = input.Name.Trim();
        var duplicate = Duplicate(flow.TenantId, name);
        if (await db.IvrFlows.AnyAsync(f => f.TenantId == flow.TenantId && f.Name == name && f.Id != flow.Id, ct))
            return Result.Invalid(duplicate.Field, duplicate.Message);
        CopyEditable(input, flow);
        return await db.SaveUniqueAsync(ct, duplicate);
    }

    public async Task<Result> DeleteAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var flow = await db.IvrFlows.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (flow is null) return Result.Refused($"IVR flow {id} no longer exists.");
        if (!scope.Allows(flow.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var target = id.ToString();
        var overflowing = await db.Acds.AsNoTracking()
            .Where(a => a.TenantId == flow.TenantId && a.OverflowAction == OverflowAction.TransferToIvr && a.OverflowTarget == target)
            .OrderBy(a => a.Code).Select(a => a.Code).ToListAsync(ct);
        if (overflowing.Count > 0)
        {
            var who = string.Join(", ", overflowing.Select(c => $"ACD {Dn.Of(flow.TenantId, c)}"));
            return Result.Refused($"IVR flow {id} ({flow.Name}) cannot be deleted: {who} {(overflowing.Count == 1 ? "overflows" : "overflow")} to it. Change that overflow first.");
        }
        var surveying = await db.Acds.AsNoTracking()
            .Where(a => a.TenantId == flow.TenantId && a.SatisfactionIvrId == id)
            .OrderBy(a => a.Code).Select(a => a.Code).ToListAsync(ct);
        if (surveying.Count > 0)
        {
            var who = string.Join(", ", surveying.Select(c => $"ACD {Dn.Of(flow.TenantId, c)}"));
            return Result.Refused($"IVR flow {id} ({flow.Name}) cannot be deleted: {who} {(surveying.Count == 1 ? "uses" : "use")} it as the satisfaction survey. Change that first.");
        }
        db.IvrFlows.Remove(flow);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static (string Field, string Message) Duplicate(int tenantId, string name) =>
        (nameof(IvrFlow.Name), $"IVR flow \"{name}\" already exists in tenant {tenantId}.");

    private static void CopyEditable(IvrFlow from, IvrFlow to)
    {
        to.Name = from.Name.Trim();
        to.Description = string.IsNullOrWhiteSpace(from.Description) ? null : from.Description.Trim();
    }
}
