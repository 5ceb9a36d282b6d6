using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Web.Softphone;
using Microsoft.Extensions.Time.Testing;

namespace CallCenter.Tests.SoftphoneModel;

/// <summary>
/// Builds the frames the server sends (the engine's own <see cref="Events"/> factory and codec, with seq and eventTime)
/// at a controllable time, and feeds them to a <see cref="SoftphoneState"/>.
/// </summary>
public sealed class EventScript
{
    public const string Dn = "10001_1000";
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private long _seq;

    public string Frame(CtiEvent e) => ProtocolCodec.Serialize(e, ++_seq, Clock.GetUtcNow().ToUnixTimeMilliseconds());

    public static Events.AgentStatus Status(int state, int? reason, int device = 1) =>
        new(Dn, ["10001_8000"], state, reason, device, 10001, "1000");

    public string LoggedIn(int reason = 3) => Frame(Events.AgentLoggedIn(Status(2, reason)));
    public string Ready() => Frame(Events.AgentReady(Status(1, null)));
    public string NotReady(int reason) => Frame(Events.AgentNotReady(Status(2, reason)));

    public string Incoming(string callId, string ani = "13900000001", string? queue = "10001_8000", IReadOnlyDictionary<string, string>? data = null,
        string? transferredBy = null) =>
        Frame(Events.IncomingCall(new Events.CallInfo(Dn, ani, callId, 2, 10001, "1000", ani, "4008000000", transferredBy,
            transferredBy is null ? null : 3, queue, data), null));

    public string Dialing(string callId, string number) =>
        Frame(Events.AgentDialing(new Events.CallInfo(Dn, number, callId, 3, 10001, "1000", "1000", number)));

    public string Established(string callId, string other, int callType = 2) =>
        Frame(Events.CallEstablished(Dn, other, callId, 10001, "1000", callType));

    public string Released(string callId, string other, string cause, int callType = 2) =>
        Frame(Events.CallReleased(Dn, other, callId, 10001, "1000", callType, cause));

    public string Held(string callId, string other) => Frame(Events.CallHeld(Dn, other, callId, 10001));
    public string Retrieved(string callId, string other) => Frame(Events.CallRetrieved(Dn, other, callId, 10001));
    public string Prompt(int messageId, int reference) => Frame(Events.RequestPrompt(messageId, reference, Dn, "1000"));
    public string Failed(int messageId, int code, string? detail = null) => Frame(Events.RequestFailed(messageId, code, Dn, "1000", detail));

    public void Advance(int seconds) => Clock.Advance(TimeSpan.FromSeconds(seconds));
}

public sealed class SoftphoneStateTests
{
    private readonly EventScript _s = new();
    private readonly SoftphoneState _state;

    public SoftphoneStateTests() => _state = new SoftphoneState(EventScript.Dn, _s.Clock);

    private SoftphoneMessage? Apply(string frame) => _state.Apply(frame);

    [Fact]
    public void Login_ready_and_not_ready_set_the_state_its_reason_and_when_it_began()
    {
        _state.ApplyConnection("connected", 0, 0, "abc123");
        var loginAt = _s.Clock.GetUtcNow();
        Assert.Contains("Logged in as 10001_1000 on extension 1000", Apply(_s.LoggedIn())!.Text);
        Assert.Equal((true, AgentState.Busy, (int?)3, loginAt, 1, "1000"), (_state.LoggedIn, _state.State, _state.Reason, _state.StateSince,
            _state.DeviceState, _state.Extension));
        Assert.Equal(new[] { "10001_8000" }, _state.Queues);
        Assert.True(_state.CanWork);

        _s.Advance(5);
        Apply(_s.Ready());
        Assert.Equal((AgentState.Ready, (int?)null, loginAt.AddSeconds(5)), (_state.State, _state.Reason, _state.StateSince));
        _s.Advance(5);
        Apply(_s.Ready()); // the same state again keeps its start
        Assert.Equal(loginAt.AddSeconds(5), _state.StateSince);

        _s.Advance(5);
        Apply(_s.NotReady(9));
        Assert.Equal((AgentState.Busy, (int?)9, loginAt.AddSeconds(15)), (_state.State, _state.Reason, _state.StateSince));
    }

