using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;
using CallCenter.Domain.Tenants;
using static CallCenter.Tests.Cti.EventAssert;

namespace CallCenter.Tests.Cti;

/// <summary>Calls through the engine on a scripted switch: inbound via the ACD, outbound, internal, hold, transfer, monitors.</summary>
public sealed class CallEngineTests : IAsyncLifetime
{
    private EngineHarness _h = default!;
    public Task InitializeAsync() { _h = new EngineHarness(); return Task.CompletedTask; }
    public async Task DisposeAsync() => await _h.DisposeAsync();

    private DateTimeOffset Now => _h.Clock.GetUtcNow();

    private async Task ReadyAgentsAsync(params string[] dns)
    {
        foreach (var dn in dns)
        {
            await _h.LoginAsync(dn);
            await _h.AdvanceAsync(TimeSpan.FromSeconds(1));
            await _h.ReadyAsync(dn);
        }
    }

    private void Inbound(string channel, string ani, string acd = "10001_8000") =>
        _h.Post(new InboundCall(EngineHarness.Tenant, Now, channel, ani, "4008000000", acd));

    [Fact]
    public async Task An_inbound_call_rings_the_longest_idle_agent_who_answers_talks_and_is_released()
    {
        await ReadyAgentsAsync("10001_1000", "10001_1001");
        Inbound("cust-1", "13900000001");
        await _h.SyncAsync();
        Assert.True(_h.Switch.Did("answer", "cust-1"));
        Assert.True(_h.Switch.Did("park", "cust-1"));

        var offered = await _h.EventsOfAsync("10001_1000");
        var incoming = Single(offered, Events.Incoming);
        Assert.Equal("13900000001", incoming["otherDN"]);
        Assert.Equal("13900000001", incoming["ANI"]);
        Assert.Equal("4008000000", incoming["DNIS"]);
        Assert.Equal(2, incoming["callType"]);
        Assert.Equal(8, Single(offered, Events.NotReady)["reasonCode"]);
        Assert.Empty((await _h.EventsOfAsync("10001_1001")).Where(e => e.MessageId == Events.Incoming));
        var callId = (string)incoming["callID"]!;

        var agentLeg = _h.Switch.ChannelTo("1000");
        await _h.AdvanceAsync(TimeSpan.FromSeconds(4));
        _h.Post(new ChannelAnswered(EngineHarness.Tenant, Now, agentLeg));
        var talking = await _h.EventsOfAsync("10001_1000");
        Assert.Equal(1, Single(talking, Events.NotReady)["reasonCode"]);
        Assert.Equal(callId, Single(talking, Events.Established)["callID"]);
        Assert.True(_h.Switch.Bridged("cust-1", agentLeg));

        await _h.AdvanceAsync(TimeSpan.FromSeconds(30));
        _h.Post(new ChannelHungUp(EngineHarness.Tenant, Now, "cust-1", HangupCauses.NormalClearing));
        var after = await _h.EventsOfAsync("10001_1000");
        var released = Single(after, Events.Released);
        Assert.Equal("send_bye", ((IReadOnlyList<KeyValuePair<string, object?>>)released["attachDatas"]!).Single().Value);
        Single(after, Events.Ready);
        Assert.True(_h.Switch.Did("hangup", agentLeg));

        var cdr = Assert.Single(_h.Records.Of<CallRecord>());
        Assert.Equal(("10001_1000", 2, callId, "13900000001"), (cdr.Agent, cdr.CtiCallType, cdr.CtiCallId, cdr.CallerIdNumber));
        Assert.Equal(34, cdr.Duration);
        Assert.Equal(30, cdr.Billsec);
        Assert.Equal("send_bye", cdr.HangupCause);
        Assert.Equal("10001_8000", cdr.QueueName);
        var queued = Assert.Single(_h.Records.Of<QueueRecord>());
        Assert.Equal(("answered", "10001_1000", "1000", 4), (queued.Outcome, queued.Agent, queued.Extension, queued.HoldTime));
        Assert.Contains(queued.Steps, s => s.NodeStatus == 1 && s.Agent == "10001_1000");
    }

