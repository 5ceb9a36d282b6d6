using CallCenter.Domain.Common;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Tenants;

public sealed record TenantListQuery : ListQuery
{
    public TenantListQuery() { }
    public TenantListQuery(ListQuery paging) : base(paging) { }
    public AccountStatus? Status { get; init; }
}

public sealed record TenantRow(
    int Id, string Name, string? Contact, AccountStatus Status, AfterCallState AfterState, RecordType RecordType,
    int RestNum, int AcdCount, int AgentCount, DateTime CreatedTime);

/// <summary>Tenants: list, read, create, update, delete (refused while anything still belongs to the tenant).</summary>
public sealed class TenantService(IDbContextFactory<CallCenterDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<TenantRow>> ListAsync(TenantListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToPageAsync(q, ct);
    }

    /// <summary>Every matching row (for Excel export), newest first as listed.</summary>
    public async Task<List<TenantRow>> ExportAsync(TenantListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToListAsync(ct);
    }

    private static IQueryable<TenantRow> Filter(CallCenterDbContext db, TenantListQuery q, TenantScope scope)
    {
        var tenants = db.Tenants.AsNoTracking();
        var only = scope.Narrow(q.TenantId);
        if (only is not null) tenants = tenants.Where(t => t.Id == only);
        if (q.Status is not null) tenants = tenants.Where(t => t.Status == q.Status);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var like = QueryableExtensions.LikePattern(q.Search);
            var number = int.TryParse(q.Search.Trim(), out var n) ? n : -1;
            tenants = tenants.Where(t => t.Id == number || EF.Functions.Like(t.Name, like, "\\")
                                         || EF.Functions.Like(t.Contact ?? "", like, "\\"));
        }
        tenants = q.SortBy switch
        {
            "Name" => q.Descending ? tenants.OrderByDescending(t => t.Name) : tenants.OrderBy(t => t.Name),
            "Status" => q.Descending ? tenants.OrderByDescending(t => t.Status) : tenants.OrderBy(t => t.Status),
            "CreatedTime" => q.Descending ? tenants.OrderByDescending(t => t.CreatedTime) : tenants.OrderBy(t => t.CreatedTime),
            _ => q.Descending ? tenants.OrderByDescending(t => t.Id) : tenants.OrderBy(t => t.Id),
        };
        return tenants.Select(t => new TenantRow(t.Id, t.Name, t.Contact, t.Status, t.AfterState, t.RecordType, t.RestNum,
            db.Acds.Count(a => a.TenantId == t.Id), db.Agents.Count(a => a.TenantId == t.Id), t.CreatedTime));
    }

    /// <summary>Id and name of every tenant in scope, for pickers.</summary>
    public async Task<List<(int Id, string Name)>> OptionsAsync(TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Tenants.AsNoTracking().Where(t => scope.TenantId == null || t.Id == scope.TenantId)
            .OrderBy(t => t.Id).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    public async Task<Tenant?> GetAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(id)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
    }

    public async Task<Result> CreateAsync(Tenant input, TenantScope scope, CancellationToken ct = default)
    {
        if (scope.TenantId is not null) return Result.Refused("Only a user who spans all tenants can create tenants.");
        var errors = input.Validate();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Tenants.AnyAsync(t => t.Id == input.Id, ct))
            return Result.Invalid(nameof(Tenant.Id), $"Tenant number {input.Id} is already in use.");
        var tenant = new Tenant { Id = input.Id, CreatedTime = clock.GetUtcNow().UtcDateTime };
        CopyEditable(input, tenant);
        db.Tenants.Add(tenant);
        return await db.SaveUniqueAsync(ct, (nameof(Tenant.Id), $"Tenant number {input.Id} is already in use."));
    }

    public async Task<Result> UpdateAsync(Tenant input, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(input.Id)) return Result.Refused(TenantScope.OutOfScope);
        var errors = input.Validate();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == input.Id, ct);
        if (tenant is null) return Result.Refused($"Tenant {input.Id} no longer exists.");
        CopyEditable(input, tenant);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> DeleteAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        if (scope.TenantId is not null) return Result.Refused("Only a user who spans all tenants can delete tenants.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null) return Result.Refused($"Tenant {id} no longer exists.");
        var uses = new (string What, int Count)[]
        {
            ("ACDs", await db.Acds.CountAsync(x => x.TenantId == id, ct)),
            ("agents", await db.Agents.CountAsync(x => x.TenantId == id, ct)),
            ("extensions", await db.Extensions.CountAsync(x => x.TenantId == id, ct)),
            ("departments", await db.Departments.CountAsync(x => x.TenantId == id, ct)),
            ("blacklist entries", await db.Blacklist.CountAsync(x => x.TenantId == id, ct)),
            ("rest templates", await db.RestTemplates.CountAsync(x => x.TenantId == id, ct)),
            ("custom agent states", await db.CustomAgentStates.CountAsync(x => x.TenantId == id, ct)),
            ("IVR flows", await db.IvrFlows.CountAsync(x => x.TenantId == id, ct)),
            ("console users", await db.Users.CountAsync(x => x.TenantId == id, ct)),
        }.Where(u => u.Count > 0).ToList();
        if (uses.Count > 0)
            return Result.Refused($"Tenant {id} still has {string.Join(", ", uses.Select(u => $"{u.Count} {u.What}"))}. Delete those first.");
        db.Tenants.Remove(tenant);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static void CopyEditable(Tenant from, Tenant to)
    {
        to.Name = from.Name.Trim();
        to.Contact = from.Contact?.Trim();
        to.GatewayGroup = from.GatewayGroup.Trim();
        to.GatewayGroupName = from.GatewayGroupName?.Trim();
        to.RecordType = from.RecordType;
        to.Status = from.Status;
        to.AfterState = from.AfterState;
        to.RestNum = from.RestNum;
        to.HideNumber = from.HideNumber;
        to.BridgeAnswerTimeout = from.BridgeAnswerTimeout;
        to.MaxConcurrent = from.MaxConcurrent;
        to.Bound = from.Bound;
        to.TimeZone = string.IsNullOrWhiteSpace(from.TimeZone) ? null : from.TimeZone.Trim();
        to.VdnId = from.VdnId;
        to.EntNum = from.EntNum;
        to.CompanyId = from.CompanyId;
        to.Outbound = new OutboundSettings
        {
            Ratio = from.Outbound.Ratio, MaxRatio = from.Outbound.MaxRatio, IdleTime = from.Outbound.IdleTime,
            HasVgc = from.Outbound.HasVgc, IvrIdleTime = from.Outbound.IvrIdleTime, IvrRatio = from.Outbound.IvrRatio,
        };
        to.Fee = new TenantFee
        {
            Balance = from.Fee.Balance, CampaignRate = from.Fee.CampaignRate, InboundRate = from.Fee.InboundRate,
            LimitFee = from.Fee.LimitFee, MonthRate = from.Fee.MonthRate, OutboundRate = from.Fee.OutboundRate,
        };
    }
}
