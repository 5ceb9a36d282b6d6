using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static CallCenter.Tests.Browser.ConsolePage;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Browser;

/// <summary>The admin's first hour, in Chromium: sign in, create a tenant, an ACD, an extension and an agent.</summary>
public sealed class ConfigurationBrowserTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Admin_creates_tenant_acd_and_agent_through_the_console_and_is_told_what_is_wrong_with_an_invalid_agent()
    {
        var page = await session.NewPageAsync();
        await SignInAsync(page, "/tenants", CallCenterAppFactory.AdminUserName, CallCenterAppFactory.AdminPassword);
        await Expect(Cell(page, "10001")).ToBeVisibleAsync();

        // Tenant
        await OpenCreateDialogAsync(page);
        await page.FillAsync("[data-testid=tenant-number]", "20001");
        await page.FillAsync("[data-testid=tenant-name]", "Browser Test Co");
        await SaveDialogAndWaitClosedAsync(page);
        await Expect(Cell(page, "20001")).ToBeVisibleAsync();
        await Expect(Cell(page, "Browser Test Co")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "01-tenants");

        // ACD of the new tenant
        await OpenListAsync(page, "/acds", "ACDs");
        await OpenCreateDialogAsync(page);
        await SelectAsync(page, "tenant-picker", "20001 Browser Test Co");
        await page.FillAsync("[data-testid=acd-code]", "8100");
        await page.FillAsync("[data-testid=acd-name]", "Sales");
        await SaveDialogAndWaitClosedAsync(page);
        await page.FillAsync("[data-testid=search] >> visible=true", "20001");
        await Expect(Cell(page, "20001_8100")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "02-acds");

        // Extension, then an agent bound to it
        await OpenListAsync(page, "/extensions", "Extensions");
        await OpenCreateDialogAsync(page);
        await SelectAsync(page, "tenant-picker", "20001 Browser Test Co");
        await page.FillAsync("[data-testid=extension-number]", "2000");
        await page.FillAsync("[data-testid=extension-password]", "sip2000pw");
        await SaveDialogAndWaitClosedAsync(page);

        await OpenListAsync(page, "/agents", "Agents");
        await OpenCreateDialogAsync(page);
        await SelectAsync(page, "tenant-picker", "20001 Browser Test Co");
        await page.FillAsync("[data-testid=agent-code]", "2000");
        await page.FillAsync("[data-testid=agent-name]", "Browser Agent");
        await page.FillAsync("[data-testid=agent-password]", "agentpw1");
        await SelectAsync(page, "agent-extension", "2000");
        await SaveDialogAndWaitClosedAsync(page);
        await page.FillAsync("[data-testid=search] >> visible=true", "20001_");
        await Expect(Cell(page, "20001_2000")).ToBeVisibleAsync();
        await Expect(Cell(page, "Browser Agent")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "03-agents");

        // An invalid agent: the dialog names each wrong field and nothing is saved.
        await OpenCreateDialogAsync(page);
        await SelectAsync(page, "tenant-picker", "20001 Browser Test Co");
        await page.FillAsync("[data-testid=agent-code]", "12");
        await page.ClickAsync(".mud-dialog [data-testid=save]");
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.GetByText("Agent code must be 3 to 8 digits.")).ToBeVisibleAsync();
        await Expect(dialog.GetByText("Name is required.")).ToBeVisibleAsync();
        await Expect(dialog.GetByText("Password is required.")).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("dialog-error")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "04-invalid-agent");

        // What the browser did is what the database holds.
        var saved = await session.App.WithDbAsync(async db => new
        {
            Tenant = await db.Tenants.AnyAsync(t => t.Id == 20001 && t.Name == "Browser Test Co"),
            Acd = await db.Acds.AnyAsync(a => a.TenantId == 20001 && a.Code == "8100" && a.Name == "Sales"),
            Agent = await db.Agents.Where(a => a.TenantId == 20001)
                .Select(a => new { a.Code, a.NameCn, Extension = db.Extensions.Where(e => e.Id == a.ExtensionId).Select(e => e.Number).FirstOrDefault() })
                .ToListAsync(),
        });
        Assert.True(saved.Tenant);
        Assert.True(saved.Acd);
        var agent = Assert.Single(saved.Agent);
        Assert.Equal(("2000", "Browser Agent", "2000"), (agent.Code, agent.NameCn, agent.Extension));
    }
}
