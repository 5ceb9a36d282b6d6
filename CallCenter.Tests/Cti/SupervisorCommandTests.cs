using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;
using static CallCenter.Tests.Cti.AgentSituations;
using static CallCenter.Tests.Cti.EventAssert;

namespace CallCenter.Tests.Cti;

/// <summary>
/// The wallboard's supervisor commands (force not ready, force logout, listen, barge-in) against agent 1000 in every
/// situation: each is carried out now, waits for the agent's call to end, or is refused with a reason and changes nothing.
/// </summary>
public sealed class SupervisorCommandTests
{
    private const string Phone = "1005"; // an extension no agent is logged in on: the supervisor's phone

    private static Task<AgentView> ViewAsync(EngineHarness h, string dn = Me) =>
        h.Engine.QueryAsync(e => e.Agents().Single(a => a.Dn == dn));

    private static async Task<EngineHarness> ArrangeAsync(AgentSituation situation)
    {
        var h = new EngineHarness();
        await AgentSituations.ArrangeAsync(h, situation);
        await h.AdvanceAsync(TimeSpan.FromSeconds(3));
        h.Connection(Me).Drain();
        return h;
    }

    /// <summary>Ends the call agent 1000 is on: the customer hangs up, or the agent's own phone stops ringing (dialling).</summary>
    private static void EndCall(EngineHarness h, AgentSituation situation) =>
        h.Post(situation == AgentSituation.Dialing
            ? new ChannelHungUp(EngineHarness.Tenant, h.Clock.GetUtcNow(), h.Switch.ChannelTo("1000"), HangupCauses.NoAnswer)
            : new ChannelHungUp(EngineHarness.Tenant, h.Clock.GetUtcNow(), "cust-1", HangupCauses.NormalClearing));

    public static TheoryData<AgentSituation, SupervisorOutcome> StateCases => new()
    {
        { AgentSituation.LoggedOut, SupervisorOutcome.Refused },
        { AgentSituation.BusyAfterLogin, SupervisorOutcome.Done },
        { AgentSituation.Ready, SupervisorOutcome.Done },
        { AgentSituation.Resting, SupervisorOutcome.Done },
        { AgentSituation.WrapUp, SupervisorOutcome.Done },
        { AgentSituation.Ringing, SupervisorOutcome.Done },
        { AgentSituation.Talking, SupervisorOutcome.Pending },
        { AgentSituation.Holding, SupervisorOutcome.Pending },
        { AgentSituation.Dialing, SupervisorOutcome.Pending },
    };

    // ------------------------------------------------------------------ force not ready

