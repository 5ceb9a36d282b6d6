namespace CallCenter.Domain.Common;

/// <summary>
/// Directory numbers of the programmer's guide: an agent is <c>{tenant}_{code}</c> (10001_1000),
/// an ACD <c>{tenant}_{code}</c> (10001_8000). The tenant number is the tenant's primary key.
/// </summary>
public static class Dn
{
    public static string Of(int tenantId, string code) => $"{tenantId}_{code}";

    /// <summary>Splits <c>10001_1000</c> into (10001, "1000"); false for anything else.</summary>
    public static bool TryParse(string? dn, out int tenantId, out string code)
    {
        tenantId = 0;
        code = "";
        if (string.IsNullOrEmpty(dn)) return false;
        var i = dn.IndexOf('_');
        if (i <= 0 || i == dn.Length - 1) return false;
        if (!int.TryParse(dn.AsSpan(0, i), System.Globalization.NumberStyles.None, null, out tenantId)) return false;
        code = dn[(i + 1)..];
        return true;
    }
}

/// <summary>Account status used by tenants, agents and extensions: 1 enabled, 0 deregistered.</summary>
public enum AccountStatus
{
    Deregistered = 0,
    Enabled = 1,
}

/// <summary>A page of rows and the total across all pages (the spec's <c>totalCount</c>).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int CurrentPage, int PageSize);

/// <summary>Paging and search input shared by every list.</summary>
public record ListQuery
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 10;
    public string? Search { get; init; }
    public string? SortBy { get; init; }
    public bool Descending { get; init; }
    /// <summary>Restrict to one tenant; null = all tenants the caller may see.</summary>
    public int? TenantId { get; init; }

    public const int MaxPageSize = 1000;
    public int SafePage => Page < 1 ? 1 : Page;
    public int SafePageSize => PageSize < 1 ? 10 : Math.Min(PageSize, MaxPageSize);
}
