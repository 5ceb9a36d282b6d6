using System.Security.Claims;
using CallCenter.Domain.Common;
using CallCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Infrastructure.Identity;

public sealed record UserListQuery : ListQuery
{
    public UserListQuery() { }
    public UserListQuery(ListQuery paging) : base(paging) { }
    /// <summary>Only users in this role; null = any.</summary>
    public string? Role { get; init; }
}

/// <summary>
/// One console user as listed. <see cref="TenantId"/> null = all tenants; <see cref="LockedUntil"/> is set only while
/// the account is locked out. Never carries password hashes or security stamps.
/// </summary>
public sealed record UserRow(
    string Id, string UserName, string? DisplayName, string? Role, int? TenantId, int? AgentId, string? AgentDn,
    DateTimeOffset? LockedUntil)
{
    public bool IsLockedOut => LockedUntil is not null;
    /// <summary>"all tenants" or the tenant number.</summary>
    public string ScopeText => TenantId is int t ? t.ToString() : "all tenants";
}

/// <summary>What the user dialog edits. <see cref="Password"/>: required on create; on edit a new one, blank = keep.</summary>
public sealed class UserInput
{
    /// <summary>Null for a new user.</summary>
    public string? Id { get; set; }
    public string UserName { get; set; } = "";
    public string? DisplayName { get; set; }
    public string Role { get; set; } = Roles.Supervisor;
    /// <summary>Null = all tenants.</summary>
    public int? TenantId { get; set; }
    /// <summary>The agent a user in the Agent role works as; must be null for the other roles.</summary>
    public int? AgentId { get; set; }
    public string? Password { get; set; }

    public const string PasswordField = "Password";

    /// <summary>The checks that need no database: shared by the dialog (before saving) and the service.</summary>
    public IReadOnlyList<FieldError> Validate(bool isNew)
    {
        var v = new Validator();
        if (isNew) v.Required(nameof(UserName), UserName, "User name", 256);
        v.Optional(nameof(DisplayName), DisplayName, "Display name", 100);
        if (!Roles.All.Contains(Role)) v.Add(nameof(Role), "Choose a role.");
        if (Role == Roles.Agent)
        {
            if (TenantId is null) v.Add(nameof(TenantId), "A user in the Agent role belongs to its agent's tenant: choose one tenant.");
            if (AgentId is null) v.Add(nameof(AgentId), "Choose the agent this user works as.");
        }
        else if (AgentId is not null)
        {
            v.Add(nameof(AgentId), "Only users in the Agent role are linked to an agent.");
        }
        if (isNew && string.IsNullOrEmpty(Password)) v.Add(PasswordField, "Password is required.");
        return v.Errors;
    }
}

/// <summary>
/// Console users (ASP.NET Core Identity) for administrators: list, read, create, update, delete, unlock.
/// The caller is re-read from the database on every call: it must still be an Admin, and its tenant scope decides what it
/// sees. A tenant-scoped admin only sees and manages users of its own tenant; nobody deletes or demotes themselves; the
/// last all-tenant Admin cannot be deleted, demoted or scoped to a tenant.
/// </summary>
/// <remarks>
/// Every command runs in its own service scope (fresh UserManager and DbContext) inside one transaction, so a Blazor
/// circuit never works on stale tracked users and a half-done change (e.g. user saved, role not) is rolled back.
/// </remarks>
public sealed class UserService(IServiceScopeFactory scopes, IDbContextFactory<CallCenterDbContext> dbFactory, TimeProvider clock)
{
    public const string NotAdmin = "Only administrators manage console users.";
    public const string OutOfScope = "This user belongs to another tenant.";
    public const string AllTenantsOnly = "Only an administrator of all tenants can manage users of all tenants.";

    private sealed record Actor(string Id, TenantScope Scope);

    // ---------------------------------------------------------------- queries

    public async Task<Page<UserRow>> ListAsync(UserListQuery q, ClaimsPrincipal caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await ActorAsync(db, caller, ct);
        if (actor is null) return new Page<UserRow>(Array.Empty<UserRow>(), 0, q.SafePage, q.SafePageSize);
        var page = await Filter(db, q, actor).ToPageAsync(q, ct);
        return page with { Items = WithLockout(page.Items) };
    }

    /// <summary>Every matching row (for Excel export), in list order.</summary>
    public async Task<List<UserRow>> ExportAsync(UserListQuery q, ClaimsPrincipal caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await ActorAsync(db, caller, ct);
        if (actor is null) return new();
        return WithLockout(await Filter(db, q, actor).ToListAsync(ct));
    }

