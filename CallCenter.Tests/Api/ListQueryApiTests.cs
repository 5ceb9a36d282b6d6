using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Tenants;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Tests.Api;

/// <summary>
/// §6.35 number location, §6.36/§6.37 agent states, §6.41 rest-time templates, §6.42/§6.43 blacklist (query-api-2.md),
/// on the demo data: tenant 10001 with blacklisted 13800000000, templates "Lunch" (11:30–13:30, restNum 2) and
/// "Short break" (no period), custom reason 9. Requests are the source's own examples; where one names tenant 10000
/// or 10005 it is moved to 10001, the tenant that has the data.
/// </summary>
public sealed class ListQueryApiTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    // ------------------------------------------------------------------ §6.35

    [Fact]
    public async Task Mobile_attribution_answers_the_spec_example_with_province_city_and_carrier()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.35's example (S002:L13150), verbatim.
        var (status, body) = await api.PostAsync("/query/queryMobileAttribution", """{"mobile": "18222222222","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var data = (string?)EnvelopeAssert.Success(body);
        // 182 2222 is China Mobile in Tianjin, a municipality: province and city are both 天津.
        Assert.Equal("天津 天津 中国移动", data);
        // A27: no trailing "\n" (the example's "\\n" is an artefact of the lookup tool).
        Assert.DoesNotContain("\\n", data);
        Assert.DoesNotContain("\n", data);

        (_, body) = await api.PostAsync("/query/queryMobileAttribution", """{"mobile": "13800138000","actionID": "abcd123"}""");
        Assert.Equal("北京 北京 中国移动", (string?)EnvelopeAssert.Success(body));
        // A provincial number has the example's "湖南 长沙 …" shape.
        (_, body) = await api.PostAsync("/query/queryMobileAttribution", """{"mobile": "13907310000","actionID": "abcd123"}""");
        Assert.Equal("湖南 长沙 中国移动", (string?)EnvelopeAssert.Success(body));
        // With the country code, the same number.
        (_, body) = await api.PostAsync("/query/queryMobileAttribution", """{"mobile": "+8613907310000","actionID": "abcd123"}""");
        Assert.Equal("湖南 长沙 中国移动", (string?)EnvelopeAssert.Success(body));
    }

    [Fact]
    public async Task Mobile_attribution_of_an_invalid_or_missing_number_is_201_on_mobile()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        foreach (var json in new[]
                 {
                     """{"mobile": "12345","actionID": "abcd123"}""",
                     """{"mobile": "not a number","actionID": "abcd123"}""",
                     """{"mobile": "","actionID": "abcd123"}""",
                     """{"actionID": "abcd123"}""",
                 })
        {
            var (status, body) = await api.PostAsync("/query/queryMobileAttribution", json);
            Assert.Equal(200, status);
            EnvelopeAssert.Invalid(body, "mobile");
        }
    }

    // ------------------------------------------------------------------ §6.36 / §6.37

    private static readonly int[] BuiltInOrder = { 0, 3, 4, 5, 1, 2, 6, 7, 8 };

    [Fact]
    public async Task Agent_custom_states_answer_the_spec_example_with_both_key_spellings_int_codes_and_code_200()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.36's example (S002:L13276) with tenant 10000 → 10001 (the demo tenant).
        var (_, body) = await api.PostAsync("/query/queryAgentCustomState", """{"tenantId": "10001","actionID": "abcd123"}""");
        // A29: code 200 as the code table says, not the example's 0 (EnvelopeAssert.Success checks it).
        var data = EnvelopeAssert.Success(body)!.AsArray();
        Assert.Equal(new[] { 0, 1, 2 }, data.Select(s => (int)s!["state"]!));
        // id/pid (documented, missing from the example): id is the state as a string, pid "" (first level).
        Assert.Equal(new[] { "0", "1", "2" }, data.Select(s => (string?)s!["id"]));
        Assert.All(data, s => Assert.Equal("", (string?)s!["pid"]));
        // A31: states 0 and 1 have no "reason" key in §6.36, as in its example.
        Assert.Null(data[0]!["reason"]);
        Assert.Null(data[1]!["reason"]);
        Assert.Null(data[2]!["color"]);

        var reasons = data[2]!["reason"]!.AsArray();
        // The example's order of the built-ins, then the tenant's custom reason 9.
        Assert.Equal(BuiltInOrder.Append(9), reasons.Select(r => (int)r!["reasoncode"]!));
        foreach (var r in reasons)
        {
            // A30: both the documented camel-case keys and the example's lower-case keys, codes as JSON integers.
            Assert.Equal(System.Text.Json.JsonValueKind.Number, r!["reasoncode"]!.GetValueKind());
            Assert.Equal(System.Text.Json.JsonValueKind.Number, r["reasonCode"]!.GetValueKind());
            Assert.Equal((int)r["reasoncode"]!, (int)r["reasonCode"]!);
            Assert.Equal((string?)r["reasontext"], (string?)r["reasonText"]);
            Assert.Null(r["color"]);
        }
        Assert.Equal("整理", (string?)reasons[0]!["reasontext"]);
        Assert.Equal("忙碌", (string?)reasons[1]!["reasontext"]);
        Assert.Equal("呼入振铃", (string?)reasons[8]!["reasontext"]);
        Assert.Equal("免打扰 Do not disturb", (string?)reasons[9]!["reasonText"]);
    }

    [Fact]
    public async Task Agent_state_colors_answer_the_spec_example_with_string_codes_and_colours()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.37's example (S002:L13566) with tenant 10000 → 10001.
        var (_, body) = await api.PostAsync("/query/queryAgentStateColors", """{"tenantId": "10001","actionID": "abcd123"}""");
        var data = EnvelopeAssert.Success(body)!.AsArray();
        Assert.Equal(new[] { 0, 1, 2 }, data.Select(s => (int)s!["state"]!));
        Assert.Equal(new[] { "0", "1", "2" }, data.Select(s => (string?)s!["id"]));
        Assert.All(data, s => Assert.Equal("", (string?)s!["pid"]));
        // States 0/1: their colour and "reason": [] as in the example; state 2 has no colour of its own (A31).
        Assert.Equal("#f3f3f4", (string?)data[0]!["color"]);
        Assert.Equal("#c5efc5", (string?)data[1]!["color"]);
        Assert.Empty(data[0]!["reason"]!.AsArray());
        Assert.Empty(data[1]!["reason"]!.AsArray());
        Assert.Null(data[2]!["color"]);

        var reasons = data[2]!["reason"]!.AsArray();
        // A30: codes are strings here, under both spellings.
        Assert.Equal(BuiltInOrder.Append(9).Select(c => c.ToString()), reasons.Take(10).Select(r => (string?)r!["reasoncode"]));
        Assert.All(reasons, r => Assert.Equal(System.Text.Json.JsonValueKind.String, r!["reasonCode"]!.GetValueKind()));
        Assert.All(reasons, r => Assert.Equal((string?)r!["reasoncode"], (string?)r["reasonCode"]));
        Assert.All(reasons, r => Assert.Equal((string?)r!["reasontext"], (string?)r["reasonText"]));
        // The example's colours (A32: "\#f5d4ba" is "#f5d4ba").
        Assert.Equal("#f5d4ba", (string?)reasons[0]!["color"]);
        Assert.Equal("#ecb9b7", (string?)reasons[1]!["color"]);
        Assert.Equal("#bbb", (string?)reasons[2]!["color"]);
        Assert.Equal("#cee0f5", (string?)reasons[8]!["color"]);
        Assert.Equal("#9e9e9e", (string?)reasons[9]!["color"]);
    }

    [Fact]
    public async Task Agent_state_filters_and_a_disabled_custom_reason_absent_from_the_menu_but_coloured()
    {
        await app.WithDbAsync(async db =>
        {
            if (!await db.CustomAgentStates.AnyAsync(x => x.TenantId == 10001 && x.ReasonCode == 42))
                db.CustomAgentStates.Add(new CustomAgentState
                {
                    TenantId = 10001, ReasonCode = 42, ReasonText = "培训", Color = "#123456", Enabled = false, CreatedTime = DateTime.UtcNow,
                });
            return await db.SaveChangesAsync();
        });
        var api = await ApiClient.ForTenantAsync(app, 10001);

        var (_, body) = await api.PostAsync("/query/queryAgentCustomState", """{"tenantId": "10001","state":"1","actionID": "abcd123"}""");
        var only = Assert.Single(EnvelopeAssert.Success(body)!.AsArray());
        Assert.Equal(1, (int)only!["state"]!);

        (_, body) = await api.PostAsync("/query/queryAgentCustomState", """{"tenantId": "10001","reasonCode":"5","actionID": "abcd123"}""");
        var busy = Assert.Single(EnvelopeAssert.Success(body)!.AsArray());
        Assert.Equal(2, (int)busy!["state"]!);
        var rest = Assert.Single(busy["reason"]!.AsArray());
        Assert.Equal("休息", (string?)rest!["reasontext"]);

        // A disabled custom reason: not offered in §6.36, still coloured in §6.37.
        (_, body) = await api.PostAsync("/query/queryAgentCustomState", """{"tenantId": "10001","reasonCode":"42","actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray()[0]!["reason"]!.AsArray());
        (_, body) = await api.PostAsync("/query/queryAgentStateColors", """{"tenantId": "10001","reasonCode":"42","actionID": "abcd123"}""");
        var training = Assert.Single(EnvelopeAssert.Success(body)!.AsArray()[0]!["reason"]!.AsArray());
        Assert.Equal("42", (string?)training!["reasoncode"]);
        Assert.Equal("#123456", (string?)training["color"]);
    }

    [Fact]
    public async Task Agent_state_lists_answer_201_for_bad_fields_and_unknown_tenants()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        foreach (var path in new[] { "/query/queryAgentCustomState", "/query/queryAgentStateColors" })
        {
            var (status, body) = await api.PostAsync(path, """{"actionID": "abcd123"}""");
            Assert.Equal(200, status);
            EnvelopeAssert.Invalid(body, "tenantId");
            (_, body) = await api.PostAsync(path, """{"tenantId": "10001","state":"3","actionID": "abcd123"}""");
            EnvelopeAssert.Invalid(body, "state");
            (_, body) = await api.PostAsync(path, """{"tenantId": "10001","reasonCode":"x","actionID": "abcd123"}""");
            EnvelopeAssert.Invalid(body, "reasonCode");
            (_, body) = await api.PostAsync(path, """{"tenantId": "99999","actionID": "abcd123"}""");
            EnvelopeAssert.Invalid(body, "tenantId");
            Assert.Equal("not found", (string?)body["errors"]![0]!["reason"]);
        }
    }

    // ------------------------------------------------------------------ §6.41

    [Fact]
    public async Task Rest_time_templates_answer_the_spec_example_with_the_example_typing()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.41's example (S002:L14398) with tenant 10005 → 10001.
        var (_, body) = await api.PostAsync("/query/queryRestTimeTemp", """{"tenantId": "10001","actionID": "abcd123"}""");
        var data = EnvelopeAssert.Success(body)!.AsArray();
        Assert.Equal("2", (string?)body["totalCount"]);
        // No page asked: page 1, still a string (the example's "" would not parse as a page number).
        Assert.Equal("1", (string?)body["currentPage"]);
        var lunchId = await app.WithDbAsync(db => db.RestTemplates.Where(x => x.Name == "Lunch").Select(x => x.Id).SingleAsync());
        var lunch = data.Single(r => (int)r!["id"]! == lunchId)!.AsObject();
        Assert.Equal(new[] { "id", "startStamp", "endStamp", "restNum", "tenantId", "typeCode" }, lunch.Select(p => p.Key));
        // The example's typing: id, restNum, tenantId numbers; stamps and typeCode strings.
        Assert.Equal(System.Text.Json.JsonValueKind.Number, lunch["id"]!.GetValueKind());
        Assert.Equal("11:30:00", (string?)lunch["startStamp"]);
        Assert.Equal("13:30:00", (string?)lunch["endStamp"]);
        Assert.Equal(2, (int)lunch["restNum"]!);
        Assert.Equal(10001, (int)lunch["tenantId"]!);
        Assert.Equal("1", (string?)lunch["typeCode"]);
        // A console template without a period is listed with empty stamps.
        var shortBreak = data.Single(r => (int)r!["id"]! != lunchId)!;
        Assert.Equal("", (string?)shortBreak["startStamp"]);
        Assert.Equal("", (string?)shortBreak["endStamp"]);
        Assert.Equal(0, (int)shortBreak["restNum"]!);
    }

    [Fact]
    public async Task Rest_time_template_filters_match_periods_that_overlap_the_window()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        async Task<int> Count(string filters)
        {
            var (_, body) = await api.PostAsync("/query/queryRestTimeTemp", $$"""{"tenantId": "10001",{{filters}}"actionID": "abcd123"}""");
            var data = EnvelopeAssert.Success(body)!.AsArray();
            Assert.Equal(data.Count.ToString(), (string?)body["totalCount"]);
            return data.Count;
        }
        // A39: overlap. Lunch is 11:30–13:30; the untimed "Short break" never matches a time filter.
        Assert.Equal(1, await Count("""  "startTime":"12:00:00","endTime":"12:30:00",  """));
        Assert.Equal(1, await Count("""  "startTime":"13:30:00","endTime":"18:00:00",  """));
        Assert.Equal(1, await Count("""  "startTime":"08:00:00","endTime":"11:30:00",  """));
        Assert.Equal(0, await Count("""  "startTime":"13:30:01","endTime":"18:00:00",  """));
        Assert.Equal(1, await Count("""  "startTime":"09:00:00",  """));
        Assert.Equal(0, await Count("""  "startTime":"14:00:00",  """));
        Assert.Equal(0, await Count("""  "endTime":"11:00:00",  """));
        Assert.Equal(2, await Count("""  "typeCode":"1",  """));
        Assert.Equal(0, await Count("""  "typeCode":"12",  """));
        var lunchId = await app.WithDbAsync(db => db.RestTemplates.Where(x => x.Name == "Lunch").Select(x => x.Id).SingleAsync());
        Assert.Equal(1, await Count($$"""  "id":"{{lunchId}}",  """));

        // Paging: page 2 of size 1 holds the second of the two, the total stays 2.
        var (_, paged) = await api.PostAsync("/query/queryRestTimeTemp", """{"tenantId": "10001","currentPage":"2","pageSize":"1","actionID": "abcd123"}""");
        Assert.Single(EnvelopeAssert.Success(paged)!.AsArray());
        Assert.Equal("2", (string?)paged["currentPage"]);
        Assert.Equal("2", (string?)paged["totalCount"]);

        var (_, bad) = await api.PostAsync("/query/queryRestTimeTemp", """{"tenantId": "10001","startTime":"12:00","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(bad, "startTime");
        (_, bad) = await api.PostAsync("/query/queryRestTimeTemp", """{"tenantId": "10001","startTime":"13:00:00","endTime":"12:00:00","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(bad, "endTime");
        (_, bad) = await api.PostAsync("/query/queryRestTimeTemp", """{"actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(bad, "tenantId");
    }

    // ------------------------------------------------------------------ §6.42 / §6.43

    [Fact]
    public async Task Blacklists_answer_the_spec_example_and_its_filters()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §6.42's example (S002:L14544) with tenant 10000 → 10001 and thisDN 10000_1000 → 10001_1000 (the demo agent).
        // Its window is one instant in 2017 and its number is not listed: nothing matches.
        var (status, body) = await api.PostAsync("/query/queryBlacklists",
            """{"tenantId": "10001","number": "18565485486","startTime": "2017-10-10 11:00:00","endTime": "2017-10-10 11:00:00","callType": "1","thisDN": "10001_1000","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
        Assert.Equal("1", (string?)body["currentPage"]);
        Assert.Equal("0", (string?)body["totalCount"]);

        // The same request for the demo entry: today's window, its number.
        var from = DateTime.Now.AddHours(-1).ToString("yyyy-MM-dd HH:mm:ss");
        var to = DateTime.Now.AddHours(1).ToString("yyyy-MM-dd HH:mm:ss");
        (_, body) = await api.PostAsync("/query/queryBlacklists",
            $$"""{"tenantId": "10001","number": "13800000000","startTime": "{{from}}","endTime": "{{to}}","callType": "1","thisDN": "10001_1000","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        var entry = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        Assert.Equal("1", (string?)body["totalCount"]);
        AssertDemoEntry(entry);

        // number matches part of mobile (A42); callType exactly.
        (_, body) = await api.PostAsync("/query/queryBlacklists",
            """{"tenantId": "10001","number": "13800","thisDN": "10001_1000","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Single(EnvelopeAssert.Success(body)!.AsArray());
        (_, body) = await api.PostAsync("/query/queryBlacklists",
            """{"tenantId": "10001","callType": "2","thisDN": "10001_1000","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
    }

    [Fact]
    public async Task Blacklists_do_not_require_thisDN_or_paging_but_check_what_is_sent()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // A41: thisDN, currentPage and pageSize are in the table as required; they are accepted when absent.
        var (_, body) = await api.PostAsync("/query/queryBlacklists", """{"tenantId": "10001","actionID": "abcd123"}""");
        Assert.Single(EnvelopeAssert.Success(body)!.AsArray());
        Assert.Equal("1", (string?)body["currentPage"]);
        Assert.Equal("1", (string?)body["totalCount"]);

        // When sent, thisDN must be an agent number of the request's tenant.
        (_, body) = await api.PostAsync("/query/queryBlacklists", """{"tenantId": "10001","thisDN": "10000_1000","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "thisDN");
        (_, body) = await api.PostAsync("/query/queryBlacklists", """{"tenantId": "10001","callType": "4","currentPage": "0","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "callType");
        EnvelopeAssert.Invalid(body, "currentPage");
        (_, body) = await api.PostAsync("/query/queryBlacklists", """{"tenantId": "10001","startTime": "2017-10-10","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "startTime");
        (_, body) = await api.PostAsync("/query/queryBlacklists",
            """{"tenantId": "10001","startTime": "2017-10-10 11:00:01","endTime": "2017-10-10 11:00:00","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "endTime");
    }

    [Fact]
    public async Task Blacklist_detail_answers_the_spec_example_and_201_for_an_unknown_id()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var id = await app.WithDbAsync(db => db.Blacklist.Where(x => x.Mobile == "13800000000").Select(x => x.Id).SingleAsync());
        // §6.43's example (S002:L14722) with tenant 10000 → 10001; its id "1" is the demo entry on a fresh database.
        Assert.Equal(1, id);
        var (status, body) = await api.PostAsync("/query/queryBlacklist", """{"tenantId": "10001","id": "1","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var entry = EnvelopeAssert.Success(body)!.AsObject();
        AssertDemoEntry(entry);
        Assert.Null(body["totalCount"]);

        (_, body) = await api.PostAsync("/query/queryBlacklist", """{"tenantId": "10001","id": "999","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        Assert.Equal("not found", (string?)body["errors"]![0]!["reason"]);
        (_, body) = await api.PostAsync("/query/queryBlacklist", """{"tenantId": "10001","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
    }

    private static void AssertDemoEntry(JsonObject entry)
    {
        Assert.Equal(new[] { "id", "tenantId", "userId", "nameCn", "name", "mobile", "callType", "status", "createdTime", "description" },
            entry.Select(p => p.Key));
        // The example's typing: every value a string.
        Assert.All(entry, p => Assert.Equal(System.Text.Json.JsonValueKind.String, p.Value!.GetValueKind()));
        Assert.Equal("1", (string?)entry["id"]);
        Assert.Equal("10001", (string?)entry["tenantId"]);
        Assert.Equal("", (string?)entry["userId"]); // created in the console, not by an agent
        Assert.Equal("admin", (string?)entry["nameCn"]);
        Assert.Equal("Nuisance caller", (string?)entry["name"]);
        Assert.Equal("13800000000", (string?)entry["mobile"]);
        Assert.Equal("1", (string?)entry["callType"]);
        Assert.Equal("1", (string?)entry["status"]);
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"), (string?)entry["createdTime"]);
        Assert.Equal("Repeated abusive calls", (string?)entry["description"]);
    }

    // ------------------------------------------------------------------ tenant scope

    [Fact]
    public async Task A_tenant_key_cannot_read_another_tenants_lists_and_its_ids_are_not_found()
    {
        await EnsureTenantAsync(20002);
        var other = await ApiClient.ForTenantAsync(app, 20002);
        foreach (var (path, json) in new[]
                 {
                     ("/query/queryAgentCustomState", """{"tenantId": "10001","actionID": "abcd123"}"""),
                     ("/query/queryAgentStateColors", """{"tenantId": "10001","actionID": "abcd123"}"""),
                     ("/query/queryRestTimeTemp", """{"tenantId": "10001","actionID": "abcd123"}"""),
                     ("/query/queryBlacklists", """{"tenantId": "10001","thisDN": "10001_1000","currentPage": "1","pageSize": "10","actionID": "abcd123"}"""),
                     ("/query/queryBlacklist", """{"tenantId": "10001","id": "1","actionID": "abcd123"}"""),
                 })
        {
            var (status, body) = await other.PostAsync(path, json);
            Assert.True(403 == status, path);
            Assert.Equal(403, (int?)body["code"]);
            Assert.Equal("abcd123", (string?)body["actionID"]);
            Assert.Null(body["data"]);
        }
        // Its own tenant: empty lists, and 10001's entry id is unknown there.
        var (_, own) = await other.PostAsync("/query/queryBlacklists", """{"tenantId": "20002","actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(own)!.AsArray());
        (_, own) = await other.PostAsync("/query/queryRestTimeTemp", """{"tenantId": "20002","actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(own)!.AsArray());
        (_, own) = await other.PostAsync("/query/queryBlacklist", """{"tenantId": "20002","id": "1","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(own, "id");
        // Only the built-ins for a tenant without custom reasons.
        (_, own) = await other.PostAsync("/query/queryAgentCustomState", """{"tenantId": "20002","actionID": "abcd123"}""");
        Assert.Equal(9, EnvelopeAssert.Success(own)!.AsArray()[2]!["reason"]!.AsArray().Count);
    }

    private Task<int> EnsureTenantAsync(int id) => app.WithDbAsync(async db =>
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == id)) db.Tenants.Add(new Tenant { Id = id, Name = $"Tenant {id}" });
        return await db.SaveChangesAsync();
    });
}
