using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;
using static CallCenter.Tests.Cti.EventAssert;

namespace CallCenter.Tests.Cti;

/// <summary>Login, ready, not ready, rest, logout, accept/refuse, heartbeat, duplicates: every answer or 9999 code.</summary>
public sealed class AgentStateEngineTests : IAsyncLifetime
{
    private EngineHarness _h = default!;
    public Task InitializeAsync() { _h = new EngineHarness(); return Task.CompletedTask; }
    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Login_as_in_the_spec_example_answers_580_not_ready_with_the_device_registered()
    {
        var events = await _h.SendAsync("10001_1000", new LoginRequest("10001_1000", "1000", new[] { "10001_8000" }, "1", null));
        var e = Single(events, Events.LoggedIn);
        Assert.Equal("10001_1000", e["thisDN"]);
        Assert.Equal(new[] { "10001_8000" }, (string[])e["thisQueues"]!);
        Assert.Equal(2, e["state"]);
        Assert.Equal(3, e["reasonCode"]);
        Assert.Equal(1, e["deviceState"]);
        Assert.Equal("10001", e["tenantID"]);
        Assert.Equal("1000", e["extension"]);
    }

    [Fact]
    public async Task A_request_before_login_is_refused_with_14_echoing_its_messageId()
    {
        var events = await _h.SendAsync("10001_1000", new ReadyRequest("10001_1000"));
        Failed(events, MessageIds.Ready, ErrorCodes.UnknownAgent);
    }

    [Fact]
    public async Task Login_failures_answer_31_18_33_34_and_14()
    {
        Failed(await _h.SendAsync("10001_1000", new LoginRequest("10001_1000", null, Array.Empty<string>(), null, null)),
            MessageIds.Login, ErrorCodes.NoExtension);
        Failed(await _h.SendAsync("10001_1000", new LoginRequest("10001_1000", "7777", Array.Empty<string>(), null, null)),
            MessageIds.Login, ErrorCodes.BadParameter);
        Failed(await _h.SendAsync("10001_1000", new LoginRequest("10001_1000", "1000", new[] { "10001_9999" }, null, null)),
            MessageIds.Login, ErrorCodes.BadParameter);
        Failed(await _h.SendAsync("10001_7777", new LoginRequest("10001_7777", "1000", Array.Empty<string>(), null, null)),
            MessageIds.Login, ErrorCodes.UnknownAgent);

        await _h.LoginAsync("10001_1000");
        Failed(await _h.SendAsync("10001_1001", new LoginRequest("10001_1001", "1000", Array.Empty<string>(), null, null)),
            MessageIds.Login, ErrorCodes.ExtensionInUse);
        Failed(await _h.SendAsync("10001_1000", new LoginRequest("10001_1000", "1000", new[] { "10001_8001" }, null, null)),
            MessageIds.Login, ErrorCodes.AlreadyLoggedIn);
    }

    [Fact]
    public async Task A_second_login_elsewhere_takes_over_and_the_old_session_gets_4500_reason_1()
    {
        await _h.LoginAsync("10001_1000");
        var old = _h.Connection("10001_1000");
        var fresh = new TestConnection("second");
        var events = await _h.SendAsync("10001_1000", new LoginRequest("10001_1000", "1000", new[] { "10001_8000" }, null, null), fresh);
        Single(events, Events.LoggedIn);
        var kicked = Single(old.Drain(), Events.Deregistered);
        Assert.Equal(1, kicked["reason"]);
        Assert.Equal("logged in elsewhere", old.ClosedBecause);
        // The old socket no longer speaks for the agent.
        Failed(await _h.SendAsync("10001_1000", new ReadyRequest("10001_1000"), old), MessageIds.Ready, ErrorCodes.UnknownAgent);
    }

