using CallCenter.Domain.Common;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CallCenter.Infrastructure.Data;

/// <summary>
/// Runs once at start: applies migrations, creates the roles, the first Admin (password from Admin:Password, or
/// generated and printed once), and the demo tenant when the database was created by this very start.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<CallCenterDbContext> dbFactory,
    DatabaseOptions options,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DatabaseInitializer> log)
{
    public sealed record Outcome(bool CreatedDatabase, bool SeededDemo, string? AdminUserName, string? GeneratedAdminPassword,
        IReadOnlyList<string>? DemoUserNames = null, string? DemoPassword = null);

    /// <summary>The demo tenant's console users (<see cref="DatabaseOptions.SeedDemoUsers"/>): name, role, linked agent.</summary>
    public static readonly IReadOnlyList<(string Name, string Role, string? AgentDn)> DemoUsers = new[]
    {
        ("supervisor", Roles.Supervisor, (string?)null),
        ("agent1000", Roles.Agent, "10001_1000"),
        ("agent1001", Roles.Agent, "10001_1001"),
    };

    public async Task<Outcome> InitializeAsync(CancellationToken ct = default)
    {
        bool fresh;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            fresh = !(await db.Database.GetAppliedMigrationsAsync(ct)).Any();
            if (options.MigrateOnStart) await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));

        var (adminName, generated) = await EnsureAdminAsync();

        var seeded = false;
        if (fresh && options.SeedDemoData)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            seeded = await DemoData.SeedAsync(db, clock, ct);
            if (seeded) log.LogInformation("Demo tenant {Tenant} created", DemoData.TenantId);
        }
        if (seeded && options.SeedDemoUsers)
        {
            var password = string.IsNullOrEmpty(options.DemoUsersPassword) ? GeneratePassword() : options.DemoUsersPassword;
            var names = await SeedDemoUsersAsync(password, ct);
            return new Outcome(fresh, seeded, adminName, generated, names, string.IsNullOrEmpty(options.DemoUsersPassword) ? password : null);
        }
        return new Outcome(fresh, seeded, adminName, generated);
    }

    /// <summary>The demo tenant's supervisor and agents, so a newcomer can try the wallboard and the softphone at once.</summary>
    private async Task<IReadOnlyList<string>> SeedDemoUsersAsync(string password, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var created = new List<string>();
        foreach (var (name, role, agentDn) in DemoUsers)
        {
            int? agentId = null;
            if (agentDn is not null)
            {
                if (!Dn.TryParse(agentDn, out var tenant, out var code)) continue;
                agentId = await db.Agents.Where(a => a.TenantId == tenant && a.Code == code).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
                if (agentId is null) continue;
            }
            var user = new ApplicationUser
            {
                UserName = name, DisplayName = agentDn is null ? "Demo supervisor" : $"Demo agent {agentDn}",
                EmailConfirmed = true, TenantId = DemoData.TenantId, AgentId = agentId,
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Could not create the demo user {name}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
            created.Add(name);
        }
        return created;
    }

    private async Task<(string? Name, string? Generated)> EnsureAdminAsync()
    {
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return (null, null);
        var name = configuration["Admin:UserName"];
        if (string.IsNullOrWhiteSpace(name)) name = "admin";
        var configured = configuration["Admin:Password"];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var admin = new ApplicationUser { UserName = name, DisplayName = "Administrator", EmailConfirmed = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Could not create the first Admin: " +
                                                string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, Roles.Admin);
        return (name, string.IsNullOrEmpty(configured) ? password : null);
    }

    /// <summary>16 characters with every class Identity's default policy asks for.</summary>
    private static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "!@#$%*-_";
        var all = lower + upper + digits + symbols;
        var chars = new char[16];
        chars[0] = Pick(lower); chars[1] = Pick(upper); chars[2] = Pick(digits); chars[3] = Pick(symbols);
        for (var i = 4; i < chars.Length; i++) chars[i] = Pick(all);
        System.Security.Cryptography.RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);

        static char Pick(string s) => s[System.Security.Cryptography.RandomNumberGenerator.GetInt32(s.Length)];
    }
}
