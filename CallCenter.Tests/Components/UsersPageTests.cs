using System.Security.Claims;
using Bunit;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Identity;
using CallCenter.Web.Account;
using CallCenter.Web.Components.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CallCenter.Tests.Components;

/// <summary>The users list and dialog over the real UserService, Identity stores and SQLite database.</summary>
public class UsersPageTests : ComponentTestBase
{
    /// <summary>Identity's stores, the roles and an all-tenant Admin "admin" that the bUnit user signs in as.</summary>
    private async Task<ApplicationUser> SignInAdminAsync()
    {
        Ctx.Services.AddConsoleIdentityCore();
        await using var scope = Ctx.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All) await roles.CreateAsync(new IdentityRole(role));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = new ApplicationUser { UserName = "admin", DisplayName = "Administrator" };
        Assert.True((await users.CreateAsync(admin, "Admin#Test2026")).Succeeded);
        Assert.True((await users.AddToRoleAsync(admin, Roles.Admin)).Succeeded);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id));
        return admin;
    }

    [Fact]
    public async Task Lists_the_admin_row()
    {
        await SignInAdminAsync();

        var cut = RenderWithProviders<UsersPage>();

        cut.WaitForAssertion(() => Assert.Equal(new[] { "admin" }, Column(cut, "User name")), Wait);
        Assert.Equal(new[] { "Administrator" }, Column(cut, "Display name"));
        Assert.Equal(new[] { "Admin" }, Column(cut, "Role"));
        Assert.Equal(new[] { "all tenants" }, Column(cut, "Scope"));
        Assert.Equal(new[] { "—" }, Column(cut, "Agent"));
        Assert.Equal(new[] { "no" }, Column(cut, "Locked out"));
        Assert.Contains("Users", cut.Find("h1").TextContent);
        Assert.Equal("/export/users.xlsx", cut.Find("[data-testid='export']").GetAttribute("href"));
    }

    [Fact]
    public async Task An_agent_user_saved_without_an_agent_shows_the_field_error_and_writes_nothing()
    {
        await SignInAdminAsync();
        var cut = RenderWithProviders<Microsoft.AspNetCore.Components.Web.PageTitle>();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        var model = new UserInput { UserName = "agent-one", Role = Roles.Agent, TenantId = DemoData.TenantId };
        var parameters = new DialogParameters<UserDialog> { { d => d.Model, model }, { d => d.IsNew, true } };
        var shown = cut.InvokeAsync(() => dialogs.ShowAsync<UserDialog>("New user", parameters));
        cut.WaitForElement("button[data-testid='save']", Wait);

        cut.Find("input[data-testid='user-password']").Change("Agent#Test2026");
        cut.Find("button[data-testid='save']").Click();

        cut.WaitForAssertion(() => Assert.Contains("Choose the agent this user works as.", cut.Markup), Wait);
        Assert.Contains("Nothing was saved.", cut.Find("[data-testid='dialog-error']").TextContent);
        Assert.False((await shown).Result.IsCompleted, "the dialog must not close after a failed save");
        await using var db = Db.NewContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "agent-one"));
    }
}