    [Fact]
    public async Task After_a_call_the_tenants_wrap_up_state_holds_until_the_agent_is_ready()
    {
        await using var h = new EngineHarness(c => c with { AfterState = AfterCallState.WrapUp });
        await h.LoginAsync("10001_1000");
        await h.ReadyAsync("10001_1000");
        h.Post(new InboundCall(EngineHarness.Tenant, h.Clock.GetUtcNow(), "cust-1", "13900000001", "4008000000", "10001_8000"));
        await h.SyncAsync();
        h.Post(new ChannelAnswered(EngineHarness.Tenant, h.Clock.GetUtcNow(), h.Switch.ChannelTo("1000")));
        h.Post(new ChannelHungUp(EngineHarness.Tenant, h.Clock.GetUtcNow(), "cust-1", HangupCauses.NormalClearing));
        var events = await h.EventsOfAsync("10001_1000");
        Assert.Equal(AgentStateCatalog.WrapUp, events.Last(e => e.MessageId == Events.NotReady)["reasonCode"]);
        await h.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.DoesNotContain(await h.EventsOfAsync("10001_1000"), e => e.MessageId == Events.Ready);
        await h.ReadyAsync("10001_1000");
    }

    [Fact]
    public async Task A_caller_who_hangs_up_while_the_agent_rings_leaves_the_agent_ready_for_the_next_call()
    {
        await ReadyAgentsAsync("10001_1000");
        Inbound("cust-1", "13900000001");
        await _h.SyncAsync();
        var firstRing = _h.Switch.ChannelTo("1000");
        _h.Post(new ChannelHungUp(EngineHarness.Tenant, Now, "cust-1", HangupCauses.NormalClearing));
        var events = await _h.EventsOfAsync("10001_1000");
        Assert.Equal(AgentStateCatalog.InboundRinging, events.Last(e => e.MessageId == Events.NotReady)["reasonCode"]);
        Assert.Equal(Events.Ready, events.Last(e => e.MessageId is Events.Ready or Events.NotReady).MessageId);

        // The next caller rings the same agent at once.
        Inbound("cust-2", "13900000002");
        await _h.SyncAsync();
        Assert.NotEqual(firstRing, _h.Switch.ChannelTo("1000"));
    }

    [Fact]
    public async Task An_agent_who_does_not_answer_is_set_not_ready_and_the_call_goes_to_the_next_agent()
    {
        await ReadyAgentsAsync("10001_1000", "10001_1001");
        Inbound("cust-1", "13900000001");
        await _h.SyncAsync();
        var first = _h.Switch.ChannelTo("1000");
        _h.Post(new ChannelHungUp(EngineHarness.Tenant, Now, first, HangupCauses.NoAnswer));
        var events = await _h.EventsOfAsync("10001_1000");
        Assert.Equal("NO_ANSWER", ((IReadOnlyList<KeyValuePair<string, object?>>)Single(events, Events.Released)["attachDatas"]!).Single().Value);
        Assert.Equal(AgentStateCatalog.BusyOther, events.Last(e => e.MessageId == Events.NotReady)["reasonCode"]);
        Single(await _h.EventsOfAsync("10001_1001"), Events.Incoming);
        var queued = await _h.Engine.QueryAsync(e => e.QueuedCalls("10001_8000"));
        Assert.Equal("10001_1001", Assert.Single(queued).AgentDn);
    }

    [Fact]
    public async Task A_ringing_agent_leg_that_the_switch_never_ends_times_out_after_the_ring_timeout()
    {
        await ReadyAgentsAsync("10001_1000");
        Inbound("cust-1", "13900000001");
        await _h.SyncAsync();
        var leg = _h.Switch.ChannelTo("1000");
        await _h.AdvanceAsync(TimeSpan.FromSeconds(23));
        Assert.Contains(_h.Switch.Commands, c => c.Command == "hangup" && c.Channel == leg && (string?)c.Arg == HangupCauses.NoAnswer);
    }

