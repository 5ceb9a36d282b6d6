using CallCenter.Domain.Common;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Tenants;
using CallCenter.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Web;

/// <summary>What the first and later starts of the host do to the database (each test owns its hosts).</summary>
public class StartupTests
{
    [Fact]
    public async Task First_start_creates_the_configured_admin_and_seeds_the_demo_tenant()
    {
        using var app = new CallCenterAppFactory();

        var (admins, passwordOk) = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            var inRole = await users.GetUsersInRoleAsync(Roles.Admin);
            var admin = await users.FindByNameAsync(CallCenterAppFactory.AdminUserName);
            return (inRole.Select(u => u.UserName).ToList(), admin is not null && await users.CheckPasswordAsync(admin, CallCenterAppFactory.AdminPassword));
        });
        Assert.Equal(new[] { CallCenterAppFactory.AdminUserName }, admins);
        Assert.True(passwordOk, "the first Admin must have the password from Admin:Password");

        var (tenants, agents, acdMembers) = await app.WithDbAsync(async db => (
            await db.Tenants.Select(t => t.Id).ToListAsync(),
            await db.Agents.CountAsync(a => a.TenantId == DemoData.TenantId),
            await db.AcdMembers.CountAsync()));
        Assert.Equal(new[] { DemoData.TenantId }, tenants);
        Assert.Equal(10, agents);
        Assert.Equal(10, acdMembers);

        // The database lives in the configured data folder, not in the project's ./data.
        Assert.True(File.Exists(app.DatabaseFile), $"expected the SQLite file at {app.DatabaseFile}");
    }

    [Fact]
    public async Task A_fresh_demo_database_gets_a_supervisor_and_two_agent_users_who_can_sign_in_to_their_pages()
    {
        using var app = new CallCenterAppFactory();
        app.Settings["Database:SeedDemoUsers"] = "true";
        app.Settings["Database:DemoUsersPassword"] = "Demo#Users2026";

        var users = await app.WithScopeAsync(async sp =>
        {
            var manager = sp.GetRequiredService<UserManager<ApplicationUser>>();
            var db = sp.GetRequiredService<CallCenter.Infrastructure.Data.CallCenterDbContext>();
            var found = new List<(string Name, string Role, int? Tenant, string? Agent)>();
            foreach (var u in manager.Users.Where(u => u.UserName != CallCenterAppFactory.AdminUserName).OrderBy(u => u.UserName).ToList())
            {
                var agent = u.AgentId is int id ? await db.Agents.Where(a => a.Id == id).Select(a => a.TenantId + "_" + a.Code).SingleAsync() : null;
                found.Add((u.UserName!, (await manager.GetRolesAsync(u)).Single(), u.TenantId, agent));
            }
            return found;
        });
        Assert.Equal(new[]
        {
            ("agent1000", Roles.Agent, (int?)DemoData.TenantId, (string?)"10001_1000"),
            ("agent1001", Roles.Agent, (int?)DemoData.TenantId, (string?)"10001_1001"),
            ("supervisor", Roles.Supervisor, (int?)DemoData.TenantId, (string?)null),
        }, users);

        using var agent = await app.SignedInClientAsync("agent1000", "Demo#Users2026");
        var softphone = await agent.GetAsync("/softphone");
        Assert.Equal(System.Net.HttpStatusCode.OK, softphone.StatusCode);
        Assert.Contains("10001_1000", await softphone.Content.ReadAsStringAsync());

        using var supervisor = await app.SignedInClientAsync("supervisor", "Demo#Users2026");
        var wallboard = await supervisor.GetAsync("/wallboard");
        Assert.Equal(System.Net.HttpStatusCode.OK, wallboard.StatusCode);
    }

    [Fact]
    public async Task A_restart_over_the_same_data_folder_neither_reseeds_nor_adds_a_second_admin()
    {
        var folder = TestFolders.Create();
        try
        {
            using (var first = new CallCenterAppFactory(folder))
            {
                var deleted = await first.WithDbAsync(async db =>
                {
                    var entries = await db.Blacklist.ToListAsync();
                    db.Blacklist.RemoveRange(entries);
                    await db.SaveChangesAsync();
                    return entries.Count;
                });
                Assert.Equal(1, deleted);
            }

            using var second = new CallCenterAppFactory(folder);
            var (blacklist, tenants, agents) = await second.WithDbAsync(async db => (
                await db.Blacklist.CountAsync(), await db.Tenants.CountAsync(), await db.Agents.CountAsync()));
            Assert.Equal(0, blacklist); // stays deleted: demo data is only seeded into a database this start created
            Assert.Equal(1, tenants);
            Assert.Equal(10, agents);

            var admins = await second.WithScopeAsync(async sp =>
                (await sp.GetRequiredService<UserManager<ApplicationUser>>().GetUsersInRoleAsync(Roles.Admin)).Count);
            Assert.Equal(1, admins);

            // The original admin still signs in on the second host.
            using var client = await second.SignedInClientAsync();
        }
        finally
        {
            TestFolders.Delete(folder);
        }
    }

    [Fact]
    public async Task SeedDemoData_false_starts_with_an_empty_tenant_list_but_still_an_admin()
    {
        using var app = new CallCenterAppFactory(dataFolder: null, seedDemoData: false);

        var page = await app.WithScopeAsync(sp => sp.GetRequiredService<TenantService>().ListAsync(new TenantListQuery(), TenantScope.All));
        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
        Assert.Equal(0, await app.WithDbAsync(db => db.Agents.CountAsync()));

        using var client = await app.SignedInClientAsync();
        var html = await client.GetStringAsync("/tenants");
        Assert.Contains("Tenants", html);
    }
}
