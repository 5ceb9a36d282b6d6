using System.Security.Claims;
using Bunit;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Acds;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Cti;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Telephony.Simulated;
using CallCenter.Infrastructure.Tenants;
using CallCenter.Tests.Cti;
using CallCenter.Web.Components.Wallboard;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Components;

/// <summary>The wallboard's tiles and agent grid (states, reasons and colours), and the page over a real engine host.</summary>
public class WallboardComponentTests : ComponentTestBase
{
    private static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static AgentView Agent(string dn, AgentState state, int? reason = null, string? callId = null, string? party = null,
        bool held = false, SupervisorCommand? pending = null, int listeners = 0) =>
        new(dn, "Agent " + dn[^4..], 10001, dn[^4..], state, reason, T0.AddMinutes(-2), 1,
            state == AgentState.LoggedOut ? [] : ["10001_8000"], callId, callId is null ? null : 2, party, held, false, null, 0, 0, 0,
            null, null, callId is null ? null : T0.AddSeconds(-30), pending, listeners, T0);

    private static ReasonCatalog Catalog() => new([
        new CustomAgentState { TenantId = 10001, ReasonCode = 9, ReasonText = "Do not disturb", Color = "#9e9e9e" },
        new CustomAgentState { TenantId = 10001, ReasonCode = 12, ReasonText = "Training", Color = "#123456", Enabled = false },
    ]);

    // ------------------------------------------------------------------ tiles

    [Fact]
    public void Tiles_show_the_figures_the_rates_and_a_ticking_longest_wait()
    {
        var tiles = new WallboardTiles(Waiting: 2, OldestWaitingSince: T0.AddSeconds(-75), Ready: 3, Busy: 4, Resting: 1, WrapUp: 2, LoggedIn: 10,
            Offered: 12, Answered: 9, AnsweredInTarget: 6, Abandoned: 2, TimedOut: 1, Target: "answered within 20 s");

        var cut = Ctx.Render<AcdTiles>(p => p.Add(t => t.Tiles, tiles).Add(t => t.Now, T0));

        string Value(string key) => cut.Find($"[data-testid='tile-{key}-value']").TextContent.Trim();
        Assert.Equal("2", Value("waiting"));
        Assert.Contains("wb-alert", cut.Find("[data-testid='tile-waiting']").ClassName);
        Assert.Equal("1:15", Value("longest-wait"));
        Assert.Equal(WallboardFormat.EpochMs(T0.AddSeconds(-75)).ToString(), cut.Find("[data-testid='tile-longest-wait-value']").GetAttribute("data-since"));
        Assert.Equal(("3", "4", "1", "2"), (Value("ready"), Value("busy"), Value("resting"), Value("wrapup")));
        Assert.Equal(("9", "2"), (Value("answered"), Value("abandoned")));
        Assert.Contains("of 12 offered", cut.Find("[data-testid='tile-answered']").TextContent);
        Assert.Contains("1 timed out", cut.Find("[data-testid='tile-abandoned']").TextContent);
        Assert.Equal("50 %", Value("service-level")); // 6 of 12 finished (9 + 2 + 1)
        Assert.Equal("16.7 %", Value("abandon-rate"));
        Assert.Contains("answered within 20 s", cut.Find("[data-testid='tile-service-level']").TextContent);
    }

    [Fact]
    public void Tiles_of_a_quiet_day_show_no_rates_and_no_wait()
    {
        var model = new WallboardModel(WallboardSnapshot.Empty, ReasonCatalog.BuiltIn);
        var cut = Ctx.Render<AcdTiles>(p => p.Add(t => t.Tiles, model.Tiles(null)));
        Assert.Equal("—", cut.Find("[data-testid='tile-service-level-value']").TextContent.Trim());
        Assert.Equal("—", cut.Find("[data-testid='tile-abandon-rate-value']").TextContent.Trim());
        Assert.Equal("—", cut.Find("[data-testid='tile-longest-wait-value']").TextContent.Trim());
        Assert.Null(cut.Find("[data-testid='tile-longest-wait-value']").GetAttribute("data-since"));
        Assert.Equal("0", cut.Find("[data-testid='tile-waiting-value']").TextContent.Trim());
        Assert.DoesNotContain("wb-alert", cut.Find("[data-testid='tile-waiting']").ClassName);
    }