    private static IQueryable<UserRow> Filter(CallCenterDbContext db, UserListQuery q, Actor actor)
    {
        var users = db.Users.AsNoTracking();
        var only = actor.Scope.Narrow(q.TenantId);
        if (only is not null) users = users.Where(u => u.TenantId == only);
        if (!string.IsNullOrWhiteSpace(q.Role))
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == q.Role)));
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var like = QueryableExtensions.LikePattern(q.Search);
            users = users.Where(u => EF.Functions.Like(u.UserName ?? "", like, "\\") || EF.Functions.Like(u.DisplayName ?? "", like, "\\"));
        }
        var rows = users.Select(u => new
        {
            u.Id, u.UserName, u.DisplayName, u.TenantId, u.AgentId, u.LockoutEnd,
            Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
                .OrderBy(n => n).FirstOrDefault(),
            AgentDn = db.Agents.Where(a => a.Id == u.AgentId).Select(a => a.TenantId.ToString() + "_" + a.Code).FirstOrDefault(),
        });
        rows = q.SortBy switch
        {
            "DisplayName" => q.Descending ? rows.OrderByDescending(r => r.DisplayName) : rows.OrderBy(r => r.DisplayName),
            "Role" => q.Descending ? rows.OrderByDescending(r => r.Role) : rows.OrderBy(r => r.Role),
            "Scope" => q.Descending ? rows.OrderByDescending(r => r.TenantId) : rows.OrderBy(r => r.TenantId),
            "Agent" => q.Descending ? rows.OrderByDescending(r => r.AgentDn) : rows.OrderBy(r => r.AgentDn),
            _ => q.Descending ? rows.OrderByDescending(r => r.UserName) : rows.OrderBy(r => r.UserName),
        };
        return rows.Select(r => new UserRow(r.Id, r.UserName ?? "", r.DisplayName, r.Role, r.TenantId, r.AgentId, r.AgentDn, r.LockoutEnd));
    }

    /// <summary>Keeps the lockout end only while it lies in the future (the query cannot compare it on SQLite).</summary>
    private List<UserRow> WithLockout(IEnumerable<UserRow> rows)
    {
        var now = clock.GetUtcNow();
        return rows.Select(r => r.LockedUntil > now ? r : r with { LockedUntil = null }).ToList();
    }

    /// <summary>The user for the edit dialog (password left empty), or null when gone or out of the caller's scope.</summary>
    public async Task<UserInput?> GetAsync(string id, ClaimsPrincipal caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await ActorAsync(db, caller, ct);
        if (actor is null) return null;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null || !Sees(actor, user.TenantId)) return null;
        return new UserInput
        {
            Id = user.Id, UserName = user.UserName ?? "", DisplayName = user.DisplayName, TenantId = user.TenantId,
            AgentId = user.AgentId, Role = await RoleOfAsync(db, user.Id, ct) ?? Roles.Supervisor,
        };
    }

    /// <summary>Agents of <paramref name="tenantId"/> already linked to a console user: agent id → user name.</summary>
    public async Task<Dictionary<int, string>> LinkedAgentsAsync(int tenantId, ClaimsPrincipal caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await ActorAsync(db, caller, ct);
        if (actor is null || !actor.Scope.Allows(tenantId)) return new();
        var links = await db.Users.AsNoTracking()
            .Where(u => u.AgentId != null && db.Agents.Any(a => a.Id == u.AgentId && a.TenantId == tenantId))
            .Select(u => new { AgentId = u.AgentId!.Value, u.UserName }).ToListAsync(ct);
        return links.GroupBy(l => l.AgentId).ToDictionary(g => g.Key, g => g.First().UserName ?? "");
    }

    // ---------------------------------------------------------------- commands

    public async Task<Result> CreateAsync(UserInput input, ClaimsPrincipal caller, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Resolve(scope);
        var actor = await ActorAsync(db, caller, ct);
        if (actor is null) return Result.Refused(NotAdmin);
        if (input.TenantId is null && actor.Scope.TenantId is not null) return Result.Refused(AllTenantsOnly);
        if (input.TenantId is int t && !actor.Scope.Allows(t)) return Result.Refused("You can only create users of your own tenant.");

        var user = new ApplicationUser
        {
            UserName = input.UserName?.Trim() ?? "", DisplayName = Blank(input.DisplayName), TenantId = input.TenantId,
            AgentId = input.AgentId, EmailConfirmed = true,
        };
        var errors = input.Validate(isNew: true).ToList();
        errors.AddRange(await CheckReferencesAsync(db, input, null, ct));
        if (!errors.Any(e => e.Field == nameof(UserInput.UserName)))
            errors.AddRange(await IdentityErrorsAsync(users.UserValidators.Select(v => v.ValidateAsync(users, user)), nameof(UserInput.UserName)));
        if (!string.IsNullOrEmpty(input.Password))
            errors.AddRange(await IdentityErrorsAsync(users.PasswordValidators.Select(v => v.ValidateAsync(users, user, input.Password)), UserInput.PasswordField));
        if (errors.Count > 0) return Result.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded) return FromIdentity(created);
        var role = await users.AddToRoleAsync(user, input.Role);
        if (!role.Succeeded) return FromIdentity(role);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>Updates display name, role, scope and agent; a non-empty password resets it (not for oneself).</summary>
    public async Task<Result> UpdateAsync(UserInput input, ClaimsPrincipal caller, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Resolve(scope);
        var actor = await ActorAsync(db, caller, ct);
        if (actor is null) return Result.Refused(NotAdmin);
        var user = input.Id is null ? null : await users.FindByIdAsync(input.Id);
        if (user is null) return Result.Refused("This user no longer exists.");
        if (!Sees(actor, user.TenantId)) return Result.Refused(OutOfScope);
        if (input.TenantId is null && actor.Scope.TenantId is not null) return Result.Refused(AllTenantsOnly);
        if (input.TenantId is int t && !actor.Scope.Allows(t)) return Result.Refused("You can only give users your own tenant.");

        var roles = await users.GetRolesAsync(user);
        var roleChanged = roles.Count != 1 || roles[0] != input.Role;
        var scopeChanged = user.TenantId != input.TenantId;
        var agentChanged = user.AgentId != input.AgentId;
        var self = user.Id == actor.Id;
        if (roles.Contains(Roles.Admin) && user.TenantId is null && (input.Role != Roles.Admin || input.TenantId is not null)
            && !await OtherAllTenantAdminsAsync(db, user.Id, ct))
            return Result.Refused($"{user.UserName} is the last administrator of all tenants: its role and scope cannot change.");
        if (self && (roleChanged || scopeChanged))
            return Result.Refused("You cannot change your own role or tenant scope; ask another administrator.");

        var errors = input.Validate(isNew: false).ToList();
        errors.AddRange(await CheckReferencesAsync(db, input, user.Id, ct));
        if (!string.IsNullOrEmpty(input.Password))
        {
            if (self) errors.Add(new(UserInput.PasswordField, "Change your own password with \"Change password\" in the top bar."));
            else errors.AddRange(await IdentityErrorsAsync(users.PasswordValidators.Select(v => v.ValidateAsync(users, user, input.Password)), UserInput.PasswordField));
        }
        if (errors.Count > 0) return Result.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        user.DisplayName = Blank(input.DisplayName);
        user.TenantId = input.TenantId;
        user.AgentId = input.AgentId;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return FromIdentity(updated);
        if (roleChanged)
        {
            if (roles.Count > 0 && await users.RemoveFromRolesAsync(user, roles) is { Succeeded: false } removed) return FromIdentity(removed);
            if (await users.AddToRoleAsync(user, input.Role) is { Succeeded: false } added) return FromIdentity(added);
        }
        if (!string.IsNullOrEmpty(input.Password))
        {
            // Resetting also renews the security stamp, which ends the user's other sessions.
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, input.Password);
            if (!reset.Succeeded) return FromIdentity(reset);
        }
        else if (roleChanged || scopeChanged || agentChanged)
        {
            // The role and tenant live in the sign-in cookie: a new stamp makes the user's sessions re-validate.
            await users.UpdateSecurityStampAsync(user);
        }
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> DeleteAsync(string id, ClaimsPrincipal caller, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Resolve(scope);
        var actor = await ActorAsync(db, caller, ct);
        if (actor is null) return Result.Refused(NotAdmin);
        var user = await users.FindByIdAsync(id);
        if (user is null) return Result.Refused("This user no longer exists.");
        if (!Sees(actor, user.TenantId)) return Result.Refused(OutOfScope);
        if (user.TenantId is null && await users.IsInRoleAsync(user, Roles.Admin) && !await OtherAllTenantAdminsAsync(db, user.Id, ct))
            return Result.Refused($"{user.UserName} is the last administrator of all tenants and cannot be deleted.");
        if (user.Id == actor.Id) return Result.Refused("You cannot delete your own account.");
        var deleted = await users.DeleteAsync(user);
        return deleted.Succeeded ? Result.Ok() : FromIdentity(deleted);
    }

    /// <summary>Ends a lockout (too many failed sign-ins) and resets the failure count.</summary>
    public async Task<Result> UnlockAsync(string id, ClaimsPrincipal caller, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Resolve(scope);
        var actor = await ActorAsync(db, caller, ct);
        if (actor is null) return Result.Refused(NotAdmin);
        var user = await users.FindByIdAsync(id);
        if (user is null) return Result.Refused("This user no longer exists.");
        if (!Sees(actor, user.TenantId)) return Result.Refused(OutOfScope);
        var unlocked = await users.SetLockoutEndDateAsync(user, null);
        if (!unlocked.Succeeded) return FromIdentity(unlocked);
        var reset = await users.ResetAccessFailedCountAsync(user);
        return reset.Succeeded ? Result.Ok() : FromIdentity(reset);
    }

    // ---------------------------------------------------------------- rules

    private static (CallCenterDbContext Db, UserManager<ApplicationUser> Users) Resolve(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<CallCenterDbContext>(),
         scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());

    /// <summary>The caller as it is now in the database: an Admin with its tenant scope, or null.</summary>
    private static async Task<Actor?> ActorAsync(CallCenterDbContext db, ClaimsPrincipal caller, CancellationToken ct)
    {
        var id = caller.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(id)) return null;
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new
            {
                u.Id, u.TenantId,
                IsAdmin = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)),
            })
            .FirstOrDefaultAsync(ct);
        return row is { IsAdmin: true } ? new Actor(row.Id, row.TenantId is int t ? TenantScope.Of(t) : TenantScope.All) : null;
    }

    /// <summary>A tenant-scoped admin sees only its tenant's users (not those of all tenants).</summary>
    private static bool Sees(Actor actor, int? userTenant) => actor.Scope.TenantId is null || userTenant == actor.Scope.TenantId;

    private static Task<string?> RoleOfAsync(CallCenterDbContext db, string userId, CancellationToken ct) =>
        db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
            .OrderBy(n => n).FirstOrDefaultAsync(ct);

    private static Task<bool> OtherAllTenantAdminsAsync(CallCenterDbContext db, string userId, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Id != userId && u.TenantId == null
                               && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)), ct);

    /// <summary>The tenant must exist; an Agent user's agent must belong to that tenant and be linked to no other user.</summary>
    private static async Task<List<FieldError>> CheckReferencesAsync(CallCenterDbContext db, UserInput input, string? userId, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (input.TenantId is int tenantId && !await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
            errors.Add(new(nameof(UserInput.TenantId), $"Tenant {tenantId} does not exist."));
        if (input.Role == Roles.Agent && input.AgentId is int agentId && input.TenantId is not null)
        {
            var agent = await db.Agents.AsNoTracking().Where(a => a.Id == agentId).Select(a => new { a.TenantId, a.Code }).FirstOrDefaultAsync(ct);
            if (agent is null) errors.Add(new(nameof(UserInput.AgentId), "The chosen agent no longer exists."));
            else if (agent.TenantId != input.TenantId)
                errors.Add(new(nameof(UserInput.AgentId), $"Agent {Dn.Of(agent.TenantId, agent.Code)} belongs to tenant {agent.TenantId}; choose one of tenant {input.TenantId}."));
            else if (await db.Users.AsNoTracking().Where(u => u.AgentId == agentId && u.Id != userId).Select(u => u.UserName).FirstOrDefaultAsync(ct) is { } other)
                errors.Add(new(nameof(UserInput.AgentId), $"Agent {Dn.Of(agent.TenantId, agent.Code)} is already linked to user {other}."));
        }
        return errors;
    }

    /// <summary>Runs Identity's validators one after the other; an error of no known field goes to <paramref name="field"/>.</summary>
    private static async Task<List<FieldError>> IdentityErrorsAsync(IEnumerable<Task<IdentityResult>> checks, string field)
    {
        var errors = new List<FieldError>();
        foreach (var check in checks)
            errors.AddRange((await check).Errors.Select(e => new FieldError(FieldOf(e) is { Length: > 0 } f ? f : field, e.Description)));
        return errors;
    }

    /// <summary>Identity's errors by field: password rules on the password, user name rules on the user name.</summary>
    private static Result FromIdentity(IdentityResult result)
    {
        var errors = result.Errors.Select(e => new FieldError(FieldOf(e), e.Description)).ToList();
        return errors.All(e => e.Field.Length > 0)
            ? Result.Invalid(errors)
            : Result.Refused(string.Join(" ", errors.Select(e => e.Message)));
    }

    private static string FieldOf(IdentityError e) => e.Code switch
    {
        "InvalidUserName" or "DuplicateUserName" => nameof(UserInput.UserName),
        _ when e.Code.StartsWith("Password", StringComparison.Ordinal) && e.Code != "PasswordMismatch" => UserInput.PasswordField,
        _ => "",
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
