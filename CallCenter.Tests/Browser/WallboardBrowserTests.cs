using System.Text.Json;
using System.Text.Json.Nodes;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Telephony;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Telephony.Simulated;
using CallCenter.Tests.Cti;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CallCenter.Tests.Browser.ConsolePage;
using static Microsoft.Playwright.Assertions;
using static CallCenter.Tests.Cti.ProtocolClient;

namespace CallCenter.Tests.Browser;

/// <summary>The host of the wallboard tests: virtual phones answer only when told; callers neither hang up nor give up.</summary>
public sealed class WallboardBrowserSession : BrowserSession
{
    public const string SupervisorName = "supervisor";
    public const string SupervisorPassword = "Super#Test2026";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Telephony:Simulated:AutoAnswer"] = "false";
        CtiAppFactory.CallersStay(settings);
        settings["Telephony:Simulated:Seed"] = "5";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.CreateUserAsync(SupervisorName, SupervisorPassword, Roles.Supervisor, tenantId: 10001);
    }

    public async Task<IPage> SupervisorWallboardAsync()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "/wallboard", SupervisorName, SupervisorPassword);
        await Expect(page.GetByTestId("wallboard-live")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("wallboard")).ToHaveAttributeAsync("data-tenant", "10001");
        return page;
    }
}

/// <summary>
/// A supervisor watches the wallboard in Chromium while agents work through the agent protocol: every change shows by
/// push; actions from the grid reach the agent's socket; the event→screen latency is measured over 100 events.
/// </summary>
public sealed class WallboardBrowserTests(WallboardBrowserSession session, ITestOutputHelper output) : IClassFixture<WallboardBrowserSession>
{
    private SimulatedSwitch Sim => session.App.Services.GetRequiredService<SimulatedSwitch>();

