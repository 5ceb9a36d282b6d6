using CallCenter.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure;

/// <summary>Which tenants a caller may see and change: one tenant, or all (<see cref="TenantId"/> null).</summary>
public sealed record TenantScope(int? TenantId)
{
    public static readonly TenantScope All = new((int?)null);
    public static TenantScope Of(int tenantId) => new(tenantId);

    public bool Allows(int tenantId) => TenantId is null || TenantId == tenantId;

    /// <summary>The tenant filter to apply: the scope's tenant, else the requested one (null = all).</summary>
    public int? Narrow(int? requested) => TenantId ?? requested;

    public const string OutOfScope = "This record belongs to another tenant.";
}

public static class QueryableExtensions
{
    /// <summary>Counts, then takes one page. Sorting must be applied before.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, ListQuery q, CancellationToken ct = default)
    {
        var total = await query.CountAsync(ct);
        var items = await query.Skip((q.SafePage - 1) * q.SafePageSize).Take(q.SafePageSize).ToListAsync(ct);
        return new Page<T>(items, total, q.SafePage, q.SafePageSize);
    }

    /// <summary>Escapes LIKE wildcards so a search for "10_0" matches literally.</summary>
    public static string LikePattern(string search) =>
        "%" + search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