    // ------------------------------------------------------------------ grid

    [Fact]
    public void The_grid_shows_each_state_with_its_reason_colour_time_call_and_party()
    {
        var agents = new[]
        {
            Agent("10001_1000", AgentState.Ready),
            Agent("10001_1001", AgentState.Busy, AgentStateCatalog.InboundRinging, "call-1", "13912345678"),
            Agent("10001_1002", AgentState.Busy, AgentStateCatalog.InCall, "call-2", "13912340000", held: true, listeners: 1,
                pending: new ForceLogout("sup", "10001_1002")),
            Agent("10001_1003", AgentState.Busy, AgentStateCatalog.Rest),
            Agent("10001_1004", AgentState.Busy, 9),
            Agent("10001_1005", AgentState.Busy, 12),
            Agent("10001_1006", AgentState.LoggedOut),
        };
        var cut = Ctx.Render<AgentGrid>(p => p.Add(g => g.Agents, agents).Add(g => g.Catalog, Catalog()).Add(g => g.Now, T0)
            .Add(g => g.CanAct, true));

        string Cell(string dn, string cell) => cut.Find($"[data-testid='agent-{dn}-{cell}']").TextContent.Trim();
        string Color(string dn) => cut.Find($"[data-testid='agent-{dn}-reason']").GetAttribute("data-color")!;
        Assert.Equal(("Ready", "#c5efc5", "—"), (Cell("10001_1000", "state"), Color("10001_1000"), Cell("10001_1000", "reason")));
        Assert.Equal(("Inbound ringing", "#cee0f5"), (Cell("10001_1001", "reason"), Color("10001_1001")));
        Assert.Equal("13912345678", Cell("10001_1001", "party"));
        Assert.Equal(("In call", "#b7d5f7"), (Cell("10001_1002", "reason"), Color("10001_1002")));
        Assert.Contains("Inbound", Cell("10001_1002", "call"));
        Assert.Contains("0:30", Cell("10001_1002", "call")); // talking for 30 s
        Assert.Equal("on hold", Cell("10001_1002", "held"));
        Assert.Equal("monitored (1)", Cell("10001_1002", "listeners"));
        Assert.Equal("logout after the call", Cell("10001_1002", "pending"));
        Assert.Equal(("Rest", "#eac4e3"), (Cell("10001_1003", "reason"), Color("10001_1003")));
        Assert.Equal(("Do not disturb", "#9e9e9e"), (Cell("10001_1004", "reason"), Color("10001_1004"))); // the tenant's custom state
        Assert.Equal(("Training", "#123456"), (Cell("10001_1005", "reason"), Color("10001_1005"))); // disabled, still coloured
        Assert.Equal(("Logged out", "#f3f3f4"), (Cell("10001_1006", "state"), Color("10001_1006")));
        Assert.Equal("2:00", Cell("10001_1000", "since"));
        Assert.Equal(WallboardFormat.EpochMs(T0).ToString(), cut.Find("[data-testid='agent-10001_1000']").GetAttribute("data-event-at"));
        Assert.Equal("Busy", cut.Find("[data-testid='agent-10001_1001']").GetAttribute("data-state"));
        Assert.Equal("8", cut.Find("[data-testid='agent-10001_1001']").GetAttribute("data-reason"));
        // Listen and barge need a call (and the supervisor's phone); a logged-out agent offers no action.
        Assert.True(cut.Find("[data-testid='agent-10001_1000-listen']").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid='agent-10001_1002-listen']").HasAttribute("disabled")); // no phone chosen
        Assert.True(cut.Find("[data-testid='agent-10001_1006-logout']").HasAttribute("disabled"));
        Assert.False(cut.Find("[data-testid='agent-10001_1000-logout']").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid='agent-10001_1006-since']"));
    }

    [Fact]
    public void The_grid_without_agents_says_so_and_a_read_only_grid_has_no_actions()
    {
        var empty = Ctx.Render<AgentGrid>(p => p.Add(g => g.Agents, []).Add(g => g.EmptyText, "This tenant has no agents yet."));
        Assert.Equal("This tenant has no agents yet.", empty.Find("[data-testid='agents-empty']").TextContent.Trim());

        var readOnly = Ctx.Render<AgentGrid>(p => p.Add(g => g.Agents, [Agent("10001_1000", AgentState.Ready)]));
        Assert.Empty(readOnly.FindAll("[data-testid='agent-10001_1000-logout']"));
    }

