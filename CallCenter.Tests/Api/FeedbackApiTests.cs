using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CallCenter.Domain.Acds;
using CallCenter.Domain.Agents;
using CallCenter.Domain.Records;
using CallCenter.Domain.Tenants;
using CallCenter.Tests.Support;
using static CallCenter.Tests.Api.HistoryApiTests;

namespace CallCenter.Tests.Api;

/// <summary>
/// Blacklist calls §6.25, satisfaction surveys §6.26 and statistics §6.27, voicemail §6.28 (query-api-1.md), each
/// answering the source's own request example verbatim: the examples' tenant 10000 exists here (an "example tenant"
/// beside the demo tenant 10001), with records written straight to the database; 10001's and 20001's rows must never
/// show to a key of 10000.
/// </summary>
public sealed class FeedbackApiTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    private const int Example = 10000;
    private const int Other = TestData.OtherTenant;

    // ------------------------------------------------------------------ §6.25 blacklist calls

    [Fact]
    public async Task Blacklist_calls_answer_the_spec_example_with_every_value_a_string()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, Example);
        // §6.25's example (S002:L9410): mobile 18565485486, internal calls, 2017-10-10 … 2019-10-10, page 1 of 10.
        var (status, body) = await api.PostAsync("/query/queryBlacklistHistories",
            """{"tenantId": "10000","mobile": "18565485486","startTime": "2017-10-10 11:00:00","endTime": "2019-10-10 11:00:00","callType": "1","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var row = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        Assert.Equal(("1", "1"), ((string?)body["currentPage"], (string?)body["totalCount"]));
        AssertFields(row, "id", "tenantId", "agent", "destinationNumber", "callerIdNumber", "ctiCallType", "startStamp", "endStamp",
            "ctiCallId", "extension");
        Assert.All(row, p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));
        Assert.Equal(Str(f.BlacklistA), (string?)row["id"]);
        Assert.Equal("10000", (string?)row["tenantId"]);
        Assert.Equal("10000_1000", (string?)row["agent"]);
        Assert.Equal("18565485486", (string?)row["destinationNumber"]);
        Assert.Equal("10000_1000", (string?)row["callerIdNumber"]);
        Assert.Equal("1", (string?)row["ctiCallType"]);
        Assert.Equal("2017-12-11 16:27:01", (string?)row["startStamp"]);
        Assert.Equal("2017-12-11 16:27:59", (string?)row["endStamp"]);
        Assert.Equal("bl-a", (string?)row["ctiCallId"]);
        Assert.Equal("400001", (string?)row["extension"]);
    }

    [Fact]
    public async Task Blacklist_calls_filter_sort_and_refuse_bad_fields_and_other_tenants()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, Example);
        async Task<List<long>> Ids(string filters)
        {
            var (_, body) = await api.PostAsync("/query/queryBlacklistHistories", $$"""{"tenantId": "10000",{{filters}}"actionID": "abcd123"}""");
            return EnvelopeAssert.Success(body)!.AsArray().Select(r => long.Parse((string)r!["id"]!, CultureInfo.InvariantCulture)).ToList();
        }

        Assert.Equal(new[] { f.BlacklistC, f.BlacklistB, f.BlacklistA }, await Ids(""));
        Assert.Equal(new[] { f.BlacklistA, f.BlacklistB, f.BlacklistC }, await Ids(""" "order": "asc", """));
        Assert.Equal(new[] { f.BlacklistB }, await Ids(""" "callType": "2", """));
        Assert.Equal(new[] { f.BlacklistC, f.BlacklistB }, await Ids(""" "callType": "4", """));
        Assert.Equal(new[] { f.BlacklistC }, await Ids(""" "agent": "10000_1001", """));
        Assert.Equal(new[] { f.BlacklistC }, await Ids(""" "mobile": "13800000000", """));
        Assert.Equal(new[] { f.BlacklistB }, await Ids(""" "ctiCallId": "bl-b", """));
        Assert.Equal(new[] { f.BlacklistC }, await Ids(""" "campaignId": "7", """));
        Assert.Equal(new[] { f.BlacklistA }, await Ids(""" "extension": "400001", """));
        // Callers in descending text order: 18565485486, 1001, 10000_1000.
        Assert.Equal(new[] { f.BlacklistB, f.BlacklistC, f.BlacklistA }, await Ids(""" "sort": "callerIdNumber", """));

        await api.AssertInvalidAsync("/query/queryBlacklistHistories",
            ("""{"actionID": "abcd123"}""", "tenantId"),
            ("""{"tenantId": "10000","callType": "7","actionID": "abcd123"}""", "callType"),
            ("""{"tenantId": "10000","endTime": "2019/10/10","actionID": "abcd123"}""", "endTime"),
            ("""{"tenantId": "10000","campaignId": "seven","actionID": "abcd123"}""", "campaignId"),
            ("""{"tenantId": "10000","sort": "bogus","actionID": "abcd123"}""", "sort"),
            ("""{"tenantId": "10000","currentPage": "0","actionID": "abcd123"}""", "currentPage"));
        await AssertForeignTenantRefusedAsync(api, "/query/queryBlacklistHistories", $$"""{"tenantId": "{{Other}}","actionID": "abcd123"}""");
    }

    // ------------------------------------------------------------------ §6.26 satisfaction surveys

    [Fact]
    public async Task Satisfactions_answer_the_spec_example_with_the_captured_typing()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, Example);
        // §6.26's example (S002:L9689): key 1, number 18888888888, the window 2017-10-10 11:00:00 to the same second.
        var (status, body) = await api.PostAsync("/query/querySatisfactions",
            """{"tenantId": "10000","startTime": "2017-10-10 11:00:00","endTime": "2017-10-10 11:00:00","ivrDtmfDigit": "1","number": "18888888888","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var row = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        Assert.Equal(("1", "1"), ((string?)body["currentPage"], (string?)body["totalCount"]));
        AssertFields(row, "id", "callId", "tenantId", "startTime", "endTime", "ani", "dnis", "callType", "ivrDtmfDigit", "ivrDigitType", "stopCause");
        Assert.Equal(f.Survey1, (long)row["id"]!);
        Assert.Equal(JsonValueKind.Number, row["tenantId"]!.GetValueKind());
        Assert.Equal(Example, (int)row["tenantId"]!);
        Assert.Equal("74edb94063616c6c008d50a2@183.129.179.6", (string?)row["callId"]);
        Assert.Equal("2017-10-10 11:00:00", (string?)row["startTime"]);
        Assert.Equal("2017-10-10 11:00:04", (string?)row["endTime"]);
        Assert.Equal("18888888888", (string?)row["ani"]);
        Assert.Equal("05717171717", (string?)row["dnis"]);
        Assert.Equal(2, (int)row["callType"]!);
        Assert.Equal("1", (string?)row["ivrDtmfDigit"]);
        Assert.Equal("-4", (string?)row["ivrDigitType"]);
        Assert.Equal("SUCCESS", (string?)row["stopCause"]);
    }

    [Fact]
    public async Task Satisfactions_filter_by_key_result_component_call_ivr_and_ids_and_refuse_bad_fields()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, Example);
        async Task<List<long>> Ids(string filters)
        {
            var (_, body) = await api.PostAsync("/query/querySatisfactions", $$"""{"tenantId": "10000",{{filters}}"pageSize": "100","actionID": "abcd123"}""");
            return EnvelopeAssert.Success(body)!.AsArray().Select(r => (long)r!["id"]!).ToList();
        }

        Assert.Equal(f.Surveys.Length, (await Ids("")).Count);
        Assert.Equal(new[] { f.Survey9, f.Survey5, f.Survey1 }, await Ids(""" "ivrDtmfDigit": "1", """));
        Assert.Equal(new[] { f.Survey9, f.Survey5, f.Survey1 }, await Ids(""" "ivrResult": "1", """)); // A34b: the key pressed too
        Assert.Empty(await Ids(""" "ivrDtmfDigit": "1", "ivrResult": "2", """));
        Assert.Equal(new[] { f.Survey8 }, await Ids(""" "routeType": "4", """));
        Assert.Equal(new[] { f.Survey2 }, await Ids(""" "callId": "sat-2", """));
        Assert.Equal(new[] { f.Survey6 }, await Ids(""" "ivrID": "14", """));
        Assert.Equal(new[] { f.Survey6 }, await Ids(""" "callType": "3", """));
        Assert.Equal(new[] { f.Survey2, f.Survey1 }, await Ids($$""" "ids": "{{f.Survey1}},{{f.Survey2}},{{f.OtherSurvey}}", """));
        Assert.Equal(new[] { f.Survey2 }, await Ids(""" "number": "13900000002", """));

        await api.AssertInvalidAsync("/query/querySatisfactions",
            ("""{"actionID": "abcd123"}""", "tenantId"),
            ("""{"tenantId": "10000","ivrID": "x","actionID": "abcd123"}""", "ivrID"),
            ("""{"tenantId": "10000","callType": "0","actionID": "abcd123"}""", "callType"),
            ("""{"tenantId": "10000","ids": "1;2","actionID": "abcd123"}""", "ids"),
            ("""{"tenantId": "10000","sort": "agent","actionID": "abcd123"}""", "sort"));
        await AssertForeignTenantRefusedAsync(api, "/query/querySatisfactions", $$"""{"tenantId": "{{Other}}","actionID": "abcd123"}""");
    }

    // ------------------------------------------------------------------ §6.27 satisfaction statistics

    [Fact]
    public async Task Satisfaction_statistics_answer_the_spec_example_per_acd_with_counts_as_strings()
    {
        await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, Example);
        // §6.27's example (S002:L9948): ACD level (type 2) for 10000_8000, keys 1–4, 2017-10-10 … 2021-10-10.
        var (status, body) = await api.PostAsync("/query/querySatisfactionStatistics",
            """{"tenantId": "10000","startTime": "2017-10-10 11:00:00","endTime": "2021-10-10 11:00:00","ivrDtmfDigits": "1,2,3,4","filter": "10000_8000","type": "2","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var row = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        Assert.Equal(("1", "1"), ((string?)body["currentPage"], (string?)body["totalCount"]));
        // A34: an ACD-level row has no `agent`; `name` is the ACD number. Surveys 1 and 5 keyed 1, 2 and 8 keyed 2;
        // 3 and 7 keyed 5 (not asked), 4 pressed nothing, 6 came through 10000_8001 and 9 is outside the window.
        AssertFields(row, "1", "2", "3", "4", "tenantId", "name");
        Assert.All(row, p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));
        Assert.Equal(("2", "2", "0", "0"), ((string?)row["1"], (string?)row["2"], (string?)row["3"], (string?)row["4"]));
        Assert.Equal(("10000", "10000_8000"), ((string?)row["tenantId"], (string?)row["name"]));
    }

    [Fact]
    public async Task Satisfaction_statistics_count_per_tenant_agent_acd_member_agent_sum_and_department()
    {
        await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, Example);
        async Task<JsonArray> Stats(string type, string filter, string extra = "")
        {
            var (_, body) = await api.PostAsync("/query/querySatisfactionStatistics",
                $$"""{"tenantId": "10000","ivrDtmfDigits": "1,2,3","filter": {{JsonValue.Create(filter)!.ToJsonString()}},"type": "{{type}}",{{extra}}"actionID": "abcd123"}""");
            return EnvelopeAssert.Success(body)!.AsArray();
        }
        static string Counts(JsonNode? r) => $"{r!["1"]}/{r["2"]}/{r["3"]}";

        // Type 1: the whole tenant (no window: survey 9 of 2022 counts too: 1, 5, 9 keyed 1; 2 and 8 keyed 2).
        var tenant = Assert.Single(await Stats("1", "10000"));
        Assert.Equal(("Example tenant", "3/2/1"), ((string?)tenant!["name"], Counts(tenant)));
        Assert.Null(tenant["agent"]);

        // Type 3: every agent of the tenant, configured or rated, by number; names from the agent table.
        var agents = await Stats("3", "10000");
        Assert.Equal(new[] { "10000_1000", "10000_1001" }, agents.Select(r => (string?)r!["agent"]));
        Assert.Equal(new[] { "3/0/1", "0/1/0" }, agents.Select(Counts));
        Assert.Equal("Alice", (string?)agents[0]!["name"]);

        // Type 4: the agents rated through one ACD (and its members).
        var members = await Stats("4", "10000_8001");
        Assert.Equal(("10000_1000", "0/0/1"), ((string?)Assert.Single(members)!["agent"], Counts(members[0])));

        // Type 5: one row per listed agent; type 6: the listed agents summed into one row.
        Assert.Equal(new[] { "3/0/1", "0/1/0" }, (await Stats("5", "10000_1000,10000_1001")).Select(Counts));
        var sum = Assert.Single(await Stats("6", "10000_1000,10000_1001"));
        Assert.Equal(("10000_1000,10000_1001", "3/1/1"), ((string?)sum!["agent"], Counts(sum)));

        // Type 7: the source's department map, a JSON object inside a string whose values are "[a,b]" strings.
        var departments = await Stats("7", """{"部门1": "[10000_1000]","部门2": "[10000_1001,10000_1002]"}""");
        Assert.Equal(new[] { "部门1", "部门2" }, departments.Select(r => (string?)r!["name"]));
        Assert.Equal(new[] { "3/0/1", "0/1/0" }, departments.Select(Counts));

        // Sort by a key's count, paging over rows.
        var sorted = await Stats("5", "10000_1000,10000_1001", """ "sort": "2", "order": "desc", "pageSize": "1", """);
        Assert.Equal("10000_1001", (string?)Assert.Single(sorted)!["agent"]);
    }

    [Fact]
    public async Task Satisfaction_statistics_refuse_missing_or_foreign_filters_and_tenants()
    {
        await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, Example);
        const string ok = """ "tenantId": "10000","ivrDtmfDigits": "1,2","type": "2","filter": "10000_8000" """;
        await api.AssertInvalidAsync("/query/querySatisfactionStatistics",
            ("""{"ivrDtmfDigits": "1","type": "1","filter": "10000","actionID": "abcd123"}""", "tenantId"),
            ("""{"tenantId": "10000","type": "1","filter": "10000","actionID": "abcd123"}""", "ivrDtmfDigits"),
            ("""{"tenantId": "10000","ivrDtmfDigits": "1,x","type": "1","filter": "10000","actionID": "abcd123"}""", "ivrDtmfDigits"),
            ("""{"tenantId": "10000","ivrDtmfDigits": "1","filter": "10000","actionID": "abcd123"}""", "type"),
            ("""{"tenantId": "10000","ivrDtmfDigits": "1","type": "8","filter": "10000","actionID": "abcd123"}""", "type"),
            ("""{"tenantId": "10000","ivrDtmfDigits": "1","type": "1","actionID": "abcd123"}""", "filter"),
            ("""{"tenantId": "10000","ivrDtmfDigits": "1","type": "1","filter": "10001","actionID": "abcd123"}""", "filter"),
            ("""{"tenantId": "10000","ivrDtmfDigits": "1","type": "2","filter": "10001_8000","actionID": "abcd123"}""", "filter"),
            ("""{"tenantId": "10000","ivrDtmfDigits": "1","type": "5","filter": "1000","actionID": "abcd123"}""", "filter"),
            ("""{"tenantId": "10000","ivrDtmfDigits": "1","type": "7","filter": "not json","actionID": "abcd123"}""", "filter"),
            ("""{"tenantId": "10000","ivrDtmfDigits": "1","type": "7","filter": "{\"d\": \"[]\"}","actionID": "abcd123"}""", "filter"),
            ($$"""{{{ok}},"sort": "3","actionID": "abcd123"}""", "sort"),
            ($$"""{{{ok}},"startTime": "yesterday","actionID": "abcd123"}""", "startTime"));
        await AssertForeignTenantRefusedAsync(api, "/query/querySatisfactionStatistics",
            $$"""{"tenantId": "10000,{{Other}}","ivrDtmfDigits": "1","type": "1","filter": "10000","actionID": "abcd123"}""");
    }

    // ------------------------------------------------------------------ §6.28 voicemail

    [Fact]
    public async Task Voicemail_answers_the_spec_example_for_the_keys_own_tenant()
    {
        await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, Example);
        // §6.28's example (S002:L10096): no tenantId; agent 10000_1000, mobile 18565485486, the second 2017-10-10 11:00:00.
        var (status, body) = await api.PostAsync("/query/queryVoicemailMsgs",
            """{"mobile": "18565485486","startTime": "2017-10-10 11:00:00","endTime": "2017-10-10 11:00:00","agent": "10000_1000","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var row = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        AssertFields(row, "callId", "cidNumber", "createTime", "userName", "filePath");
        Assert.All(row, p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));
        Assert.Equal("a62c4027aa13b65b@cm9ubnktUEM.", (string?)row["callId"]);
        Assert.Equal("18565485486", (string?)row["cidNumber"]);
        Assert.Equal("2017-10-10 11:00:00", (string?)row["createTime"]);
        Assert.Equal("10000_1000", (string?)row["userName"]);
        Assert.Equal("10000/20171010/msg_1f69ae00-3977-11e9-822f-ffb3ecb4afa5.wav", (string?)row["filePath"]);
        Assert.Equal(("1", "1"), ((string?)body["currentPage"], (string?)body["totalCount"]));

        // Without filters a tenant key sees its own tenant's messages only (two); an all-tenant key sees every tenant's,
        // or one tenant's when it names one.
        (_, body) = await api.PostAsync("/query/queryVoicemailMsgs", """{"actionID": "abcd123"}""");
        Assert.Equal(new[] { "10000_1001", "10000_1000" }, EnvelopeAssert.Success(body)!.AsArray().Select(r => (string?)r!["userName"]));
        var admin = await ApiClient.ForTenantAsync(app, null);
        (_, body) = await admin.PostAsync("/query/queryVoicemailMsgs", """{"mobile": "18565485486","pageSize": "100","actionID": "abcd123"}""");
        Assert.Equal(3, EnvelopeAssert.Success(body)!.AsArray().Count);
        (_, body) = await admin.PostAsync("/query/queryVoicemailMsgs", $$"""{"tenantId": "{{Other}}","actionID": "abcd123"}""");
        Assert.Equal("20001_1000", (string?)Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!["userName"]);
    }

    [Fact]
    public async Task Voicemail_refuses_bad_fields_and_another_tenants_agent_or_tenant()
    {
        await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, Example);
        await api.AssertInvalidAsync("/query/queryVoicemailMsgs",
            ("""{"startTime": "2017-10-10T11:00:00","actionID": "abcd123"}""", "startTime"),
            ("""{"sort": "id","actionID": "abcd123"}""", "sort"),
            ("""{"pageSize": "0","actionID": "abcd123"}""", "pageSize"),
            ("""{"tenantId": "ten","actionID": "abcd123"}""", "tenantId"));
        await AssertForeignTenantRefusedAsync(api, "/query/queryVoicemailMsgs", """{"agent": "20001_1000","actionID": "abcd123"}""");
        await AssertForeignTenantRefusedAsync(api, "/query/queryVoicemailMsgs", $$"""{"tenantId": "{{Other}}","actionID": "abcd123"}""");
    }

    // ------------------------------------------------------------------ shared

    internal static async Task AssertForeignTenantRefusedAsync(ApiClient api, string path, string json)
    {
        var (status, body) = await api.PostAsync(path, json);
        Assert.Equal(403, status);
        Assert.Equal(403, (int?)body["code"]);
        Assert.Equal("abcd123", (string?)body["actionID"]);
        Assert.Null(body["data"]);
    }

    internal static void AssertFields(JsonObject o, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), o.Select(p => p.Key).Order(StringComparer.Ordinal));

    private static string Str(long n) => n.ToString(CultureInfo.InvariantCulture);

    private sealed record Fixture(long BlacklistA, long BlacklistB, long BlacklistC, long[] Surveys, long OtherSurvey)
    {
        public long Survey1 => Surveys[0];
        public long Survey2 => Surveys[1];
        public long Survey5 => Surveys[4];
        public long Survey6 => Surveys[5];
        public long Survey8 => Surveys[7];
        public long Survey9 => Surveys[8];
    }

    private static readonly OncePerHost<Fixture> Seeded = new();

    /// <summary>The example tenant 10000 (agents Alice 10000_1000, Bob 10000_1001, ACD 10000_8001 with Alice) and the records.</summary>
    private Task<Fixture> FixtureAsync() => Seeded.GetAsync(app, () => app.WithDbAsync(async db =>
    {
        db.Tenants.Add(new Tenant { Id = Example, Name = "Example tenant", CreatedTime = DateTime.UtcNow });
        await db.SaveChangesAsync();
        var alice = new Agent { TenantId = Example, Code = "1000", NameCn = "Alice", CreatedTime = DateTime.UtcNow };
        var bob = new Agent { TenantId = Example, Code = "1001", NameCn = "Bob", CreatedTime = DateTime.UtcNow };
        alice.SetPassword("Secret#2026");
        bob.SetPassword("Secret#2026");
        db.Agents.AddRange(alice, bob);
        await db.SaveChangesAsync();
        db.Acds.Add(new Acd
        {
            TenantId = Example, Code = "8001", Name = "VIP", CreatedTime = DateTime.UtcNow,
            Members = { new AcdMember { AgentId = alice.Id } },
        });

        BlacklistCallRecord Blocked(int tenant, string? agent, string caller, string dest, int type, string start, string end, string callId) => new()
        {
            TenantId = tenant, Agent = agent, CallerIdNumber = caller, DestinationNumber = dest, CtiCallType = type,
            StartStamp = At(start), EndStamp = At(end), CtiCallId = callId, BlockedNumber = type == 2 ? caller : dest,
        };
        var a = Blocked(Example, "10000_1000", "10000_1000", "18565485486", 1, "2017-12-11 16:27:01", "2017-12-11 16:27:59", "bl-a");
        a.Extension = "400001";
        var b = Blocked(Example, null, "18565485486", "4008000000", 2, "2018-01-01 09:00:00", "2018-01-01 09:00:00", "bl-b");
        var c = Blocked(Example, "10000_1001", "1001", "13800000000", 3, "2020-05-05 10:00:00", "2020-05-05 10:00:00", "bl-c");
        c.CampaignId = 7;
        var other = Blocked(Other, "20001_1000", "20001_1000", "18565485486", 1, "2017-12-11 16:27:01", "2017-12-11 16:27:59", "bl-o");
        db.BlacklistCalls.AddRange(a, b, c, other);

        SatisfactionRecord Survey(int tenant, string callId, string start, string ani, string? digit, string? agent, string queue,
            int callType = 2, int ivr = 13) => new()
        {
            TenantId = tenant, CallId = callId, StartTime = At(start), EndTime = At(start).AddSeconds(4), Ani = ani, Dnis = "05717171717",
            CallType = callType, IvrDtmfDigit = digit, IvrDigitType = digit is null ? null : "-4", StopCause = digit is null ? "FAILED" : "SUCCESS",
            IvrId = ivr, IvrName = "Survey", Agent = agent, Queue = queue,
        };
        var surveys = new[]
        {
            Survey(Example, "74edb94063616c6c008d50a2@183.129.179.6", "2017-10-10 11:00:00", "18888888888", "1", "10000_1000", "10000_8000"),
            Survey(Example, "sat-2", "2017-10-10 11:00:00", "13900000002", "2", "10000_1001", "10000_8000"),
            Survey(Example, "sat-3", "2018-01-01 10:00:00", "13900000003", "5", "10000_1000", "10000_8000"),
            Survey(Example, "sat-4", "2018-01-02 10:00:00", "13900000004", null, "10000_1000", "10000_8000"),
            Survey(Example, "sat-5", "2020-01-01 10:00:00", "13900000005", "1", "10000_1000", "10000_8000"),
            Survey(Example, "sat-6", "2020-02-01 10:00:00", "13900000006", "3", "10000_1000", "10000_8001", callType: 3, ivr: 14),
            Survey(Example, "sat-7", "2020-03-01 10:00:00", "13900000007", "5", "10000_1001", "10000_8000"),
            Survey(Example, "sat-8", "2020-04-01 10:00:00", "13900000008", "2", null, "10000_8000"),
            Survey(Example, "sat-9", "2022-01-01 10:00:00", "13900000009", "1", "10000_1000", "10000_8000"),
        };
        surveys[7].IvrDigitType = "4";
        var otherSurvey = Survey(Other, "sat-o", "2017-10-10 11:00:00", "18888888888", "1", "20001_1000", "20001_8000");
        db.SatisfactionRecords.AddRange(surveys);
        db.SatisfactionRecords.Add(otherSurvey);

        VoicemailRecord Message(int tenant, string callId, string user, string at) => new()
        {
            TenantId = tenant, CallId = callId, CidNumber = "18565485486", CreateTime = At(at), UserName = user, Duration = 9,
            FilePath = $"{tenant}/{At(at).ToLocalTime():yyyyMMdd}/msg_{(callId.Contains('@') ? "1f69ae00-3977-11e9-822f-ffb3ecb4afa5" : callId)}.wav",
        };
        db.VoicemailMessages.AddRange(
            Message(Example, "a62c4027aa13b65b@cm9ubnktUEM.", "10000_1000", "2017-10-10 11:00:00"),
            Message(Example, "vm-2", "10000_1001", "2017-10-10 11:00:00"),
            Message(Other, "vm-o", "20001_1000", "2017-10-10 11:00:00"));
        await db.SaveChangesAsync();
        return new Fixture(a.Id, b.Id, c.Id, surveys.Select(s => s.Id).ToArray(), otherSurvey.Id);
    }));
}
