using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CallCenter.Infrastructure.Identity;
using CallCenter.Tests.Cti;
using CallCenter.Tests.Support;
using Microsoft.Playwright;
using static CallCenter.Tests.Browser.ConsolePage;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Browser;

/// <summary>
/// The browser session of the softphone tests: the simulated phones do not answer by themselves (the agent answers from
/// the page) and simulated callers neither hang up nor give up, so every step is the agent's.
/// </summary>
public sealed class SoftphoneBrowserSession : BrowserSession
{
    public const string AgentUser = "agent1000";
    public const string AgentPassword = "Agent#Pass2026";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Telephony:Simulated:AutoAnswer"] = "false";
        settings["Telephony:Simulated:TalkTime:Min"] = "0";
        settings["Telephony:Simulated:TalkTime:Max"] = "0";
        settings["Telephony:Simulated:Patience:Min"] = "0";
        settings["Telephony:Simulated:Patience:Max"] = "0";
    }
}

/// <summary>An agent works calls end to end from the softphone page in Chromium.</summary>
public sealed class SoftphoneBrowserTests(SoftphoneBrowserSession session) : IClassFixture<SoftphoneBrowserSession>
{
    private const string Dn = "10001_1000";

    /// <summary>One inbound call into the demo ACD, placed over HTTP as an admin would from the simulation page.</summary>
    private async Task PlaceInboundCallAsync()
    {
        using var admin = session.App.CreateCookieClient();
        var login = await CallCenterAppFactory.PostLoginAsync(admin, CallCenterAppFactory.AdminUserName, CallCenterAppFactory.AdminPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        var placed = await admin.PostAsJsonAsync("/cti/simulation/call", new { tenantId = 10001, acd = "10001_8000", callsPerMinute = 0 });
        Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync());
    }

    private static ILocator Id(IPage page, string testId) => page.GetByTestId(testId);

