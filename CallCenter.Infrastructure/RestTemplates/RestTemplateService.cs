using CallCenter.Domain.Common;
using CallCenter.Domain.RestTemplates;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.RestTemplates;

public sealed record RestTemplateListQuery : ListQuery
{
    public RestTemplateListQuery() { }
    public RestTemplateListQuery(ListQuery paging) : base(paging) { }
}

public sealed record RestTemplateRow(
    int Id, int TenantId, string? TenantName, string Name, int Duration, string? TypeCode, int? DepartmentId,
    string? DepartmentName, TimeOnly? StartStamp, TimeOnly? EndStamp, int RestNum, DateTime CreatedTime)
{
    /// <summary>"HH:mm–HH:mm", or "any time" without a period.</summary>
    public string Period => RestTemplateService.FormatPeriod(StartStamp, EndStamp);
}

/// <summary>
/// Rest-time templates (§6.41, §7.4–7.6): list, read, create, update, delete. Names are unique per tenant, and the
/// periods of one tenant must not overlap (§7.4).
/// </summary>
public sealed class RestTemplateService(IDbContextFactory<CallCenterDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<RestTemplateRow>> ListAsync(RestTemplateListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToPageAsync(q, ct);
    }

    /// <summary>Every matching row (for Excel export), in list order.</summary>
    public async Task<List<RestTemplateRow>> ExportAsync(RestTemplateListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToListAsync(ct);
    }

    private static IQueryable<RestTemplateRow> Filter(CallCenterDbContext db, RestTemplateListQuery q, TenantScope scope)
    {
        var templates = db.RestTemplates.AsNoTracking();
        var only = scope.Narrow(q.TenantId);
        if (only is not null) templates = templates.Where(x => x.TenantId == only);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var like = QueryableExtensions.LikePattern(q.Search);
            templates = templates.Where(x => EF.Functions.Like(x.Name, like, "\\") || EF.Functions.Like(x.TypeCode ?? "", like, "\\"));
        }
        templates = q.SortBy switch
        {
            "Name" => q.Descending ? templates.OrderByDescending(x => x.Name) : templates.OrderBy(x => x.Name),
            "Duration" => q.Descending ? templates.OrderByDescending(x => x.Duration) : templates.OrderBy(x => x.Duration),
            "TypeCode" => q.Descending ? templates.OrderByDescending(x => x.TypeCode) : templates.OrderBy(x => x.TypeCode),
            "StartStamp" => q.Descending ? templates.OrderByDescending(x => x.StartStamp) : templates.OrderBy(x => x.StartStamp),
            "RestNum" => q.Descending ? templates.OrderByDescending(x => x.RestNum) : templates.OrderBy(x => x.RestNum),
            "CreatedTime" => q.Descending ? templates.OrderByDescending(x => x.CreatedTime).ThenByDescending(x => x.Id) : templates.OrderBy(x => x.CreatedTime).ThenBy(x => x.Id),
            "TenantId" when q.Descending => templates.OrderByDescending(x => x.TenantId).ThenBy(x => x.Name),
            _ => templates.OrderBy(x => x.TenantId).ThenBy(x => x.Name),
        };
        return templates.Select(x => new RestTemplateRow(x.Id, x.TenantId,
            db.Tenants.Where(t => t.Id == x.TenantId).Select(t => t.Name).FirstOrDefault(),
            x.Name, x.Duration, x.TypeCode, x.DepartmentId,
            db.Departments.Where(d => d.Id == x.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            x.StartStamp, x.EndStamp, x.RestNum, x.CreatedTime));
    }

    /// <summary>The tenant's departments (id, name) for the department picker.</summary>
    public async Task<List<(int Id, string Name)>> DepartmentOptionsAsync(int tenantId, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(tenantId)) return new();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Departments.AsNoTracking().Where(d => d.TenantId == tenantId)
            .OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    public async Task<RestTemplate?> GetAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.RestTemplates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return template is not null && scope.Allows(template.TenantId) ? template : null;
    }

    public async Task<Result> CreateAsync(RestTemplate input, TenantScope scope, CancellationToken ct = default)
    {
        if (input.TenantId <= 0) return Result.Invalid(nameof(RestTemplate.TenantId), "Choose a tenant.");
        if (!scope.Allows(input.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var errors = input.Validate();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == input.TenantId, ct))
            return Result.Invalid(nameof(RestTemplate.TenantId), $"Tenant {input.TenantId} does not exist.");
        var template = new RestTemplate { TenantId = input.TenantId, CreatedTime = clock.GetUtcNow().UtcDateTime };
        CopyEditable(input, template);
        var conflict = await CheckAsync(db, template, ct);
        if (conflict is not null) return conflict;
        db.RestTemplates.Add(template);
        return await db.SaveUniqueAsync(ct, DuplicateError(template.Name, template.TenantId));
    }

    /// <summary>Changes everything but the tenant.</summary>
    public async Task<Result> UpdateAsync(RestTemplate input, TenantScope scope, CancellationToken ct = default)
    {
        var errors = input.Validate();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.RestTemplates.FirstOrDefaultAsync(x => x.Id == input.Id, ct);
        if (template is null) return Result.Refused("This rest template no longer exists.");
        if (!scope.Allows(template.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        CopyEditable(input, template);
        var conflict = await CheckAsync(db, template, ct);
        if (conflict is not null) return conflict;
        return await db.SaveUniqueAsync(ct, DuplicateError(template.Name, template.TenantId));
    }

    public async Task<Result> DeleteAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.RestTemplates.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (template is null) return Result.Refused("This rest template no longer exists.");
        if (!scope.Allows(template.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        db.RestTemplates.Remove(template);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>"HH:mm–HH:mm", or "any time" when there is no period.</summary>
    public static string FormatPeriod(TimeOnly? start, TimeOnly? end) =>
        start is null || end is null ? "any time" : $"{start:HH\\:mm}–{end:HH\\:mm}";

    /// <summary>The rules that need the database: unique name, own-tenant department, no overlapping period (§7.4).</summary>
    private static async Task<Result?> CheckAsync(CallCenterDbContext db, RestTemplate template, CancellationToken ct)
    {
        if (await db.RestTemplates.AnyAsync(x => x.TenantId == template.TenantId && x.Name == template.Name && x.Id != template.Id, ct))
        {
            var (field, message) = DuplicateError(template.Name, template.TenantId);
            return Result.Invalid(field, message);
        }
        if (template.DepartmentId is int departmentId
            && !await db.Departments.AnyAsync(d => d.Id == departmentId && d.TenantId == template.TenantId, ct))
            return Result.Invalid(nameof(RestTemplate.DepartmentId), $"Department {departmentId} does not belong to tenant {template.TenantId}.");
        if (template.HasPeriod)
        {
            var others = await db.RestTemplates.AsNoTracking()
                .Where(x => x.TenantId == template.TenantId && x.Id != template.Id && x.StartStamp != null && x.EndStamp != null)
                .ToListAsync(ct);
            var clash = others.OrderBy(x => x.StartStamp).FirstOrDefault(template.Overlaps);
            if (clash is not null)
                return Result.Invalid(nameof(RestTemplate.StartStamp),
                    $"Overlaps the period of '{clash.Name}' ({FormatPeriod(clash.StartStamp, clash.EndStamp)}).");
        }
        return null;
    }

    private static (string Field, string Message) DuplicateError(string name, int tenantId) =>
        (nameof(RestTemplate.Name), $"A rest template named '{name}' already exists in tenant {tenantId}.");

    private static void CopyEditable(RestTemplate from, RestTemplate to)
    {
        to.Name = from.Name.Trim();
        to.Duration = from.Duration;
        to.TypeCode = string.IsNullOrWhiteSpace(from.TypeCode) ? null : from.TypeCode.Trim();
        to.DepartmentId = from.DepartmentId;
        to.StartStamp = from.StartStamp;
        to.EndStamp = from.EndStamp;
        to.RestNum = from.RestNum;
    }
}
