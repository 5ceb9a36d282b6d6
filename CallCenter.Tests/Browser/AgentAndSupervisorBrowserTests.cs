using CallCenter.Infrastructure.Identity;
using CallCenter.Tests.Cti;
using Microsoft.Playwright;
using static CallCenter.Tests.Browser.ConsolePage;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Browser;

/// <summary>
/// The host of the two-person test: the switch's default auto-answer stays on (the open softphone page keeps its own phone
/// ringing until answered there); simulated callers neither hang up nor give up, so every change is the agent's or the
/// supervisor's.
/// </summary>
public sealed class AgentAndSupervisorBrowserSession : BrowserSession
{
    public const string AgentUser = "agent1002";
    public const string AgentPassword = "Agent#Pass2026";
    public const string SupervisorUser = "supervisor";
    public const string SupervisorPassword = "Super#Test2026";
    public const string Dn = "10001_1002";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        CtiAppFactory.CallersStay(settings);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.CreateUserAsync(SupervisorUser, SupervisorPassword, Roles.Supervisor, tenantId: 10001);
        await App.CreateUserAsync(AgentUser, AgentPassword, Roles.Agent, 10001, Dn);
    }
}

/// <summary>
/// Two people in two browser contexts: an agent works a call from the softphone page while the supervisor's wallboard
/// shows each change, and the call is brought by the simulated inbound traffic the supervisor switches on.
/// </summary>
public sealed class AgentAndSupervisorBrowserTests(AgentAndSupervisorBrowserSession session) : IClassFixture<AgentAndSupervisorBrowserSession>
{
    private const string Dn = AgentAndSupervisorBrowserSession.Dn;
    private const string Acd = "10001_8000";