    [Fact]
    public async Task A_caller_who_gives_up_in_the_queue_is_recorded_as_abandoned()
    {
        Inbound("cust-1", "13900000001");
        await _h.AdvanceAsync(TimeSpan.FromSeconds(12));
        var acd = (await _h.Engine.QueryAsync(e => e.Acds())).Single(a => a.Number == "10001_8000");
        Assert.Equal(1, acd.Waiting);
        _h.Post(new ChannelHungUp(EngineHarness.Tenant, Now, "cust-1", HangupCauses.NormalClearing));
        await _h.SyncAsync();
        var queued = Assert.Single(_h.Records.Of<QueueRecord>());
        Assert.Equal(("abandoned", 12), (queued.Outcome, queued.HoldTime));
        var cdr = Assert.Single(_h.Records.Of<CallRecord>());
        Assert.Null(cdr.Agent);
        Assert.Equal("acd", cdr.EndedAt);
        acd = (await _h.Engine.QueryAsync(e => e.Acds())).Single(a => a.Number == "10001_8000");
        Assert.Equal((0, 1), (acd.Waiting, acd.AbandonedToday));
    }

    [Fact]
    public async Task The_queue_timeout_applies_the_overflow_to_another_acd()
    {
        await using var h = new EngineHarness(c => c with
        {
            AcdsByNumber = new Dictionary<string, AcdConfig>(c.AcdsByNumber)
            {
                ["10001_8000"] = c.AcdsByNumber["10001_8000"] with { MaxWait = 30, Overflow = CallCenter.Domain.Acds.OverflowAction.TransferToAcd, OverflowTarget = "10001_8001" },
            },
        });
        await h.LoginAsync("10001_1004", "10001_8001");
        await h.ReadyAsync("10001_1004");
        h.Post(new InboundCall(EngineHarness.Tenant, h.Clock.GetUtcNow(), "cust-1", "13900000001", "4008000000", "10001_8000"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(29));
        Assert.DoesNotContain(await h.EventsOfAsync("10001_1004"), e => e.MessageId == Events.Incoming);
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        Single(await h.EventsOfAsync("10001_1004"), Events.Incoming);
        Assert.Equal("timeout", h.Records.Of<QueueRecord>().Single(q => q.ThisQueue == "10001_8000").Outcome);
    }

    [Fact]
    public async Task A_blacklisted_caller_is_rejected_before_queueing()
    {
        await ReadyAgentsAsync("10001_1000");
        Inbound("cust-1", "13800000000");
        await _h.SyncAsync();
        Assert.Contains(_h.Switch.Commands, c => c.Command == "hangup" && c.Channel == "cust-1" && (string?)c.Arg == HangupCauses.CallRejected);
        Assert.DoesNotContain(await _h.EventsOfAsync("10001_1000"), e => e.MessageId == Events.Incoming);
    }

    [Fact]
    public async Task Make_call_to_18866666666_rings_the_agent_then_the_number_and_connects_them()
    {
        await _h.LoginAsync("10001_1000");
        var events = await _h.SendAsync("10001_1000", new MakeCallRequest("10001_1000", "18866666666", "10001", null, null, false, null));
        var dialing = Single(events, Events.Dialing);
        Assert.Equal("18866666666", dialing["otherDN"]);
        Assert.Equal(3, dialing["callType"]);
        Assert.Equal(AgentStateCatalog.Dialing, Single(events, Events.NotReady)["reasonCode"]);
        var callId = (string)dialing["callID"]!;

        _h.Post(new ChannelAnswered(EngineHarness.Tenant, Now, _h.Switch.ChannelTo("1000")));
        await _h.SyncAsync();
        var outLeg = _h.Switch.ChannelTo("18866666666");
        Assert.Equal("4008000000", _h.Switch.Originated[outLeg].CallerIdNumber);
        Assert.Equal(AgentStateCatalog.OutboundRinging, Single(await _h.EventsOfAsync("10001_1000"), Events.NotReady)["reasonCode"]);

        _h.Post(new ChannelAnswered(EngineHarness.Tenant, Now, outLeg));
        Assert.Equal(callId, Single(await _h.EventsOfAsync("10001_1000"), Events.Established)["callID"]);
        await _h.AdvanceAsync(TimeSpan.FromSeconds(20));

        var release = await _h.SendAsync("10001_1000", new ReleaseRequest("10001_1000", callId, "18866666666"));
        var released = Single(release, Events.Released);
        // The dialling agent (the caller) hung up, naming the customer's number as 203 does.
        Assert.Equal("send_bye", ((IReadOnlyList<KeyValuePair<string, object?>>)released["attachDatas"]!).Single().Value);
        // Dialled from "busy" (reason 3 after login): back to busy reason 3, not made ready by the call.
        Assert.Equal(3, release.Last(e => e.MessageId == Events.NotReady)["reasonCode"]);
        var cdr = Assert.Single(_h.Records.Of<CallRecord>());
        Assert.Equal((3, "18866666666", 20, "makeCall", "send_bye"), (cdr.CtiCallType, cdr.DestinationNumber, cdr.Billsec, cdr.ChannelAttr, cdr.HangupCause));
    }

    [Fact]
    public async Task Make_call_refusals_18_and_32()
    {
        await _h.LoginAsync("10001_1000");
        Failed(await _h.SendAsync("10001_1000", new MakeCallRequest("10001_1000", "18866666666", "10002", null, null, false, null)),
            MessageIds.MakeCall, ErrorCodes.BadParameter);
        Failed(await _h.SendAsync("10001_1000", new MakeCallRequest("10001_1000", "not a number", "10001", null, null, false, null)),
            MessageIds.MakeCall, ErrorCodes.BadParameter);
        Failed(await _h.SendAsync("10001_1000", new MakeCallRequest("10001_1000", "13800000000", "10001", null, null, false, null)),
            MessageIds.MakeCall, ErrorCodes.BadParameter);
        Single(await _h.SendAsync("10001_1000", new MakeCallRequest("10001_1000", "18866666666", "10001", null, null, false, null)), Events.Dialing);
        Failed(await _h.SendAsync("10001_1000", new MakeCallRequest("10001_1000", "18866666667", "10001", null, null, false, null)),
            MessageIds.MakeCall, ErrorCodes.InCall);
        Failed(await _h.SendAsync("10001_1000", new LogoutRequest("10001_1000", "1000")), MessageIds.Logout, ErrorCodes.InCall);
    }

    [Fact]
    public async Task An_agent_calls_another_agent_by_its_bare_code_as_an_internal_call()
    {
        await _h.LoginAsync("10001_1000");
        await _h.LoginAsync("10001_1002");
        await _h.SendAsync("10001_1000", new MakeCallRequest("10001_1000", "1002", "10001", null, null, false, null));
        _h.Post(new ChannelAnswered(EngineHarness.Tenant, Now, _h.Switch.ChannelTo("1000")));
        var ringing = await _h.EventsOfAsync("10001_1002");
        var incoming = Single(ringing, Events.Incoming);
        Assert.Equal(1, incoming["callType"]);
        Assert.Equal("10001_1000", incoming["otherDN"]);
        _h.Post(new ChannelAnswered(EngineHarness.Tenant, Now, _h.Switch.ChannelTo("1002")));
        Single(await _h.EventsOfAsync("10001_1002"), Events.Established);
        Single(await _h.EventsOfAsync("10001_1000"), Events.Established);
    }

    private async Task<(string CallId, string AgentLeg)> ConnectedInboundAsync(string dn = "10001_1000", string customer = "cust-1")
    {
        Inbound(customer, "13900000001");
        await _h.SyncAsync();
        var incoming = Single(await _h.EventsOfAsync(dn), Events.Incoming);
        var leg = _h.Switch.ChannelTo(dn.Split('_')[1]);
        _h.Post(new ChannelAnswered(EngineHarness.Tenant, Now, leg));
        await _h.EventsOfAsync(dn);
        return ((string)incoming["callID"]!, leg);
    }

    [Fact]
    public async Task Hold_and_retrieve_answer_509_and_513_and_drive_the_switch()
    {
        await ReadyAgentsAsync("10001_1000");
        var (callId, leg) = await ConnectedInboundAsync();
        Assert.Equal("13900000001", Single(await _h.SendAsync("10001_1000", new HoldRequest("10001_1000", callId, "13900000001")), Events.Held)["otherDN"]);
        Assert.True(_h.Switch.Did("hold", "cust-1"));
        Single(await _h.SendAsync("10001_1000", new RetrieveRequest("10001_1000", callId, "13900000001")), Events.Retrieved);
        Assert.True(_h.Switch.Did("unhold", "cust-1"));
        Failed(await _h.SendAsync("10001_1000", new HoldRequest("10001_1000", "no-such-call", null)), MessageIds.Hold, ErrorCodes.UnknownCall);
    }

    [Fact]
    public async Task A_blind_transfer_to_another_agent_rings_it_with_the_transferrer_as_third_party()
    {
        await ReadyAgentsAsync("10001_1000", "10001_1001");
        var (callId, legA) = await ConnectedInboundAsync();
        await _h.EventsOfAsync("10001_1001");
        var events = await _h.SendAsync("10001_1000", new TransferRequest("10001_1000", callId, "10001_1001", null, 0));
        Assert.Equal(PromptCodes.TransferSucceeded, Single(events, Events.Prompt)["referenceID"]);
        Single(events, Events.Released);
        Assert.True(_h.Switch.Did("hangup", legA));

        var incoming = Single(await _h.EventsOfAsync("10001_1001"), Events.Incoming);
        Assert.Equal(("10001_1000", 3), (incoming["thirdDN"], incoming["thirdRole"]));
        var legB = _h.Switch.ChannelTo("1001");
        _h.Post(new ChannelAnswered(EngineHarness.Tenant, Now, legB));
        Single(await _h.EventsOfAsync("10001_1001"), Events.Established);
        Assert.True(_h.Switch.Bridged("cust-1", legB));

        _h.Post(new ChannelHungUp(EngineHarness.Tenant, Now, legB, HangupCauses.NormalClearing));
        Single(await _h.EventsOfAsync("10001_1001"), Events.Released);
        var legs = _h.Records.Of<CallRecord>().Where(r => r.CtiCallId == callId).Select(r => (r.Agent, r.ChannelAttr)).OrderBy(r => r.Agent).ToList();
        Assert.Equal(new[] { ("10001_1000", (string?)"transfer"), ("10001_1001", (string?)"transfer") }, legs);
    }

    [Fact]
    public async Task An_incoming_call_names_its_acd_and_carries_the_data_agents_attached_to_the_next_agent()
    {
        await ReadyAgentsAsync("10001_1000", "10001_1001");
        Inbound("cust-1", "13900000001");
        await _h.SyncAsync();
        var first = Single(await _h.EventsOfAsync("10001_1000"), Events.Incoming);
        Assert.Equal("10001_8000", first["thisQueue"]);
        var callId = (string)first["callID"]!;
        _h.Post(new ChannelAnswered(EngineHarness.Tenant, Now, _h.Switch.ChannelTo("1000")));
        await _h.SendAsync("10001_1000", new AttachDataRequest("10001_1000", callId, new Dictionary<string, string> { ["orderNo"] = "A-77" }));
        await _h.EventsOfAsync("10001_1001");

        await _h.SendAsync("10001_1000", new TransferRequest("10001_1000", callId, "10001_1001", null, 0));
        var second = Single(await _h.EventsOfAsync("10001_1001"), Events.Incoming);
        Assert.Equal("10001_8000", second["thisQueue"]);
        var data = (IReadOnlyList<KeyValuePair<string, object?>>)second["attachDatas"]!;
        Assert.Equal(new[] { "fileNam", "fileName", "orderNo" }, data.Select(kv => kv.Key));
        Assert.Equal("A-77", data.Single(kv => kv.Key == "orderNo").Value);
    }

    [Fact]
    public async Task A_transfer_to_an_acd_puts_the_customer_back_in_queue_for_another_agent()
    {
        await ReadyAgentsAsync("10001_1000");
        var (callId, _) = await ConnectedInboundAsync();
        await _h.LoginAsync("10001_1004", "10001_8001");
        await _h.ReadyAsync("10001_1004");
        var events = await _h.SendAsync("10001_1000", new TransferRequest("10001_1000", callId, "10001_8001", null, 0));
        Assert.Equal(PromptCodes.TransferSucceeded, Single(events, Events.Prompt)["referenceID"]);
        Assert.Equal(callId, Single(await _h.EventsOfAsync("10001_1004"), Events.Incoming)["callID"]);
    }

    [Fact]
    public async Task A_supervisor_monitoring_an_agent_gets_588_now_and_on_every_change_and_520_for_the_acd()
    {
        await _h.LoginAsync("10001_1003");
        await _h.LoginAsync("10001_1000");
        var start = Single(await _h.SendAsync("10001_1003", new MonitorRequest(MessageIds.StartAgentMonitor, "10001_1003", MonitorKind.Agent, true, new[] { "10001_1000" })), Events.AgentMonitor);
        Assert.Equal(("10001_1000", 2, 3, "10001_1003"), (start["thisDN"], start["agentState"], start["reasonCode"], start["requestDN"]));
        var acd = Single(await _h.SendAsync("10001_1003", new MonitorRequest(MessageIds.StartAcdMonitor, "10001_1003", MonitorKind.Acd, true, new[] { "10001_8000" })), Events.AcdMonitor);
        Assert.Equal("10001_8000", acd["thisQueue"]);

        await _h.ReadyAsync("10001_1000");
        var changes = await _h.EventsOfAsync("10001_1003");
        Assert.Equal(1, changes.Last(e => e.MessageId == Events.AgentMonitor)["agentState"]);
        Assert.Equal(1, changes.Last(e => e.MessageId == Events.AcdMonitor)["agentReadyNum"]);

        Inbound("cust-1", "13900000001");
        var ringing = await _h.EventsOfAsync("10001_1003");
        var monitorCall = ringing.Last(e => e.MessageId == Events.AgentMonitor);
        Assert.False(string.IsNullOrEmpty((string?)monitorCall["callID"]));
        Assert.Contains(ringing, e => e.MessageId == Events.AcdMonitor && (int?)e["status"] == 3);

        await _h.SendAsync("10001_1003", new MonitorRequest(MessageIds.StopAgentMonitor, "10001_1003", MonitorKind.Agent, false, new[] { "10001_1000" }));
        await _h.SendAsync("10001_1000", new NotReadyRequest("10001_1000", 4, null));
        Assert.DoesNotContain(await _h.EventsOfAsync("10001_1003"), e => e.MessageId == Events.AgentMonitor);
    }

    [Fact]
    public async Task A_supervisor_releases_an_agents_call_it_learned_from_588()
    {
        await ReadyAgentsAsync("10001_1000");
        await _h.LoginAsync("10001_1003");
        var (callId, legA) = await ConnectedInboundAsync();
        await _h.SendAsync("10001_1003", new ReleaseRequest("10001_1003", callId, "10001_1000"));
        Assert.True(_h.Switch.Did("hangup", legA));
        Single(await _h.EventsOfAsync("10001_1000"), Events.Released);
    }

    [Fact]
    public async Task Mute_recording_dtmf_and_attach_data_on_a_connected_call()
    {
        await ReadyAgentsAsync("10001_1000");
        await _h.LoginAsync("10001_1003");
        var (callId, legA) = await ConnectedInboundAsync();
        Assert.Equal(PromptCodes.MuteSucceeded, Single(await _h.SendAsync("10001_1003", new MuteRequest("10001_1003", callId, "10001_1000", true)), Events.Prompt)["referenceID"]);
        Assert.Contains(_h.Switch.Commands, c => c.Command == "deaf" && c.Channel == legA && (bool)c.Arg! );
        Failed(await _h.SendAsync("10001_1003", new MuteRequest("10001_1003", callId, "19999999999", false)), MessageIds.Unmute, ErrorCodes.UnmuteFailed);

        await _h.SendAsync("10001_1000", new RecordingRequest("10001_1000", callId, "/record/", 60, true));
        var file = (string)_h.Switch.Commands.Single(c => c.Command == "record").Arg!;
        _h.Post(new RecordingStarted(EngineHarness.Tenant, Now, "cust-1", file));
        Single(await _h.EventsOfAsync("10001_1000"), Events.RecordingStarted);
        await _h.SendAsync("10001_1000", new RecordingRequest("10001_1000", callId, "/record/", null, false));
        _h.Post(new RecordingStopped(EngineHarness.Tenant, Now, "cust-1", file, 12));
        Assert.Equal(12, Single(await _h.EventsOfAsync("10001_1000"), Events.RecordingStopped)["duration"]);
        Assert.Equal(12, Assert.Single(_h.Records.Of<RecordingRecord>()).Duration);

        await _h.SendAsync("10001_1000", new SendDtmfRequest("10001_1000", callId, "13900000001", "1#"));
        Assert.Contains(_h.Switch.Commands, c => c.Command == "dtmf" && c.Channel == "cust-1" && (string?)c.Arg == "1#");
        await _h.SendAsync("10001_1000", new AttachDataRequest("10001_1000", callId, new Dictionary<string, string> { ["orderNo"] = "A-77" }));
        await _h.SyncAsync();
        Assert.Contains(_h.Records.Of<AttachedDataRecord>(), r => r.CallId == callId && r.Key == "orderNo" && r.Value == "A-77");
    }

    [Fact]
    public async Task Requests_on_an_unknown_call_answer_4()
    {
        await _h.LoginAsync("10001_1000");
        Failed(await _h.SendAsync("10001_1000", new ReleaseRequest("10001_1000", "nope", "1")), MessageIds.Release, ErrorCodes.UnknownCall);
        Failed(await _h.SendAsync("10001_1000", new TransferRequest("10001_1000", "nope", "10001_1001", null, 0)), MessageIds.Transfer, ErrorCodes.UnknownCall);
        Failed(await _h.SendAsync("10001_1000", new ListenRequest("10001_1000", "nope", "1")), MessageIds.Listen, ErrorCodes.UnknownCall);
    }
}

/// <summary>An agent dials an ACD: its own phone waits in the queue and is connected to the agent who takes the call.</summary>
public sealed class InternalAcdCallTests : IAsyncLifetime
{
    private EngineHarness _h = default!;
    public Task InitializeAsync() { _h = new EngineHarness(); return Task.CompletedTask; }
    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Dialling_an_acd_queues_the_agents_own_leg_and_connects_it_to_the_member_who_answers()
    {
        await _h.LoginAsync("10001_1000");
        await _h.LoginAsync("10001_1004", "10001_8001");
        await _h.ReadyAsync("10001_1004");
        var dialing = Single(await _h.SendAsync("10001_1000", new MakeCallRequest("10001_1000", "10001_8001", "10001", null, null, false, null)), Events.Dialing);
        Assert.Equal(1, dialing["callType"]);
        var callerLeg = _h.Switch.ChannelTo("1000");
        _h.Post(new ChannelAnswered(EngineHarness.Tenant, _h.Clock.GetUtcNow(), callerLeg));
        await _h.SyncAsync();
        Assert.True(_h.Switch.Did("park", callerLeg));

        var incoming = Single(await _h.EventsOfAsync("10001_1004"), Events.Incoming);
        Assert.Equal(1, incoming["callType"]);
        var memberLeg = _h.Switch.ChannelTo("1004");
        _h.Post(new ChannelAnswered(EngineHarness.Tenant, _h.Clock.GetUtcNow(), memberLeg));
        Single(await _h.EventsOfAsync("10001_1004"), Events.Established);
        Single(await _h.EventsOfAsync("10001_1000"), Events.Established);
        Assert.True(_h.Switch.Bridged(callerLeg, memberLeg));
        Assert.Equal("answered", Assert.Single(_h.Records.Of<QueueRecord>()).Outcome);

        _h.Post(new ChannelHungUp(EngineHarness.Tenant, _h.Clock.GetUtcNow(), callerLeg, HangupCauses.NormalClearing));
        Single(await _h.EventsOfAsync("10001_1004"), Events.Released);
        Single(await _h.EventsOfAsync("10001_1000"), Events.Released);
        Assert.Empty(_h.Errors);
    }

    [Fact]
    public async Task An_agent_who_hangs_up_while_waiting_in_the_acd_is_an_abandon()
    {
        await _h.LoginAsync("10001_1000");
        await _h.SendAsync("10001_1000", new MakeCallRequest("10001_1000", "10001_8001", "10001", null, null, false, null));
        var callerLeg = _h.Switch.ChannelTo("1000");
        _h.Post(new ChannelAnswered(EngineHarness.Tenant, _h.Clock.GetUtcNow(), callerLeg));
        await _h.AdvanceAsync(TimeSpan.FromSeconds(5));
        _h.Post(new ChannelHungUp(EngineHarness.Tenant, _h.Clock.GetUtcNow(), callerLeg, HangupCauses.NormalClearing));
        Single(await _h.EventsOfAsync("10001_1000"), Events.Released);
        Assert.Equal(("abandoned", 5), (Assert.Single(_h.Records.Of<QueueRecord>()).Outcome, _h.Records.Of<QueueRecord>()[0].HoldTime));
        var acd = (await _h.Engine.QueryAsync(e => e.Acds())).Single(a => a.Number == "10001_8001");
        Assert.Equal(0, acd.Waiting);
    }
}