    [Fact]
    public void An_inbound_call_rings_with_its_caller_acd_and_data_then_connects_holds_retrieves_and_is_logged()
    {
        Apply(_s.LoggedIn());
        Apply(_s.Ready());
        _s.Advance(10);
        Apply(_s.Incoming("c1", data: new Dictionary<string, string> { ["orderNo"] = "A-77" }, transferredBy: "10001_1003"));
        Apply(_s.NotReady(AgentStateCatalog.InboundRinging));
        var call = _state.Call!;
        Assert.Equal((CallPhase.Ringing, "13900000001", "10001_8000", "10001_1003", "4008000000"),
            (call.Phase, call.Party, call.Queue, call.TransferredBy, call.Dnis));
        Assert.Equal("A-77", Assert.Single(call.Data).Value);
        Assert.False(call.AgentDialled);

        _s.Advance(3);
        var answeredAt = _s.Clock.GetUtcNow();
        Apply(_s.NotReady(AgentStateCatalog.InCall));
        Apply(_s.Established("c1", "13900000001"));
        Assert.Equal((CallPhase.Connected, (DateTimeOffset?)answeredAt), (call.Phase, call.Answered));

        Apply(_s.Held("c1", "13900000001"));
        Assert.True(call.Held);
        Apply(_s.Retrieved("c1", "13900000001"));
        Assert.False(call.Held);
        Apply(_s.Prompt(MessageIds.Mute, PromptCodes.MuteSucceeded));
        Assert.True(call.Muted);

        _s.Advance(42);
        Apply(_s.Released("c1", "13900000001", "recv_bye"));
        Apply(_s.Ready());
        Assert.Null(_state.Call);
        var entry = Assert.Single(_state.CallLog);
        Assert.Equal(("c1", "Inbound", "13900000001", "10001_8000", "You hung up", TimeSpan.FromSeconds(42)),
            (entry.CallId, entry.Direction, entry.Party, entry.Queue, entry.Outcome, entry.Talk));
    }

    [Fact]
    public void A_call_the_agent_places_dials_connects_and_ends_and_one_never_answered_is_logged_as_such()
    {
        Apply(_s.LoggedIn());
        Apply(_s.Dialing("o1", "18866666666"));
        Assert.Equal((CallPhase.Dialing, true, "18866666666"), (_state.Call!.Phase, _state.Call.AgentDialled, _state.Call.Party));
        Apply(_s.Established("o1", "18866666666", 3));
        _s.Advance(20);
        Apply(_s.Released("o1", "18866666666", "send_bye", 3));
        Assert.Equal(("Outbound", "You hung up"), (_state.CallLog[0].Direction, _state.CallLog[0].Outcome));

        Apply(_s.Incoming("c2"));
        Apply(_s.Released("c2", "13900000001", "NO_ANSWER"));
        Assert.Equal(("c2", "Not answered", (TimeSpan?)null), (_state.CallLog[0].CallId, _state.CallLog[0].Outcome, _state.CallLog[0].Talk));
        Assert.Equal(2, _state.CallLog.Count);
    }

    [Fact]
    public void A_transferred_call_is_logged_as_transferred()
    {
        Apply(_s.LoggedIn());
        Apply(_s.Incoming("c1"));
        Apply(_s.Established("c1", "13900000001"));
        Assert.Equal("Transfer succeeded.", Apply(_s.Prompt(MessageIds.Transfer, PromptCodes.TransferSucceeded))!.Text);
        Apply(_s.Released("c1", "13900000001", "NORMAL_CLEARING"));
        Assert.Equal("Transferred", _state.CallLog[0].Outcome);
    }