    private IEnumerable<SimulatedChannelInfo> SupervisorPhone() =>
        Sim.GetChannels(10001).Where(c => c.Kind == SimulatedChannelKind.Extension && c.RemoteNumber == "1009");

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), what);
    }

    private async Task<ProtocolClient> LogInAsync(string dn)
    {
        var c = await ProtocolClient.ConnectAsync(session.BaseUrl, dn);
        await c.SendAsync(Inner(MessageIds.Login, ("extension", dn.Split('_')[1]), ("thisQueues", new JsonArray("10001_8000"))), "login");
        await c.WaitForAsync(Events.LoggedIn);
        return c;
    }

    [Fact]
    public async Task A_supervisor_sees_an_agents_call_live_and_forces_it_not_ready_and_out_from_the_grid()
    {
        var page = await session.SupervisorWallboardAsync();
        var row = page.GetByTestId("agent-10001_1001");
        await Expect(page.GetByTestId("agents-empty")).ToBeVisibleAsync(); // nobody logged in yet

        await using var agent = await LogInAsync("10001_1001");
        await Expect(row).ToHaveAttributeAsync("data-state", "Busy");
        await Expect(page.GetByTestId("agent-10001_1001-reason")).ToHaveTextAsync("Busy");

        await agent.SendAsync(Inner(MessageIds.Ready));
        await agent.WaitForAsync(Events.Ready);
        await Expect(row).ToHaveAttributeAsync("data-state", "Ready");
        await Expect(page.GetByTestId("tile-ready-value")).ToHaveTextAsync("1");

        // A simulated caller reaches the ACD; the agent's phone rings (it answers only when told).
        var offered = agent.Received.Count;
        Sim.PlaceInboundCall(10001, "10001_8000", "13912345678");
        var incoming = await agent.WaitForAsync(Events.Incoming, after: offered);
        var callId = (string)incoming["callID"]!;
        await Expect(row).ToHaveAttributeAsync("data-reason", "8");
        await Expect(page.GetByTestId("agent-10001_1001-reason")).ToHaveTextAsync("Inbound ringing");
        await Expect(page.GetByTestId("agent-10001_1001-party")).ToHaveTextAsync("13912345678");
        await Expect(page.GetByTestId("tile-answered")).ToContainTextAsync("of 1 offered");

        Assert.True(Sim.AnswerExtension(10001, "1001"));
        await agent.WaitForAsync(Events.Established);
        await Expect(row).ToHaveAttributeAsync("data-reason", "1");
        await Expect(page.GetByTestId("agent-10001_1001-call")).ToContainTextAsync("Inbound");
        await Expect(page.GetByTestId("tile-answered-value")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("tile-service-level-value")).ToHaveTextAsync("100 %");
        // The charts (ApexCharts): today's intervals, and the agents now by state.
        await Expect(page.GetByTestId("chart-intervals").Locator("svg").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-states")).ToContainTextAsync("In call");

        // Listen from the grid: the supervisor picks a free extension as its phone; the engine rings it, and once it is
        // answered the agent's call is monitored.
        await page.GetByTestId("wallboard-phone").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "1009 (free)" }).ClickAsync();
        await page.GetByTestId("agent-10001_1001-listen").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Extension 1009 is ringing");
        Assert.True(Sim.AnswerExtension(10001, "1009"));
        await Expect(page.GetByTestId("agent-10001_1001-listeners")).ToHaveTextAsync("monitored (1)");
        var spy = Assert.Single(SupervisorPhone());
        Assert.Equal(EavesdropMode.Listen, spy.EavesdropMode);
        Assert.NotNull(spy.EavesdropTarget);

        await agent.SendAsync(Inner(MessageIds.Hold, ("callID", callId), ("otherDN", "13912345678")));
        await agent.WaitForAsync(Events.Held);
        await Expect(page.GetByTestId("agent-10001_1001-held")).ToHaveTextAsync("on hold");
        await ScreenshotAsync(page, "30-wallboard-call-on-hold");

        await agent.SendAsync(Inner(MessageIds.Retrieve, ("callID", callId), ("otherDN", "13912345678")));
        await agent.WaitForAsync(Events.Retrieved);
        await Expect(page.GetByTestId("agent-10001_1001-held")).ToHaveCountAsync(0);

        await agent.SendAsync(Inner(MessageIds.Release, ("callID", callId), ("otherDN", "13912345678")));
        await agent.WaitForAsync(Events.Released);
        await Expect(row).ToHaveAttributeAsync("data-state", "Ready");
        await Expect(page.GetByTestId("agent-10001_1001-call")).ToHaveTextAsync("");
        await EventuallyAsync(() => !SupervisorPhone().Any(), "the supervisor's leg ends with the call");
        await ScreenshotAsync(page, "31-wallboard-after-call");

        // Force not ready (Away) from the grid: the agent's socket hears it as 582 reason 4.
        var before = agent.Received.Count;
        await page.GetByTestId("agent-10001_1001-notready").Locator("button").First.ClickAsync();
        await page.GetByTestId("agent-10001_1001-notready-4").ClickAsync();
        var forced = await agent.WaitForAsync(Events.NotReady, e => (int?)e["reasonCode"] == 4, after: before);
        Assert.Equal("10001_1001", (string?)forced["thisDN"]);
        await Expect(row).ToHaveAttributeAsync("data-reason", "4");
        await Expect(page.GetByTestId("agent-10001_1001-reason")).ToHaveTextAsync("Away");

        // Force logout, confirmed: 4500 reason 3 on the socket, and the agent leaves the grid.
        before = agent.Received.Count;
        await page.GetByTestId("agent-10001_1001-logout").ClickAsync();
        var confirm = page.Locator(".mud-dialog");
        await Expect(confirm).ToContainTextAsync("Log agent 10001_1001 out?");
        await confirm.Locator("button", new LocatorLocatorOptions { HasText = "Log out" }).ClickAsync();
        var deregistered = await agent.WaitForAsync(Events.Deregistered, after: before);
        Assert.Equal(DeregisterReasons.LoggedOutBySupervisor, (int?)deregistered["reason"]);
        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("agents-empty")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "32-wallboard-after-force-logout");
    }

    [Fact]
    public async Task The_simulated_traffic_of_an_acd_is_switched_on_and_off_from_the_wallboard()
    {
        var page = await session.SupervisorWallboardAsync();
        await page.GetByTestId("cpm-10001_8000").FillAsync("12");
        await page.GetByTestId("start-10001_8000").ClickAsync();
        await Expect(page.GetByTestId("stop-10001_8000")).ToContainTextAsync("12/min");
        Assert.Equal(12, Assert.Single(Sim.InboundRates, r => r.TenantId == 10001).CallsPerMinute);
        await page.GetByTestId("stop-10001_8000").ClickAsync();
        await Expect(page.GetByTestId("start-10001_8000")).ToBeVisibleAsync();
        Assert.DoesNotContain(Sim.InboundRates, r => r.TenantId == 10001);
    }

    // ------------------------------------------------------------------ latency

    private sealed record Sample(string Key, long EventAt, long DomAt);

    private static async Task<List<Sample>> LatencyLogAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("() => JSON.stringify(window.wallboardLatency || [])");
        return JsonNode.Parse(json)!.AsArray()
            .Select(n => new Sample((string)n!["key"]!, (long)n["eventAt"]!, (long)n["domAt"]!))
            .ToList();
    }

    private static double Percentile(IReadOnlyList<long> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Requests that change an agent's state each time, in a cycle long enough to stay clear of error 27.</summary>
    private static readonly (JsonObject Request, int Event, int? Reason)[] Cycle =
    [
        (Inner(MessageIds.Ready), Events.Ready, null),
        (Inner(MessageIds.NotReady, ("reasonCode", 2)), Events.NotReady, 2),
        (Inner(MessageIds.NotReady, ("reasonCode", 4)), Events.NotReady, 4),
        (Inner(MessageIds.NotReady, ("reasonCode", 0)), Events.NotReady, 0),
        (Inner(MessageIds.NotReady, ("reasonCode", 3)), Events.NotReady, 3),
    ];

    /// <summary>The first event after <paramref name="after"/> with one of the message ids.</summary>
    private static async Task<JsonObject> NextAsync(ProtocolClient c, int after, params int[] ids)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var e = c.Received.Skip(after).FirstOrDefault(x => (int?)x["messageId"] is int id && ids.Contains(id));
            if (e is not null) return e;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{c.Dn}: none of {string.Join(",", ids)} within 15 s");
            await Task.Delay(5);
        }
    }

    /// <summary>Sends step <paramref name="step"/> of the cycle; returns the engine's eventTime of the change.</summary>
    private static async Task<(long EventTime, string Reason)> ChangeAsync(ProtocolClient agent, int step)
    {
        var (request, eventId, reason) = Cycle[step % Cycle.Length];
        while (true)
        {
            var before = agent.Received.Count;
            await agent.SendAsync(request.DeepClone().AsObject());
            var answer = await NextAsync(agent, before, eventId, Events.Failed);
            if ((int?)answer["messageId"] == Events.Failed && (int?)answer["errorCode"] == ErrorCodes.TooFast)
            {
                await Task.Delay(2100); // the same request within 2 s: the source's rule, not the wallboard's
                continue;
            }
            Assert.Equal(eventId, (int?)answer["messageId"]);
            return ((long)answer["eventTime"]!, reason?.ToString() ?? "");
        }
    }

    [Fact]
    public async Task Event_to_screen_latency_over_100_agent_state_changes()
    {
        var page = await session.SupervisorWallboardAsync();
        var agents = new List<ProtocolClient>();
        try
        {
            foreach (var n in Enumerable.Range(1000, 10).Where(n => n != 1001))
                agents.Add(await LogInAsync($"10001_{n}"));
            foreach (var a in agents)
                await Expect(page.GetByTestId($"agent-{a.Dn}")).ToHaveAttributeAsync("data-state", "Busy");
            await page.EvaluateAsync("() => { window.wallboardLatency = []; }");

            // 1) Spaced events (one about every 250 ms): each renders on its own, the pipeline's latency.
            var spaced = new List<long>();
            for (var step = 0; step < 100; step++)
            {
                var agent = agents[step % agents.Count];
                var (eventTime, reason) = await ChangeAsync(agent, step / agents.Count);
                var row = page.GetByTestId($"agent-{agent.Dn}");
                await Expect(row).ToHaveAttributeAsync("data-reason", reason);
                var domAt = long.Parse((await row.GetAttributeAsync("data-dom-at"))!);
                var eventAt = long.Parse((await row.GetAttributeAsync("data-event-at"))!);
                Assert.True(eventAt >= eventTime, "the row shows this change");
                spaced.Add(domAt - eventAt);
                await Task.Delay(200);
            }

            // 2) A burst: 100 changes back to back over the agents; the wallboard coalesces them into a few renders.
            await page.EvaluateAsync("() => { window.wallboardLatency = []; }");
            var batchesBefore = int.Parse((await page.GetByTestId("wallboard").GetAttributeAsync("data-batches"))!);
            var sent = new List<(string Dn, long EventTime)>();
            var finalReason = new Dictionary<string, string>();
            await Task.WhenAll(agents.Select(async (agent, i) =>
            {
                for (var k = 0; k < 100 / agents.Count + (i < 100 % agents.Count ? 1 : 0); k++)
                {
                    var (eventTime, reason) = await ChangeAsync(agent, 100 / agents.Count + 1 + k);
                    lock (sent) { sent.Add((agent.Dn, eventTime)); finalReason[agent.Dn] = reason; }
                }
            }));
            foreach (var (dn, reason) in finalReason)
                await Expect(page.GetByTestId($"agent-{dn}")).ToHaveAttributeAsync("data-reason", reason);
            var batches = int.Parse((await page.GetByTestId("wallboard").GetAttributeAsync("data-batches"))!) - batchesBefore;
            var log = await LatencyLogAsync(page);
            // Each event is on screen once a copy at least as new as it is rendered for its agent.
            var burst = sent.Select(s => log.Where(l => l.Key == $"agent-{s.Dn}" && l.EventAt >= s.EventTime).Min(l => l.DomAt) - s.EventTime).ToList();

            var report = Report("spaced (one event per ~250 ms)", spaced) + Report($"burst (100 events back to back, {batches} renders)", burst);
            output.WriteLine(report);
            var folder = Path.Combine(AppContext.BaseDirectory, "test-artifacts");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "wallboard-latency.txt"), report);
            await File.WriteAllTextAsync(Path.Combine(folder, "wallboard-latency.json"), JsonSerializer.Serialize(new
            {
                measuredAt = DateTimeOffset.Now, renderIntervalMs = 150, spacedMs = spaced, burstMs = burst, burstRenders = batches,
            }));
            await ScreenshotAsync(page, "33-wallboard-latency-agents");

            Assert.Equal(100, spaced.Count);
            Assert.Equal(100, burst.Count);
            Assert.True(Percentile(spaced.Order().ToList(), 95) < 1000, report);
            Assert.True(batches < 100, $"the burst was coalesced: {batches} renders");
        }
        finally
        {
            foreach (var a in agents)
            {
                await a.SendAsync(Inner(MessageIds.Logout, ("extension", a.Dn.Split('_')[1])));
                await a.DisposeAsync();
            }
        }
    }

    private static string Report(string name, List<long> latencies)
    {
        var sorted = latencies.Order().ToList();
        return $"wallboard event→screen latency, {name}: n={sorted.Count} p50={Percentile(sorted, 50)} ms p95={Percentile(sorted, 95)} ms " +
               $"max={sorted.LastOrDefault()} ms\n";
    }
}
