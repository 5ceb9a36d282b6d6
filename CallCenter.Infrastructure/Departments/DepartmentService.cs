using CallCenter.Domain.Common;
using CallCenter.Domain.Departments;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Departments;

public sealed record DepartmentListQuery : ListQuery
{
    public DepartmentListQuery() { }
    public DepartmentListQuery(ListQuery paging) : base(paging) { }
}

public sealed record DepartmentRow(int Id, int TenantId, string Name, string? Description, int AgentCount, DateTime CreatedTime);

/// <summary>A department for pickers; <see cref="TenantId"/> tells them apart when several tenants are listed.</summary>
public sealed record DepartmentOption(int Id, int TenantId, string Name);

/// <summary>Departments: list, read, create, update, delete (refused while agents or rest templates use it).</summary>
public sealed class DepartmentService(IDbContextFactory<CallCenterDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<DepartmentRow>> ListAsync(DepartmentListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToPageAsync(q, ct);
    }

    /// <summary>Every matching row (for Excel export), in list order.</summary>
    public async Task<List<DepartmentRow>> ExportAsync(DepartmentListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToListAsync(ct);
    }

    private static IQueryable<DepartmentRow> Filter(CallCenterDbContext db, DepartmentListQuery q, TenantScope scope)
    {
        var departments = db.Departments.AsNoTracking();
        var only = scope.Narrow(q.TenantId);
        if (only is not null) departments = departments.Where(d => d.TenantId == only);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var like = QueryableExtensions.LikePattern(q.Search);
            departments = departments.Where(d => EF.Functions.Like(d.Name, like, "\\")
                                                 || EF.Functions.Like(d.Description ?? "", like, "\\"));
        }
        departments = q.SortBy switch
        {
            "Name" => q.Descending ? departments.OrderByDescending(d => d.Name) : departments.OrderBy(d => d.Name),
            "AgentCount" => q.Descending
                ? departments.OrderByDescending(d => db.Agents.Count(a => a.DepartmentId == d.Id)).ThenBy(d => d.Name)
                : departments.OrderBy(d => db.Agents.Count(a => a.DepartmentId == d.Id)).ThenBy(d => d.Name),
            "CreatedTime" => q.Descending ? departments.OrderByDescending(d => d.CreatedTime) : departments.OrderBy(d => d.CreatedTime),
            _ => q.Descending
                ? departments.OrderByDescending(d => d.TenantId).ThenByDescending(d => d.Name)
                : departments.OrderBy(d => d.TenantId).ThenBy(d => d.Name),
        };
        return departments.Select(d => new DepartmentRow(d.Id, d.TenantId, d.Name, d.Description,
            db.Agents.Count(a => a.DepartmentId == d.Id), d.CreatedTime));
    }

    /// <summary>Departments of one tenant (or of every tenant in scope when <paramref name="tenantId"/> is null), for pickers.</summary>
    public async Task<List<DepartmentOption>> OptionsAsync(int? tenantId, TenantScope scope, CancellationToken ct = default)
    {
        if (tenantId is int t && !scope.Allows(t)) return new();
        var only = scope.Narrow(tenantId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Departments.AsNoTracking().Where(d => only == null || d.TenantId == only)
            .OrderBy(d => d.TenantId).ThenBy(d => d.Name)
            .Select(d => new DepartmentOption(d.Id, d.TenantId, d.Name)).ToListAsync(ct);
    }

    public async Task<Department?> GetAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        return department is not null && scope.Allows(department.TenantId) ? department : null;
    }

    public async Task<Result> CreateAsync(Department input, TenantScope scope, CancellationToken ct = default)
    {
        if (input.TenantId != 0 && !scope.Allows(input.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var errors = input.Validate();
        if (input.TenantId == 0) errors = errors.Prepend(new FieldError(nameof(Department.TenantId), "Choose a tenant.")).ToList();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == input.TenantId, ct))
            return Result.Invalid(nameof(Department.TenantId), $"Tenant {input.TenantId} does not exist.");
        var name = input.Name.Trim();
        if (await NameTakenAsync(db, input.TenantId, name, null, ct))
            return Result.Invalid(nameof(Department.Name), Duplicate(name, input.TenantId));
        var department = new Department { TenantId = input.TenantId, CreatedTime = clock.GetUtcNow().UtcDateTime };
        CopyEditable(input, department);
        db.Departments.Add(department);
        return await db.SaveUniqueAsync(ct, (nameof(Department.Name), Duplicate(name, input.TenantId)));
    }

    public async Task<Result> UpdateAsync(Department input, TenantScope scope, CancellationToken ct = default)
    {
        var errors = input.Validate();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == input.Id, ct);
        if (department is null) return Result.Refused("This department no longer exists.");
        if (!scope.Allows(department.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var name = input.Name.Trim();
        if (await NameTakenAsync(db, department.TenantId, name, department.Id, ct))
            return Result.Invalid(nameof(Department.Name), Duplicate(name, department.TenantId));
        CopyEditable(input, department);
        return await db.SaveUniqueAsync(ct, (nameof(Department.Name), Duplicate(name, department.TenantId)));
    }

    public async Task<Result> DeleteAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (department is null) return Result.Refused("This department no longer exists.");
        if (!scope.Allows(department.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var uses = new (string One, string Many, int Count)[]
        {
            ("agent", "agents", await db.Agents.CountAsync(a => a.DepartmentId == id, ct)),
            ("rest template", "rest templates", await db.RestTemplates.CountAsync(r => r.DepartmentId == id, ct)),
        }.Where(u => u.Count > 0).ToList();
        if (uses.Count > 0)
            return Result.Refused($"Department {department.Name} still has " +
                                  $"{string.Join(" and ", uses.Select(u => $"{u.Count} {(u.Count == 1 ? u.One : u.Many)}"))}. " +
                                  "Move them to another department or delete them first.");
        db.Departments.Remove(department);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static Task<bool> NameTakenAsync(CallCenterDbContext db, int tenantId, string name, int? exceptId, CancellationToken ct)
    {
        var lower = name.ToLower();
        return db.Departments.AnyAsync(d => d.TenantId == tenantId && d.Id != exceptId && d.Name.ToLower() == lower, ct);
    }

    private static string Duplicate(string name, int tenantId) => $"Department {name} already exists in tenant {tenantId}.";

    private static void CopyEditable(Department from, Department to)
    {
        to.Name = from.Name.Trim();
        to.Description = string.IsNullOrWhiteSpace(from.Description) ? null : from.Description.Trim();
    }
}