    [Fact]
    public void A_rest_runs_for_the_templates_length_and_its_queued_and_expired_prompts_are_words()
    {
        Apply(_s.LoggedIn());
        _state.RestRequested(900);
        var queued = Apply(_s.Prompt(MessageIds.NotReady, PromptCodes.RestQueued))!;
        Assert.Contains("Rest queued", queued.Text);
        Assert.True(_state.RestQueued);

        _s.Advance(60);
        var grantedAt = _s.Clock.GetUtcNow();
        Apply(_s.NotReady(AgentStateCatalog.Rest));
        Assert.Equal((false, true, (DateTimeOffset?)grantedAt.AddSeconds(900)), (_state.RestQueued, _state.IsResting, _state.RestUntil));

        _s.Advance(900);
        var over = Apply(_s.Prompt(MessageIds.NotReady, PromptCodes.RestExpired))!;
        Apply(_s.NotReady(AgentStateCatalog.BusyOther));
        Assert.Equal(MessageLevel.Warning, over.Level);
        Assert.Contains("rest time is over", over.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((false, (DateTimeOffset?)null), (_state.IsResting, _state.RestUntil));
    }

    [Fact]
    public void Request_failures_read_as_words_with_the_servers_detail_never_as_bare_codes()
    {
        Apply(_s.LoggedIn());
        var tooFast = Apply(_s.Failed(MessageIds.Ready, ErrorCodes.TooFast))!;
        Assert.Equal("Could not go ready: the same request was sent twice within two seconds. Wait a moment and try again.", tooFast.Text);
        var dial = Apply(_s.Failed(MessageIds.MakeCall, ErrorCodes.BadParameter, "cannot dial 'abc'"))!;
        Assert.Equal("Could not place the call: the request was not accepted. (cannot dial 'abc')", dial.Text);
        _state.RestRequested(60);
        var rest = Apply(_s.Failed(MessageIds.NotReady, ErrorCodes.InCall))!;
        Assert.Equal("Could not start the rest: not possible during a call.", rest.Text);
        Assert.Equal(MessageLevel.Error, rest.Level);
        foreach (var code in new[] { 4, 14, 18, 27, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 300, 999 })
            Assert.DoesNotContain(code.ToString(), SoftphoneTexts.Error(code));
    }

    [Fact]
    public void A_login_failure_is_kept_for_the_login_form()
    {
        Apply(_s.Failed(MessageIds.Login, ErrorCodes.ExtensionInUse, "1000 is used by 10001_1001"));
        Assert.False(_state.LoggedIn);
        Assert.Equal("Could not log in: this extension is in use by another agent. (1000 is used by 10001_1001)", _state.LoginError);
        Apply(_s.LoggedIn());
        Assert.Null(_state.LoginError);
    }

    [Fact]
    public void A_forced_logout_explains_why_and_ends_the_call()
    {
        Apply(_s.LoggedIn());
        Apply(_s.Incoming("c1"));
        var m = Apply(_s.Frame(Events.AgentDeregistered(1, EventScript.Dn, "1000")))!;
        Assert.Contains("logged in somewhere else", m.Text);
        Assert.Equal((false, AgentState.LoggedOut, (SoftphoneCall?)null), (_state.LoggedIn, _state.State, _state.Call));
        Assert.Equal("Signed out", _state.CallLog[0].Outcome);
        _state.ApplyConnection("signedOut", 0, 0, "");
        Assert.Equal(ConnectionStatus.SignedOut, _state.Connection);
        Assert.Contains("deregistered or deleted", SoftphoneTexts.ForcedLogout(2));
    }

    [Fact]
    public void Connection_reports_track_the_drop_the_retry_and_the_resume_without_touching_the_agents_state()
    {
        Apply(_s.LoggedIn());
        Apply(_s.Ready());
        var since = _state.StateSince;
        _state.ApplyConnection("waiting", 2, 1500, "closed (1006)");
        Assert.Equal((ConnectionStatus.Waiting, 2, (DateTimeOffset?)_s.Clock.GetUtcNow().AddMilliseconds(1500), "closed (1006)"),
            (_state.Connection, _state.ReconnectAttempt, _state.RetryAt, _state.ConnectionDetail));
        Assert.False(_state.CanWork);
        _state.ApplyConnection("reconnecting", 2, 0, "");
        _state.ApplyConnection("connected", 0, 0, "abc123");
        Assert.Equal((ConnectionStatus.Connected, AgentState.Ready, since, "abc123"), (_state.Connection, _state.State, _state.StateSince, _state.SessionId));
    }

    [Fact]
    public void Registration_events_and_refusing_calls_are_tracked()
    {
        Apply(_s.LoggedIn());
        Apply(_s.Frame(Events.SoftphoneUnregistered(EventScript.Dn, 10001, "1000")));
        Assert.Equal(2, _state.DeviceState);
        Apply(_s.Frame(Events.SoftphoneRegistered(EventScript.Dn, 10001, "1000", "127.0.0.1")));
        Assert.Equal(1, _state.DeviceState);
        Apply(_s.Prompt(MessageIds.AcceptIncoming, PromptCodes.RefuseIncoming));
        Assert.True(_state.RefusesIncoming);
        Apply(_s.Prompt(MessageIds.AcceptIncoming, PromptCodes.AcceptIncoming));
        Assert.False(_state.RefusesIncoming);
    }

    [Fact]
    public void Malformed_or_unknown_frames_change_nothing()
    {
        Apply(_s.LoggedIn());
        Assert.Null(Apply("not json"));
        Assert.Null(Apply("[1,2]"));
        Assert.Null(Apply("""{"messageId":"588","agentState":1}"""));
        Assert.Null(Apply("""{"messageId":515,"callID":"unknown"}""")); // logged, but no current call is touched
        Assert.Equal((AgentState.Busy, (SoftphoneCall?)null), (_state.State, _state.Call));
    }

    [Fact]
    public void Numbers_sent_as_strings_are_read_too()
    {
        Apply("""{"messageId":"580","thisDN":"10001_1000","thisQueues":["10001_8000"],"state":"2","deviceState":"1","extension":"1000","reasonCode":"4"}""");
        Assert.Equal((true, AgentState.Busy, (int?)4), (_state.LoggedIn, _state.State, _state.Reason));
    }
}
