using CallCenter.Domain.Common;
using CallCenter.Domain.Extensions;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Extensions;

public sealed record ExtensionListQuery : ListQuery
{
    public ExtensionListQuery() { }
    public ExtensionListQuery(ListQuery paging) : base(paging) { }
    public AccountStatus? Status { get; init; }
}

public sealed record ExtensionRow(
    int Id, int TenantId, string Number, AccountStatus Status, bool Registered, string? AgentCode, DateTime CreatedTime)
{
    /// <summary>Number (DN) of the agent bound to this extension, e.g. 10001_1000; null when none is.</summary>
    public string? AgentDn => AgentCode is null ? null : Dn.Of(TenantId, AgentCode);
}

/// <summary>An extension for pickers.</summary>
public sealed record ExtensionOption(int Id, string Number);

/// <summary>Extensions (SIP accounts): list, read, create, update, delete (refused while an agent is bound to it).</summary>
public sealed class ExtensionService(IDbContextFactory<CallCenterDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<ExtensionRow>> ListAsync(ExtensionListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToPageAsync(q, ct);
    }

    /// <summary>Every matching row (for Excel export), in list order.</summary>
    public async Task<List<ExtensionRow>> ExportAsync(ExtensionListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToListAsync(ct);
    }

    private static IQueryable<ExtensionRow> Filter(CallCenterDbContext db, ExtensionListQuery q, TenantScope scope)
    {
        var extensions = db.Extensions.AsNoTracking();
        var only = scope.Narrow(q.TenantId);
        if (only is not null) extensions = extensions.Where(x => x.TenantId == only);
        if (q.Status is not null) extensions = extensions.Where(x => x.Status == q.Status);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var like = QueryableExtensions.LikePattern(q.Search);
            extensions = extensions.Where(x => EF.Functions.Like(x.Number, like, "\\"));
        }
        // Numbers are digit strings: shorter first, then by value, so 999 comes before 1000.
        extensions = q.SortBy switch
        {
            "Number" => q.Descending
                ? extensions.OrderByDescending(x => x.Number.Length).ThenByDescending(x => x.Number)
                : extensions.OrderBy(x => x.Number.Length).ThenBy(x => x.Number),
            "Status" => q.Descending ? extensions.OrderByDescending(x => x.Status) : extensions.OrderBy(x => x.Status),
            "Registered" => q.Descending ? extensions.OrderByDescending(x => x.Registered) : extensions.OrderBy(x => x.Registered),
            "CreatedTime" => q.Descending ? extensions.OrderByDescending(x => x.CreatedTime) : extensions.OrderBy(x => x.CreatedTime),
            _ => q.Descending
                ? extensions.OrderByDescending(x => x.TenantId).ThenByDescending(x => x.Number.Length).ThenByDescending(x => x.Number)
                : extensions.OrderBy(x => x.TenantId).ThenBy(x => x.Number.Length).ThenBy(x => x.Number),
        };
        return extensions.Select(x => new ExtensionRow(x.Id, x.TenantId, x.Number, x.Status, x.Registered,
            db.Agents.Where(a => a.ExtensionId == x.Id).Select(a => a.Code).FirstOrDefault(), x.CreatedTime));
    }

    /// <summary>
    /// Extensions of a tenant an agent may be bound to: those no agent is bound to, plus the one
    /// <paramref name="agentId"/> (when given) already has.
    /// </summary>
    public async Task<List<ExtensionOption>> AvailableForAgentAsync(int tenantId, int? agentId, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(tenantId)) return new();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Extensions.AsNoTracking()
            .Where(x => x.TenantId == tenantId && !db.Agents.Any(a => a.ExtensionId == x.Id && a.Id != agentId))
            .OrderBy(x => x.Number.Length).ThenBy(x => x.Number)
            .Select(x => new ExtensionOption(x.Id, x.Number)).ToListAsync(ct);
    }

    public async Task<Extension?> GetAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var extension = await db.Extensions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return extension is not null && scope.Allows(extension.TenantId) ? extension : null;
    }

    public async Task<Result> CreateAsync(Extension input, TenantScope scope, CancellationToken ct = default)
    {
        if (input.TenantId != 0 && !scope.Allows(input.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var extension = new Extension { TenantId = input.TenantId, Number = input.Number?.Trim() ?? "" };
        CopyEditable(input, extension);
        var errors = extension.Validate();
        if (input.TenantId == 0) errors = errors.Prepend(new FieldError(nameof(Extension.TenantId), "Choose a tenant.")).ToList();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == input.TenantId, ct))
            return Result.Invalid(nameof(Extension.TenantId), $"Tenant {input.TenantId} does not exist.");
        var duplicate = $"Extension {extension.Number} already exists in tenant {extension.TenantId}.";
        if (await db.Extensions.AnyAsync(x => x.TenantId == extension.TenantId && x.Number == extension.Number, ct))
            return Result.Invalid(nameof(Extension.Number), duplicate);
        extension.CreatedTime = clock.GetUtcNow().UtcDateTime;
        db.Extensions.Add(extension);
        return await db.SaveUniqueAsync(ct, (nameof(Extension.Number), duplicate));
    }

    /// <summary>Changes the SIP password and status; the tenant and number are fixed once created.</summary>
    public async Task<Result> UpdateAsync(Extension input, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var extension = await db.Extensions.FirstOrDefaultAsync(x => x.Id == input.Id, ct);
        if (extension is null) return Result.Refused("This extension no longer exists.");
        if (!scope.Allows(extension.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var candidate = new Extension { TenantId = extension.TenantId, Number = extension.Number };
        CopyEditable(input, candidate);
        var errors = candidate.Validate();
        if (errors.Count > 0) return Result.Invalid(errors);
        CopyEditable(input, extension);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> DeleteAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var extension = await db.Extensions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (extension is null) return Result.Refused("This extension no longer exists.");
        if (!scope.Allows(extension.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var agent = await db.Agents.AsNoTracking().Where(a => a.ExtensionId == id).Select(a => new { a.TenantId, a.Code }).FirstOrDefaultAsync(ct);
        if (agent is not null)
            return Result.Refused($"Extension {extension.Number} is bound to agent {Dn.Of(agent.TenantId, agent.Code)}; " +
                                  "give that agent another extension (or none) first.");
        db.Extensions.Remove(extension);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static void CopyEditable(Extension from, Extension to)
    {
        to.Password = from.Password ?? "";
        to.Status = from.Status;
    }
}