    [Fact]
    public async Task An_agent_works_a_call_from_the_softphone_while_the_supervisor_watches_it_live_on_the_wallboard()
    {
        // The supervisor's browser: the wallboard, nobody logged in yet.
        var board = await session.NewPageAsync();
        await SignInAsync(board, "/wallboard", AgentAndSupervisorBrowserSession.SupervisorUser, AgentAndSupervisorBrowserSession.SupervisorPassword);
        await Expect(board.GetByTestId("wallboard-live")).ToBeVisibleAsync();
        await Expect(board.GetByTestId("agents-empty")).ToBeVisibleAsync();
        var row = board.GetByTestId($"agent-{Dn}");

        // The agent's browser: the softphone logs in; the wallboard shows the agent, not ready.
        var phone = await session.NewPageAsync();
        await SignInAsync(phone, "/softphone", AgentAndSupervisorBrowserSession.AgentUser, AgentAndSupervisorBrowserSession.AgentPassword);
        await Expect(phone.GetByTestId("connection")).ToHaveAttributeAsync("data-status", "connected");
        await Expect(phone.GetByTestId("agent-state")).ToHaveTextAsync("Not ready");
        await Expect(row).ToHaveAttributeAsync("data-state", "Busy");
        await Expect(board.GetByTestId($"agent-{Dn}-reason")).ToHaveTextAsync("Busy");

        // Ready.
        await phone.GetByTestId("ready").ClickAsync();
        await Expect(phone.GetByTestId("agent-state")).ToHaveTextAsync("Ready");
        await Expect(row).ToHaveAttributeAsync("data-state", "Ready");
        await Expect(board.GetByTestId("tile-ready-value")).ToHaveTextAsync("1");

        // The supervisor switches the ACD's simulated inbound traffic on; the first caller rings the agent's page, and the
        // traffic goes off again. Callers who came meanwhile wait in the ACD (they never give up here).
        await board.GetByTestId($"cpm-{Acd}").FillAsync("30");
        await board.GetByTestId($"start-{Acd}").ClickAsync();
        await Expect(phone.GetByTestId("incoming-panel")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await board.GetByTestId($"stop-{Acd}").ClickAsync();
        await Expect(board.GetByTestId($"start-{Acd}")).ToBeVisibleAsync();
        var caller = await phone.GetByTestId("incoming-caller").InnerTextAsync();
        await Expect(phone.GetByTestId("incoming-acd")).ToContainTextAsync(Acd);
        await Expect(row).ToHaveAttributeAsync("data-reason", "8");
        await Expect(board.GetByTestId($"agent-{Dn}-reason")).ToHaveTextAsync("Inbound ringing");
        await Expect(board.GetByTestId($"agent-{Dn}-party")).ToHaveTextAsync(caller);

        // The phone keeps ringing past the switch's auto-answer delay (1 s): the person answers.
        await phone.WaitForTimeoutAsync(2000);
        await Expect(phone.GetByTestId("incoming-panel")).ToBeVisibleAsync();
        await Expect(row).ToHaveAttributeAsync("data-reason", "8");

        // Answer from the page: in call on both screens.
        await phone.GetByTestId("answer").ClickAsync();
        await Expect(phone.GetByTestId("call-panel")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("call-party")).ToHaveTextAsync(caller);
        await Expect(row).ToHaveAttributeAsync("data-reason", "1");
        await Expect(board.GetByTestId($"agent-{Dn}-reason")).ToHaveTextAsync("In call");
        await Expect(board.GetByTestId($"agent-{Dn}-call")).ToContainTextAsync("Inbound");
        await Expect(board.GetByTestId("tile-answered-value")).ToHaveTextAsync("1");

        // Hold: the page shows the call held, the wallboard flags it.
        await phone.GetByTestId("hold").ClickAsync();
        await Expect(phone.GetByTestId("call-panel")).ToHaveAttributeAsync("data-held", "true");
        await Expect(board.GetByTestId($"agent-{Dn}-held")).ToHaveTextAsync("on hold");
        await ScreenshotAsync(phone, "40-two-people-softphone-held");
        await ScreenshotAsync(board, "41-two-people-wallboard-held");

        // Retrieve.
        await phone.GetByTestId("retrieve").ClickAsync();
        await Expect(phone.GetByTestId("call-panel")).ToHaveAttributeAsync("data-held", "false");
        await Expect(board.GetByTestId($"agent-{Dn}-held")).ToHaveCountAsync(0);
        await Expect(row).ToHaveAttributeAsync("data-reason", "1");

        // Hang up: the call is in the page's log; the wallboard shows the agent free again (ready, the demo tenant's
        // after-call state), or ringing at once when another caller was already waiting in the ACD.
        var waiting = int.Parse(await board.GetByTestId("tile-waiting-value").InnerTextAsync());
        await phone.GetByTestId("hangup").ClickAsync();
        await Expect(phone.GetByTestId("call-log-row")).ToHaveCountAsync(1);
        await Expect(phone.GetByTestId("call-log-row").GetByTestId("call-log-party")).ToHaveTextAsync(caller);
        await Expect(board.GetByTestId($"agent-{Dn}-held")).ToHaveCountAsync(0);
        if (waiting == 0)
        {
            await Expect(phone.GetByTestId("agent-state")).ToHaveTextAsync("Ready");
            await Expect(row).ToHaveAttributeAsync("data-state", "Ready");
            await Expect(board.GetByTestId($"agent-{Dn}-call")).ToHaveTextAsync("");
        }
        else
        {
            await Expect(phone.GetByTestId("incoming-panel")).ToBeVisibleAsync();
            await Expect(row).ToHaveAttributeAsync("data-reason", "8");
            await Expect(board.GetByTestId("tile-waiting-value")).ToHaveTextAsync((waiting - 1).ToString());
        }
        await ScreenshotAsync(phone, "42-two-people-softphone-after-call");
        await ScreenshotAsync(board, "43-two-people-wallboard-after-call");

        await phone.Context.CloseAsync();
        await board.Context.CloseAsync();
    }
}
