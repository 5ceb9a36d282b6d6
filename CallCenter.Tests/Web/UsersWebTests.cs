using System.Net;
using System.Security.Claims;
using CallCenter.Domain.Common;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Tenants;
using CallCenter.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Web;

/// <summary>Console users: UserService's rules over the real host and database, the /users page and its export.</summary>
public class UsersWebTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    private const string Password = "Users#Test2026";

    /// <summary>The principal a signed-in <paramref name="userName"/> has (the claims of its sign-in cookie).</summary>
    private Task<ClaimsPrincipal> PrincipalAsync(string userName) => app.WithScopeAsync(async sp =>
    {
        var user = await sp.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync(userName)
                   ?? throw new InvalidOperationException($"No user {userName}.");
        return await sp.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
    });

    private Task<T> WithUsers<T>(Func<UserService, Task<T>> work) =>
        app.WithScopeAsync(sp => work(sp.GetRequiredService<UserService>()));

    private Task<ApplicationUser?> FindAsync(string userName) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName));

    private Task<IList<string>> RolesOfAsync(string userName) => app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetRolesAsync((await users.FindByNameAsync(userName))!);
    });

    private static void AssertDenied(HttpClient client, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect)
            Assert.Equal("/account/denied", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
        else
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Admin_creates_a_tenant_supervisor_who_signs_in_through_the_form_and_is_denied_the_tenants_page()
    {
        var admin = await PrincipalAsync(CallCenterAppFactory.AdminUserName);
        var input = new UserInput
        {
            UserName = "sup10001", DisplayName = "Sue Pervisor", Role = Roles.Supervisor, TenantId = DemoData.TenantId, Password = Password,
        };

        var result = await WithUsers(s => s.CreateAsync(input, admin));

        Assert.True(result.Succeeded, result.Describe());
        var saved = await FindAsync("sup10001");
        Assert.NotNull(saved);
        Assert.Equal(DemoData.TenantId, saved.TenantId);
        Assert.Null(saved.AgentId);
        Assert.Equal(new[] { Roles.Supervisor }, await RolesOfAsync("sup10001"));

        using var client = await app.SignedInClientAsync("sup10001", Password);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("Sue Pervisor", html);
        Assert.Contains($"(tenant {DemoData.TenantId})", html);
        AssertDenied(client, await client.GetAsync("/tenants"));
        AssertDenied(client, await client.GetAsync("/users"));
        AssertDenied(client, await client.GetAsync("/export/users.xlsx"));
    }

    [Fact]
    public async Task An_agent_user_needs_an_agent_of_its_tenant_that_no_other_user_has()
    {
        var admin = await PrincipalAsync(CallCenterAppFactory.AdminUserName);
        var agents = await app.WithDbAsync(db => db.Agents.AsNoTracking().Where(a => a.TenantId == DemoData.TenantId)
            .OrderBy(a => a.Code).Select(a => new { a.Id, a.Code }).ToListAsync());
        var agent = agents[0];

        var unlinked = await WithUsers(s => s.CreateAsync(new UserInput
        {
            UserName = "agentuser", Role = Roles.Agent, TenantId = DemoData.TenantId, Password = Password,
        }, admin));
        Assert.False(unlinked.Succeeded);
        Assert.Equal("Choose the agent this user works as.", unlinked.ErrorFor(nameof(UserInput.AgentId)));
        Assert.Null(await FindAsync("agentuser"));

        var allTenants = await WithUsers(s => s.CreateAsync(new UserInput
        {
            UserName = "agentuser", Role = Roles.Agent, TenantId = null, AgentId = agent.Id, Password = Password,
        }, admin));
        Assert.NotNull(allTenants.ErrorFor(nameof(UserInput.TenantId)));

        var linked = await WithUsers(s => s.CreateAsync(new UserInput
        {
            UserName = "agentuser", Role = Roles.Agent, TenantId = DemoData.TenantId, AgentId = agent.Id, Password = Password,
        }, admin));
        Assert.True(linked.Succeeded, linked.Describe());
        Assert.Equal(agent.Id, (await FindAsync("agentuser"))!.AgentId);

        // The same agent cannot get a second user.
        var second = await WithUsers(s => s.CreateAsync(new UserInput
        {
            UserName = "agentuser2", Role = Roles.Agent, TenantId = DemoData.TenantId, AgentId = agent.Id, Password = Password,
        }, admin));
        Assert.Contains("already linked to user agentuser", second.ErrorFor(nameof(UserInput.AgentId)));
        Assert.Null(await FindAsync("agentuser2"));

        // Other roles may not be linked to an agent.
        var supervisor = await WithUsers(s => s.CreateAsync(new UserInput
        {
            UserName = "agentuser3", Role = Roles.Supervisor, TenantId = DemoData.TenantId, AgentId = agents[1].Id, Password = Password,
        }, admin));
        Assert.Equal("Only users in the Agent role are linked to an agent.", supervisor.ErrorFor(nameof(UserInput.AgentId)));
        Assert.Null(await FindAsync("agentuser3"));
    }

    [Fact]
    public async Task Duplicate_user_names_and_weak_passwords_are_refused_by_field()
    {
        var admin = await PrincipalAsync(CallCenterAppFactory.AdminUserName);

        var duplicate = await WithUsers(s => s.CreateAsync(new UserInput
        {
            UserName = CallCenterAppFactory.AdminUserName.ToUpperInvariant(), Role = Roles.Supervisor, TenantId = DemoData.TenantId,
            Password = Password,
        }, admin));
        Assert.Contains("is already taken", duplicate.ErrorFor(nameof(UserInput.UserName)));

        var weak = await WithUsers(s => s.CreateAsync(new UserInput
        {
            UserName = "weakling", Role = Roles.Supervisor, TenantId = DemoData.TenantId, Password = "abc",
        }, admin));
        Assert.False(weak.Succeeded);
        // Identity's own wording, on the password field.
        Assert.Contains("Passwords must be at least 8 characters.", weak.Errors.Where(e => e.Field == UserInput.PasswordField).Select(e => e.Message));
        Assert.Null(await FindAsync("weakling"));
    }

    [Fact]
    public async Task A_tenant_scoped_admin_manages_only_users_of_its_tenant_and_cannot_create_all_tenant_users()
    {
        const int other = 30003;
        var tenant = await app.WithScopeAsync(sp => sp.GetRequiredService<TenantService>()
            .CreateAsync(new Tenant { Id = other, Name = "Other Center" }, TenantScope.All));
        Assert.True(tenant.Succeeded, tenant.Describe());
        await app.CreateUserAsync("tadmin", Password, Roles.Admin, tenantId: DemoData.TenantId);
        await app.CreateUserAsync("other-sup", Password, Roles.Supervisor, tenantId: other);
        var scoped = await PrincipalAsync("tadmin");

        var allTenants = await WithUsers(s => s.CreateAsync(new UserInput
        {
            UserName = "global-by-tadmin", Role = Roles.Supervisor, TenantId = null, Password = Password,
        }, scoped));
        Assert.Equal(UserService.AllTenantsOnly, allTenants.Refusal);
        Assert.Null(await FindAsync("global-by-tadmin"));

        var otherAdmin = await WithUsers(s => s.CreateAsync(new UserInput
        {
            UserName = "admin-of-other", Role = Roles.Admin, TenantId = other, Password = Password,
        }, scoped));
        Assert.False(otherAdmin.Succeeded);
        Assert.Null(await FindAsync("admin-of-other"));

        var own = await WithUsers(s => s.CreateAsync(new UserInput
        {
            UserName = "tenant-admin-2", Role = Roles.Admin, TenantId = DemoData.TenantId, Password = Password,
        }, scoped));
        Assert.True(own.Succeeded, own.Describe());

        // It sees only its tenant's users, and cannot touch the others.
        var listed = await WithUsers(s => s.ListAsync(new UserListQuery { PageSize = 100 }, scoped));
        Assert.Contains(listed.Items, r => r.UserName == "tenant-admin-2");
        Assert.All(listed.Items, r => Assert.Equal(DemoData.TenantId, r.TenantId));
        var adminId = (await FindAsync(CallCenterAppFactory.AdminUserName))!.Id;
        var otherId = (await FindAsync("other-sup"))!.Id;
        Assert.Equal(UserService.OutOfScope, (await WithUsers(s => s.DeleteAsync(adminId, scoped))).Refusal);
        Assert.Equal(UserService.OutOfScope, (await WithUsers(s => s.DeleteAsync(otherId, scoped))).Refusal);
        Assert.Null(await WithUsers(s => s.GetAsync(adminId, scoped)));
        Assert.NotNull(await FindAsync("other-sup"));

        // Nor promote one of its users to all tenants.
        var ownId = (await FindAsync("tenant-admin-2"))!.Id;
        var ownUser = await WithUsers(s => s.GetAsync(ownId, scoped));
        ownUser!.TenantId = null;
        Assert.Equal(UserService.AllTenantsOnly, (await WithUsers(s => s.UpdateAsync(ownUser, scoped))).Refusal);
        Assert.Equal(DemoData.TenantId, (await FindAsync("tenant-admin-2"))!.TenantId);
    }

    [Fact]
    public async Task The_last_all_tenant_admin_cannot_delete_demote_or_scope_itself()
    {
        var adminPrincipal = await PrincipalAsync(CallCenterAppFactory.AdminUserName);
        var admin = (await FindAsync(CallCenterAppFactory.AdminUserName))!;

        var delete = await WithUsers(s => s.DeleteAsync(admin.Id, adminPrincipal));
        Assert.False(delete.Succeeded);
        Assert.Contains("last administrator of all tenants", delete.Refusal);

        var demote = await WithUsers(async s =>
        {
            var input = (await s.GetAsync(admin.Id, adminPrincipal))!;
            input.Role = Roles.Supervisor;
            return await s.UpdateAsync(input, adminPrincipal);
        });
        Assert.False(demote.Succeeded);
        Assert.Contains("last administrator of all tenants", demote.Refusal);

        var scope = await WithUsers(async s =>
        {
            var input = (await s.GetAsync(admin.Id, adminPrincipal))!;
            input.TenantId = DemoData.TenantId;
            return await s.UpdateAsync(input, adminPrincipal);
        });
        Assert.False(scope.Succeeded);

        var still = (await FindAsync(CallCenterAppFactory.AdminUserName))!;
        Assert.Null(still.TenantId);
        Assert.Equal(new[] { Roles.Admin }, await RolesOfAsync(CallCenterAppFactory.AdminUserName));

        // Its display name it may change.
        var rename = await WithUsers(async s =>
        {
            var input = (await s.GetAsync(admin.Id, adminPrincipal))!;
            input.DisplayName = "Chief";
            return await s.UpdateAsync(input, adminPrincipal);
        });
        Assert.True(rename.Succeeded, rename.Describe());
        Assert.Equal("Chief", (await FindAsync(CallCenterAppFactory.AdminUserName))!.DisplayName);
    }

    [Fact]
    public async Task With_a_second_all_tenant_admin_one_still_cannot_delete_itself_but_may_delete_the_other()
    {
        await app.CreateUserAsync("admin-two", Password, Roles.Admin);
        var admin = await PrincipalAsync(CallCenterAppFactory.AdminUserName);
        var two = await PrincipalAsync("admin-two");
        var twoId = (await FindAsync("admin-two"))!.Id;
        try
        {
            var self = await WithUsers(s => s.DeleteAsync(twoId, two));
            Assert.Equal("You cannot delete your own account.", self.Refusal);
            var demoteSelf = await WithUsers(async s =>
            {
                var input = (await s.GetAsync(twoId, two))!;
                input.Role = Roles.Supervisor;
                return await s.UpdateAsync(input, two);
            });
            Assert.Contains("your own role", demoteSelf.Refusal);
            Assert.Equal(new[] { Roles.Admin }, await RolesOfAsync("admin-two"));
        }
        finally
        {
            var deleted = await WithUsers(s => s.DeleteAsync(twoId, admin));
            Assert.True(deleted.Succeeded, deleted.Describe());
        }
        Assert.Null(await FindAsync("admin-two"));
    }

    [Fact]
    public async Task Edit_resets_the_password_and_changes_the_role_of_another_user()
    {
        var admin = await PrincipalAsync(CallCenterAppFactory.AdminUserName);
        await app.CreateUserAsync("resetme", Password, Roles.Supervisor, tenantId: DemoData.TenantId);
        var id = (await FindAsync("resetme"))!.Id;
        const string fresh = "Fresh#Pass2026";

        var result = await WithUsers(async s =>
        {
            var input = (await s.GetAsync(id, admin))!;
            input.Role = Roles.Admin;
            input.Password = fresh;
            return await s.UpdateAsync(input, admin);
        });

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(new[] { Roles.Admin }, await RolesOfAsync("resetme"));
        using var client = app.CreateCookieClient();
        Assert.Contains("error=invalid", (await CallCenterAppFactory.PostLoginAsync(client, "resetme", Password)).Headers.Location!.OriginalString);
        using var signedIn = await app.SignedInClientAsync("resetme", fresh);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/users")).StatusCode);
    }

    [Fact]
    public async Task Users_page_and_export_for_the_admin_list_users_without_secrets()
    {
        using var client = await app.SignedInClientAsync();
        var page = await client.GetAsync("/users");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Users · CallCenter</title>", await page.Content.ReadAsStringAsync());

        var response = await client.GetAsync("/export/users.xlsx?search=admin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExcelExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        var rows = ExcelExport.Read(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var admin = Assert.Single(rows, r => (string?)r["User name"] == CallCenterAppFactory.AdminUserName);
        Assert.Equal(Roles.Admin, admin["Role"]);
        Assert.Equal("all tenants", admin["Scope"]);
        Assert.Equal("no", admin["Locked out"]);

        var stored = (await FindAsync(CallCenterAppFactory.AdminUserName))!;
        var secrets = new[] { stored.PasswordHash, stored.SecurityStamp, stored.ConcurrencyStamp };
        Assert.All(secrets, Assert.NotNull);
        foreach (var row in rows)
        {
            Assert.DoesNotContain(row.Keys, k => k.Contains("Hash", StringComparison.OrdinalIgnoreCase) || k.Contains("Stamp", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(row.Values, v => secrets.Contains(v?.ToString()));
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/export/users.xlsx?role=Root")).StatusCode);
    }
}
