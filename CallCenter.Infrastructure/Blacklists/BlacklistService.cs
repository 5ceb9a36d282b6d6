using CallCenter.Domain.Blacklists;
using CallCenter.Domain.Common;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Blacklists;

public sealed record BlacklistListQuery : ListQuery
{
    public BlacklistListQuery() { }
    public BlacklistListQuery(ListQuery paging) : base(paging) { }
    /// <summary>Only entries blocking exactly this direction setting (both / inbound / outbound).</summary>
    public BlacklistDirection? Direction { get; init; }
    /// <summary>1 in force, 0 disabled.</summary>
    public int? Status { get; init; }
}

public sealed record BlacklistRow(
    int Id, int TenantId, string? TenantName, string Mobile, string Name, BlacklistDirection CallType, int Status,
    DateTime? ValidFrom, DateTime? ValidUntil, string? Description, string? CreatedBy, DateTime CreatedTime);

/// <summary>Blacklisted numbers (§6.42, §7.11–7.13): list, read, create, update, delete, and the CTI check.</summary>
public sealed class BlacklistService(IDbContextFactory<CallCenterDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<BlacklistRow>> ListAsync(BlacklistListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToPageAsync(q, ct);
    }

    /// <summary>Every matching row (for Excel export), in list order.</summary>
    public async Task<List<BlacklistRow>> ExportAsync(BlacklistListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToListAsync(ct);
    }

    private static IQueryable<BlacklistRow> Filter(CallCenterDbContext db, BlacklistListQuery q, TenantScope scope)
    {
        var entries = db.Blacklist.AsNoTracking();
        var only = scope.Narrow(q.TenantId);
        if (only is not null) entries = entries.Where(x => x.TenantId == only);
        if (q.Direction is not null) entries = entries.Where(x => x.CallType == q.Direction);
        if (q.Status is not null) entries = entries.Where(x => x.Status == q.Status);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var like = QueryableExtensions.LikePattern(q.Search);
            entries = entries.Where(x => EF.Functions.Like(x.Mobile, like, "\\") || EF.Functions.Like(x.Name, like, "\\")
                                         || EF.Functions.Like(x.Description ?? "", like, "\\"));
        }
        entries = q.SortBy switch
        {
            "TenantId" => q.Descending ? entries.OrderByDescending(x => x.TenantId).ThenBy(x => x.Mobile) : entries.OrderBy(x => x.TenantId).ThenBy(x => x.Mobile),
            "Mobile" => q.Descending ? entries.OrderByDescending(x => x.Mobile) : entries.OrderBy(x => x.Mobile),
            "Name" => q.Descending ? entries.OrderByDescending(x => x.Name) : entries.OrderBy(x => x.Name),
            "CallType" => q.Descending ? entries.OrderByDescending(x => x.CallType) : entries.OrderBy(x => x.CallType),
            "Status" => q.Descending ? entries.OrderByDescending(x => x.Status) : entries.OrderBy(x => x.Status),
            "ValidFrom" => q.Descending ? entries.OrderByDescending(x => x.ValidFrom) : entries.OrderBy(x => x.ValidFrom),
            "ValidUntil" => q.Descending ? entries.OrderByDescending(x => x.ValidUntil) : entries.OrderBy(x => x.ValidUntil),
            "CreatedBy" => q.Descending ? entries.OrderByDescending(x => x.CreatedBy) : entries.OrderBy(x => x.CreatedBy),
            "CreatedTime" => q.Descending ? entries.OrderByDescending(x => x.CreatedTime).ThenByDescending(x => x.Id) : entries.OrderBy(x => x.CreatedTime).ThenBy(x => x.Id),
            // Default: newest first.
            _ => entries.OrderByDescending(x => x.Id),
        };
        return entries.Select(x => new BlacklistRow(x.Id, x.TenantId, db.Tenants.Where(t => t.Id == x.TenantId).Select(t => t.Name).FirstOrDefault(),
            x.Mobile, x.Name, x.CallType, x.Status, x.ValidFrom, x.ValidUntil, x.Description, x.CreatedBy, x.CreatedTime));
    }

    public async Task<BlacklistEntry?> GetAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.Blacklist.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return entry is not null && scope.Allows(entry.TenantId) ? entry : null;
    }

    /// <summary>Adds an entry; <paramref name="createdBy"/> is the console user (or agent number) creating it.</summary>
    public async Task<Result> CreateAsync(BlacklistEntry input, TenantScope scope, string? createdBy, CancellationToken ct = default)
    {
        if (input.TenantId <= 0) return Result.Invalid(nameof(BlacklistEntry.TenantId), "Choose a tenant.");
        if (!scope.Allows(input.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var errors = input.Validate();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == input.TenantId, ct))
            return Result.Invalid(nameof(BlacklistEntry.TenantId), $"Tenant {input.TenantId} does not exist.");
        var mobile = input.Mobile.Trim();
        if (await db.Blacklist.AnyAsync(x => x.TenantId == input.TenantId && x.Mobile == mobile, ct))
            return Duplicate(mobile, input.TenantId);
        var entry = new BlacklistEntry
        {
            TenantId = input.TenantId,
            CreatedByAgentId = input.CreatedByAgentId,
            CreatedBy = string.IsNullOrWhiteSpace(createdBy) ? null : createdBy.Trim(),
            CreatedTime = clock.GetUtcNow().UtcDateTime,
        };
        CopyEditable(input, entry);
        db.Blacklist.Add(entry);
        return await db.SaveUniqueAsync(ct, DuplicateError(mobile, input.TenantId));
    }

    /// <summary>Changes number, name, direction, status, validity and reason; the tenant and creator stay (§7.13).</summary>
    public async Task<Result> UpdateAsync(BlacklistEntry input, TenantScope scope, CancellationToken ct = default)
    {
        var errors = input.Validate();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.Blacklist.FirstOrDefaultAsync(x => x.Id == input.Id, ct);
        if (entry is null) return Result.Refused("This blacklist entry no longer exists.");
        if (!scope.Allows(entry.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var mobile = input.Mobile.Trim();
        if (await db.Blacklist.AnyAsync(x => x.TenantId == entry.TenantId && x.Mobile == mobile && x.Id != entry.Id, ct))
            return Duplicate(mobile, entry.TenantId);
        CopyEditable(input, entry);
        return await db.SaveUniqueAsync(ct, DuplicateError(mobile, entry.TenantId));
    }

    public async Task<Result> DeleteAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.Blacklist.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (entry is null) return Result.Refused("This blacklist entry no longer exists.");
        if (!scope.Allows(entry.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        db.Blacklist.Remove(entry);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>
    /// True when a call in <paramref name="direction"/> with <paramref name="number"/> is refused for the tenant at
    /// <paramref name="atUtc"/> (entry in force, inside its validity window, blocking that direction). For the CTI engine.
    /// </summary>
    public async Task<bool> IsBlockedAsync(int tenantId, string number, CallDirection direction, DateTime atUtc, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(number)) return false;
        var mobile = number.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.Blacklist.AsNoTracking().FirstOrDefaultAsync(x => x.TenantId == tenantId && x.Mobile == mobile, ct);
        return entry is not null && entry.Blocks(direction, atUtc);
    }

    private static (string Field, string Message) DuplicateError(string mobile, int tenantId) =>
        (nameof(BlacklistEntry.Mobile), $"{mobile} is already blacklisted in tenant {tenantId}.");

    private static Result Duplicate(string mobile, int tenantId)
    {
        var (field, message) = DuplicateError(mobile, tenantId);
        return Result.Invalid(field, message);
    }

    private static void CopyEditable(BlacklistEntry from, BlacklistEntry to)
    {
        to.Mobile = from.Mobile.Trim();
        to.Name = from.Name.Trim();
        to.CallType = from.CallType;
        to.Status = from.Status;
        to.ValidFrom = from.ValidFrom;
        to.ValidUntil = from.ValidUntil;
        to.Description = string.IsNullOrWhiteSpace(from.Description) ? null : from.Description.Trim();
    }
}
