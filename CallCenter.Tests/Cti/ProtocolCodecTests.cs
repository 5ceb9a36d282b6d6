using System.Text;
using CallCenter.Domain.Cti.Protocol;
using static CallCenter.Tests.Cti.ProtocolFrames;

namespace CallCenter.Tests.Cti;

/// <summary>
/// The source's own examples (programmer's guide §3.5, §4; line numbers of ../shared/seeds/002_…txt) parse to the
/// right request with the right values. Examples that use unbound JS variables (targetDN, phoneNumber) get a value.
/// </summary>
public class ProtocolCodecExampleTests
{
    [Fact]
    public void Login_example_4_2_L554()
    {
        const string frame = """{"thisDN":"10001_1000","type":"login","message":"{\"messageId\":100,\"thisDN\":\"10001_1000\",\"extension\":\"1000\",\"thisQueues\":[\"10001_8000\"],\"attachDatas\":{\"typeCode\":\"1\"}}"}""";
        var parsed = Accepted(frame);
        Assert.Equal("10001_1000", parsed.ThisDn);
        Assert.Equal(FrameType.Login, parsed.Type);
        var login = Assert.IsType<LoginRequest>(parsed.Request);
        Assert.Equal(100, login.MessageId);
        Assert.Equal("10001_1000", login.ThisDn);
        Assert.Equal("1000", login.Extension);
        Assert.Equal(["10001_8000"], login.ThisQueues);
        Assert.Equal("1", login.TypeCode);
        Assert.Null(login.TypeText);
    }

    [Fact]
    public void Make_call_example_3_5_L318_and_4_6_L901()
    {
        const string frame = """{"thisDN":"10001_1000","type":"request","message":"{\"messageId\":200,\"thisDN\":\"10001_1000\",\"otherDN\":\"18866666666\",\"attachDatas\":{\"cti-tenant-id\":\"10001\"}}"}""";
        var parsed = Accepted(frame);
        Assert.Equal(FrameType.Request, parsed.Type);
        var call = Assert.IsType<MakeCallRequest>(parsed.Request);
        Assert.Equal(200, call.MessageId);
        Assert.Equal("10001_1000", call.ThisDn);
        Assert.Equal("18866666666", call.OtherDn);
        Assert.Equal("10001", call.TenantId);
        Assert.False(call.HoldCall); // Y*: absent means 0
        Assert.Null(call.HeldCallId);
        Assert.Null(call.IvrId);
        Assert.Null(call.VoiceTts);
    }

    [Fact]
    public void Not_ready_example_4_1_L466_reasonCode_3()
    {
        const string frame = """{"thisDN":"10001_1000","type":"request","message":"{\"messageId\":102,\"thisDN\":\"10001_1000\",\"reasonCode\":3}"}""";
        var busy = Accepted<NotReadyRequest>(frame);
        Assert.Equal(102, busy.MessageId);
        Assert.Equal("10001_1000", busy.ThisDn);
        Assert.Equal(3, busy.ReasonCode);
        Assert.Null(busy.Limit);
    }

    [Fact]
    public void Heartbeat_example_4_25_L2433_with_the_missing_comma_restored()
    {
        var parsed = Accepted("""{"thisDN":"10001_1000","message":"ping","type":"ping"}""");
        Assert.Equal(FrameType.Ping, parsed.Type);
        Assert.Equal("10001_1000", parsed.ThisDn);
        var ping = Assert.IsType<PingRequest>(parsed.Request);
        Assert.Equal("10001_1000", ping.ThisDn);
        Assert.Equal(0, ping.MessageId);
    }

    [Fact]
    public void Heartbeat_example_as_printed_without_the_comma_is_not_JSON()
    {
        var failure = Refused("""{"thisDN": "10001_1000", "message": "ping" "type": "ping"}""");
        Assert.Equal("frame is not valid JSON", failure.Reason);
    }

    [Fact]
    public void Logout_example_4_3_L628()
    {
        var logout = Accepted<LogoutRequest>(Wire("""{"messageId":103,"thisDN":"10001_1000"}"""));
        Assert.Equal(103, logout.MessageId);
        Assert.Null(logout.Extension); // Y*: the example has no extension
    }

    [Fact]
    public void Ready_example_4_4_L693()
    {
        var ready = Accepted<ReadyRequest>(Wire("""{"messageId":101,"thisDN":"10001_1000"}"""));
        Assert.Equal(101, ready.MessageId);
        Assert.Equal("10001_1000", ready.ThisDn);
    }

    [Fact]
    public void Attach_data_example_4_5_L769_without_callID()
    {
        var attach = Accepted<AttachDataRequest>(Wire("""{"messageId":279,"thisDN":"10001_1000","attachDatas":{"cti-tenant-id":"10001"}}"""));
        Assert.Equal(279, attach.MessageId);
        Assert.Null(attach.CallId); // Y*: the example omits callID (A19)
        Assert.Empty(attach.Data); // cti-tenant-id is not attached data
    }

