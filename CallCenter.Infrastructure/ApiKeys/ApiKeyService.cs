using CallCenter.Domain.ApiKeys;
using CallCenter.Domain.Common;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.ApiKeys;

public sealed record ApiKeyRow(int Id, string Name, string Prefix, int? TenantId, string? CreatedBy, DateTime CreatedTime,
    DateTime? LastUsedTime, DateTime? RevokedTime);

/// <summary>Who called the API: the key and the tenant it is bound to (null = all tenants).</summary>
public sealed record ApiCaller(int KeyId, string KeyName, int? TenantId)
{
    public TenantScope Scope => new(TenantId);
}

/// <summary>API keys: issue (the key is returned once), list, revoke, and authenticate a presented key.</summary>
public sealed class ApiKeyService(IDbContextFactory<CallCenterDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How often a key's last-used time is written at most.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<Page<ApiKeyRow>> ListAsync(ListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = db.ApiKeys.AsNoTracking();
        var only = scope.Narrow(q.TenantId);
        if (only is not null) keys = keys.Where(k => k.TenantId == only);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var like = QueryableExtensions.LikePattern(q.Search);
            keys = keys.Where(k => EF.Functions.Like(k.Name, like, "\\") || EF.Functions.Like(k.Prefix, like, "\\"));
        }
        keys = q.SortBy switch
        {
            "Name" => q.Descending ? keys.OrderByDescending(k => k.Name) : keys.OrderBy(k => k.Name),
            "LastUsedTime" => q.Descending ? keys.OrderByDescending(k => k.LastUsedTime) : keys.OrderBy(k => k.LastUsedTime),
            _ => q.Descending ? keys.OrderBy(k => k.Id) : keys.OrderByDescending(k => k.Id),
        };
        return await keys.Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.TenantId, k.CreatedBy, k.CreatedTime, k.LastUsedTime, k.RevokedTime))
            .ToPageAsync(q, ct);
    }

    /// <summary>Creates a key for <paramref name="tenantId"/> (null = all tenants, only for an all-tenant caller).</summary>
    public async Task<(Result Result, string? Key)> CreateAsync(string name, int? tenantId, TenantScope scope, string? createdBy,
        CancellationToken ct = default)
    {
        if (tenantId is null && scope.TenantId is not null)
            return (Result.Invalid(nameof(ApiKey.TenantId), "Only a user who spans all tenants can create an all-tenant key."), null);
        if (tenantId is int t && !scope.Allows(t)) return (Result.Refused(TenantScope.OutOfScope), null);
        var key = new ApiKey { Name = name?.Trim() ?? "", TenantId = tenantId, CreatedBy = createdBy, CreatedTime = clock.GetUtcNow().UtcDateTime };
        var errors = key.Validate();
        if (errors.Count > 0) return (Result.Invalid(errors), null);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (tenantId is int tid && !await db.Tenants.AnyAsync(x => x.Id == tid, ct))
            return (Result.Invalid(nameof(ApiKey.TenantId), $"Tenant {tid} does not exist."), null);
        var text = key.Issue();
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return (Result.Ok(), text);
    }

    public async Task<Result> RevokeAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return Result.Refused($"API key {id} no longer exists.");
        if (key.TenantId is null ? scope.TenantId is not null : !scope.Allows(key.TenantId.Value))
            return Result.Refused(TenantScope.OutOfScope);
        if (key.Revoked) return Result.Ok();
        key.RevokedTime = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>The caller a presented key stands for; null when the key is unknown, malformed or revoked.</summary>
    public async Task<ApiCaller?> AuthenticateAsync(string? presented, CancellationToken ct = default)
    {
        var prefix = ApiKey.PrefixOf(presented);
        if (prefix is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Prefix == prefix, ct);
        if (key is null || !key.Matches(presented!)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedTime is null || now - key.LastUsedTime >= LastUsedResolution)
        {
            key.LastUsedTime = now;
            await db.SaveChangesAsync(ct);
        }
        return new ApiCaller(key.Id, key.Name, key.TenantId);
    }
}