    [Fact]
    public void The_model_counts_agents_of_the_acd_shown_and_keeps_the_newest_copy()
    {
        var snapshot = new WallboardSnapshot(
            [Agent("10001_1000", AgentState.Ready), Agent("10001_1001", AgentState.Busy, 0), Agent("10001_1002", AgentState.Busy, 5),
                Agent("10001_1003", AgentState.Busy, 1, "c", "139") with { Queues = ["10001_8001"] }, Agent("10001_1004", AgentState.LoggedOut)],
            [Acd("10001_8000", 20, new AcdInterval(36, 3, 2, 1)), Acd("10001_8001", 30, new AcdInterval(36, 1, 1, 0), new AcdInterval(37, 2, 0, 0))],
            [], new Dictionary<string, IReadOnlyList<string>> { ["10001_1004"] = ["10001_8001"] });
        var model = new WallboardModel(snapshot, Catalog());

        var all = model.Tiles(null);
        Assert.Equal((1, 1, 1, 1, 4), (all.Ready, all.Busy, all.Resting, all.WrapUp, all.LoggedIn));
        Assert.Equal("answered within each ACD's target", all.Target);
        var vip = model.Tiles("10001_8001");
        Assert.Equal((0, 1, 1), (vip.Ready, vip.Busy, vip.LoggedIn));
        Assert.Equal("answered within 30 s", vip.Target);
        Assert.Equal(new[] { new AcdInterval(36, 4, 3, 1), new AcdInterval(37, 2, 0, 0) }, model.Intervals(null));
        Assert.Equal(new[] { "10001_1003" }, model.AgentsOf("10001_8001", false).Select(a => a.Dn));
        Assert.Equal(new[] { "10001_1003", "10001_1004" }, model.AgentsOf("10001_8001", true).Select(a => a.Dn)); // member, logged out
        Assert.Equal(new[] { "Ready", "Wrap-up", "In call", "Rest" }, model.Distribution(null).Select(d => d.Style.Text));

        model.Apply(new WallboardChanges([Agent("10001_1000", AgentState.Busy, 4) with { At = T0.AddSeconds(1) }], []));
        model.Apply(new WallboardChanges([Agent("10001_1000", AgentState.Ready) with { At = T0.AddSeconds(-1) }], [])); // late, older copy
        Assert.Equal(AgentState.Busy, model.Agent("10001_1000")!.State);
    }

    private static AcdView Acd(string number, int target, params AcdInterval[] intervals) =>
        new(number, number, 0, 0, 0, 0, 0, 0, 0, null, intervals.Sum(i => i.Offered), intervals.Sum(i => i.Answered),
            intervals.Sum(i => i.Abandoned), new Dictionary<int, int>(), 0, 0, target, new DateOnly(2026, 3, 2), intervals, T0);

    // ------------------------------------------------------------------ the page over a real engine host

    private CtiEngineHost AddEngineHost()
    {
        Ctx.Services.AddSingleton<ISwitch, ScriptedSwitch>();
        Ctx.Services.AddSingleton<IRecordSink, MemoryRecords>();
        Ctx.Services.AddSingleton(new EngineOptions());
        Ctx.Services.AddSingleton<TenantConfigLoader>();
        Ctx.Services.AddSingleton<CtiEngineHost>();
        Ctx.Services.AddSingleton<SupervisorService>();
        Ctx.Services.AddSingleton(new SimulatedSwitch(new SimulatedSwitchOptions(), TimeProvider.System));
        Ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Ctx.Services.GetRequiredService<CtiEngineHost>();
    }

    private void SignInSupervisorOf(int tenant) =>
        Auth.SetAuthorized("sup").SetRoles(Roles.Supervisor).SetClaims(new Claim(Roles.TenantClaim, tenant.ToString()));

