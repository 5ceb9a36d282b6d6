using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Identity;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static CallCenter.Tests.Browser.ConsolePage;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Browser;

/// <summary>In Chromium: the admin creates an Agent-role user, the new user signs in and changes its password.</summary>
public sealed class UsersBrowserTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Admin_creates_an_agent_user_who_signs_in_and_changes_its_password()
    {
        var page = await session.NewPageAsync();
        await SignInAsync(page, "/users", CallCenterAppFactory.AdminUserName, CallCenterAppFactory.AdminPassword);
        await Expect(Cell(page, "admin")).ToBeVisibleAsync();

        // Role Agent without an agent: the dialog says what is missing.
        await OpenCreateDialogAsync(page);
        await page.FillAsync("[data-testid=user-name]", "web.agent");
        await page.FillAsync("[data-testid=user-display-name]", "Web Agent");
        await SelectAsync(page, "user-role", "Agent");
        await page.FillAsync("[data-testid=user-password]", "Agent#Web2026");
        await page.ClickAsync(".mud-dialog [data-testid=save]");
        await Expect(page.Locator(".mud-dialog").GetByText("Choose the agent this user works as.")).ToBeVisibleAsync();

        // With its agent (the demo tenant, the only one, is chosen already) it saves.
        await SelectAsync(page, "user-agent", "10001_1003");
        await SaveDialogAndWaitClosedAsync(page);
        await Expect(Cell(page, "web.agent")).ToBeVisibleAsync();
        await Expect(Cell(page, "10001_1003")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "10-users");

        var saved = await session.App.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.UserName == "web.agent")
            .Select(u => new { u.TenantId, u.DisplayName, Agent = db.Agents.Where(a => a.Id == u.AgentId).Select(a => a.Code).FirstOrDefault() })
            .SingleAsync());
        Assert.Equal((DemoData.TenantId, "Web Agent", "1003"), (saved.TenantId, saved.DisplayName, saved.Agent));

        // The new user, in its own browser context, changes its password through the app bar link.
        var agent = await session.NewPageAsync();
        await SignInAsync(agent, "/", "web.agent", "Agent#Web2026");
        await agent.ClickAsync("[data-testid=change-password]");
        await agent.WaitForURLAsync("**/account/password");
        await agent.FillAsync("#currentPassword", "Agent#Web2026");
        await agent.FillAsync("#newPassword", "Agent#New2026");
        await agent.FillAsync("#confirmPassword", "Agent#New2026");
        await agent.ClickAsync("#change-password");
        await agent.WaitForURLAsync("**/account/password?done=1");
        await Expect(agent.GetByTestId("password-done")).ToHaveTextAsync("Your password was changed.");
        await ScreenshotAsync(agent, "11-password-changed");

        // Still signed in after the change (the cookie was refreshed), as the same user.
        await agent.ClickAsync("[data-testid=back-to-console]");
        await WaitInteractiveAsync(agent);
        await Expect(agent.GetByTestId("current-user")).ToContainTextAsync("Web Agent");

        var check = await session.App.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            var user = (await users.FindByNameAsync("web.agent"))!;
            return (New: await users.CheckPasswordAsync(user, "Agent#New2026"), Old: await users.CheckPasswordAsync(user, "Agent#Web2026"));
        });
        Assert.Equal((true, false), check);
    }
}
