using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Common;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.AgentStates;

public sealed record CustomAgentStateListQuery : ListQuery
{
    public CustomAgentStateListQuery() { }
    public CustomAgentStateListQuery(ListQuery paging) : base(paging) { }
}

public sealed record CustomAgentStateRow(
    int Id, int TenantId, string? TenantName, int ReasonCode, string ReasonText, string Color, bool Enabled, DateTime CreatedTime);

/// <summary>
/// A tenant's custom busy reasons (§6.36, §6.37), codes from 9 up; the built-in codes 0–8 come from
/// <see cref="AgentStateCatalog"/>. List, read, create, update, delete.
/// </summary>
public sealed class CustomAgentStateService(IDbContextFactory<CallCenterDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<CustomAgentStateRow>> ListAsync(CustomAgentStateListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToPageAsync(q, ct);
    }

    /// <summary>Every matching row (for Excel export), in list order.</summary>
    public async Task<List<CustomAgentStateRow>> ExportAsync(CustomAgentStateListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, q, scope).ToListAsync(ct);
    }

    private static IQueryable<CustomAgentStateRow> Filter(CallCenterDbContext db, CustomAgentStateListQuery q, TenantScope scope)
    {
        var states = db.CustomAgentStates.AsNoTracking();
        var only = scope.Narrow(q.TenantId);
        if (only is not null) states = states.Where(x => x.TenantId == only);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var like = QueryableExtensions.LikePattern(q.Search);
            var code = int.TryParse(q.Search.Trim(), out var n) ? n : -1;
            states = states.Where(x => x.ReasonCode == code || EF.Functions.Like(x.ReasonText, like, "\\")
                                       || EF.Functions.Like(x.Color, like, "\\"));
        }
        states = q.SortBy switch
        {
            "ReasonText" => q.Descending ? states.OrderByDescending(x => x.ReasonText) : states.OrderBy(x => x.ReasonText),
            "Enabled" => q.Descending ? states.OrderByDescending(x => x.Enabled) : states.OrderBy(x => x.Enabled),
            "CreatedTime" => q.Descending ? states.OrderByDescending(x => x.CreatedTime).ThenByDescending(x => x.Id) : states.OrderBy(x => x.CreatedTime).ThenBy(x => x.Id),
            _ => q.Descending ? states.OrderBy(x => x.TenantId).ThenByDescending(x => x.ReasonCode) : states.OrderBy(x => x.TenantId).ThenBy(x => x.ReasonCode),
        };
        return states.Select(x => new CustomAgentStateRow(x.Id, x.TenantId,
            db.Tenants.Where(t => t.Id == x.TenantId).Select(t => t.Name).FirstOrDefault(),
            x.ReasonCode, x.ReasonText, x.Color, x.Enabled, x.CreatedTime));
    }

    public async Task<CustomAgentState?> GetAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await db.CustomAgentStates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return state is not null && scope.Allows(state.TenantId) ? state : null;
    }

    /// <summary>The lowest reason code from 9 up that the tenant has not used (the default for a new reason).</summary>
    public async Task<int> NextFreeCodeAsync(int tenantId, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(tenantId)) return AgentStateCatalog.FirstCustomReasonCode;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var used = (await db.CustomAgentStates.AsNoTracking().Where(x => x.TenantId == tenantId)
            .Select(x => x.ReasonCode).ToListAsync(ct)).ToHashSet();
        var code = AgentStateCatalog.FirstCustomReasonCode;
        while (used.Contains(code) && code < AgentStateCatalog.MaxReasonCode) code++;
        return code;
    }

    public async Task<Result> CreateAsync(CustomAgentState input, TenantScope scope, CancellationToken ct = default)
    {
        if (input.TenantId <= 0) return Result.Invalid(nameof(CustomAgentState.TenantId), "Choose a tenant.");
        if (!scope.Allows(input.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var errors = input.Validate();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == input.TenantId, ct))
            return Result.Invalid(nameof(CustomAgentState.TenantId), $"Tenant {input.TenantId} does not exist.");
        if (await db.CustomAgentStates.AnyAsync(x => x.TenantId == input.TenantId && x.ReasonCode == input.ReasonCode, ct))
            return Result.Invalid(nameof(CustomAgentState.ReasonCode), DuplicateMessage(input.ReasonCode, input.TenantId));
        var state = new CustomAgentState
        {
            TenantId = input.TenantId, State = AgentState.Busy, ReasonCode = input.ReasonCode,
            CreatedTime = clock.GetUtcNow().UtcDateTime,
        };
        CopyEditable(input, state);
        db.CustomAgentStates.Add(state);
        return await db.SaveUniqueAsync(ct, (nameof(CustomAgentState.ReasonCode), DuplicateMessage(input.ReasonCode, input.TenantId)));
    }

    /// <summary>Changes text, colour and enabled; the tenant and reason code stay.</summary>
    public async Task<Result> UpdateAsync(CustomAgentState input, TenantScope scope, CancellationToken ct = default)
    {
        var errors = input.Validate();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await db.CustomAgentStates.FirstOrDefaultAsync(x => x.Id == input.Id, ct);
        if (state is null) return Result.Refused("This agent state no longer exists.");
        if (!scope.Allows(state.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        CopyEditable(input, state);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> DeleteAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await db.CustomAgentStates.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (state is null) return Result.Refused("This agent state no longer exists.");
        if (!scope.Allows(state.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        db.CustomAgentStates.Remove(state);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>"#abc" or "#ABCDEF" as lower-case "#aabbcc" (the stored form).</summary>
    public static string NormalizeColor(string color)
    {
        var c = color.Trim().ToLowerInvariant();
        return c.Length == 4 && c[0] == '#' ? $"#{c[1]}{c[1]}{c[2]}{c[2]}{c[3]}{c[3]}" : c;
    }

    private static string DuplicateMessage(int code, int tenantId) => $"Reason code {code} is already defined for tenant {tenantId}.";

    private static void CopyEditable(CustomAgentState from, CustomAgentState to)
    {
        to.ReasonText = from.ReasonText.Trim();
        to.Color = NormalizeColor(from.Color);
        to.Enabled = from.Enabled;
    }
}