    [Fact]
    public void Make_call_scenarios_4_6_L871_L891()
    {
        var toAgent = Accepted<MakeCallRequest>(Wire("""{"messageId":200,"thisDN":"10001_1001","otherDN":"10001_1002","attachDatas":{"cti-tenant-id":"10001"}}""", thisDn: "10001_1001"));
        Assert.Equal("10001_1002", toAgent.OtherDn);
        var toExtension = Accepted<MakeCallRequest>(Wire("""{"messageId":200,"thisDN":"10001_1001","otherDN":"1002","attachDatas":{"cti-tenant-id":"10001"}}""", thisDn: "10001_1001"));
        Assert.Equal("1002", toExtension.OtherDn);
        var intoIvr = Accepted<MakeCallRequest>(Wire("""{"messageId":200,"thisDN":"10001_1001","otherDN":"18200000000","attachDatas":{"cti-tenant-id":"10001","ivr_id":1}}""", thisDn: "10001_1001"));
        Assert.Equal("1", intoIvr.IvrId);
    }

    [Fact]
    public void Hold_example_4_7_L990_with_the_empty_callID_placeholder()
    {
        var hold = Accepted<HoldRequest>(Wire("""{"messageId":204,"thisDN":"10001_1000","callID":""}"""));
        Assert.Equal(204, hold.MessageId);
        Assert.Equal("", hold.CallId); // decision: let through; the call lookup answers error 4
        Assert.Null(hold.OtherDn);
    }

    [Fact]
    public void Hold_scenario_4_7_L982_spells_otherDN()
    {
        var hold = Accepted<HoldRequest>(Wire("""{"messageId":204,"thisDN":"10001_1001","otherDN":"18200000000","callID":"x"}""", thisDn: "10001_1001"));
        Assert.Equal("x", hold.CallId);
        Assert.Equal("18200000000", hold.OtherDn);
    }

    [Fact]
    public void Retrieve_example_4_8_L1073()
    {
        var retrieve = Accepted<RetrieveRequest>(Wire("""{"messageId":217,"thisDN":"10001_1000","callID":""}"""));
        Assert.Equal(217, retrieve.MessageId);
        Assert.Equal("", retrieve.CallId);
        Assert.Null(retrieve.OtherDn);
    }

    [Fact]
    public void Release_example_4_9_L1168()
    {
        var release = Accepted<ReleaseRequest>(Wire("""{"messageId":203,"thisDN":"10001_1000","callID":"","otherDN":"18888888888"}"""));
        Assert.Equal(203, release.MessageId);
        Assert.Equal("", release.CallId);
        Assert.Equal("18888888888", release.OtherDn);
    }

    [Fact]
    public void Transfer_example_4_10_L1286_with_its_variables_bound()
    {
        var transfer = Accepted<TransferRequest>(Wire("""{"messageId":215,"thisDN":"10001_1000","callID":"","otherDN":"18300000000","phoneNumber":"18200000000"}"""));
        Assert.Equal(215, transfer.MessageId);
        Assert.Equal("18300000000", transfer.OtherDn);
        Assert.Equal("18200000000", transfer.PhoneNumber);
        Assert.Equal(0, transfer.IsHold);
    }

    [Fact]
    public void Transfer_scenarios_4_10_L1265_L1272_L1279()
    {
        var withHold = Accepted<TransferRequest>(Wire("""{"messageId":215,"thisDN":"10001_1001","otherDN":"18300000000","callID":"x","phoneNumber":"18200000000","attachDatas":{"isHold":"1"}}""", thisDn: "10001_1001"));
        Assert.Equal(1, withHold.IsHold);
        Assert.Equal("18200000000", withHold.PhoneNumber);

        var intercept = Accepted<TransferRequest>(Wire("""{"messageId":215,"thisDN":"10001_1002","callID":"x","otherDN":"10001_1001"}""", thisDn: "10001_1002"));
        Assert.Equal("10001_1001", intercept.OtherDn);
        Assert.Null(intercept.PhoneNumber);
        Assert.Equal(0, intercept.IsHold);

        var toQueue = Accepted<TransferRequest>(Wire("""{"messageId":215,"thisDN":"10001_1001","callID":"x","otherDN":"10001_8000"}""", thisDn: "10001_1001"));
        Assert.Equal("10001_8000", toQueue.OtherDn);
    }

    [Fact]
    public void Transfer_to_IVR_example_4_11_L1387_with_the_full_width_comma_fixed()
    {
        var ivr = Accepted<TransferToIvrRequest>(Wire("""{"messageId":290,"thisDN":"10001_1000","callID":"","phoneNumber":"18200000000","attachDatas":{"ivrID":"12","isHold":"1"}}"""));
        Assert.Equal(290, ivr.MessageId);
        Assert.Equal("18200000000", ivr.PhoneNumber);
        Assert.Equal("12", ivr.IvrId);
        Assert.True(ivr.ReturnToAgent);
    }