    [Theory]
    [MemberData(nameof(StateCases))]
    public async Task Force_not_ready_in_each_situation(AgentSituation situation, SupervisorOutcome expected)
    {
        await using var h = await ArrangeAsync(situation);

        var result = await h.Engine.SuperviseAsync(new ForceNotReady("sup", Me, AgentStateCatalog.Away));

        Assert.Equal(expected, result.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        var events = await h.EventsOfAsync(Me);
        var view = await ViewAsync(h);
        switch (expected)
        {
            case SupervisorOutcome.Refused:
                Assert.Contains("not logged in", result.Message);
                Assert.Empty(events);
                Assert.Equal(AgentState.LoggedOut, view.State);
                break;
            case SupervisorOutcome.Done:
                // The agent hears of it as of its own request: 582 with the reason (after its 515 when a call rang it).
                Assert.Equal(AgentStateCatalog.Away, events.Last(e => e.MessageId == Events.NotReady)["reasonCode"]);
                Assert.DoesNotContain(events, e => e.MessageId == Events.Ready);
                Assert.Equal((AgentState.Busy, (int?)AgentStateCatalog.Away, (string?)null), (view.State, view.Reason, view.CallId));
                Assert.Null(view.Pending);
                break;
            case SupervisorOutcome.Pending:
                Assert.DoesNotContain(events, e => e.MessageId is Events.NotReady or Events.Ready);
                Assert.Equal(new ForceNotReady("sup", Me, AgentStateCatalog.Away), view.Pending);
                Assert.NotNull(view.CallId);
                EndCall(h, situation);
                var after = await h.EventsOfAsync(Me);
                Single(after, Events.Released);
                Assert.Equal(AgentStateCatalog.Away, after.Last(e => e.MessageId == Events.NotReady)["reasonCode"]);
                Assert.DoesNotContain(after, e => e.MessageId == Events.Ready);
                view = await ViewAsync(h);
                Assert.Equal((AgentState.Busy, (int?)AgentStateCatalog.Away), (view.State, view.Reason));
                Assert.Null(view.Pending);
                break;
        }
        Assert.Empty(h.Errors);
    }

    [Fact]
    public async Task Force_not_ready_of_a_ringing_agent_takes_the_call_back_to_the_front_of_the_queue()
    {
        await using var h = await ArrangeAsync(AgentSituation.Ringing);
        var leg = h.Switch.ChannelTo("1000");

        Assert.Equal(SupervisorOutcome.Done, (await h.Engine.SuperviseAsync(new ForceNotReady("sup", Me))).Outcome);

        var events = await h.EventsOfAsync(Me);
        Assert.Equal(HangupCauses.CallRejected,
            ((IReadOnlyList<KeyValuePair<string, object?>>)Single(events, Events.Released)["attachDatas"]!).Single().Value);
        Assert.Contains(h.Switch.Commands, c => c.Command == "hangup" && c.Channel == leg);
        var acd = await h.Engine.QueryAsync(e => e.Acds().Single(a => a.Number == "10001_8000"));
        Assert.Equal(1, acd.Waiting); // agent 1001 refuses calls: the caller waits for the next agent
        Assert.Equal(AgentStateCatalog.BusyOther, (await ViewAsync(h)).Reason);
    }

    [Fact]
    public async Task Force_not_ready_ends_a_rest_and_its_timer_and_a_ready_agent_gets_no_more_calls()
    {
        await using var resting = await ArrangeAsync(AgentSituation.Resting);
        await resting.Engine.SuperviseAsync(new ForceNotReady("sup", Me));
        await resting.AdvanceAsync(TimeSpan.FromMinutes(11));
        Assert.DoesNotContain(await resting.EventsOfAsync(Me), e => e.MessageId == Events.Prompt); // no "rest expired"
        Assert.Null((await ViewAsync(resting)).RestUntil);

        await using var ready = await ArrangeAsync(AgentSituation.Ready);
        await ready.SendAsync(Other, new AcceptIncomingRequest(Other, true));
        await ready.Engine.SuperviseAsync(new ForceNotReady("sup", Me));
        ready.Post(new InboundCall(EngineHarness.Tenant, ready.Clock.GetUtcNow(), "cust-9", "13900000009", "4008000000", "10001_8000"));
        Assert.DoesNotContain(await ready.EventsOfAsync(Me), e => e.MessageId == Events.Incoming);
    }

    [Theory]
    [InlineData(AgentStateCatalog.InCall)]
    [InlineData(AgentStateCatalog.Rest)]
    [InlineData(AgentStateCatalog.InboundRinging)]
    [InlineData(77)]
    public async Task Force_not_ready_with_a_system_rest_or_unknown_reason_is_refused(int reason)
    {
        await using var h = await ArrangeAsync(AgentSituation.Ready);
        var result = await h.Engine.SuperviseAsync(new ForceNotReady("sup", Me, reason));
        Assert.Equal(SupervisorOutcome.Refused, result.Outcome);
        Assert.Contains($"Reason {reason}", result.Message);
        Assert.Empty(await h.EventsOfAsync(Me));
        Assert.Equal(AgentState.Ready, (await ViewAsync(h)).State);
    }

    [Fact]
    public async Task Force_not_ready_takes_the_tenants_custom_reasons()
    {
        await using var h = await ArrangeAsync(AgentSituation.Ready);
        Assert.Equal(SupervisorOutcome.Done, (await h.Engine.SuperviseAsync(new ForceNotReady("sup", Me, 9))).Outcome);
        Assert.Equal(9, Single(await h.EventsOfAsync(Me), Events.NotReady)["reasonCode"]);
    }

    // ------------------------------------------------------------------ force logout

    [Theory]
    [MemberData(nameof(StateCases))]
    public async Task Force_logout_in_each_situation(AgentSituation situation, SupervisorOutcome expected)
    {
        await using var h = await ArrangeAsync(situation);

        var result = await h.Engine.SuperviseAsync(new ForceLogout("sup", Me));

        Assert.Equal(expected, result.Outcome);
        var events = await h.EventsOfAsync(Me);
        switch (expected)
        {
            case SupervisorOutcome.Refused:
                Assert.Contains("not logged in", result.Message);
                Assert.Empty(events);
                break;
            case SupervisorOutcome.Done:
                AssertLoggedOutBySupervisor(events);
                break;
            case SupervisorOutcome.Pending:
                Assert.DoesNotContain(events, e => e.MessageId == Events.Deregistered);
                Assert.Null(h.Connection(Me).ClosedBecause);
                Assert.IsType<ForceLogout>((await ViewAsync(h)).Pending);
                EndCall(h, situation);
                var after = await h.EventsOfAsync(Me);
                Single(after, Events.Released);
                AssertLoggedOutBySupervisor(after);
                break;
        }
        var view = await ViewAsync(h);
        Assert.Equal(AgentState.LoggedOut, view.State);
        Assert.Null(view.Pending);
        if (expected != SupervisorOutcome.Refused)
        {
            Assert.Equal("logged out by a supervisor", h.Connection(Me).ClosedBecause);
            // The session is gone: a request on it is answered as from a stranger.
            Failed(await h.SendAsync(Me, new ReadyRequest(Me)), MessageIds.Ready, ErrorCodes.UnknownAgent);
            Assert.Contains(h.Records.Of<AgentStateRecord>(), r => r.Agent == Me && r.EndTime == h.Clock.GetUtcNow().UtcDateTime);
        }
        Assert.Empty(h.Errors);
    }

    private static void AssertLoggedOutBySupervisor(List<CtiEvent> events)
    {
        var deregistered = Single(events, Events.Deregistered);
        Assert.Equal(DeregisterReasons.LoggedOutBySupervisor, deregistered["reason"]);
        Assert.Equal(3, deregistered["reason"]);
        Assert.Equal(Me, deregistered["thisDN"]);
        Assert.Equal(Events.Deregistered, events.Last().MessageId); // nothing after it: the session is closed
    }

    [Fact]
    public async Task Commands_about_an_agent_of_no_tenant_of_the_engine_are_refused()
    {
        await using var h = new EngineHarness();
        var result = await h.Engine.SuperviseAsync(new ForceLogout("sup", "10001_7777"));
        Assert.Equal(SupervisorOutcome.Refused, result.Outcome);
        Assert.Contains("not an agent of tenant 10001", result.Message);
    }

    // ------------------------------------------------------------------ listen / barge-in

    public static TheoryData<AgentSituation, EavesdropMode, SupervisorOutcome> MonitorCases()
    {
        var data = new TheoryData<AgentSituation, EavesdropMode, SupervisorOutcome>();
        foreach (var mode in new[] { EavesdropMode.Listen, EavesdropMode.Barge })
            foreach (var s in Enum.GetValues<AgentSituation>())
                data.Add(s, mode, s is AgentSituation.Talking or AgentSituation.Holding ? SupervisorOutcome.Done : SupervisorOutcome.Refused);
        return data;
    }

    [Theory]
    [MemberData(nameof(MonitorCases))]
    public async Task Listen_and_barge_in_each_situation(AgentSituation situation, EavesdropMode mode, SupervisorOutcome expected)
    {
        await using var h = await ArrangeAsync(situation);

        var result = await h.Engine.SuperviseAsync(new MonitorAgentCall("sup", Me, Phone, mode));

        Assert.Equal(expected, result.Outcome);
        if (expected == SupervisorOutcome.Refused)
        {
            Assert.Contains(situation == AgentSituation.LoggedOut ? "not logged in" : "not in a connected call", result.Message);
            Assert.DoesNotContain(h.Switch.Originated.Values, o => o.Target is ExtensionEndpoint { Extension: Phone });
            return;
        }
        var agentLeg = h.Switch.ChannelTo("1000");
        var phone = h.Switch.ChannelTo(Phone); // the supervisor's phone rings
        Assert.Contains("ringing", result.Message);
        h.Post(new ChannelAnswered(EngineHarness.Tenant, h.Clock.GetUtcNow(), phone));
        await h.SyncAsync();
        Assert.Contains(h.Switch.Commands, c => c.Command == "eavesdrop" && c.Channel == phone && Equals(c.Arg, (agentLeg, mode)));
        Assert.Equal(1, (await ViewAsync(h)).Listeners);
        Assert.Empty(await h.EventsOfAsync(Me)); // the agent is not told

        // The call ends: the supervisor's leg goes with it.
        EndCall(h, situation);
        await h.SyncAsync();
        Assert.Contains(h.Switch.Commands, c => c.Command == "hangup" && c.Channel == phone);
        Assert.Equal(0, (await ViewAsync(h)).Listeners);
        Assert.Single(h.Records.Of<CallRecord>()); // the monitor leg writes no call record of its own
        Assert.Empty(h.Errors);
    }

    [Fact]
    public async Task The_supervisor_hanging_up_leaves_the_call_and_an_unanswered_phone_gives_up()
    {
        await using var h = await ArrangeAsync(AgentSituation.Talking);
        await h.Engine.SuperviseAsync(new MonitorAgentCall("sup", Me, Phone, EavesdropMode.Listen));
        var phone = h.Switch.ChannelTo(Phone);
        Assert.Equal(1, (await ViewAsync(h)).Listeners);
        await h.AdvanceAsync(TimeSpan.FromSeconds(33)); // ring timeout (30 s + 2 s grace) of the supervisor's phone
        Assert.Contains(h.Switch.Commands, c => c.Command == "hangup" && c.Channel == phone);
        Assert.Equal(0, (await ViewAsync(h)).Listeners);

        await h.Engine.SuperviseAsync(new MonitorAgentCall("sup", Me, Phone, EavesdropMode.Barge));
        var again = h.Switch.ChannelTo(Phone);
        h.Post(new ChannelAnswered(EngineHarness.Tenant, h.Clock.GetUtcNow(), again));
        h.Post(new ChannelHungUp(EngineHarness.Tenant, h.Clock.GetUtcNow(), again, HangupCauses.NormalClearing));
        await h.SyncAsync();
        var view = await ViewAsync(h);
        Assert.Equal((0, AgentStateCatalog.InCall), (view.Listeners, view.Reason)); // the agent and customer talk on
        Assert.DoesNotContain(h.Switch.Commands, c => c.Command == "hangup" && c.Channel == "cust-1");
    }

    [Fact]
    public async Task Listen_from_an_unknown_busy_used_or_offline_extension_is_refused()
    {
        await using var h = await ArrangeAsync(AgentSituation.Talking);
        async Task<string> Refusal(string extension)
        {
            var r = await h.Engine.SuperviseAsync(new MonitorAgentCall("sup", Me, extension, EavesdropMode.Listen));
            Assert.Equal(SupervisorOutcome.Refused, r.Outcome);
            return r.Message;
        }

        Assert.Contains("not an enabled extension of tenant 10001", await Refusal("7777"));
        Assert.Contains("not an enabled extension", await Refusal(""));
        Assert.Contains("in use by agent 10001_1001", await Refusal("1001"));
        h.Post(new ExtensionUnregistered(EngineHarness.Tenant, h.Clock.GetUtcNow(), "1004"));
        Assert.Contains("not registered", await Refusal("1004"));
        Assert.Equal(SupervisorOutcome.Done, (await h.Engine.SuperviseAsync(new MonitorAgentCall("sup", Me, Phone, EavesdropMode.Listen))).Outcome);
        Assert.Contains("already in a call", await Refusal(Phone));
    }

    // ------------------------------------------------------------------ what observers see

    [Fact]
    public async Task Observers_get_each_change_with_the_engines_time_and_the_pending_command()
    {
        await using var h = await ArrangeAsync(AgentSituation.Talking);
        var seen = new List<AgentView>();
        await h.Engine.QueryAsync(e => { e.AgentStateChanged += v => { lock (seen) seen.Add(v); }; return 0; });

        await h.Engine.SuperviseAsync(new ForceLogout("sup", Me));

        lock (seen)
        {
            var view = Assert.Single(seen, v => v.Dn == Me);
            Assert.IsType<ForceLogout>(view.Pending);
            Assert.Equal("logout after the call", view.Pending!.Describe());
            Assert.Equal(h.Clock.GetUtcNow().UtcDateTime, view.At);
        }
    }
}
