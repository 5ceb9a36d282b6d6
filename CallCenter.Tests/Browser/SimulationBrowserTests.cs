using CallCenter.Infrastructure.Telephony.Simulated;
using CallCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static CallCenter.Tests.Browser.ConsolePage;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Browser;

/// <summary>An admin drives the simulated switch from the console for a demo.</summary>
public sealed class SimulationBrowserTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task One_simulated_call_waits_in_the_acd_and_traffic_can_be_started_and_stopped()
    {
        var page = await session.NewPageAsync();
        await SignInAsync(page, "/simulation", CallCenterAppFactory.AdminUserName, CallCenterAppFactory.AdminPassword);
        var row = page.GetByTestId("acd-10001_8000");
        await Expect(row).ToBeVisibleAsync();

        await page.GetByTestId("call-10001_8000").ClickAsync();
        // No agent is logged in: the caller waits (the page refreshes every 2 s).
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("1", new() { Timeout = 10_000 });

        await page.GetByTestId("cpm-10001_8000").FillAsync("30");
        await page.GetByTestId("start-10001_8000").ClickAsync();
        await Expect(page.GetByTestId("stop-10001_8000")).ToContainTextAsync("30/min");
        var sim = session.App.Services.GetRequiredService<SimulatedSwitch>();
        Assert.Equal(30, Assert.Single(sim.InboundRates).CallsPerMinute);
        await ScreenshotAsync(page, "20-simulation");

        await page.GetByTestId("stop-10001_8000").ClickAsync();
        await Expect(page.GetByTestId("start-10001_8000")).ToBeVisibleAsync();
        Assert.Empty(sim.InboundRates);
    }
}