    [Fact]
    public void Transfer_to_IVR_scenario_4_11_L1380_uses_otherDN_and_ivr_id_as_numbers()
    {
        var ivr = Accepted<TransferToIvrRequest>(Wire("""{"messageId":290,"thisDN":"10001_1001","otherDN":"18200000000","callID":"x","attachDatas":{"ivr_id":1,"isHold":1}}""", thisDn: "10001_1001"));
        Assert.Equal("18200000000", ivr.PhoneNumber);
        Assert.Equal("1", ivr.IvrId);
        Assert.True(ivr.ReturnToAgent);
        Assert.Equal("x", ivr.CallId);
    }

    [Fact]
    public void Conference_example_4_12_L1478()
    {
        var conference = Accepted<ConferenceRequest>(Wire("""{"messageId":214,"thisDN":"10001_1000","callID":"","otherDN":"18300000000"}"""));
        Assert.Equal(214, conference.MessageId);
        Assert.Equal("18300000000", conference.OtherDn);
        Assert.Null(conference.MuteNumber);
    }

    [Fact]
    public void Listen_example_4_13_L1564_and_scenario_L1556()
    {
        var listen = Accepted<ListenRequest>(Wire("""{"messageId":265,"thisDN":"10001_1000","callID":"","otherDN":"10001_1001"}"""));
        Assert.Equal(265, listen.MessageId);
        var scenario = Accepted<ListenRequest>(Wire("""{"messageId":265,"thisDN":"10001_1002","otherDN":"18200000000","callID":"x"}""", thisDn: "10001_1002"));
        Assert.Equal("18200000000", scenario.OtherDn);
        Assert.Equal("10001_1002", scenario.ThisDn);
    }

    [Fact]
    public void Mute_example_4_14_L1649_and_unmute_4_15_L1732()
    {
        var mute = Accepted<MuteRequest>(Wire("""{"messageId":292,"thisDN":"10001_1000","callID":"","otherDN":"10001_1001"}"""));
        Assert.True(mute.Mute);
        Assert.Equal(292, mute.MessageId);
        Assert.Equal("10001_1001", mute.OtherDn);
        var unmute = Accepted<MuteRequest>(Wire("""{"messageId":293,"thisDN":"10001_1000","callID":"","otherDN":"10001_1001"}"""));
        Assert.False(unmute.Mute);
        Assert.Equal(293, unmute.MessageId);
    }

    [Fact]
    public void Start_recording_example_4_16_L1815()
    {
        var start = Accepted<RecordingRequest>(Wire("""{"messageId":277,"thisDN":"10001_1000","path":"/record/","callID":"b98171d8-95ad-11ea-a566-836ce3c48c2e","attachDatas":{"limit":"60"}}"""));
        Assert.Equal(277, start.MessageId);
        Assert.True(start.Start);
        Assert.Equal("/record/", start.Path);
        Assert.Equal("b98171d8-95ad-11ea-a566-836ce3c48c2e", start.CallId);
        Assert.Equal(60, start.Limit);
    }

    [Fact]
    public void Stop_recording_example_4_17_L1896()
    {
        var stop = Accepted<RecordingRequest>(Wire("""{"messageId":278,"thisDN":"10001_1000","path":"/record/","callID":"b98171d8-95ad-11ea-a566-836ce3c48c2e"}"""));
        Assert.Equal(278, stop.MessageId);
        Assert.False(stop.Start);
        Assert.Equal("/record/", stop.Path);
        Assert.Null(stop.Limit);
    }

    [Theory]
    [InlineData(266, true)]
    [InlineData(267, false)]
    public void Agent_monitoring_examples_4_18_L1968_and_4_19_L2038(int id, bool start)
    {
        var monitor = Accepted<MonitorRequest>(Wire($$"""{"messageId":{{id}},"thisDN":"10001_1000","agentDNS":["10001_1001","10001_1002"]}"""));
        Assert.Equal(id, monitor.MessageId);
        Assert.Equal(MonitorKind.Agent, monitor.Kind);
        Assert.Equal(start, monitor.Start);
        Assert.Equal(["10001_1001", "10001_1002"], monitor.Targets);
    }

    [Theory]
    [InlineData(275, true)]
    [InlineData(276, false)]
    public void ACD_monitoring_examples_4_20_L2109_and_4_21_L2180(int id, bool start)
    {
        var monitor = Accepted<MonitorRequest>(Wire($$"""{"messageId":{{id}},"thisDN":"10001_1000","queueDNS":["10001_8000","10001_8001"]}"""));
        Assert.Equal(MonitorKind.Acd, monitor.Kind);
        Assert.Equal(start, monitor.Start);
        Assert.Equal(["10001_8000", "10001_8001"], monitor.Targets);
    }