    [Fact]
    public async Task An_agent_goes_ready_answers_holds_retrieves_hangs_up_and_survives_a_dropped_socket()
    {
        await session.App.CreateUserAsync(SoftphoneBrowserSession.AgentUser, SoftphoneBrowserSession.AgentPassword, Roles.Agent, 10001, Dn);
        var page = await session.NewPageAsync();
        await SignInAsync(page, "/softphone", SoftphoneBrowserSession.AgentUser, SoftphoneBrowserSession.AgentPassword);

        // The page connects and logs the agent in (not ready, reason Busy) on its extension with its ACD.
        await Expect(Id(page, "connection")).ToHaveAttributeAsync("data-status", "connected");
        await Expect(Id(page, "agent-state")).ToHaveTextAsync("Not ready");
        await Expect(Id(page, "agent-reason")).ToHaveTextAsync("Busy");
        await Expect(Id(page, "registration")).ToContainTextAsync("Phone registered · ext. 1000");
        await Expect(Id(page, "acds")).ToContainTextAsync("Default group (10001_8000)");
        await Expect(page.GetByTestId("nav-softphone")).ToBeVisibleAsync();

        await Id(page, "ready").ClickAsync();
        await Expect(Id(page, "agent-state")).ToHaveTextAsync("Ready");
        await Expect(Id(page, "state-timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0:0[0-9]$"));
        await ScreenshotAsync(page, "30-softphone-ready");

        // A caller reaches the ACD: the incoming panel shows who calls and through which ACD.
        await PlaceInboundCallAsync();
        await Expect(Id(page, "incoming-panel")).ToBeVisibleAsync();
        await Expect(Id(page, "incoming-acd")).ToContainTextAsync("Default group (10001_8000)");
        await Expect(Id(page, "incoming-caller")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{8,}$"));
        await Expect(Id(page, "agent-reason")).ToHaveTextAsync("Inbound ringing");
        var caller = await Id(page, "incoming-caller").InnerTextAsync();
        await ScreenshotAsync(page, "31-softphone-ringing");

        // Answer (simulation: the page POSTs /cti/simulation/answer with its cookie), hold, retrieve, hang up.
        await Id(page, "answer").ClickAsync();
        await Expect(Id(page, "call-panel")).ToBeVisibleAsync();
        await Expect(Id(page, "call-party")).ToHaveTextAsync(caller);
        await Expect(Id(page, "agent-reason")).ToHaveTextAsync("In call");
        await Id(page, "hold").ClickAsync();
        await Expect(Id(page, "call-held")).ToBeVisibleAsync();
        await Expect(Id(page, "call-panel")).ToHaveAttributeAsync("data-held", "true");
        await ScreenshotAsync(page, "32-softphone-held");
        await Id(page, "retrieve").ClickAsync();
        await Expect(Id(page, "call-held")).ToHaveCountAsync(0);
        await Expect(Id(page, "hold")).ToBeVisibleAsync();
        await Id(page, "hangup").ClickAsync();
        await Expect(Id(page, "no-call")).ToBeVisibleAsync();
        await Expect(Id(page, "agent-state")).ToHaveTextAsync("Ready"); // the demo tenant's after-call state
        var row = Id(page, "call-log-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("call-log-party")).ToHaveTextAsync(caller);
        await Expect(row.GetByTestId("call-log-outcome")).ToHaveTextAsync("You hung up");
        await ScreenshotAsync(page, "33-softphone-call-logged");

        // The network drops: the socket is gone for 3 s, and meanwhile a call is offered. The page resumes its session
        // and gets what it missed: the same session, the same log, and the call ringing.
        var sessionId = await Id(page, "softphone").GetAttributeAsync("data-session");
        Assert.False(string.IsNullOrEmpty(sessionId));
        Assert.Equal(1, await page.EvaluateAsync<int>("async () => (await import('/js/softphone.js')).dropConnection(3000)"));
        await Expect(Id(page, "connection-banner")).ToBeVisibleAsync();
        await Expect(Id(page, "connection")).ToHaveAttributeAsync("data-status", "waiting");
        await Expect(Id(page, "dial")).ToBeDisabledAsync();
        await Expect(Id(page, "logout")).ToBeDisabledAsync();
        await ScreenshotAsync(page, "34-softphone-connection-lost");
        await PlaceInboundCallAsync();
        await Expect(Id(page, "connection")).ToHaveAttributeAsync("data-status", "connected", new() { Timeout = 15_000 });
        await Expect(Id(page, "connection-banner")).ToHaveCountAsync(0);
        await Expect(Id(page, "softphone")).ToHaveAttributeAsync("data-session", sessionId!);
        await Expect(Id(page, "incoming-panel")).ToBeVisibleAsync();
        await Expect(Id(page, "call-log-row")).ToHaveCountAsync(1);
        await Id(page, "answer").ClickAsync();
        await Expect(Id(page, "call-panel")).ToBeVisibleAsync();
        await Id(page, "hangup").ClickAsync();
        await Expect(Id(page, "call-log-row")).ToHaveCountAsync(2);
        await Expect(Id(page, "agent-state")).ToHaveTextAsync("Ready");

        // Another client logs the same agent in: the page is told why (4500) and does not reconnect by itself.
        await using (var other = await ProtocolClient.ConnectAsync(session.BaseUrl, Dn))
        {
            await other.SendAsync(new JsonObject { ["messageId"] = 100, ["extension"] = "1000", ["thisQueues"] = new JsonArray("10001_8000") }, "login");
            await other.WaitForAsync(580);
            await Expect(Id(page, "forced-logout")).ToContainTextAsync("logged in somewhere else");
            await Expect(Id(page, "connection")).ToHaveAttributeAsync("data-status", "signedout");
            await ScreenshotAsync(page, "35-softphone-signed-out");
            await page.WaitForTimeoutAsync(2000);
            await Expect(Id(page, "connection")).ToHaveAttributeAsync("data-status", "signedout");

            // The agent takes it back from the page.
            await Id(page, "relogin").ClickAsync();
            await other.WaitForAsync(4500);
            await Expect(Id(page, "connection")).ToHaveAttributeAsync("data-status", "connected");
            await Expect(Id(page, "agent-state")).ToHaveTextAsync("Ready");
        }
        await Id(page, "logout").ClickAsync();
        await Expect(Id(page, "agent-state")).ToHaveTextAsync("Logged out");
        await Expect(Id(page, "login")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_reload_resumes_the_session_and_replays_the_state_and_the_ringing_call()
    {
        const string dn = "10001_1001";
        await session.App.CreateUserAsync("agent1001", SoftphoneBrowserSession.AgentPassword, Roles.Agent, 10001, dn);
        var page = await session.NewPageAsync();
        await SignInAsync(page, "/", "agent1001", SoftphoneBrowserSession.AgentPassword);
        await Id(page, "open-softphone").ClickAsync();
        await page.WaitForURLAsync("**/softphone");
        await Expect(Id(page, "agent-state")).ToHaveTextAsync("Not ready");
        await Id(page, "ready").ClickAsync();
        await Expect(Id(page, "agent-state")).ToHaveTextAsync("Ready");
        var sessionId = await Id(page, "softphone").GetAttributeAsync("data-session");

        await page.ReloadAsync();
        await WaitInteractiveAsync(page);
        await Expect(Id(page, "connection")).ToHaveAttributeAsync("data-status", "connected");
        await Expect(Id(page, "softphone")).ToHaveAttributeAsync("data-session", sessionId!);
        await Expect(Id(page, "agent-state")).ToHaveTextAsync("Ready");

        await PlaceInboundCallAsync();
        await Expect(Id(page, "incoming-panel")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await WaitInteractiveAsync(page);
        await Expect(Id(page, "incoming-panel")).ToBeVisibleAsync();
        await Expect(Id(page, "incoming-acd")).ToContainTextAsync("10001_8000");
        await Id(page, "answer").ClickAsync();
        await Expect(Id(page, "call-panel")).ToBeVisibleAsync();
        await Id(page, "hangup").ClickAsync();
        await Expect(Id(page, "call-log-row")).ToHaveCountAsync(1);
        await Id(page, "logout").ClickAsync();
        await Expect(Id(page, "agent-state")).ToHaveTextAsync("Logged out");
    }
}
