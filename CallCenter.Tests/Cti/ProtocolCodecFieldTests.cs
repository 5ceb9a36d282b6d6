using CallCenter.Domain.Cti.Protocol;
using static CallCenter.Tests.Cti.ProtocolFrames;

namespace CallCenter.Tests.Cti;

/// <summary>Each request's fields (digest Part 3): required ones missing, malformed values, accepted spellings.</summary>
public class ProtocolCodecFieldTests
{
    /// <summary>Every required (Y, Cond) field of every request, and the reason naming it.</summary>
    public static TheoryData<int, string, string> RequiredFields => new()
    {
        { 100, "thisQueues", "thisQueues is required" },
        { 102, "reasonCode", "reasonCode is required" },
        { 200, "otherDN", "otherDN is required" },
        { 200, "attachDatas.cti-tenant-id", "attachDatas.cti-tenant-id is required" },
        { 200, "attachDatas.callID", "attachDatas.callID is required when holdCall is 1" }, // Cond: sample has holdCall "1"
        { 203, "callID", "callID is required" },
        { 203, "otherDN", "otherDN is required" },
        { 204, "callID", "callID is required" },
        { 214, "callID", "callID is required" },
        { 214, "otherDN", "otherDN is required" },
        { 215, "callID", "callID is required" },
        { 215, "otherDN", "otherDN is required" },
        { 215, "phoneNumber", "phoneNumber is required when attachDatas.isHold is 1 or 2" }, // sample has isHold "1"
        { 217, "callID", "callID is required" },
        { 250, "callID", "callID is required" },
        { 250, "otherDN", "otherDN is required" },
        { 250, "dtmfDigit", "dtmfDigit is required" },
        { 265, "callID", "callID is required" },
        { 265, "otherDN", "otherDN is required" },
        { 266, "agentDNS", "agentDNS is required" },
        { 267, "agentDNS", "agentDNS is required" },
        { 274, "callID", "callID is required" },
        { 274, "path", "path is required" },
        { 275, "queueDNS", "queueDNS is required" },
        { 276, "queueDNS", "queueDNS is required" },
        { 277, "callID", "callID is required" },
        { 277, "path", "path is required" },
        { 277, "attachDatas.limit", "attachDatas.limit is required" },
        { 278, "callID", "callID is required" },
        { 278, "path", "path is required" },
        { 279, "attachDatas.cti-tenant-id", "attachDatas.cti-tenant-id is required" },
        { 290, "callID", "callID is required" },
        { 290, "phoneNumber", "phoneNumber is required" },
        { 290, "attachDatas.ivrID", "attachDatas.ivrID is required" },
        { 290, "attachDatas.isHold", "attachDatas.isHold is required" },
        { 292, "callID", "callID is required" },
        { 292, "otherDN", "otherDN is required" },
        { 293, "callID", "callID is required" },
        { 293, "otherDN", "otherDN is required" },
        { 294, "isReject", "isReject is required" },
    };

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void A_missing_required_field_is_refused_naming_it(int messageId, string field, string reason)
    {
        var failure = Refused(Wire(Without(Valid[messageId], field)));
        Assert.Equal(reason, failure.Reason);
        Assert.Equal(messageId, failure.MessageId);
        Assert.Equal(Agent, failure.ThisDn);
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void A_required_field_set_to_null_counts_as_missing(int messageId, string field, string reason)
    {
        Assert.Equal(reason, Refused(Wire(With(Valid[messageId], field, "null"))).Reason);
    }

    [Fact]
    public void Without_attachDatas_its_required_entries_are_missing()
    {
        Assert.Equal("attachDatas.cti-tenant-id is required", Refused(Wire(Without(Valid[200], "attachDatas"))).Reason);
        Assert.Equal("attachDatas.limit is required", Refused(Wire(Without(Valid[277], "attachDatas"))).Reason);
        Assert.Equal("attachDatas.ivrID is required", Refused(Wire(Without(Valid[290], "attachDatas"))).Reason);
    }

    /// <summary>Values of the wrong type or outside their range, and the reason given.</summary>
    public static TheoryData<int, string, string, string> MalformedValues => new()
    {
        { 100, "thisQueues", "5", "thisQueues must be a list of strings" },
        { 100, "thisQueues", """[["10001_8000"]]""", "thisQueues must be a list of strings" },
        { 100, "thisQueues", """["8000"]""", "thisQueues must hold DNs like 10001_8000" },
        { 100, "thisQueues", "{}", "thisQueues must be a list of strings" },
        { 100, "extension", "[]", "extension must be a string" },
        { 100, "extension", "true", "extension must be a string" },
        { 100, "attachDatas", "\"typeCode\"", "attachDatas must be an object" },
        { 100, "attachDatas.typeCode", "{}", "attachDatas.typeCode must be a string" },
        { 102, "reasonCode", "\"abc\"", "reasonCode must be a whole number" },
        { 102, "reasonCode", "\"\"", "reasonCode must be a whole number" },
        { 102, "reasonCode", "3.5", "reasonCode must be a whole number" },
        { 102, "reasonCode", "true", "reasonCode must be a whole number" },
        { 102, "reasonCode", "[3]", "reasonCode must be a whole number" },
        { 102, "reasonCode", "\" 3\"", "reasonCode must be a whole number" },
        { 102, "reasonCode", "-1", "reasonCode must be between 0 and 999" },
        { 102, "reasonCode", "1000", "reasonCode must be between 0 and 999" },
        { 102, "reasonCode", "\"1000\"", "reasonCode must be between 0 and 999" },
        { 102, "reasonCode", "1e30", "reasonCode must be between 0 and 999" },
        { 102, "reasonCode", "\"99999999999999999999\"", "reasonCode must be between 0 and 999" },
        { 102, "attachDatas.limit", "0", "attachDatas.limit must be a whole number of seconds, at least 1" },
        { 102, "attachDatas.limit", "\"-5\"", "attachDatas.limit must be a whole number of seconds, at least 1" },
        { 102, "attachDatas.limit", "\"ten\"", "attachDatas.limit must be a whole number of seconds, at least 1" },
        { 102, "attachDatas.limit", "1.5", "attachDatas.limit must be a whole number of seconds, at least 1" },
        { 102, "attachDatas.limit", "{}", "attachDatas.limit must be a whole number of seconds, at least 1" },
        { 102, "attachDatas", "[]", "attachDatas must be an object" },
        { 200, "otherDN", "\"\"", "otherDN must not be empty" },
        { 200, "otherDN", "\"  \"", "otherDN must not be empty" },
        { 200, "otherDN", """["18866666666"]""", "otherDN must be a string" },
        { 200, "otherDN", "{}", "otherDN must be a string" },
        { 200, "attachDatas", "\"cti-tenant-id\"", "attachDatas must be an object" },
        { 200, "attachDatas.cti-tenant-id", "\"abc\"", "attachDatas.cti-tenant-id must be a tenant number like 10001" },
        { 200, "attachDatas.cti-tenant-id", "\"\"", "attachDatas.cti-tenant-id must not be empty" },
        { 200, "attachDatas.cti-tenant-id", "\"10002\"", "attachDatas.cti-tenant-id must be the tenant of thisDN" },
        { 200, "attachDatas.holdCall", "\"2\"", "attachDatas.holdCall must be 0 or 1" },
        { 200, "attachDatas.holdCall", "\"yes\"", "attachDatas.holdCall must be 0 or 1" },
        { 200, "attachDatas.holdCall", "true", "attachDatas.holdCall must be 0 or 1" },
        { 200, "attachDatas.callID", "\"\"", "attachDatas.callID must not be empty" },
        { 200, "attachDatas.voice_tts", "[]", "attachDatas.voice_tts must be a string" },
        { 203, "callID", "{}", "callID must be a string" },
        { 203, "callID", "[\"c1\"]", "callID must be a string" },
        { 203, "otherDN", "\" \"", "otherDN must not be empty" },
        { 204, "otherDN", "\"18000000000\"", "oterDN and otherDN disagree" }, // the sample sends oterDN 18888888888
        { 204, "oterDN", "[]", "oterDN must be a string" },
        { 214, "phoneNumber", "{}", "phoneNumber must be a string" },
        { 215, "attachDatas.isHold", "\"3\"", "attachDatas.isHold must be 0, 1 or 2" },
        { 215, "attachDatas.isHold", "\"x\"", "attachDatas.isHold must be 0, 1 or 2" },
        { 215, "attachDatas.isHold", "-1", "attachDatas.isHold must be 0, 1 or 2" },
        { 215, "phoneNumber", "\"\"", "phoneNumber must not be empty" },
        { 250, "dtmfDigit", "\"1x\"", "dtmfDigit must hold only 0-9, *, #, A-D" },
        { 250, "dtmfDigit", "\"\"", "dtmfDigit must not be empty" },
        { 250, "dtmfDigit", "[1]", "dtmfDigit must be a string" },
        { 265, "otherDN", "false", "otherDN must be a string" },
        { 266, "agentDNS", "[]", "agentDNS must not be empty" },
        { 266, "agentDNS", "\"\"", "agentDNS must not be empty" },
        { 266, "agentDNS", "42", "agentDNS must be a list of strings" },
        { 266, "agentDNS", "[{}]", "agentDNS must be a list of strings" },
        { 266, "agentDNS", "[null]", "agentDNS must be a list of strings" },
        { 266, "agentDNS", """["nounderscore"]""", "agentDNS must hold DNs like 10001_8000" },
        { 267, "agentDNS", """["10001_1001",""]""", "agentDNS must hold DNs like 10001_8000" },
        { 274, "flag", "3", "flag must be 1, 2 or 4" },
        { 274, "flag", "\"all\"", "flag must be 1, 2 or 4" },
        { 274, "flag", "0", "flag must be 1, 2 or 4" },
        { 274, "path", "\"\"", "path must not be empty" },
        { 275, "queueDNS", """["10001"]""", "queueDNS must hold DNs like 10001_8000" },
        { 276, "queueDNS", "[]", "queueDNS must not be empty" },
        { 277, "attachDatas.limit", "\"0\"", "attachDatas.limit must be a whole number of seconds, at least 1" },
        { 277, "path", "[]", "path must be a string" },
        { 278, "path", "\" \"", "path must not be empty" },
        { 279, "attachDatas.note", "{}", "attachDatas.note must be a string or number" },
        { 279, "attachDatas.note", "[\"a\"]", "attachDatas.note must be a string or number" },
        { 279, "attachDatas.note", "null", "attachDatas.note must be a string or number" },
        { 279, "attachDatas.note", "true", "attachDatas.note must be a string or number" },
        { 279, "attachDatas.cti-tenant-id", "\"10002\"", "attachDatas.cti-tenant-id must be the tenant of thisDN" },
        { 290, "attachDatas.isHold", "\"2\"", "attachDatas.isHold must be 0 or 1" },
        { 290, "attachDatas.ivr_id", "\"13\"", "attachDatas.ivrID and attachDatas.ivr_id disagree" }, // sample: ivrID "12"
        { 290, "otherDN", "\"18300000000\"", "phoneNumber and otherDN disagree" }, // sample: phoneNumber 18200000000
        { 290, "attachDatas.ivrID", "\"\"", "attachDatas.ivrID must not be empty" },
        { 292, "otherDN", "\"\"", "otherDN must not be empty" },
        { 293, "callID", "true", "callID must be a string" },
        { 294, "isReject", "\"2\"", "isReject must be 0 or 1" },
        { 294, "isReject", "\"\"", "isReject must be 0 or 1" },
        { 294, "isReject", "\"true\"", "isReject must be 0 or 1" },
        { 301, "tenantIDS", """["10001_8000"]""", "tenantIDS must hold tenant numbers like 10001" },
        { 301, "tenantIDS", "[]", "tenantIDS must not be empty" },
        { 301, "tenantIDS", """["0"]""", "tenantIDS must hold tenant numbers like 10001" },
        { 302, "queueDNS", """["10002"]""", "tenantIDS and queueDNS disagree" }, // sample: tenantIDS ["10001"]
    };

    [Theory]
    [MemberData(nameof(MalformedValues))]
    public void A_malformed_value_is_refused_naming_the_field(int messageId, string field, string json, string reason)
    {
        var failure = Refused(Wire(With(Valid[messageId], field, json)));
        Assert.Equal(reason, failure.Reason);
        Assert.Equal(messageId, failure.MessageId);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("\"3\"", 3)]
    [InlineData("3.0", 3)]
    [InlineData("0", 0)]
    [InlineData("8", 8)]
    [InlineData("\"999\"", 999)] // a tenant's custom reason (decision D4: 9–999)
    public void Not_ready_reasonCode_is_a_number_or_a_numeric_string_from_0_to_999(string json, int expected)
    {
        Assert.Equal(expected, Accepted<NotReadyRequest>(Wire(With(Valid[102], "reasonCode", json))).ReasonCode);
    }

    [Theory]
    [InlineData("\"600\"", 600)]
    [InlineData("600", 600)]
    [InlineData("1", 1)]
    public void Not_ready_rest_limit_is_seconds_as_number_or_string(string json, int expected)
    {
        Assert.Equal(expected, Accepted<NotReadyRequest>(Wire(With(Valid[102], "attachDatas.limit", json))).Limit);
    }

    [Fact]
    public void AttachDatas_values_may_be_numbers()
    {
        var call = Accepted<MakeCallRequest>(Wire("""{"messageId":200,"thisDN":"10001_1000","otherDN":18866666666,"attachDatas":{"cti-tenant-id":10001,"holdCall":1,"callID":"h"}}"""));
        Assert.Equal(("18866666666", "10001", true, "h"), (call.OtherDn, call.TenantId, call.HoldCall, call.HeldCallId));
        var recording = Accepted<RecordingRequest>(Wire(With(Valid[277], "attachDatas.limit", "60")));
        Assert.Equal(60, recording.Limit);
    }

    [Fact]
    public void Make_call_holdCall_0_needs_no_callID()
    {
        var call = Accepted<MakeCallRequest>(Wire(Without(With(Valid[200], "attachDatas.holdCall", "\"0\""), "attachDatas.callID")));
        Assert.False(call.HoldCall);
        Assert.Null(call.HeldCallId);
    }

    [Fact]
    public void Make_call_accepts_ivrID_for_ivr_id()
    {
        var call = Accepted<MakeCallRequest>(Wire(With(Without(Valid[200], "attachDatas.ivr_id"), "attachDatas.ivrID", "\"7\"")));
        Assert.Equal("7", call.IvrId);
    }

    [Theory]
    [InlineData("oterDN")]
    [InlineData("otherDN")]
    public void Hold_accepts_oterDN_and_otherDN(string key)
    {
        var hold = Accepted<HoldRequest>(Wire(With(Without(Valid[204], "oterDN"), key, "\"18200000000\"")));
        Assert.Equal("18200000000", hold.OtherDn);
    }

    [Fact]
    public void Hold_accepts_both_spellings_when_they_agree()
    {
        var hold = Accepted<HoldRequest>(Wire(With(Valid[204], "otherDN", "\"18888888888\"")));
        Assert.Equal("18888888888", hold.OtherDn);
    }

    [Theory]
    [InlineData("\"0\"", 0)]
    [InlineData("\"1\"", 1)]
    [InlineData("2", 2)]
    public void Transfer_isHold_is_0_1_or_2(string json, int expected)
    {
        Assert.Equal(expected, Accepted<TransferRequest>(Wire(With(Valid[215], "attachDatas.isHold", json))).IsHold);
    }

    /// <summary>Decision (A11): isHold absent → 0, the agent's leg is dropped (intercept and queue transfer send none).</summary>
    [Fact]
    public void Transfer_without_isHold_defaults_to_0()
    {
        var transfer = Accepted<TransferRequest>(Wire(Without(Valid[215], "attachDatas")));
        Assert.Equal(0, transfer.IsHold);
        Assert.Equal("18200000000", transfer.PhoneNumber);
    }

    /// <summary>Decision: phoneNumber has a meaning only for isHold 1 and 2, so only they require it.</summary>
    [Fact]
    public void Transfer_phoneNumber_is_required_for_isHold_2_but_not_0()
    {
        Assert.Equal("phoneNumber is required when attachDatas.isHold is 1 or 2",
            Refused(Wire(Without(With(Valid[215], "attachDatas.isHold", "\"2\""), "phoneNumber"))).Reason);
        var blind = Accepted<TransferRequest>(Wire(Without(With(Valid[215], "attachDatas.isHold", "\"0\""), "phoneNumber")));
        Assert.Null(blind.PhoneNumber);
    }

    [Theory]
    [InlineData("\"0\"", false)]
    [InlineData("0", false)]
    [InlineData("\"1\"", true)]
    public void Transfer_to_IVR_isHold_1_returns_to_the_agent(string json, bool expected)
    {
        Assert.Equal(expected, Accepted<TransferToIvrRequest>(Wire(With(Valid[290], "attachDatas.isHold", json))).ReturnToAgent);
    }

    [Fact]
    public void Transfer_to_IVR_accepts_ivr_id_and_otherDN()
    {
        var inner = With(With(Without(Without(Valid[290], "attachDatas.ivrID"), "phoneNumber"), "attachDatas.ivr_id", "\"5\""), "otherDN", "\"18600000000\"");
        var ivr = Accepted<TransferToIvrRequest>(Wire(inner));
        Assert.Equal(("5", "18600000000"), (ivr.IvrId, ivr.PhoneNumber));
    }

    [Theory]
    [InlineData("\"0\"", false)]
    [InlineData("\"1\"", true)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void Accept_incoming_isReject(string json, bool reject)
    {
        Assert.Equal(reject, Accepted<AcceptIncomingRequest>(Wire(With(Valid[294], "isReject", json))).Reject);
    }

    [Theory]
    [InlineData("\"1\"", 1)]
    [InlineData("2", 2)]
    [InlineData("\"4\"", 4)]
    public void Play_flag_is_1_2_or_4(string json, int expected)
    {
        Assert.Equal(expected, Accepted<PlayRequest>(Wire(With(Valid[274], "flag", json))).Flag);
    }

    [Fact]
    public void Play_without_flag_plays_to_everyone()
    {
        Assert.Equal(4, Accepted<PlayRequest>(Wire(Without(Valid[274], "flag"))).Flag);
    }

    [Theory]
    [InlineData("\"10001_1001,10001_1002\"")]
    [InlineData("\" 10001_1001 , 10001_1002 ,\"")]
    [InlineData("""["10001_1001","10001_1002","10001_1001"]""")]
    public void Monitor_lists_accept_a_comma_separated_string_and_drop_duplicates(string json)
    {
        Assert.Equal(["10001_1001", "10001_1002"], Accepted<MonitorRequest>(Wire(With(Valid[266], "agentDNS", json))).Targets);
    }

    [Fact]
    public void ACD_monitoring_accepts_a_comma_separated_queueDNS()
    {
        Assert.Equal(["10001_8000"], Accepted<MonitorRequest>(Wire(With(Valid[275], "queueDNS", "\"10001_8000\""))).Targets);
    }

    [Theory]
    [InlineData("tenantIDS")]
    [InlineData("queueDNS")]
    public void IVR_monitoring_accepts_tenantIDS_and_queueDNS(string key)
    {
        var monitor = Accepted<MonitorRequest>(Wire(With(Without(Valid[301], "tenantIDS"), key, """["10001",10002]""")));
        Assert.Equal(["10001", "10002"], monitor.Targets);
    }

    /// <summary>Decision: tenantIDS is Y* (the examples send queueDNS); with neither, the agent's own tenant.</summary>
    [Fact]
    public void IVR_monitoring_without_a_list_watches_the_agents_own_tenant()
    {
        var monitor = Accepted<MonitorRequest>(Wire(With(Without(Valid[302], "tenantIDS"), "thisDN", "\"10002_1000\""), thisDn: "10002_1000"));
        Assert.Equal(["10002"], monitor.Targets);
        Assert.False(monitor.Start);
    }

    [Fact]
    public void Login_queues_may_be_a_comma_separated_string_or_an_empty_list()
    {
        Assert.Equal(["10001_8000", "10001_8001"], Accepted<LoginRequest>(Wire(With(Valid[100], "thisQueues", "\"10001_8000,10001_8001\""))).ThisQueues);
        Assert.Empty(Accepted<LoginRequest>(Wire(With(Valid[100], "thisQueues", "[]"))).ThisQueues);
    }

    /// <summary>Decision (A30): a login without extension is not error 18; Extension is null and the session answers 31.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void Login_without_extension_is_left_to_error_31(string? json)
    {
        var inner = json is null ? Without(Valid[100], "extension") : With(Valid[100], "extension", json);
        Assert.Null(Accepted<LoginRequest>(Wire(inner)).Extension);
    }

    [Fact]
    public void Login_extension_given_as_a_number_is_text()
    {
        Assert.Equal("1000", Accepted<LoginRequest>(Wire(With(Valid[100], "extension", "1000"))).Extension);
    }

    [Fact]
    public void Attach_data_collects_every_entry_but_the_tenant_as_text()
    {
        var attach = Accepted<AttachDataRequest>(Wire("""{"messageId":279,"thisDN":"10001_1000","callID":"c9","attachDatas":{"cti-tenant-id":"10001","orderNo":"A-17","amount":12.5,"客户":"张三","empty":""}}"""));
        Assert.Equal("c9", attach.CallId);
        Assert.Equal(new Dictionary<string, string> { ["orderNo"] = "A-17", ["amount"] = "12.5", ["客户"] = "张三", ["empty"] = "" }, attach.Data);
    }

    [Fact]
    public void Attach_data_with_an_empty_callID_has_none()
    {
        Assert.Null(Accepted<AttachDataRequest>(Wire(With(Valid[279], "callID", "\"\""))).CallId);
    }

    [Theory]
    [InlineData("0123456789*#ABCD")]
    [InlineData("abcd")]
    public void Send_DTMF_accepts_the_sixteen_keys(string digits)
    {
        Assert.Equal(digits, Accepted<SendDtmfRequest>(Wire(With(Valid[250], "dtmfDigit", Quote(digits)))).Digits);
    }

    [Fact]
    public void A_callID_given_as_a_number_is_text()
    {
        Assert.Equal("123", Accepted<ReleaseRequest>(Wire(With(Valid[203], "callID", "123"))).CallId);
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        var inner = With(Without(Valid[203], "callID"), "callId", "\"c1\"");
        Assert.Equal("callID is required", Refused(Wire(inner)).Reason);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var inner = With(With(Valid[101], "extra", """{"deep":[1,2,{"x":null}]}"""), "attachDatas", "[1,2,3]");
        Assert.Equal(101, Accepted(Wire(inner)).Request.MessageId);
    }

    [Fact]
    public void The_first_problem_is_the_one_reported()
    {
        var inner = Without(Without(Valid[250], "callID"), "dtmfDigit");
        Assert.Equal("callID is required", Refused(Wire(inner)).Reason);
    }

    [Fact]
    public void Start_recording_limit_accepts_number_or_string()
    {
        Assert.Equal(90, Accepted<RecordingRequest>(Wire(With(Valid[277], "attachDatas.limit", "\"90\""))).Limit);
        Assert.Equal(90, Accepted<RecordingRequest>(Wire(With(Valid[277], "attachDatas.limit", "90"))).Limit);
    }
}