    [Fact]
    public async Task Ready_and_not_ready_answer_583_and_582_and_write_the_closed_intervals()
    {
        await _h.LoginAsync("10001_1000");
        await _h.AdvanceAsync(TimeSpan.FromSeconds(5));
        var ready = Single(await _h.SendAsync("10001_1000", new ReadyRequest("10001_1000")), Events.Ready);
        Assert.Equal(1, ready["state"]);
        await _h.AdvanceAsync(TimeSpan.FromSeconds(30));
        var busy = Single(await _h.SendAsync("10001_1000", new NotReadyRequest("10001_1000", 4, null)), Events.NotReady);
        Assert.Equal(2, busy["state"]);
        Assert.Equal(4, busy["reasonCode"]);

        var intervals = _h.Records.Of<AgentStateRecord>();
        Assert.Contains(intervals, r => r.State == 0 && r.ReasonCode == -1);
        Assert.Contains(intervals, r => r.State == 2 && r.ReasonCode == 3 && r.HoldTime == 5);
        Assert.Contains(intervals, r => r.State == 1 && r.ReasonCode == -1 && r.HoldTime == 30);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    [InlineData(9, true)]   // the tenant's custom reason
    [InlineData(1, false)]  // in call: set by the system
    [InlineData(6, false)]
    [InlineData(7, false)]
    [InlineData(8, false)]
    [InlineData(10, false)] // not defined for the tenant
    public async Task Not_ready_takes_client_reasons_and_the_tenants_custom_ones_only(int reason, bool accepted)
    {
        await _h.LoginAsync("10001_1000");
        var events = await _h.SendAsync("10001_1000", new NotReadyRequest("10001_1000", reason, null));
        if (accepted) Assert.Equal(reason, Single(events, Events.NotReady)["reasonCode"]);
        else Failed(events, MessageIds.NotReady, ErrorCodes.BadParameter);
    }

    [Fact]
    public async Task The_same_request_twice_within_two_seconds_is_refused_with_27_and_allowed_after()
    {
        await _h.LoginAsync("10001_1000");
        Single(await _h.SendAsync("10001_1000", new NotReadyRequest("10001_1000", 4, null)), Events.NotReady);
        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));
        Failed(await _h.SendAsync("10001_1000", new NotReadyRequest("10001_1000", 4, null)), MessageIds.NotReady, ErrorCodes.TooFast);
        // A different request is not a duplicate.
        Single(await _h.SendAsync("10001_1000", new NotReadyRequest("10001_1000", 3, null)), Events.NotReady);
        await _h.AdvanceAsync(TimeSpan.FromSeconds(2));
        Single(await _h.SendAsync("10001_1000", new NotReadyRequest("10001_1000", 4, null)), Events.NotReady);
    }

    [Fact]
    public async Task Rest_beyond_the_tenants_cap_is_queued_and_granted_when_a_slot_frees()
    {
        await using var h = new EngineHarness(c => c with { RestNum = 1 });
        await h.LoginAsync("10001_1000");
        await h.LoginAsync("10001_1001");
        Assert.Equal(5, Single(await h.SendAsync("10001_1000", new NotReadyRequest("10001_1000", 5, 600)), Events.NotReady)["reasonCode"]);
        var queued = Single(await h.SendAsync("10001_1001", new NotReadyRequest("10001_1001", 5, 300)), Events.Prompt);
        Assert.Equal(PromptCodes.RestQueued, queued["referenceID"]);
        Assert.Equal(MessageIds.NotReady, queued["succeeMessageId"]);
        var (resting, queue) = await h.Engine.QueryAsync(e => e.RestQueue());
        Assert.Equal(new[] { "10001_1000" }, resting.Select(r => r.Dn));
        Assert.Equal(new[] { "10001_1001" }, queue);

        await h.SendAsync("10001_1000", new ReadyRequest("10001_1000"));
        var granted = Single(await h.EventsOfAsync("10001_1001"), Events.NotReady);
        Assert.Equal(5, granted["reasonCode"]);
    }

    [Fact]
    public async Task When_the_rest_limit_passes_the_agent_is_told_and_becomes_busy_reason_3()
    {
        await _h.LoginAsync("10001_1000");
        await _h.SendAsync("10001_1000", new NotReadyRequest("10001_1000", 5, 60));
        await _h.AdvanceAsync(TimeSpan.FromSeconds(59));
        Assert.Empty(await _h.EventsOfAsync("10001_1000"));
        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));
        var events = await _h.EventsOfAsync("10001_1000");
        Assert.Equal(PromptCodes.RestExpired, Single(events, Events.Prompt)["referenceID"]);
        Assert.Equal(3, Single(events, Events.NotReady)["reasonCode"]);
    }

    [Fact]
    public async Task Logout_answers_581_and_the_agent_must_log_in_again()
    {
        await _h.LoginAsync("10001_1000");
        var e = Single(await _h.SendAsync("10001_1000", new LogoutRequest("10001_1000", "1000")), Events.LoggedOut);
        Assert.Equal(0, e["state"]);
        Failed(await _h.SendAsync("10001_1000", new ReadyRequest("10001_1000")), MessageIds.Ready, ErrorCodes.UnknownAgent);
        await _h.LoginAsync("10001_1000");
    }

    [Fact]
    public async Task Refusing_incoming_calls_is_acknowledged_and_keeps_calls_away()
    {
        await _h.LoginAsync("10001_1000");
        await _h.ReadyAsync("10001_1000");
        Assert.Equal(PromptCodes.RefuseIncoming,
            Single(await _h.SendAsync("10001_1000", new AcceptIncomingRequest("10001_1000", true)), Events.Prompt)["referenceID"]);
        _h.Post(new InboundCall(EngineHarness.Tenant, _h.Clock.GetUtcNow(), "cust-1", "13900000001", "4008000000", "10001_8000"));
        Assert.DoesNotContain(await _h.EventsOfAsync("10001_1000"), e => e.MessageId == Events.Incoming);
        var accepted = await _h.SendAsync("10001_1000", new AcceptIncomingRequest("10001_1000", false));
        Assert.Equal(PromptCodes.AcceptIncoming, Single(accepted, Events.Prompt)["referenceID"]);
        Single(accepted, Events.Incoming); // the waiting call comes at once
    }

    [Fact]
    public async Task Heartbeat_answers_3_before_and_after_login()
    {
        Assert.Equal("10001_1000", Single(await _h.SendAsync("10001_1000", new PingRequest("10001_1000")), Events.Heartbeat)["thisDN"]);
        await _h.LoginAsync("10001_1000");
        Assert.Equal("1000", Single(await _h.SendAsync("10001_1000", new PingRequest("10001_1000")), Events.Heartbeat)["extension"]);
    }

    [Fact]
    public async Task Softphone_registration_changes_reach_the_agent_as_572_and_574()
    {
        await using var h = new EngineHarness(registerAll: false);
        await h.LoginAsync("10001_1000");
        h.Post(new ExtensionRegistered(EngineHarness.Tenant, h.Clock.GetUtcNow(), "1000", "10.0.0.5"));
        Assert.Equal("10.0.0.5", Single(await h.EventsOfAsync("10001_1000"), Events.Registered)["sipIp"]);
        h.Post(new ExtensionUnregistered(EngineHarness.Tenant, h.Clock.GetUtcNow(), "1000"));
        Single(await h.EventsOfAsync("10001_1000"), Events.Unregistered);
    }

    [Fact]
    public async Task A_deleted_agent_is_forced_out_with_4500_reason_2()
    {
        await _h.LoginAsync("10001_1001");
        var config = EngineHarness.DefaultConfig();
        var without = config.AgentsByDn.Where(kv => kv.Key != "10001_1001").ToDictionary(kv => kv.Key, kv => kv.Value);
        _h.Engine.Post(new ConfigChanged(config with { AgentsByDn = without }));
        var events = await _h.EventsOfAsync("10001_1001");
        Assert.Equal(2, Single(events, Events.Deregistered)["reason"]);
        Assert.Equal("agent deregistered", _h.Connection("10001_1001").ClosedBecause);
    }
}
