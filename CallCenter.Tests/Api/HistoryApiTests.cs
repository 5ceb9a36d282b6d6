using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CallCenter.Domain.Records;
using CallCenter.Tests.Support;

namespace CallCenter.Tests.Api;

/// <summary>
/// The history query interfaces §6.17–§6.24, §6.38, §6.39 (query-api-1.md, query-api-2.md) over records written
/// straight to the database, posting the source's own request examples. The records are written once per host
/// (tests here only read), for tenant 10001 and for a second tenant whose rows must never show.
/// </summary>
public sealed class HistoryApiTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    private const int Other = TestData.OtherTenant;
    private const string SipCallId = "2244f18763616c6c00085eca@183.129.179.6";
    private const string IvrSession = "251asd887es54d87wqe54156a8we7";
    private const string RecordingCallId = "2621c1ac-768b-11e7-8e4d-5f902b7a99ff";

    // ------------------------------------------------------------------ §6.21 call records

    [Fact]
    public async Task Cdrs_answer_the_spec_example_with_every_value_a_string()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.21's example (S002:L8140 ff.) with the demo tenant 10001 instead of 10000: mobile 18565485486, talk time
        // ≥ 30 s, NO_ANSWER, internal, 2017-10-10 … 2019-10-10. Record A matches; B talked only 20 s.
        var (status, body) = await api.PostAsync("/query/queryCdrs",
            """{"tenantId": "10001","mobile": "18565485486","startTime": "2017-10-10 11:00:00","endTime": "2019-10-10 11:00:00","second": "30","hangupCause": "NO_ANSWER","callType": "1","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var row = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        Assert.Equal("1", (string?)body["currentPage"]);
        Assert.Equal("1", (string?)body["totalCount"]);
        AssertFields(row, "id", "tenantId", "agent", "destinationNumber", "callerIdNumber", "campaignId", "ctiCallType",
            "billRate", "startStamp", "answerStamp", "endStamp", "ctiCallId", "filename", "duration", "billsec", "hangupCause",
            "ivrID", "ivrName", "ivrDtmfDigit", "channelAttr", "extension", "queueName", "target", "ivrDigitType", "ituCode",
            "sipCode", "enumeration");
        Assert.All(row, p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));
        Assert.Equal(Str(f.CdrA), (string?)row["id"]);
        Assert.Equal("10001", (string?)row["tenantId"]);
        Assert.Equal("10001_1000", (string?)row["agent"]);
        Assert.Equal("18565485486", (string?)row["destinationNumber"]);
        Assert.Equal("10001_1000", (string?)row["callerIdNumber"]);
        Assert.Equal("8", (string?)row["campaignId"]);
        Assert.Equal("1", (string?)row["ctiCallType"]);
        Assert.Equal("0.01", (string?)row["billRate"]);
        Assert.Equal("2017-12-11 16:27:01", (string?)row["startStamp"]);
        Assert.Equal("2017-12-11 16:27:10", (string?)row["answerStamp"]);
        Assert.Equal("2017-12-11 16:27:59", (string?)row["endStamp"]);
        Assert.Equal("cdr-a", (string?)row["ctiCallId"]);
        Assert.Equal("58", (string?)row["duration"]);
        Assert.Equal("40", (string?)row["billsec"]);
        Assert.Equal("NO_ANSWER", (string?)row["hangupCause"]);
        Assert.Equal("", (string?)row["ivrID"]); // nothing stored: ""
    }

    [Fact]
    public async Task Cdrs_filter_by_agent_call_type_time_window_talk_time_mobile_and_missed_calls()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        async Task<List<long>> Ids(string filters)
        {
            var (_, body) = await api.PostAsync("/query/queryCdrs", $$"""{"tenantId": "10001",{{filters}}"actionID": "abcd123"}""");
            return EnvelopeAssert.Success(body)!.AsArray().Select(r => long.Parse((string)r!["id"]!, CultureInfo.InvariantCulture)).ToList();
        }

        // No filter: the tenant's six legs only (not the other tenant's), newest first.
        Assert.Equal(new[] { f.CdrE, f.CdrD, f.CdrC2, f.CdrC1, f.CdrB, f.CdrA }, await Ids(""));
        Assert.Equal(new[] { f.CdrE, f.CdrB, f.CdrA }, await Ids("""  "agent": "10001_1000", """));
        Assert.Equal(new[] { f.CdrC2, f.CdrC1 }, await Ids("""  "agent": "10001_1001,10001_1002", """));
        Assert.Equal(new[] { f.CdrB, f.CdrA }, await Ids("""  "callType": "1", """));
        Assert.Equal(new[] { f.CdrD, f.CdrC2, f.CdrC1 }, await Ids("""  "callType": "2", """));
        Assert.Equal(new[] { f.CdrE }, await Ids("""  "callType": "3", """));
        // 4 = inbound and outbound.
        Assert.Equal(new[] { f.CdrE, f.CdrD, f.CdrC2, f.CdrC1 }, await Ids("""  "callType": "4", """));
        // The window compares startStamp, both bounds inclusive.
        Assert.Equal(new[] { f.CdrD, f.CdrC2, f.CdrC1 },
            await Ids("""  "startTime": "2018-03-01 09:00:00", "endTime": "2018-04-01 10:00:00", """));
        // A30: second = talk time ≥, secondMin = talk time ≤ (billsec: A 40, B 20, C 60/120, D 0, E 300).
        Assert.Equal(new[] { f.CdrC2, f.CdrC1 }, await Ids("""  "second": "50", "secondMin": "120", """));
        Assert.Equal(new[] { f.CdrD, f.CdrB }, await Ids("""  "secondMin": "20", """));
        Assert.Equal(new[] { f.CdrE }, await Ids("""  "second": "121", """));
        // mobile: caller or callee.
        Assert.Equal(new[] { f.CdrC2, f.CdrC1 }, await Ids("""  "mobile": "13800000001", """));
        Assert.Equal(new[] { f.CdrE }, await Ids("""  "mobile": "13900000003", """));
        Assert.Equal(new[] { f.CdrC2, f.CdrC1 }, await Ids("""  "ctiCallId": "call-in-1", """));
        Assert.Equal(new[] { f.CdrC2, f.CdrC1 }, await Ids("""  "queue": "8000", """));
        Assert.Equal(new[] { f.CdrC2, f.CdrC1 }, await Ids("""  "queue": "10001_8000", """));
        Assert.Equal(new[] { f.CdrB, f.CdrA }, await Ids("""  "campaignId": "8", """));
        Assert.Equal(new[] { f.CdrE }, await Ids("""  "channelAttr": "makeCall", """));
        Assert.Equal(new[] { f.CdrD, f.CdrA }, await Ids($$"""  "ids": "{{f.CdrA}},{{f.CdrD}},{{f.OtherCdr}}", """));
        // Missed inbound calls (inbound, never answered; split by where they ended: D ended in the ACD).
        Assert.Equal(new[] { f.CdrD }, await Ids("""  "isCdrInboundFail": "5", """));
        Assert.Equal(new[] { f.CdrD }, await Ids("""  "isCdrInboundFail": "3", """));
        Assert.Empty(await Ids("""  "isCdrInboundFail": "1", """));
        Assert.Equal(5, (await Ids("""  "isCdrInboundFail": "4", """)).Count);
        Assert.Equal(new[] { f.CdrE }, await Ids("""  "isCdrOutboundFail": "2", """));
        Assert.Empty(await Ids("""  "isCdrOutboundFail": "1", """));
        // repeatCallId 1: one row per call (the transferred call's first leg).
        Assert.Equal(new[] { f.CdrE, f.CdrD, f.CdrC1, f.CdrB, f.CdrA }, await Ids("""  "repeatCallId": "1", """));
    }

    [Fact]
    public async Task Cdrs_sort_and_page_with_string_paging_fields()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var (_, body) = await api.PostAsync("/query/queryCdrs",
            """{"tenantId": "10001","sort": "billsec","order": "asc","actionID": "abcd123"}""");
        Assert.Equal(new[] { "0", "20", "40", "60", "120", "300" },
            EnvelopeAssert.Success(body)!.AsArray().Select(r => (string?)r!["billsec"]));
        // sort without order: descending.
        (_, body) = await api.PostAsync("/query/queryCdrs", """{"tenantId": "10001","sort": "billsec","actionID": "abcd123"}""");
        Assert.Equal("300", (string?)EnvelopeAssert.Success(body)![0]!["billsec"]);
        (_, body) = await api.PostAsync("/query/queryCdrs", """{"tenantId": "10001","order": "asc","actionID": "abcd123"}""");
        Assert.Equal(Str(f.CdrA), (string?)EnvelopeAssert.Success(body)![0]!["id"]);

        // Page 2 of size 4: the last two of six, newest first.
        (_, body) = await api.PostAsync("/query/queryCdrs", """{"tenantId": "10001","currentPage": "2","pageSize": "4","actionID": "abcd123"}""");
        Assert.Equal(new[] { Str(f.CdrB), Str(f.CdrA) }, EnvelopeAssert.Success(body)!.AsArray().Select(r => (string?)r!["id"]));
        Assert.Equal("2", (string?)body["currentPage"]);
        Assert.Equal("6", (string?)body["totalCount"]);
        // Default page size 10, page 1.
        (_, body) = await api.PostAsync("/query/queryCdrs", """{"tenantId": "10001","actionID": "abcd123"}""");
        Assert.Equal("1", (string?)body["currentPage"]);
    }

    [Fact]
    public async Task Cdrs_refuse_bad_fields_with_201_and_another_tenant_with_403()
    {
        await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        foreach (var (json, field) in new[]
        {
            ("""{"actionID": "abcd123"}""", "tenantId"),
            ("""{"tenantId": "10001","callType": "5","actionID": "abcd123"}""", "callType"),
            ("""{"tenantId": "10001","startTime": "2017-10-10","actionID": "abcd123"}""", "startTime"),
            ("""{"tenantId": "10001","second": "x","actionID": "abcd123"}""", "second"),
            ("""{"tenantId": "10001","hangupCause": "no_answer","actionID": "abcd123"}""", "hangupCause"),
            ("""{"tenantId": "10001","sort": "bogus","actionID": "abcd123"}""", "sort"),
            ("""{"tenantId": "10001","order": "up","actionID": "abcd123"}""", "order"),
            ("""{"tenantId": "10001","pageSize": "1001","actionID": "abcd123"}""", "pageSize"),
            ("""{"tenantId": "10001","ids": "1,a","actionID": "abcd123"}""", "ids"),
        })
        {
            var (status, body) = await api.PostAsync("/query/queryCdrs", json);
            Assert.Equal(200, status);
            EnvelopeAssert.Invalid(body, field);
        }
        var (s, b) = await api.PostAsync("/query/queryCdrs", $$"""{"tenantId": "{{Other}}","actionID": "abcd123"}""");
        Assert.Equal(403, s);
        Assert.Equal(403, (int?)b["code"]);
        Assert.Equal("abcd123", (string?)b["actionID"]);
    }

    // ------------------------------------------------------------------ §6.22 call record detail

    [Fact]
    public async Task Cdr_detail_answers_by_id_or_call_id_and_201_for_unknown_or_foreign_ids()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.22's example (S002:L8606) with tenant 10001 and record A's id instead of 10000 / "1".
        var (status, body) = await api.PostAsync("/query/queryCdr", $$"""{"tenantId": "10001","id": "{{f.CdrA}}","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var row = EnvelopeAssert.Success(body)!.AsObject();
        Assert.Null(body["currentPage"]); // a detail: no paging fields
        Assert.Equal(Str(f.CdrA), (string?)row["id"]);
        Assert.Equal("0.01", (string?)row["billRate"]);
        Assert.Equal("cdr-a", (string?)row["ctiCallId"]);
        Assert.Equal(27, row.Count);
        Assert.All(row, p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));

        // A32: a call id answers the call's first leg.
        (_, body) = await api.PostAsync("/query/queryCdr", """{"tenantId": "10001","id": "call-in-1","actionID": "abcd123"}""");
        row = EnvelopeAssert.Success(body)!.AsObject();
        Assert.Equal(Str(f.CdrC1), (string?)row["id"]);
        Assert.Equal("10001_1001", (string?)row["agent"]);
        Assert.Equal("10001_8000", (string?)row["queueName"]);

        // Unknown, and another tenant's record (by id or call id): the same 201.
        foreach (var id in new[] { "999999", Str(f.OtherCdr), "other-call" })
        {
            (_, body) = await api.PostAsync("/query/queryCdr", $$"""{"tenantId": "10001","id": "{{id}}","actionID": "abcd123"}""");
            EnvelopeAssert.Invalid(body, "id");
            Assert.Equal("not found", (string?)body["errors"]![0]!["reason"]);
        }
        (_, body) = await api.PostAsync("/query/queryCdr", """{"tenantId": "10001","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        var (s, _) = await api.PostAsync("/query/queryCdr", $$"""{"tenantId": "{{Other}}","id": "{{f.OtherCdr}}","actionID": "abcd123"}""");
        Assert.Equal(403, s);
        // An all-tenant key naming the other tenant finds it.
        var all = await ApiClient.ForTenantAsync(app, null);
        (_, body) = await all.PostAsync("/query/queryCdr", $$"""{"tenantId": "{{Other}}","id": "{{f.OtherCdr}}","actionID": "abcd123"}""");
        Assert.Equal(Str(Other), (string?)EnvelopeAssert.Success(body)!["tenantId"]);
    }

    // ------------------------------------------------------------------ §6.19 / §6.20 queue records

    [Fact]
    public async Task Queue_histories_answer_the_spec_example_with_numeric_columns_as_numbers()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.19's example (S002:L7687) with tenant 10001 instead of 10000.
        var (status, body) = await api.PostAsync("/query/queryQueueHistories",
            """{"tenantId": "10001","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var data = EnvelopeAssert.Success(body)!.AsArray();
        Assert.Equal("1", (string?)body["currentPage"]);
        Assert.Equal("2", (string?)body["totalCount"]);
        Assert.Equal(new[] { f.Queue2, f.Queue1 }, data.Select(r => (long)r!["id"]!));
        var row = data[0]!.AsObject();
        AssertFields(row, "id", "callId", "tenantId", "startTime", "endTime", "callerId", "thisQueue", "callType",
            "extension", "holdTime", "agent", "queueName");
        Assert.Equal(JsonValueKind.Number, row["id"]!.GetValueKind());
        Assert.Equal(10001, (int)row["tenantId"]!);
        Assert.Equal(JsonValueKind.Number, row["tenantId"]!.GetValueKind());
        Assert.Equal(SipCallId, (string?)row["callId"]);
        Assert.Equal("2019-11-06 17:29:23", (string?)row["startTime"]);
        Assert.Equal("2019-11-06 17:29:23", (string?)row["endTime"]);
        Assert.Equal("18034613972", (string?)row["callerId"]);
        Assert.Equal("10001_8001", (string?)row["thisQueue"]);
        Assert.Equal(2, (int)row["callType"]!);
        Assert.Equal("", (string?)row["extension"]);
        Assert.Equal(0, (int)row["holdTime"]!);
        Assert.Equal("Support", (string?)row["queueName"]);

        async Task<List<long>> Ids(string filters)
        {
            (_, body) = await api.PostAsync("/query/queryQueueHistories", $$"""{"tenantId": "10001",{{filters}}"actionID": "abcd123"}""");
            return EnvelopeAssert.Success(body)!.AsArray().Select(r => (long)r!["id"]!).ToList();
        }
        // A30: holdTime ≥, holdTimeMin ≤.
        Assert.Equal(new[] { f.Queue1 }, await Ids("""  "holdTime": "10", """));
        Assert.Equal(new[] { f.Queue2 }, await Ids("""  "holdTimeMin": "10", """));
        // A29: queue = ACD number (bare code accepted), queueName = ACD name.
        Assert.Equal(new[] { f.Queue1 }, await Ids("""  "queue": "8000", """));
        Assert.Equal(new[] { f.Queue2 }, await Ids("""  "queueName": "Support,Nothing", """));
        Assert.Equal(new[] { f.Queue1 }, await Ids("""  "agent": "10001_1001", """));
        Assert.Equal(new[] { f.Queue1 }, await Ids("""  "startTime": "2018-01-01 00:00:00", "endTime": "2018-12-31 00:00:00", """));
        Assert.Equal(new[] { f.Queue1, f.Queue2 }, await Ids("""  "sort": "holdTime", """));

        (_, body) = await api.PostAsync("/query/queryQueueHistories", """{"currentPage": "1","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "tenantId");
        var (s, _) = await api.PostAsync("/query/queryQueueHistories", $$"""{"tenantId": "{{Other}}","actionID": "abcd123"}""");
        Assert.Equal(403, s);
    }

    [Fact]
    public async Task Queue_history_lists_the_steps_of_one_record_by_id_or_call_id()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.20's example (S002:L7968) with queue record 1's id instead of "1234".
        var (status, body) = await api.PostAsync("/query/queryQueueHistory", $$"""{"id": "{{f.Queue1}}","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var data = EnvelopeAssert.Success(body)!.AsArray();
        Assert.Equal(new[] { "1", "2", "3" }, data.Select(r => (string?)r!["sequence"]));
        var first = data[0]!.AsObject();
        AssertFields(first, "startTime", "extension", "queueStatus", "nodeStatus", "sequence", "callerId", "agent");
        Assert.Equal("2018-03-01 08:59:30", (string?)first["startTime"]);
        Assert.Equal(2, (int)first["queueStatus"]!);
        Assert.Equal(JsonValueKind.Number, first["queueStatus"]!.GetValueKind());
        Assert.Equal(1, (int)data[1]!["nodeStatus"]!);
        Assert.Equal("10001_1001", (string?)data[1]!["agent"]);
        Assert.Equal("13800000001", (string?)first["callerId"]);
        Assert.Equal("3", (string?)body["totalCount"]);

        (_, body) = await api.PostAsync("/query/queryQueueHistory", """{"id": "call-in-1","actionID": "abcd123"}""");
        Assert.Equal(3, EnvelopeAssert.Success(body)!.AsArray().Count);
        foreach (var id in new[] { "999999", Str(f.OtherQueue) })
        {
            (_, body) = await api.PostAsync("/query/queryQueueHistory", $$"""{"id": "{{id}}","actionID": "abcd123"}""");
            EnvelopeAssert.Invalid(body, "id");
        }
        (_, body) = await api.PostAsync("/query/queryQueueHistory", """{"actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        // An all-tenant key reaches any tenant's record.
        (_, body) = await (await ApiClient.ForTenantAsync(app, null))
            .PostAsync("/query/queryQueueHistory", $$"""{"id": "{{f.OtherQueue}}","actionID": "abcd123"}""");
        Assert.Single(EnvelopeAssert.Success(body)!.AsArray());
    }

    // ------------------------------------------------------------------ §6.38 agent state records

    [Fact]
    public async Task Agent_state_histories_answer_the_spec_example_newest_first()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.38's example (S002:L13817) with tenant 10001 and agent 10001_1000 instead of 10000 / 10003_1000 (A34).
        var (status, body) = await api.PostAsync("/query/queryAgentStateHistories",
            """{"tenantId": "10001","startTime": "2017-10-10 11:00:00","endTime": "2021-10-10 11:00:00","agent": "10001_1000","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var data = EnvelopeAssert.Success(body)!.AsArray();
        Assert.Equal("2", (string?)body["totalCount"]);
        Assert.Equal(new[] { f.State1, f.State2 }, data.Select(r => (long)r!["id"]!));
        var row = data[0]!.AsObject();
        AssertFields(row, "id", "agent", "extension", "tenantId", "startTime", "endTime", "state", "reasonCode", "stateText",
            "holdTime", "createTime");
        Assert.Equal("10001_1000", (string?)row["agent"]);
        Assert.Equal("", (string?)row["extension"]);
        Assert.Equal(10001, (int)row["tenantId"]!);
        Assert.Equal("2021-08-05 10:32:13", (string?)row["startTime"]);
        Assert.Equal("2021-08-05 10:32:14", (string?)row["endTime"]);
        Assert.Equal(2, (int)row["state"]!);
        Assert.Equal(3, (int)row["reasonCode"]!);
        Assert.Equal("忙碌", (string?)row["stateText"]);
        Assert.Equal(1, (int)row["holdTime"]!);
        Assert.Equal(-1, (int)data[1]!["reasonCode"]!);
        Assert.Equal("登出", (string?)data[1]!["stateText"]);

        (_, body) = await api.PostAsync("/query/queryAgentStateHistories", """{"tenantId": "10001","state": "1","actionID": "abcd123"}""");
        Assert.Equal(f.State3, (long)Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!["id"]!);
        (_, body) = await api.PostAsync("/query/queryAgentStateHistories", """{"tenantId": "10001","holdTime": "60","actionID": "abcd123"}""");
        Assert.Equal(f.State3, (long)Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!["id"]!);
        (_, body) = await api.PostAsync("/query/queryAgentStateHistories", """{"tenantId": "10001","holdTimeMin": "0","actionID": "abcd123"}""");
        Assert.Equal(f.State2, (long)Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!["id"]!);
        (_, body) = await api.PostAsync("/query/queryAgentStateHistories", """{"tenantId": "10001","state": "3","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "state");
        var (s, _) = await api.PostAsync("/query/queryAgentStateHistories", $$"""{"tenantId": "{{Other}}","actionID": "abcd123"}""");
        Assert.Equal(403, s);
    }

    // ------------------------------------------------------------------ §6.23 / §6.24 recordings

    [Fact]
    public async Task Recordings_answer_the_spec_example_with_every_value_a_string()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.23's example (S002:L8857) with tenant 10001 instead of 10000; recording 1 was made at the example's
        // start = end time 2017-10-10 11:00:00 (bounds inclusive) and lasted 30 s (≥ "second" 10); recording 2 lasted 5 s.
        var (status, body) = await api.PostAsync("/query/queryRecords",
            """{"tenantId": "10001","mobile": "18565485486","startTime": "2017-10-10 11:00:00","endTime": "2017-10-10 11:00:00","second": "10","campaignId": "1","agent": "10001_1000","callType": "2","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var row = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        Assert.Equal("1", (string?)body["totalCount"]);
        AssertFields(row, "id", "tenantId", "mobile", "agent", "callType", "duration", "createTime", "campaignId", "filename",
            "callId", "extension");
        Assert.All(row, p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));
        Assert.Equal(Str(f.Recording1), (string?)row["id"]);
        Assert.Equal("10001", (string?)row["tenantId"]);
        Assert.Equal("18565485486", (string?)row["mobile"]);
        Assert.Equal("10001_1000", (string?)row["agent"]);
        Assert.Equal("2", (string?)row["callType"]);
        Assert.Equal("30", (string?)row["duration"]);
        Assert.Equal("2017-10-10 11:00:00", (string?)row["createTime"]);
        Assert.Equal("1", (string?)row["campaignId"]);
        Assert.Equal("6a812a70-71d3-11e7-9764-65cf60b31d6f.wav", (string?)row["filename"]);

        (_, body) = await api.PostAsync("/query/queryRecords", """{"tenantId": "10001","actionID": "abcd123"}""");
        Assert.Equal(new[] { Str(f.Recording2), Str(f.Recording1) }, EnvelopeAssert.Success(body)!.AsArray().Select(r => (string?)r!["id"]));
        (_, body) = await api.PostAsync("/query/queryRecords", """{"tenantId": "10001","campaignId": "-1","actionID": "abcd123"}""");
        Assert.Equal(Str(f.Recording2), (string?)Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!["id"]);
        (_, body) = await api.PostAsync("/query/queryRecords", """{"tenantId": "10001","second": "-1","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "second");
        var (s, _) = await api.PostAsync("/query/queryRecords", $$"""{"tenantId": "{{Other}}","actionID": "abcd123"}""");
        Assert.Equal(403, s);
    }

    [Fact]
    public async Task Recording_detail_answers_by_call_id_or_id_and_201_for_unknown_or_foreign_ones()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.24's example (S002:L9141) with tenant 10001 instead of 10000: its id is recording 1's call id.
        var (status, body) = await api.PostAsync("/query/queryRecord",
            """{"tenantId": "10001","id": "2621c1ac-768b-11e7-8e4d-5f902b7a99ff","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var row = EnvelopeAssert.Success(body)!.AsObject();
        Assert.Equal(Str(f.Recording1), (string?)row["id"]);
        Assert.Equal(RecordingCallId, (string?)row["callId"]);
        Assert.Equal("400001", (string?)row["extension"]);
        Assert.All(row, p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));

        (_, body) = await api.PostAsync("/query/queryRecord", $$"""{"tenantId": "10001","id": "{{f.Recording2}}","actionID": "abcd123"}""");
        Assert.Equal("-1", (string?)EnvelopeAssert.Success(body)!["campaignId"]);
        foreach (var id in new[] { "999999", Str(f.OtherRecording), "other-rec-call" })
        {
            (_, body) = await api.PostAsync("/query/queryRecord", $$"""{"tenantId": "10001","id": "{{id}}","actionID": "abcd123"}""");
            EnvelopeAssert.Invalid(body, "id");
        }
        var (s, _) = await api.PostAsync("/query/queryRecord", $$"""{"tenantId": "{{Other}}","id": "{{f.OtherRecording}}","actionID": "abcd123"}""");
        Assert.Equal(403, s);
    }

    // ------------------------------------------------------------------ §6.39 attached data

    [Fact]
    public async Task Attached_data_answers_the_spec_example_as_one_map_of_callid_key()
    {
        await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.39's example (S002:L14131), verbatim: no tenantId, so the key's own tenant.
        var (status, body) = await api.PostAsync("/query/queryAttachDatas",
            """{"callID": "2244f18763616c6c00085eca@183.129.179.6","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var map = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        // The other tenant's key on the same call id does not show; digit attached twice: the latest value.
        Assert.Equal(new[] { $"{SipCallId}_digit", $"{SipCallId}_digit_type", $"{SipCallId}_ivr_id" },
            map.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("1", (string?)map[$"{SipCallId}_digit"]);
        Assert.Equal("4", (string?)map[$"{SipCallId}_digit_type"]);
        Assert.Equal("12", (string?)map[$"{SipCallId}_ivr_id"]);

        (_, body) = await api.PostAsync("/query/queryAttachDatas", $$"""{"callID": "{{SipCallId}}","key": "ivr_id","actionID": "abcd123"}""");
        Assert.Single(Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject());
        // Nothing attached: one empty map.
        (_, body) = await api.PostAsync("/query/queryAttachDatas", """{"callID": "nothing-here","actionID": "abcd123"}""");
        Assert.Empty(Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject());
        (_, body) = await api.PostAsync("/query/queryAttachDatas", """{"actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "callID");
        var (s, _) = await api.PostAsync("/query/queryAttachDatas", $$"""{"callID": "{{SipCallId}}","tenantId": "{{Other}}","actionID": "abcd123"}""");
        Assert.Equal(403, s);
        // An all-tenant key without tenantId sees every tenant's keys of the call.
        (_, body) = await (await ApiClient.ForTenantAsync(app, null))
            .PostAsync("/query/queryAttachDatas", $$"""{"callID": "{{SipCallId}}","actionID": "abcd123"}""");
        Assert.Equal(4, Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject().Count);
    }

    // ------------------------------------------------------------------ §6.17 / §6.18 IVR records

    [Fact]
    public async Task Ivr_histories_answer_the_spec_example_with_numeric_columns_as_numbers()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.17's example (S002:L7144) with tenant 10001 instead of 10000; IVR record 1 started at the example's
        // start = end time 2017-10-10 11:00:00.
        var (status, body) = await api.PostAsync("/query/queryIvrHistories",
            """{"tenantId": "10001","startTime": "2017-10-10 11:00:00","endTime": "2017-10-10 11:00:00","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var row = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        Assert.Equal("1", (string?)body["totalCount"]);
        AssertFields(row, "id", "callId", "tenantId", "startTime", "endTime", "ani", "dnis", "callType", "thisQueue",
            "executeContext", "ivrID", "ivrName", "ivrSessionId", "holdTime");
        Assert.Equal(f.Ivr1, (long)row["id"]!);
        Assert.Equal(JsonValueKind.Number, row["tenantId"]!.GetValueKind());
        Assert.Equal(SipCallId, (string?)row["callId"]);
        Assert.Equal("2017-10-10 11:00:00", (string?)row["startTime"]);
        Assert.Equal("2017-10-10 11:00:30", (string?)row["endTime"]);
        Assert.Equal("18034613972", (string?)row["ani"]);
        Assert.Equal("05717171717", (string?)row["dnis"]);
        Assert.Equal(2, (int)row["callType"]!);
        Assert.Equal("10001_8000", (string?)row["thisQueue"]);
        Assert.Equal("inbound_ivr", (string?)row["executeContext"]);
        Assert.Equal(12, (int)row["ivrID"]!);
        Assert.Equal(IvrSession, (string?)row["ivrSessionId"]);
        Assert.Equal(30, (int)row["holdTime"]!);

        (_, body) = await api.PostAsync("/query/queryIvrHistories", """{"tenantId": "10001","actionID": "abcd123"}""");
        Assert.Equal(new[] { f.Ivr2, f.Ivr1 }, EnvelopeAssert.Success(body)!.AsArray().Select(r => (long)r!["id"]!));
        (_, body) = await api.PostAsync("/query/queryIvrHistories", """{"tenantId": "10001","executeContext": "satisfaction_ivr","actionID": "abcd123"}""");
        Assert.Equal(f.Ivr2, (long)Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!["id"]!);
        (_, body) = await api.PostAsync("/query/queryIvrHistories", """{"tenantId": "10001","number": "05717171717","actionID": "abcd123"}""");
        Assert.Equal(f.Ivr1, (long)Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!["id"]!);
        (_, body) = await api.PostAsync("/query/queryIvrHistories", """{"tenantId": "10001","executeContext": "x","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "executeContext");
        var (s, _) = await api.PostAsync("/query/queryIvrHistories", $$"""{"tenantId": "{{Other}}","actionID": "abcd123"}""");
        Assert.Equal(403, s);
    }

    [Fact]
    public async Task Ivr_history_lists_the_events_of_one_session()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.18's example (S002:L7429), verbatim (A24: no tenantId; the key's tenant).
        var (status, body) = await api.PostAsync("/query/queryIvrHistory",
            """{"callId": "2244f18763616c6c00085eca@183.129.179.6","ivrSessionId": "251asd887es54d87wqe54156a8we7","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var data = EnvelopeAssert.Success(body)!.AsArray();
        Assert.Equal(new[] { "1", "2", "3" }, data.Select(r => (string?)r!["eventSequence"]));
        Assert.Equal(new[] { "start", "start_ivr_route", "stop" }, data.Select(r => (string?)r!["ivrStatus"]));
        var first = data[0]!.AsObject();
        AssertFields(first, "id", "callId", "tenantId", "startTime", "endTime", "ani", "dnis", "callType", "thisQueue",
            "ivrStatus", "ivrNode", "name", "eventSequence", "target", "executeContext", "ivrID", "ivrName", "ivrDigitType",
            "ivrDtmfDigit", "componentName", "stopCause");
        Assert.Equal(10001, (int)first["tenantId"]!);
        Assert.Equal(1, (int)first["ivrNode"]!);
        Assert.Equal("测试", (string?)first["name"]);
        Assert.Equal("10001_8000", (string?)first["target"]);
        Assert.Equal("SUCCESS", (string?)data[2]!["stopCause"]);
        Assert.Equal("3", (string?)body["totalCount"]);

        foreach (var json in new[]
        {
            """{"ivrSessionId": "unknown","actionID": "abcd123"}""",
            """{"ivrSessionId": "other-session","actionID": "abcd123"}""",
            """{"callId": "another-call","ivrSessionId": "251asd887es54d87wqe54156a8we7","actionID": "abcd123"}""",
            """{"callId": "2244f18763616c6c00085eca@183.129.179.6","actionID": "abcd123"}""",
        })
        {
            (_, body) = await api.PostAsync("/query/queryIvrHistory", json);
            EnvelopeAssert.Invalid(body, "ivrSessionId");
        }
        (_, body) = await (await ApiClient.ForTenantAsync(app, null))
            .PostAsync("/query/queryIvrHistory", """{"ivrSessionId": "other-session","actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
        Assert.NotEqual(0, f.OtherIvr);
    }

    // ------------------------------------------------------------------ fixture

    private sealed record Fixture(
        long CdrA, long CdrB, long CdrC1, long CdrC2, long CdrD, long CdrE, long OtherCdr,
        long Queue1, long Queue2, long OtherQueue,
        long State1, long State2, long State3,
        long Recording1, long Recording2, long OtherRecording,
        long Ivr1, long Ivr2, long OtherIvr);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<CallCenterAppFactory, Fixture> Seeded = new();

    private async Task<Fixture> FixtureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (Seeded.TryGetValue(app, out var existing)) return existing;
            var f = await app.WithDbAsync(async db =>
            {
                CallRecord Cdr(int tenant, string? agent, string caller, string dest, int type, string start, string? answer,
                    string end, string callId, int duration, int billsec, string cause) => new()
                {
                    TenantId = tenant, Agent = agent, CallerIdNumber = caller, DestinationNumber = dest, CtiCallType = type,
                    StartStamp = At(start), AnswerStamp = answer is null ? null : At(answer), EndStamp = At(end),
                    CtiCallId = callId, Duration = duration, Billsec = billsec, HangupCause = cause,
                };
                var a = Cdr(10001, "10001_1000", "10001_1000", "18565485486", 1, "2017-12-11 16:27:01", "2017-12-11 16:27:10",
                    "2017-12-11 16:27:59", "cdr-a", 58, 40, "NO_ANSWER");
                a.CampaignId = 8;
                a.BillRate = 0.01m;
                var b = Cdr(10001, "10001_1000", "10001_1000", "18565485486", 1, "2017-12-12 10:00:00", "2017-12-12 10:00:05",
                    "2017-12-12 10:00:25", "cdr-b", 25, 20, "NO_ANSWER");
                b.CampaignId = 8;
                var c1 = Cdr(10001, "10001_1001", "13800000001", "4001", 2, "2018-03-01 09:00:00", "2018-03-01 09:00:05",
                    "2018-03-01 09:01:05", "call-in-1", 65, 60, "send_bye");
                c1.QueueName = "10001_8000";
                c1.ChannelAttr = "transfer";
                var c2 = Cdr(10001, "10001_1002", "13800000001", "4001", 2, "2018-03-01 09:01:05", "2018-03-01 09:01:06",
                    "2018-03-01 09:03:06", "call-in-1", 121, 120, "recv_bye");
                c2.QueueName = "10001_8000";
                var d = Cdr(10001, null, "13800000002", "4001", 2, "2018-04-01 10:00:00", null,
                    "2018-04-01 10:00:40", "call-missed", 40, 0, "NO_ANSWER");
                d.EndedAt = "acd";
                var e = Cdr(10001, "10001_1000", "4001", "13900000003", 3, "2018-05-01 10:00:00", "2018-05-01 10:00:10",
                    "2018-05-01 10:05:10", "call-out", 310, 300, "recv_bye");
                e.ChannelAttr = "makeCall";
                var other = Cdr(Other, "20001_1000", "20001_1000", "18565485486", 1, "2018-06-01 10:00:00", "2018-06-01 10:00:01",
                    "2018-06-01 10:01:00", "other-call", 60, 59, "NO_ANSWER");
                db.CallRecords.AddRange(a, b, c1, c2, d, e, other);

                var q1 = new QueueRecord
                {
                    TenantId = 10001, CallId = "call-in-1", StartTime = At("2018-03-01 08:59:30"), EndTime = At("2018-03-01 09:00:00"),
                    CallerId = "13800000001", ThisQueue = "10001_8000", QueueName = "Sales", CallType = 2, Extension = "400001",
                    HoldTime = 30, Agent = "10001_1001", Outcome = "answered",
                    Steps =
                    {
                        new QueueStep { StartTime = At("2018-03-01 08:59:30"), QueueStatus = 2, Sequence = 1, CallerId = "13800000001" },
                        new QueueStep { StartTime = At("2018-03-01 08:59:40"), QueueStatus = 2, NodeStatus = 1, Sequence = 2,
                            CallerId = "13800000001", Agent = "10001_1001", Extension = "400001" },
                        new QueueStep { StartTime = At("2018-03-01 09:00:00"), QueueStatus = 1, NodeStatus = 1, Sequence = 3,
                            CallerId = "13800000001", Agent = "10001_1001", Extension = "400001" },
                    },
                };
                var q2 = new QueueRecord
                {
                    TenantId = 10001, CallId = SipCallId, StartTime = At("2019-11-06 17:29:23"), EndTime = At("2019-11-06 17:29:23"),
                    CallerId = "18034613972", ThisQueue = "10001_8001", QueueName = "Support", CallType = 2, Extension = "",
                    HoldTime = 0, Outcome = "abandoned",
                };
                var q3 = new QueueRecord
                {
                    TenantId = Other, CallId = "other-call", StartTime = At("2018-06-01 10:00:00"), CallerId = "1", ThisQueue = "20001_8000",
                    QueueName = "Other", CallType = 2, HoldTime = 5, Outcome = "answered",
                    Steps = { new QueueStep { StartTime = At("2018-06-01 10:00:00"), QueueStatus = 2, Sequence = 1, CallerId = "1" } },
                };
                db.QueueRecords.AddRange(q1, q2, q3);

                var s1 = new AgentStateRecord
                {
                    TenantId = 10001, Agent = "10001_1000", State = 2, ReasonCode = 3, StartTime = At("2021-08-05 10:32:13"),
                    EndTime = At("2021-08-05 10:32:14"), HoldTime = 1, CreateTime = At("2021-08-05 10:32:14"),
                };
                var s2 = new AgentStateRecord
                {
                    TenantId = 10001, Agent = "10001_1000", State = 0, ReasonCode = -1, StartTime = At("2021-08-04 18:10:48"),
                    EndTime = At("2021-08-04 18:10:48"), HoldTime = 0, CreateTime = At("2021-08-04 18:10:48"),
                };
                var s3 = new AgentStateRecord
                {
                    TenantId = 10001, Agent = "10001_1001", Extension = "400002", State = 1, StartTime = At("2021-08-05 09:00:00"),
                    EndTime = At("2021-08-05 10:00:00"), HoldTime = 3600, CreateTime = At("2021-08-05 10:00:00"),
                };
                var s4 = new AgentStateRecord
                {
                    TenantId = Other, Agent = "20001_1000", State = 1, StartTime = At("2021-08-05 09:00:00"),
                    EndTime = At("2021-08-05 10:00:00"), HoldTime = 3600, CreateTime = At("2021-08-05 10:00:00"),
                };
                db.AgentStateRecords.AddRange(s1, s2, s3, s4);

                var r1 = new RecordingRecord
                {
                    TenantId = 10001, CallId = RecordingCallId, Agent = "10001_1000", Extension = "400001", Mobile = "18565485486",
                    CallType = 2, Duration = 30, CampaignId = 1, Filename = "6a812a70-71d3-11e7-9764-65cf60b31d6f.wav",
                    CreateTime = At("2017-10-10 11:00:00"),
                };
                var r2 = new RecordingRecord
                {
                    TenantId = 10001, CallId = "rec-2", Agent = "10001_1000", Mobile = "18565485486", CallType = 2, Duration = 5,
                    Filename = "rec-2.wav", CreateTime = At("2018-01-01 12:00:00"),
                };
                var r3 = new RecordingRecord
                {
                    TenantId = Other, CallId = "other-rec-call", Agent = "20001_1000", CallType = 2, Duration = 50,
                    Filename = "other.wav", CreateTime = At("2018-01-01 12:00:00"),
                };
                db.Recordings.AddRange(r1, r2, r3);

                db.AttachedData.AddRange(
                    new AttachedDataRecord { TenantId = 10001, CallId = SipCallId, Key = "digit", Value = "9", CreateTime = At("2017-10-10 11:00:05") },
                    new AttachedDataRecord { TenantId = 10001, CallId = SipCallId, Key = "digit", Value = "1", CreateTime = At("2017-10-10 11:00:10") },
                    new AttachedDataRecord { TenantId = 10001, CallId = SipCallId, Key = "digit_type", Value = "4", CreateTime = At("2017-10-10 11:00:10") },
                    new AttachedDataRecord { TenantId = 10001, CallId = SipCallId, Key = "ivr_id", Value = "12", CreateTime = At("2017-10-10 11:00:10") },
                    new AttachedDataRecord { TenantId = Other, CallId = SipCallId, Key = "secret", Value = "x", CreateTime = At("2017-10-10 11:00:10") });

                var i1 = new IvrRecord
                {
                    TenantId = 10001, CallId = SipCallId, IvrSessionId = IvrSession, StartTime = At("2017-10-10 11:00:00"),
                    EndTime = At("2017-10-10 11:00:30"), Ani = "18034613972", Dnis = "05717171717", CallType = 2,
                    ThisQueue = "10001_8000", ExecuteContext = "inbound_ivr", IvrId = 12, IvrName = "Main", HoldTime = 30,
                    Steps =
                    {
                        new IvrStepRecord { StartTime = At("2017-10-10 11:00:00"), IvrStatus = "start", IvrNode = 1, Name = "测试",
                            EventSequence = 1, Target = "10001_8000" },
                        new IvrStepRecord { StartTime = At("2017-10-10 11:00:01"), IvrStatus = "start_ivr_route", IvrNode = 1,
                            EventSequence = 2 },
                        new IvrStepRecord { StartTime = At("2017-10-10 11:00:30"), IvrStatus = "stop", EventSequence = 3,
                            StopCause = "SUCCESS" },
                    },
                };
                var i2 = new IvrRecord
                {
                    TenantId = 10001, CallId = "call-sat", IvrSessionId = "sat-session", StartTime = At("2018-02-01 10:00:00"),
                    Ani = "13800000009", Dnis = "4001", CallType = 2, ExecuteContext = "satisfaction_ivr", IvrId = 13,
                    IvrName = "Survey", HoldTime = 10,
                };
                var i3 = new IvrRecord
                {
                    TenantId = Other, CallId = "other-call", IvrSessionId = "other-session", StartTime = At("2018-06-01 10:00:00"),
                    Ani = "1", Dnis = "2", CallType = 2, ExecuteContext = "inbound_ivr", IvrId = 1, IvrName = "Other",
                };
                db.IvrRecords.AddRange(i1, i2, i3);

                await db.SaveChangesAsync();
                return new Fixture(a.Id, b.Id, c1.Id, c2.Id, d.Id, e.Id, other.Id, q1.Id, q2.Id, q3.Id, s1.Id, s2.Id, s3.Id,
                    r1.Id, r2.Id, r3.Id, i1.Id, i2.Id, i3.Id);
            });
            Seeded[app] = f;
            return f;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A server-local <c>yyyy-MM-dd HH:mm:ss</c> as the UTC the engine stores.</summary>
    internal static DateTime At(string local) =>
        DateTime.ParseExact(local, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal).ToUniversalTime();

    private static string Str(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static void AssertFields(JsonObject o, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), o.Select(p => p.Key).Order(StringComparer.Ordinal));
}
