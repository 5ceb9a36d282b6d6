using System.Text.Json.Nodes;
using Bunit;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Infrastructure.Softphone;
using CallCenter.Tests.SoftphoneModel;
using CallCenter.Web.Components.Softphone;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace CallCenter.Tests.Components;

/// <summary>
/// The softphone's panels in each state — ringing, in call, held, resting, disconnected, signed out by 4500 — rendered
/// from the event frames the server sends (fed to the component the way the JS module does).
/// </summary>
public sealed class SoftphoneComponentTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly EventScript _s = new();
    private readonly IRenderedComponent<IComponent> _cut;
    private readonly BunitJSModuleInterop _module;
    private readonly JSRuntimeInvocationHandler<bool> _requests;
    private readonly BunitJSModuleInterop _client;

    public static readonly SoftphoneProfile Profile = new(
        new AgentLink(1, 10001, "10001_1000", "1000", "Agent 1000", true, "1000", ["10001_8000"]),
        "Demo Call Center",
        [new ReasonChoice(3, "Busy", "#ecb9b7", true), new ReasonChoice(4, "Away", "#bbb", true), new ReasonChoice(9, "Do not disturb", "#ff8800", false)],
        AgentStateCatalog.BuiltInReasons.Select(r => new ReasonChoice(r.Code, r.EnglishText, r.Color, true))
            .Append(new ReasonChoice(9, "Do not disturb", "#ff8800", false)).ToList(),
        [new RestChoice(7, "Short break", 900), new RestChoice(8, "Lunch", 3600)],
        [new NamedTarget("10001_8000", "Default group")],
        [new NamedTarget("1", "Main menu")],
        [new NamedTarget("10001_1001", "Agent 1001")]);

    public SoftphoneComponentTests()
    {
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<TimeProvider>(_s.Clock);
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _module = _ctx.JSInterop.SetupModule(Softphone.ModulePath);
        _module.Mode = JSRuntimeMode.Loose;
        // connect() returns the client object; its request() answers true (sent), as over an open socket.
        _client = _module.SetupModule(inv => inv.Identifier == "connect");
        _client.Mode = JSRuntimeMode.Loose;
        _requests = _client.Setup<bool>("request", _ => true);
        _requests.SetResult(true);
        _cut = ComponentTestBase.RenderWithProviders(_ctx, b =>
        {
            b.OpenComponent<Softphone>(0);
            b.AddAttribute(1, nameof(Softphone.Profile), Profile);
            b.CloseComponent();
        });
    }

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();

    private Softphone Phone => _cut.FindComponent<Softphone>().Instance;

    private void Events(params string[] frames) => _cut.InvokeAsync(() => Phone.OnEvents(frames)).Wait();

    private void Connection(string status, int attempt = 0, int delayMs = 0, string detail = "") =>
        _cut.InvokeAsync(() => Phone.OnConnection(status, attempt, delayMs, detail)).Wait();

    private string Text(string testId) => _cut.Find($"[data-testid='{testId}']").TextContent.Trim();

    private bool Has(string testId) => _cut.FindAll($"[data-testid='{testId}']").Count > 0;

    private bool Disabled(string testId) => _cut.Find($"[data-testid='{testId}']").HasAttribute("disabled");

    private void LoggedInAndReady()
    {
        Connection("connected", detail: "s1");
        Events(_s.LoggedIn(), _s.Ready());
    }

    [Fact]
    public void Connected_and_ready_it_shows_the_state_the_registration_and_the_acds()
    {
        LoggedInAndReady();
        Assert.Equal("Connected", Text("connection"));
        Assert.Equal("Ready", Text("agent-state"));
        Assert.Contains("Phone registered · ext. 1000", Text("registration"));
        Assert.Contains("Default group (10001_8000)", Text("acds"));
        Assert.Equal("0:00", Text("state-timer"));
        _s.Advance(75);
        _cut.Render();
        Assert.Equal("1:15", Text("state-timer"));
        Assert.True(Disabled("ready"));
        Assert.False(Disabled("dial"));
        Assert.True(Has("no-call"));
        Assert.True(Has("call-log-empty"));
    }

    [Fact]
    public void Ringing_shows_the_incoming_panel_with_caller_acd_and_attached_data()
    {
        LoggedInAndReady();
        Events(_s.Incoming("c1", "13900000001", data: new Dictionary<string, string> { ["orderNo"] = "A-77" }, transferredBy: "10001_1001"),
            _s.NotReady(AgentStateCatalog.InboundRinging));
        Assert.Equal("13900000001", Text("incoming-caller"));
        Assert.Equal("Default group (10001_8000)", Text("incoming-acd"));
        Assert.Equal("10001_1001", Text("incoming-transferred-by"));
        Assert.Contains("orderNo", Text("incoming-data"));
        Assert.Contains("A-77", Text("incoming-data"));
        Assert.Equal("Inbound ringing", Text("agent-reason"));
        Assert.False(Disabled("answer"));
        Assert.False(Disabled("reject"));
        Assert.True(Disabled("dial"));
        Assert.False(Has("call-panel"));
    }

    [Fact]
    public void In_call_it_offers_the_call_controls_and_held_it_offers_retrieve()
    {
        LoggedInAndReady();
        Events(_s.Incoming("c1"), _s.NotReady(AgentStateCatalog.InCall), _s.Established("c1", "13900000001"));
        Assert.False(Has("incoming-panel"));
        Assert.Equal("13900000001", Text("call-party"));
        Assert.Equal("In call", Text("agent-reason"));
        foreach (var control in new[] { "hold", "mute", "dtmf-toggle", "record", "transfer", "conference", "hangup" })
            Assert.False(Disabled(control), control);
        Assert.False(Has("retrieve"));

        Events(_s.Held("c1", "13900000001"));
        Assert.True(Has("call-held"));
        Assert.Equal("true", _cut.Find("[data-testid='call-panel']").GetAttribute("data-held"));
        Assert.False(Has("hold"));
        Assert.False(Disabled("retrieve"));
        Assert.True(Disabled("transfer"));

        Events(_s.Retrieved("c1", "13900000001"), _s.Prompt(MessageIds.Mute, PromptCodes.MuteSucceeded));
        Assert.False(Has("call-held"));
        Assert.True(Has("call-muted"));
        Assert.True(Has("unmute"));

        _s.Advance(30);
        Events(_s.Released("c1", "13900000001", "send_bye"), _s.Ready());
        Assert.True(Has("no-call"));
        Assert.Equal("The caller hung up", Text("call-log-outcome"));
        Assert.Equal("0:30", Text("call-log-talk"));
    }

    [Fact]
    public void Resting_shows_the_time_left_and_queued_and_expired_rests_say_so()
    {
        LoggedInAndReady();
        _cut.InvokeAsync(() => Phone.RestAsync(Profile.RestTemplates[0])).Wait();
        Events(_s.Prompt(MessageIds.NotReady, PromptCodes.RestQueued));
        Assert.Equal("queued", _cut.Find("[data-testid='rest-status']").GetAttribute("data-rest"));
        Assert.Contains("Rest queued", Text("messages"));

        Events(_s.NotReady(AgentStateCatalog.Rest));
        Assert.Equal(("Not ready", "Rest"), (Text("agent-state"), Text("agent-reason")));
        _s.Advance(60);
        _cut.Render();
        Assert.Contains("14:00 left", Text("rest-status"));

        _s.Advance(840);
        Events(_s.Prompt(MessageIds.NotReady, PromptCodes.RestExpired), _s.NotReady(AgentStateCatalog.BusyOther));
        Assert.False(Has("rest-status"));
        Assert.Equal("Busy", Text("agent-reason"));
        Assert.Contains("Your rest time is over", Text("messages"));
    }

    [Fact]
    public void Disconnected_it_says_it_reconnects_keeps_the_state_and_disables_the_controls()
    {
        LoggedInAndReady();
        Events(_s.Incoming("c1"), _s.Established("c1", "13900000001"));
        Connection("waiting", attempt: 2, delayMs: 4000, detail: "closed (1006)");
        Assert.Equal("waiting", _cut.Find("[data-testid='connection']").GetAttribute("data-status"));
        var banner = Text("connection-banner");
        Assert.Contains("Reconnecting in 4 s (attempt 2)", banner);
        Assert.Contains("closed (1006)", banner);
        Assert.Equal("13900000001", Text("call-party"));
        Assert.True(Disabled("hangup"));
        Assert.True(Disabled("hold"));
        Assert.True(Disabled("dial"));

        Connection("connected", detail: "s1");
        Assert.False(Has("connection-banner"));
        Assert.False(Disabled("hangup"));
    }

    [Fact]
    public void Signed_out_by_4500_it_explains_why_and_offers_to_log_in_again()
    {
        LoggedInAndReady();
        Events(_s.Frame(CallCenter.Domain.Cti.Protocol.Events.AgentDeregistered(1, EventScript.Dn, "1000")));
        Connection("signedOut");
        Assert.Contains("logged in somewhere else", Text("forced-logout"));
        Assert.Contains("does not reconnect by itself", Text("forced-logout"));
        Assert.Equal("Logged out", Text("agent-state"));
        Assert.True(Has("relogin"));
        Assert.False(Has("connection-banner"));
    }

    [Fact]
    public void Failures_and_prompts_appear_as_words()
    {
        LoggedInAndReady();
        Events(_s.Failed(MessageIds.Ready, ErrorCodes.TooFast), _s.Failed(MessageIds.Hold, ErrorCodes.UnknownCall));
        var messages = _cut.FindAll("[data-testid='message']").Select(m => m.TextContent).ToList();
        Assert.Contains(messages, m => m.Contains("Could not hold the call: the call is no longer there"));
        Assert.Contains(messages, m => m.Contains("Could not go ready: the same request was sent twice within two seconds"));
        Assert.DoesNotContain(messages, m => m.Contains("9999") || m.Contains(" 27"));
    }

    [Fact]
    public void The_buttons_send_the_sources_requests_through_the_module()
    {
        LoggedInAndReady();
        Events(_s.NotReady(AgentStateCatalog.BusyOther));
        _cut.Find("[data-testid='ready']").Click();
        _cut.InvokeAsync(() => Phone.NotReadyAsync(9)).Wait();
        _cut.InvokeAsync(() => Phone.RestAsync(Profile.RestTemplates[1])).Wait();
        _cut.InvokeAsync(() => Phone.DialAsync(" 18866666666 ")).Wait();
        Events(_s.Incoming("c1"), _s.Established("c1", "13900000001"));
        _cut.Find("[data-testid='hold']").Click();
        _cut.Find("[data-testid='hangup']").Click();

        var sent = _requests.Invocations.Select(i => (JsonObject)i.Arguments[0]!).ToList();
        Assert.Equal(new[] { 101, 102, 102, 200, 204, 203 }, sent.Select(m => (int)m["messageId"]!));
        Assert.Equal(9, (int?)sent[1]["reasonCode"]);
        Assert.Equal((5, "3600"), ((int?)sent[2]["reasonCode"], (string?)sent[2]["attachDatas"]!["limit"]));
        Assert.Equal(("18866666666", "10001"), ((string?)sent[3]["otherDN"], (string?)sent[3]["attachDatas"]!["cti-tenant-id"]));
        Assert.Equal(("c1", "13900000001"), ((string?)sent[4]["callID"], (string?)sent[4]["oterDN"]));
        Assert.Equal(("c1", "10001_1000"), ((string?)sent[5]["callID"], (string?)sent[5]["otherDN"]));
        Assert.Equal("18866666666", Assert.Single(Phone.RecentNumbers));
    }

    [Fact]
    public void A_request_that_cannot_be_sent_says_so()
    {
        LoggedInAndReady();
        // The socket is not open: the module answers false for this request.
        _client.Setup<bool>("request", inv => (int?)((JsonObject)inv.Arguments[0]!)["messageId"] == 102).SetResult(false);
        _cut.InvokeAsync(() => Phone.NotReadyAsync(3)).Wait();
        Assert.Contains("Not connected: the request was not sent", Text("messages"));
    }

    private JsonObject LastRequest() => (JsonObject)_requests.Invocations.Last().Arguments[0]!;

    private void ConnectedCall()
    {
        LoggedInAndReady();
        Events(_s.Incoming("c1"), _s.Established("c1", "13900000001"));
    }

    [Fact]
    public void A_consultative_transfer_to_a_number_sends_215_with_isHold_2_and_the_caller_as_phoneNumber()
    {
        ConnectedCall();
        _cut.Find("[data-testid='transfer']").Click();
        _cut.WaitForElement("[data-testid='transfer-submit']", TimeSpan.FromSeconds(5));
        _cut.Find("input[data-testid='kind-number']").Click();
        _cut.WaitForElement("input[data-testid='transfer-number']", TimeSpan.FromSeconds(5));
        _cut.Find("[data-testid='transfer-submit']").Click();
        Assert.Contains("Enter a phone number", _cut.WaitForElement("[data-testid='transfer-error']", TimeSpan.FromSeconds(5)).TextContent);
        _cut.Find("input[data-testid='transfer-number']").Change("18877776666");
        _cut.Find("input[data-testid='mode-consultative']").Click();
        _cut.Find("[data-testid='transfer-submit']").Click();
        _cut.WaitForAssertion(() => Assert.Equal(215, (int?)LastRequest()["messageId"]), TimeSpan.FromSeconds(5));
        var sent = LastRequest();
        Assert.Equal(("c1", "18877776666", "13900000001", "2"),
            ((string?)sent["callID"], (string?)sent["otherDN"], (string?)sent["phoneNumber"], (string?)sent["attachDatas"]!["isHold"]));
    }

    [Fact]
    public void A_three_way_call_to_a_number_sends_214_and_offers_only_agents_and_numbers()
    {
        ConnectedCall();
        _cut.Find("[data-testid='conference']").Click();
        _cut.WaitForElement("[data-testid='transfer-submit']", TimeSpan.FromSeconds(5));
        Assert.Empty(_cut.FindAll("[data-testid='kind-acd']"));
        Assert.Empty(_cut.FindAll("[data-testid='kind-ivr']"));
        _cut.Find("input[data-testid='kind-number']").Click();
        _cut.WaitForElement("input[data-testid='transfer-number']", TimeSpan.FromSeconds(5)).Change("18877776666");
        _cut.Find("[data-testid='transfer-submit']").Click();
        _cut.WaitForAssertion(() => Assert.Equal(214, (int?)LastRequest()["messageId"]), TimeSpan.FromSeconds(5));
        Assert.Equal(("c1", "18877776666"), ((string?)LastRequest()["callID"], (string?)LastRequest()["otherDN"]));
    }
}
