using System.Net.Http.Headers;
using System.Text;
using CallCenter.Tests.Support;
using Microsoft.Playwright;
using static CallCenter.Tests.Browser.ConsolePage;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Browser;

/// <summary>An admin issues an API key in the console, a business system uses it, the admin revokes it.</summary>
public sealed class ApiKeysBrowserTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task A_key_issued_in_the_console_opens_the_API_until_it_is_revoked()
    {
        var page = await session.NewPageAsync();
        await SignInAsync(page, "/api-keys", CallCenterAppFactory.AdminUserName, CallCenterAppFactory.AdminPassword);
        await Expect(page.GetByTestId("empty")).ToBeVisibleAsync();

        await OpenCreateDialogAsync(page);
        await page.ClickAsync(".mud-dialog [data-testid=save]");
        await Expect(page.Locator(".mud-dialog").GetByText("Name is required.")).ToBeVisibleAsync();
        await page.FillAsync("[data-testid=apikey-name]", "CRM production");
        // One tenant only: the picker shows it read-only and has already chosen it.
        await page.ClickAsync(".mud-dialog [data-testid=save]");
        var issued = page.Locator("[data-testid=apikey-issued]");
        await Expect(issued).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^cck_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$"));
        var key = await issued.InputValueAsync();
        await ScreenshotAsync(page, "10-api-key-issued");
        await page.ClickAsync(".mud-dialog [data-testid=done]");
        await Expect(Cell(page, "CRM production")).ToBeVisibleAsync();

        Assert.Equal(200, await CallAsync(key));

        await page.ClickAsync("[data-testid=delete]");
        var confirm = page.Locator(".mud-dialog");
        await Expect(confirm).ToContainTextAsync("loses access at once");
        await ScreenshotAsync(page, "11-api-key-revoke-confirm");
        await confirm.Locator("button", new LocatorLocatorOptions { HasText = "Revoke" }).ClickAsync();
        await Expect(page.Locator(".mud-table-body").GetByText("Revoked")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "12-api-key-revoked");

        Assert.Equal(401, await CallAsync(key));
    }

    private async Task<int> CallAsync(string key)
    {
        using var http = new HttpClient { BaseAddress = new Uri(session.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var body = new StringContent("""{"tenantId":"10001","actionID":"abcd123"}""", Encoding.UTF8, "application/json");
        var response = await http.PostAsync("/5.0.x.20210203_release/query/queryTenantinfo", body);
        return (int)response.StatusCode;
    }
}
