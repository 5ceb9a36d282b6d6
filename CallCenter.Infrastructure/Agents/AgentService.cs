using CallCenter.Domain.Agents;
using CallCenter.Domain.Common;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Agents;

public sealed record AgentListQuery : ListQuery
{
    public AgentListQuery() { }
    public AgentListQuery(ListQuery paging) : base(paging) { }
    public int? DepartmentId { get; init; }
    public AccountStatus? Status { get; init; }
}

public sealed record AgentRow(
    int Id, int TenantId, string Code, string NameCn, string? JobNum, int? DepartmentId, string? DepartmentName,
    int? ExtensionId, string? ExtensionNumber, string? TypeCode, string? TypeText, AccountStatus Status, DateTime CreatedTime)
{
    /// <summary>Agent number, e.g. 10001_1000.</summary>
    public string Dn => Domain.Common.Dn.Of(TenantId, Code);

    /// <summary>Numbers of the ACDs the agent is a member of, e.g. 10001_8000.</summary>
    public IReadOnlyList<string> Acds { get; init; } = Array.Empty<string>();
}

/// <summary>An agent for pickers (e.g. ACD members).</summary>
public sealed record AgentOption(int Id, string Dn, string NameCn);

/// <summary>
/// Agents: list, read, create, update, delete (refused while the agent is an ACD member or a console user works as it).
/// An agent may be bound to one extension of its own tenant that no other agent uses.
/// </summary>
public sealed class AgentService(IDbContextFactory<CallCenterDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<AgentRow>> ListAsync(AgentListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var page = await Filter(db, q, scope).ToPageAsync(q, ct);
        return page with { Items = await WithAcdsAsync(db, page.Items, ct) };
    }

    /// <summary>Every matching row (for Excel export), in list order.</summary>
    public async Task<List<AgentRow>> ExportAsync(AgentListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Filter(db, q, scope).ToListAsync(ct);
        return await WithAcdsAsync(db, rows, ct);
    }

    private static IQueryable<AgentRow> Filter(CallCenterDbContext db, AgentListQuery q, TenantScope scope)
    {
        var agents = db.Agents.AsNoTracking();
        var only = scope.Narrow(q.TenantId);
        if (only is not null) agents = agents.Where(a => a.TenantId == only);
        if (q.DepartmentId is not null) agents = agents.Where(a => a.DepartmentId == q.DepartmentId);
        if (q.Status is not null) agents = agents.Where(a => a.Status == q.Status);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var like = QueryableExtensions.LikePattern(q.Search);
            agents = agents.Where(a => EF.Functions.Like(a.TenantId.ToString() + "_" + a.Code, like, "\\")
                                       || EF.Functions.Like(a.NameCn, like, "\\")
                                       || EF.Functions.Like(a.JobNum ?? "", like, "\\"));
        }
        agents = q.SortBy switch
        {
            "NameCn" => q.Descending ? agents.OrderByDescending(a => a.NameCn) : agents.OrderBy(a => a.NameCn),
            "JobNum" => q.Descending ? agents.OrderByDescending(a => a.JobNum) : agents.OrderBy(a => a.JobNum),
            "Department" => q.Descending
                ? agents.OrderByDescending(a => db.Departments.Where(d => d.Id == a.DepartmentId).Select(d => d.Name).FirstOrDefault())
                : agents.OrderBy(a => db.Departments.Where(d => d.Id == a.DepartmentId).Select(d => d.Name).FirstOrDefault()),
            "Extension" => q.Descending
                ? agents.OrderByDescending(a => db.Extensions.Where(x => x.Id == a.ExtensionId).Select(x => x.Number.Length).FirstOrDefault())
                    .ThenByDescending(a => db.Extensions.Where(x => x.Id == a.ExtensionId).Select(x => x.Number).FirstOrDefault())
                : agents.OrderBy(a => db.Extensions.Where(x => x.Id == a.ExtensionId).Select(x => x.Number.Length).FirstOrDefault())
                    .ThenBy(a => db.Extensions.Where(x => x.Id == a.ExtensionId).Select(x => x.Number).FirstOrDefault()),
            "Status" => q.Descending ? agents.OrderByDescending(a => a.Status) : agents.OrderBy(a => a.Status),
            "CreatedTime" => q.Descending ? agents.OrderByDescending(a => a.CreatedTime) : agents.OrderBy(a => a.CreatedTime),
            // Agent number: tenant, then code (digits: shorter first).
            _ => q.Descending
                ? agents.OrderByDescending(a => a.TenantId).ThenByDescending(a => a.Code.Length).ThenByDescending(a => a.Code)
                : agents.OrderBy(a => a.TenantId).ThenBy(a => a.Code.Length).ThenBy(a => a.Code),
        };
        return agents.Select(a => new AgentRow(a.Id, a.TenantId, a.Code, a.NameCn, a.JobNum, a.DepartmentId,
            db.Departments.Where(d => d.Id == a.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            a.ExtensionId, db.Extensions.Where(x => x.Id == a.ExtensionId).Select(x => x.Number).FirstOrDefault(),
            a.TypeCode, a.TypeText, a.Status, a.CreatedTime));
    }

    /// <summary>Fills in each row's ACD numbers with one query for all rows.</summary>
    private static async Task<List<AgentRow>> WithAcdsAsync(CallCenterDbContext db, IReadOnlyList<AgentRow> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var memberships = await db.AcdMembers.AsNoTracking().Where(m => ids.Contains(m.AgentId))
            .Join(db.Acds, m => m.AcdId, a => a.Id, (m, a) => new { m.AgentId, a.TenantId, a.Code })
            .ToListAsync(ct);
        var byAgent = memberships.GroupBy(m => m.AgentId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<string>)g.OrderBy(m => m.Code.Length).ThenBy(m => m.Code, StringComparer.Ordinal)
                .Select(m => Dn.Of(m.TenantId, m.Code)).ToList());
        return rows.Select(r => byAgent.TryGetValue(r.Id, out var acds) ? r with { Acds = acds } : r).ToList();
    }

    /// <summary>Agents of one tenant for pickers (e.g. ACD members), by agent number; empty for a tenant out of scope.</summary>
    public async Task<List<AgentOption>> OptionsAsync(int tenantId, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(tenantId)) return new();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Agents.AsNoTracking().Where(a => a.TenantId == tenantId)
            .OrderBy(a => a.Code.Length).ThenBy(a => a.Code)
            .Select(a => new { a.Id, a.TenantId, a.Code, a.NameCn }).ToListAsync(ct);
        return rows.Select(a => new AgentOption(a.Id, Dn.Of(a.TenantId, a.Code), a.NameCn)).ToList();
    }

    public async Task<Agent?> GetAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return agent is not null && scope.Allows(agent.TenantId) ? agent : null;
    }

    /// <summary>Creates an agent; <paramref name="password"/> (its sign-in password) is required.</summary>
    public async Task<Result> CreateAsync(Agent input, string? password, TenantScope scope, CancellationToken ct = default)
    {
        if (input.TenantId != 0 && !scope.Allows(input.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var agent = new Agent { TenantId = input.TenantId, Code = input.Code?.Trim() ?? "" };
        CopyEditable(input, agent);
        var errors = agent.Validate(password, passwordRequired: true);
        if (input.TenantId == 0) errors = errors.Prepend(new FieldError(nameof(Agent.TenantId), "Choose a tenant.")).ToList();
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == agent.TenantId, ct))
            return Result.Invalid(nameof(Agent.TenantId), $"Tenant {agent.TenantId} does not exist.");
        if (await db.Agents.AnyAsync(a => a.TenantId == agent.TenantId && a.Code == agent.Code, ct))
            return Result.Invalid(nameof(Agent.Code), DuplicateCode(agent));
        var references = await CheckReferencesAsync(db, agent, null, ct);
        if (!references.Succeeded) return references;
        agent.SetPassword(password!);
        agent.CreatedTime = clock.GetUtcNow().UtcDateTime;
        db.Agents.Add(agent);
        return await SaveAsync(db, agent, null, ct);
    }

    /// <summary>
    /// Updates the editable fields; the tenant and code are fixed once created. A non-empty
    /// <paramref name="newPassword"/> replaces the password, an empty one keeps it.
    /// </summary>
    public async Task<Result> UpdateAsync(Agent input, string? newPassword, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == input.Id, ct);
        if (agent is null) return Result.Refused("This agent no longer exists.");
        if (!scope.Allows(agent.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var candidate = new Agent { Id = agent.Id, TenantId = agent.TenantId, Code = agent.Code, PasswordHash = agent.PasswordHash };
        CopyEditable(input, candidate);
        var errors = candidate.Validate(newPassword, passwordRequired: false);
        if (errors.Count > 0) return Result.Invalid(errors);
        var references = await CheckReferencesAsync(db, candidate, agent.Id, ct);
        if (!references.Succeeded) return references;
        CopyEditable(input, agent);
        if (!string.IsNullOrEmpty(newPassword)) agent.SetPassword(newPassword);
        return await SaveAsync(db, agent, agent.Id, ct);
    }

    public async Task<Result> DeleteAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agent is null) return Result.Refused("This agent no longer exists.");
        if (!scope.Allows(agent.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var acds = await db.AcdMembers.Where(m => m.AgentId == id)
            .Join(db.Acds, m => m.AcdId, a => a.Id, (m, a) => new { a.TenantId, a.Code }).ToListAsync(ct);
        if (acds.Count > 0)
        {
            var numbers = string.Join(", ", acds.Select(a => Dn.Of(a.TenantId, a.Code)).Order(StringComparer.Ordinal));
            return Result.Refused($"Agent {agent.Dn} is a member of {(acds.Count == 1 ? "ACD" : "ACDs")} {numbers}; remove it there first.");
        }
        var dn = agent.Dn;
        var mailboxOf = await db.Acds.Where(a => a.TenantId == agent.TenantId && a.OverflowAction == Domain.Acds.OverflowAction.ToVoicemail
                && a.OverflowTarget == dn).Select(a => a.Code).ToListAsync(ct);
        if (mailboxOf.Count > 0)
            return Result.Refused($"Agent {dn} holds the voicemail box of {(mailboxOf.Count == 1 ? "ACD" : "ACDs")} " +
                                  $"{string.Join(", ", mailboxOf.Select(c => Dn.Of(agent.TenantId, c)).Order(StringComparer.Ordinal))}; change that overflow first.");
        var users = await db.Users.Where(u => u.AgentId == id).Select(u => u.UserName).ToListAsync(ct);
        if (users.Count > 0)
            return Result.Refused($"Agent {agent.Dn} is linked to console {(users.Count == 1 ? "user" : "users")} " +
                                  $"{string.Join(", ", users)}; unlink or delete {(users.Count == 1 ? "that user" : "those users")} first.");
        db.Agents.Remove(agent);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>The department and extension must belong to the agent's tenant, and the extension must be free.</summary>
    private static async Task<Result> CheckReferencesAsync(CallCenterDbContext db, Agent agent, int? agentId, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (agent.DepartmentId is int departmentId)
        {
            var tenant = await db.Departments.Where(d => d.Id == departmentId).Select(d => (int?)d.TenantId).FirstOrDefaultAsync(ct);
            if (tenant is null) errors.Add(new(nameof(Agent.DepartmentId), "The chosen department no longer exists."));
            else if (tenant != agent.TenantId)
                errors.Add(new(nameof(Agent.DepartmentId), $"The department belongs to another tenant; choose one of tenant {agent.TenantId}."));
        }
        if (agent.ExtensionId is int extensionId)
        {
            var extension = await db.Extensions.AsNoTracking().Where(x => x.Id == extensionId)
                .Select(x => new { x.TenantId, x.Number }).FirstOrDefaultAsync(ct);
            if (extension is null) errors.Add(new(nameof(Agent.ExtensionId), "The chosen extension no longer exists."));
            else if (extension.TenantId != agent.TenantId)
                errors.Add(new(nameof(Agent.ExtensionId), $"Extension {extension.Number} belongs to tenant {extension.TenantId}; choose one of tenant {agent.TenantId}."));
            else if (await BoundToOtherAsync(db, extensionId, agentId, ct) is { } other)
                errors.Add(new(nameof(Agent.ExtensionId), $"Extension {extension.Number} is already bound to agent {other}."));
        }
        return errors.Count == 0 ? Result.Ok() : Result.Invalid(errors);
    }

    /// <summary>The number of another agent bound to the extension, or null.</summary>
    private static async Task<string?> BoundToOtherAsync(CallCenterDbContext db, int extensionId, int? agentId, CancellationToken ct)
    {
        var other = await db.Agents.AsNoTracking().Where(a => a.ExtensionId == extensionId && a.Id != agentId)
            .Select(a => new { a.TenantId, a.Code }).FirstOrDefaultAsync(ct);
        return other is null ? null : Dn.Of(other.TenantId, other.Code);
    }

    /// <summary>Saves; a unique-index race (same code, or the extension taken meanwhile) becomes the matching field error.</summary>
    private async Task<Result> SaveAsync(CallCenterDbContext db, Agent agent, int? agentId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
        catch (DbUpdateException ex) when (DbContextExtensions.IsUniqueViolation(ex))
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            if (agent.ExtensionId is int extensionId && await BoundToOtherAsync(fresh, extensionId, agentId, ct) is { } other)
                return Result.Invalid(nameof(Agent.ExtensionId), $"This extension is already bound to agent {other}.");
            return Result.Invalid(nameof(Agent.Code), DuplicateCode(agent));
        }
    }

    private static string DuplicateCode(Agent agent) => $"Agent {agent.Dn} already exists.";

    private static void CopyEditable(Agent from, Agent to)
    {
        to.NameCn = from.NameCn?.Trim() ?? "";
        to.JobNum = Blank(from.JobNum);
        to.DepartmentId = from.DepartmentId;
        to.ExtensionId = from.ExtensionId;
        to.TypeCode = Blank(from.TypeCode);
        to.TypeText = Blank(from.TypeText);
        to.Status = from.Status;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