    [Theory]
    [InlineData(301, true)]
    [InlineData(302, false)]
    public void IVR_monitoring_examples_4_22_L2245_and_4_23_L2316_send_queueDNS(int id, bool start)
    {
        var monitor = Accepted<MonitorRequest>(Wire($$"""{"messageId":{{id}},"thisDN":"10001_1000","queueDNS":["10001","10002"]}"""));
        Assert.Equal(MonitorKind.Ivr, monitor.Kind);
        Assert.Equal(start, monitor.Start);
        Assert.Equal(["10001", "10002"], monitor.Targets);
    }

    [Fact]
    public void Accept_incoming_example_4_24_L2390()
    {
        var accept = Accepted<AcceptIncomingRequest>(Wire("""{"messageId":294,"thisDN":"10001_1000","isReject":"0"}"""));
        Assert.Equal(294, accept.MessageId);
        Assert.False(accept.Reject);
    }

    [Fact]
    public void Send_DTMF_example_4_26_L2504()
    {
        var dtmf = Accepted<SendDtmfRequest>(Wire("""{"messageId":250,"thisDN":"10001_1000","callID":"xxx","dtmfDigit":"1","otherDN":"18888888888"}"""));
        Assert.Equal(250, dtmf.MessageId);
        Assert.Equal("xxx", dtmf.CallId);
        Assert.Equal("1", dtmf.Digits);
        Assert.Equal("18888888888", dtmf.OtherDn);
    }

    [Fact]
    public void Play_example_4_27_L2593_without_flag_plays_to_everyone()
    {
        var play = Accepted<PlayRequest>(Wire("""{"messageId":274,"thisDN":"10001_1000","callID":"xxx","path":"/records/xxx.wav","otherDN":"18888888888"}"""));
        Assert.Equal(274, play.MessageId);
        Assert.Equal("xxx", play.CallId);
        Assert.Equal("/records/xxx.wav", play.Path);
        Assert.Equal(4, play.Flag);
    }

    [Fact]
    public void Every_messageId_has_a_valid_sample_that_parses_to_its_request()
    {
        Assert.Equal(MessageIds.All.OrderBy(i => i), Valid.Keys.OrderBy(i => i));
        foreach (var (id, inner) in Valid)
        {
            var parsed = Accepted(Wire(inner));
            Assert.Equal(id, parsed.Request.MessageId);
            Assert.Equal(id == 100 ? FrameType.Login : FrameType.Request, parsed.Type);
        }
    }

    [Fact]
    public void Full_samples_carry_every_value()
    {
        var login = Accepted<LoginRequest>(Wire(Valid[100]));
        Assert.Equal("售后", login.TypeText);
        var busy = Accepted<NotReadyRequest>(Wire(Valid[102]));
        Assert.Equal((5, 600), (busy.ReasonCode, busy.Limit!.Value));
        var call = Accepted<MakeCallRequest>(Wire(Valid[200]));
        Assert.Equal((true, "held-1", "1", "您好"), (call.HoldCall, call.HeldCallId, call.IvrId, call.VoiceTts));
        var conference = Accepted<ConferenceRequest>(Wire(Valid[214]));
        Assert.Equal("18200000000", conference.MuteNumber);
        var play = Accepted<PlayRequest>(Wire(Valid[274]));
        Assert.Equal(1, play.Flag);
        var attach = Accepted<AttachDataRequest>(Wire(Valid[279]));
        Assert.Equal("c1", attach.CallId);
        Assert.Equal(new Dictionary<string, string> { ["orderNo"] = "A-17" }, attach.Data);
        Assert.True(Accepted<AcceptIncomingRequest>(Wire(Valid[294])).Reject);
        Assert.Equal("18888888888", Accepted<HoldRequest>(Wire(Valid[204])).OtherDn);
        Assert.Equal("18888888888", Accepted<RetrieveRequest>(Wire(Valid[217])).OtherDn);
    }

    [Fact]
    public void The_UTF8_overload_gives_the_same_answers()
    {
        foreach (var inner in Valid.Values)
        {
            var frame = Wire(inner);
            Assert.Equal(Describe(ProtocolCodec.Parse(frame)), Describe(ProtocolCodec.Parse(Encoding.UTF8.GetBytes(frame))));
        }

        var bad = Wire(Without(Valid[203], "callID"));
        Assert.Equal(Describe(ProtocolCodec.Parse(bad)), Describe(ProtocolCodec.Parse(Encoding.UTF8.GetBytes(bad))));
        Assert.StartsWith("ParseFailure", Describe(ProtocolCodec.Parse(bad)));
    }
}