    [Fact]
    public async Task An_empty_tenant_shows_zero_tiles_and_says_it_has_no_agents()
    {
        Assert.True((await Db.Get<TenantService>().CreateAsync(new Tenant { Id = 20002, Name = "Empty" }, TenantScope.All)).Succeeded);
        AddEngineHost();
        SignInSupervisorOf(20002);

        var cut = RenderWithProviders<WallboardPage>();

        cut.WaitForAssertion(() => Assert.Equal("This tenant has no agents yet.", cut.Find("[data-testid='agents-empty']").TextContent.Trim()), Wait);
        Assert.Equal("20002", cut.Find("[data-testid='wallboard']").GetAttribute("data-tenant"));
        Assert.Equal("0", cut.Find("[data-testid='tile-ready-value']").TextContent.Trim());
        Assert.Equal("—", cut.Find("[data-testid='tile-service-level-value']").TextContent.Trim());
        Assert.Equal("No agent is logged in.", cut.Find("[data-testid='chart-states-empty']").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid='wallboard-traffic']")); // no ACD, no traffic to start
        Assert.Empty(cut.FindAll("[data-testid='tenant-picker']")); // a tenant's supervisor sees its tenant only
    }

    [Fact]
    public async Task The_page_follows_the_engine_by_push()
    {
        var host = AddEngineHost();
        SignInSupervisorOf(10001);
        var cut = RenderWithProviders<WallboardPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid='agents-empty']"), Wait);

        var engine = (await host.GetOrCreateAsync(10001))!;
        var connection = new TestConnection("c1");
        engine.Post(new SwitchInput(new ExtensionRegistered(10001, DateTimeOffset.UtcNow, "1001", "127.0.0.1")));
        engine.Post(new RequestInput(connection, new LoginRequest("10001_1001", "1001", ["10001_8000"], null, null)));
        cut.WaitForAssertion(() => Assert.Equal("Busy", cut.Find("[data-testid='agent-10001_1001']").GetAttribute("data-state")), Wait);
        Assert.Equal("Busy", cut.Find("[data-testid='agent-10001_1001-reason']").TextContent.Trim());

        engine.Post(new RequestInput(connection, new ReadyRequest("10001_1001")));
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid='tile-ready-value']").TextContent.Trim()), Wait);
        Assert.Equal("Ready", cut.Find("[data-testid='agent-10001_1001-state']").TextContent.Trim());

        engine.Post(new RequestInput(connection, new NotReadyRequest("10001_1001", 9, null)));
        cut.WaitForAssertion(() => Assert.Contains("Do not disturb", cut.Find("[data-testid='agent-10001_1001-reason']").TextContent), Wait);
        Assert.Equal("#9e9e9e", cut.Find("[data-testid='agent-10001_1001-reason']").GetAttribute("data-color"));
    }

    [Fact]
    public async Task A_page_closed_while_its_script_loads_does_not_start_the_ticker()
    {
        var js = new ScriptedJs(holdImport: true);
        Ctx.Services.AddSingleton<Microsoft.JSInterop.IJSRuntime>(js);
        AddEngineHost();
        SignInSupervisorOf(10001);
        var cut = RenderWithProviders<WallboardPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid='agents-empty']"), Wait);

        await Ctx.DisposeComponentsAsync();
        js.Imported.SetResult(); // the module arrives after the page has gone

        await ScriptedJs.WaitUntil(() => js.Module.Disposed);
        // start() would leave a 250 ms interval and a MutationObserver running on the detached board for the circuit's life.
        Assert.DoesNotContain("start", js.Module.Calls);
    }

    private static int Subscribers(TenantEngine engine) =>
        (typeof(TenantEngine).GetField(nameof(TenantEngine.AgentStateChanged), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .GetValue(engine) as Delegate)?.GetInvocationList().Length ?? 0;

    [Fact]
    public async Task A_page_closed_while_its_feed_opens_leaves_no_handler_on_the_engine()
    {
        var host = AddEngineHost();
        SignInSupervisorOf(10001);
        var engine = (await host.GetOrCreateAsync(10001))!;
        using var release = new SemaphoreSlim(0);
        var blocked = engine.QueryAsync(_ => release.Wait(TimeSpan.FromSeconds(20))); // the loop is busy: the page's snapshot waits

        var cut = RenderWithProviders<WallboardPage>();
        await Task.Delay(300);
        await Ctx.DisposeComponentsAsync();
        release.Release();
        await blocked;
        await engine.QueryAsync(_ => 0); // the page's subscription (if any) has run
        await Task.Delay(200);

        // A feed opened for a page already gone kept the engine raising into it (and the page alive) for the engine's life.
        Assert.Equal(0, Subscribers(engine));
    }
}
