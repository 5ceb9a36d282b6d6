using System.Text.Json;
using System.Text.Json.Nodes;
using CallCenter.Domain.Acds;
using CallCenter.Domain.Agents;
using CallCenter.Domain.Ivr;
using CallCenter.Domain.Tenants;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Tests.Api;

/// <summary>
/// §6.1–§6.3, §6.6, §6.7, §6.10–§6.12 and §6.16 on the demo tenant 10001 (left as seeded) and on tenant 30003, which
/// these tests create with bound and unbound rows and agents in several ACDs.
/// The seed's request examples name tenant 10000, which does not exist here; they are adapted to 10001 where noted.
/// </summary>
public sealed class OrganisationQueryApiTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    // ------------------------------------------------------------------ §6.1 unbound tenants

    [Fact]
    public async Task Unbound_tenants_answers_the_spec_example_with_numeric_ids()
    {
        await EnsureTenant30003Async();
        var api = await ApiClient.ForTenantAsync(app, null);
        // §6.1's example, verbatim.
        var (status, body) = await api.PostAsync("/binduser/unboundTenants", """{"actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var data = EnvelopeAssert.Success(body)!.AsArray();
        Assert.Null(body["currentPage"]);
        var demo = Assert.Single(data, t => t!["id"]!.GetValueKind() == JsonValueKind.Number && (int)t["id"]! == 10001)!.AsObject();
        AssertFields(demo, "id", "name", "count");
        Assert.Equal("Demo Call Center", (string?)demo["name"]);
        Assert.Equal("1", (string?)demo["count"]);
        // 30003 is bound.
        Assert.DoesNotContain(data, t => (int)t!["id"]! == 30003);

        // A tenant key sees its own tenant only.
        (_, body) = await (await ApiClient.ForTenantAsync(app, 10001)).PostAsync("/binduser/unboundTenants", """{"actionID": "abcd123"}""");
        Assert.Equal(10001, (int)Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!["id"]!);
        (_, body) = await (await ApiClient.ForTenantAsync(app, 30003)).PostAsync("/binduser/unboundTenants", """{"actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
    }

    [Fact]
    public async Task Unbound_tenants_refuses_a_body_that_is_not_a_json_object()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var (status, body) = await api.PostAsync("/binduser/unboundTenants", """{"actionID": "abcd123" """);
        Assert.Equal(200, status);
        Assert.Equal(201, (int?)body["code"]);
        Assert.Equal("body", (string?)body["errors"]![0]!["field"]);
    }

    // ------------------------------------------------------------------ §6.2 unbound ACDs

    [Fact]
    public async Task Unbound_queues_answers_the_spec_example()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var acdId = await app.WithDbAsync(db => db.Acds.Where(a => a.TenantId == 10001 && a.Code == "8000").Select(a => a.Id).SingleAsync());
        // §6.2's example, tenantId 10000 → 10001 (no tenant 10000 here).
        var (_, body) = await api.PostAsync("/binduser/unboundQueues", """{"tenantId": "10001", "actionID": "abcd123"}""");
        var q = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        AssertFields(q, "id", "name", "queueName", "count");
        Assert.Equal(JsonValueKind.Number, q["id"]!.GetValueKind());
        Assert.Equal(acdId, (int)q["id"]!);
        Assert.Equal("Default group", (string?)q["name"]);
        Assert.Equal("10001_8000", (string?)q["queueName"]);
        Assert.Equal("10", (string?)q["count"]);
    }

    [Fact]
    public async Task Unbound_queues_leaves_out_bound_acds_and_needs_a_tenant()
    {
        await EnsureTenant30003Async();
        var api = await ApiClient.ForTenantAsync(app, 30003);
        var (_, body) = await api.PostAsync("/binduser/unboundQueues", """{"tenantId": "30003", "actionID": "abcd123"}""");
        var q = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!;
        Assert.Equal("30003_8000", (string?)q["queueName"]);
        Assert.Equal("2", (string?)q["count"]);

        (_, body) = await api.PostAsync("/binduser/unboundQueues", """{"actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "tenantId");
    }

    // ------------------------------------------------------------------ §6.3 unbound agents

    [Fact]
    public async Task Unbound_users_answers_the_spec_example()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var ids = await app.WithDbAsync(db => db.Agents.Where(a => a.TenantId == 10001).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Code }).ToListAsync());
        // §6.3's example, tenantId and queueName 10000 → 10001.
        var (_, body) = await api.PostAsync("/binduser/unboundUsers",
            """{"tenantId": "10001", "queueName": "10001_8000", "actionID": "abcd123"}""");
        var data = EnvelopeAssert.Success(body)!.AsArray();
        Assert.Equal(10, data.Count);
        var first = data[0]!.AsObject();
        AssertFields(first, "id", "nameCn", "userName", "queueName");
        Assert.Equal(JsonValueKind.Number, first["id"]!.GetValueKind());
        Assert.Equal(ids[0].Id, (int)first["id"]!);
        Assert.Equal("Agent 1000", (string?)first["nameCn"]);
        Assert.Equal("10001_1000", (string?)first["userName"]);
        Assert.Equal("10001_8000", (string?)first["queueName"]);
        Assert.Equal(ids.Select(a => "10001_" + a.Code), data.Select(a => (string?)a!["userName"]));
    }

    [Fact]
    public async Task Unbound_users_leaves_out_bound_agents_and_shows_the_filtered_or_first_acd()
    {
        await EnsureTenant30003Async();
        var api = await ApiClient.ForTenantAsync(app, 30003);
        var (_, body) = await api.PostAsync("/binduser/unboundUsers", """{"tenantId": "30003", "actionID": "abcd123"}""");
        // 1001 is bound. 1000 is in 8000 and 8001: its first ACD is 8000 (the lower ACD id). 1004 is in none.
        Assert.Equal(
            new[] { "30003_1000=30003_8000", "30003_1002=30003_8001", "30003_1003=30003_8001", "30003_1004=" },
            Rows(body, "userName", "queueName"));

        // Filtered on 8001, every row shows 8001, 1000 included.
        (_, body) = await api.PostAsync("/binduser/unboundUsers", """{"tenantId": "30003", "queueName": "30003_8001", "actionID": "abcd123"}""");
        Assert.Equal(new[] { "30003_1000=30003_8001", "30003_1002=30003_8001", "30003_1003=30003_8001" }, Rows(body, "userName", "queueName"));

        var acd8001 = await app.WithDbAsync(db => db.Acds.Where(a => a.TenantId == 30003 && a.Code == "8001").Select(a => a.Id).SingleAsync());
        (_, body) = await api.PostAsync("/binduser/unboundUsers", $$"""{"tenantId": "30003", "queueId": "{{acd8001}}", "actionID": "abcd123"}""");
        Assert.Equal(new[] { "30003_1000", "30003_1002", "30003_1003" }, Rows(body, "userName"));

        // The bare code works as in §6.7; a queue of no ACD, or two filters naming different ACDs, give an empty list.
        (_, body) = await api.PostAsync("/binduser/unboundUsers", """{"tenantId": "30003", "queueName": "8000", "actionID": "abcd123"}""");
        Assert.Equal(new[] { "30003_1000" }, Rows(body, "userName"));
        (_, body) = await api.PostAsync("/binduser/unboundUsers", """{"tenantId": "30003", "queueName": "30003_9999", "actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
        (_, body) = await api.PostAsync("/binduser/unboundUsers",
            $$"""{"tenantId": "30003", "queueName": "30003_8000", "queueId": "{{acd8001}}", "actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
    }

    [Fact]
    public async Task Unbound_users_refuses_a_malformed_queue_id()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var (_, body) = await api.PostAsync("/binduser/unboundUsers", """{"tenantId": "10001", "queueId": "abc", "actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "queueId");
    }

    // ------------------------------------------------------------------ §6.6 ACD list

    [Fact]
    public async Task Queue_list_answers_the_spec_example()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var acdId = await app.WithDbAsync(db => db.Acds.Where(a => a.TenantId == 10001 && a.Code == "8000").Select(a => a.Id).SingleAsync());
        // §6.6's example, tenantId 10000 → 10001.
        var (_, body) = await api.PostAsync("/query/queryQueues",
            """{"tenantId": "10001", "name": "8000", "currentPage": "1", "pageSize": "10", "actionID": "abcd123"}""");
        var q = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        Assert.Equal("1", (string?)body["currentPage"]);
        Assert.Equal("1", (string?)body["totalCount"]);
        AssertFields(q, "id", "tenantId", "name", "code", "queueName", "strategy", "outboundNumber", "maxWaitTimeWithNoAgent", "count");
        Assert.Equal(acdId.ToString(), (string?)q["id"]);
        Assert.Equal("10001", (string?)q["tenantId"]);
        Assert.Equal("Default group", (string?)q["name"]);
        Assert.Equal("8000", (string?)q["code"]);
        Assert.Equal("10001_8000", (string?)q["queueName"]);
        Assert.Equal("longest-idle-agent", (string?)q["strategy"]);
        Assert.Equal("4008000000", (string?)q["outboundNumber"]);
        Assert.Equal("60", (string?)q["maxWaitTimeWithNoAgent"]);
        Assert.Equal("10", (string?)q["count"]);

        // `name` matches the name (a part of it) as well as the code.
        (_, body) = await api.PostAsync("/query/queryQueues", """{"tenantId": "10001", "name": "Default", "actionID": "abcd123"}""");
        Assert.Equal("10001_8000", (string?)Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!["queueName"]);
        (_, body) = await api.PostAsync("/query/queryQueues", """{"tenantId": "10001", "name": "800", "actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
        Assert.Equal("0", (string?)body["totalCount"]);
    }

    [Fact]
    public async Task A_list_for_a_tenant_that_does_not_exist_is_empty()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        // §6.6's example verbatim: there is no tenant 10000.
        var (_, body) = await api.PostAsync("/query/queryQueues",
            """{"tenantId": "10000", "name": "8000", "currentPage": "1", "pageSize": "10", "actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
        Assert.Equal("1", (string?)body["currentPage"]);
        Assert.Equal("0", (string?)body["totalCount"]);
    }

    [Fact]
    public async Task Queue_list_refuses_a_page_size_of_zero()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var (_, body) = await api.PostAsync("/query/queryQueues", """{"tenantId": "10001", "pageSize": "0", "actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "pageSize");
    }

    // ------------------------------------------------------------------ §6.7 ACD detail

    [Fact]
    public async Task Queue_detail_answers_the_spec_example_and_accepts_the_bare_code()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var acdId = await app.WithDbAsync(db => db.Acds.Where(a => a.TenantId == 10001 && a.Code == "8000").Select(a => a.Id).SingleAsync());
        // §6.7's example, tenantId and queue 10000 → 10001.
        var (_, body) = await api.PostAsync("/query/queryQueue", """{"tenantId": "10001", "queue": "10001_8000", "actionID": "abcd123"}""");
        var q = EnvelopeAssert.Success(body)!.AsObject();
        AssertFields(q, "id", "tenantId", "name", "code", "queueName", "strategy", "outboundNumber", "maxWaitTimeWithNoAgent", "agent");
        Assert.Equal(acdId.ToString(), (string?)q["id"]);
        Assert.Equal("10001", (string?)q["tenantId"]);
        Assert.Equal("Default group", (string?)q["name"]);
        Assert.Equal("8000", (string?)q["code"]);
        Assert.Equal("10001_8000", (string?)q["queueName"]);
        Assert.Equal("longest-idle-agent", (string?)q["strategy"]);
        Assert.Equal("4008000000", (string?)q["outboundNumber"]);
        Assert.Equal("60", (string?)q["maxWaitTimeWithNoAgent"]);
        // A8: an array of member numbers, as the example shows (not the table's {"1": …} object).
        Assert.Equal(Enumerable.Range(1000, 10).Select(n => $"10001_{n}"), q["agent"]!.AsArray().Select(a => (string?)a));

        // A9: the bare code names the same ACD.
        (_, body) = await api.PostAsync("/query/queryQueue", """{"tenantId": "10001", "queue": "8000", "actionID": "abcd123"}""");
        Assert.Equal(acdId.ToString(), (string?)EnvelopeAssert.Success(body)!["id"]);
    }

    [Fact]
    public async Task Queue_detail_lists_members_by_priority_then_number()
    {
        await EnsureTenant30003Async();
        var api = await ApiClient.ForTenantAsync(app, 30003);
        var (_, body) = await api.PostAsync("/query/queryQueue", """{"tenantId": "30003", "queue": "30003_8001", "actionID": "abcd123"}""");
        // 1002 has priority 1; 1000 and 1003 priority 2.
        Assert.Equal(new[] { "30003_1002", "30003_1000", "30003_1003" },
            EnvelopeAssert.Success(body)!["agent"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("ring-all", (string?)body["data"]!["strategy"]);
    }

    [Fact]
    public async Task Queue_detail_of_an_unknown_or_foreign_queue_is_201_not_found()
    {
        await EnsureTenant30003Async();
        var api = await ApiClient.ForTenantAsync(app, null);
        foreach (var queue in new[] { "10001_9999", "9999", "30003_8001" })
        {
            var (_, body) = await api.PostAsync("/query/queryQueue", $$"""{"tenantId": "10001", "queue": "{{queue}}", "actionID": "abcd123"}""");
            EnvelopeAssert.Invalid(body, "queue");
            Assert.Equal("not found", (string?)body["errors"]![0]!["reason"]);
        }
        var (_, missing) = await api.PostAsync("/query/queryQueue", """{"tenantId": "10001", "actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(missing, "queue");
        Assert.Equal("required", (string?)missing["errors"]![0]!["reason"]);
    }

    // ------------------------------------------------------------------ §6.10 extensions

    [Fact]
    public async Task Extension_list_answers_the_spec_example()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var ext = await app.WithDbAsync(db => db.Extensions.SingleAsync(x => x.TenantId == 10001 && x.Number == "1000"));
        // §6.10's example, tenantId 10000 → 10001.
        var (_, body) = await api.PostAsync("/query/queryExtension",
            """{"tenantId": "10001", "status": "1", "actionID": "abcd123", "currentPage": "1", "pageSize": "10"}""");
        var data = EnvelopeAssert.Success(body)!.AsArray();
        Assert.Equal(10, data.Count);
        Assert.Equal("1", (string?)body["currentPage"]);
        Assert.Equal("10", (string?)body["totalCount"]);
        var x = data[0]!.AsObject();
        AssertFields(x, "id", "tenantId", "name", "nameCn", "status", "extension", "password", "createdTime");
        Assert.Equal(ext.Id.ToString(), (string?)x["id"]);
        Assert.Equal("10001", (string?)x["tenantId"]);
        Assert.Equal("1", (string?)x["status"]);
        Assert.Equal("1000", (string?)x["extension"]);
        Assert.Equal("sip1000pw", (string?)x["password"]);
        // A13: the example's name/nameCn are the agent bound to the extension.
        Assert.Equal("10001_1000", (string?)x["name"]);
        Assert.Equal("Agent 1000", (string?)x["nameCn"]);
        Assert.Equal(LocalTime(ext.CreatedTime), (string?)x["createdTime"]);

        (_, body) = await api.PostAsync("/query/queryExtension", """{"tenantId": "10001", "status": "0", "actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
        Assert.Equal("0", (string?)body["totalCount"]);
    }

    [Fact]
    public async Task Extension_list_refuses_an_unknown_status()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var (_, body) = await api.PostAsync("/query/queryExtension", """{"tenantId": "10001", "status": "7", "actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "status");
    }

    // ------------------------------------------------------------------ §6.11 agents

    [Fact]
    public async Task Agent_list_answers_the_spec_example()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var (agent, acdId) = await app.WithDbAsync(async db => (
            await db.Agents.SingleAsync(a => a.TenantId == 10001 && a.Code == "1000"),
            await db.Acds.Where(a => a.TenantId == 10001 && a.Code == "8000").Select(a => a.Id).SingleAsync()));
        // §6.11's example, tenantId 10000 → 10001 and nameCn "xxx" → "Agent 1000" (the demo agent's name).
        var (_, body) = await api.PostAsync("/query/queryUsers",
            """{"tenantId": "10001", "name": "10001_1000", "nameCn": "Agent 1000", "actionID": "abcd123", "currentPage": "1", "pageSize": "10"}""");
        var a = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        Assert.Equal("1", (string?)body["currentPage"]);
        Assert.Equal("1", (string?)body["totalCount"]);
        AssertAgent1000(a, agent, acdId);

        // `name` also takes the bare code; `nameCn` matches a part of the name; `queueName` filters on membership.
        (_, body) = await api.PostAsync("/query/queryUsers", """{"tenantId": "10001", "name": "1000", "actionID": "abcd123"}""");
        Assert.Equal("10001_1000", (string?)Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!["name"]);
        (_, body) = await api.PostAsync("/query/queryUsers", """{"tenantId": "10001", "name": "30003_1000", "actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
        (_, body) = await api.PostAsync("/query/queryUsers", """{"tenantId": "10001", "nameCn": "gent 100", "queueName": "10001_8000", "actionID": "abcd123"}""");
        Assert.Equal("10", (string?)body["totalCount"]);
        (_, body) = await api.PostAsync("/query/queryUsers", """{"tenantId": "10001", "queueName": "10001_8001", "actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
        Assert.Equal("0", (string?)body["totalCount"]);
    }

    [Fact]
    public async Task Agent_list_pages_the_ten_demo_agents()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var (_, body) = await api.PostAsync("/query/queryUsers", """{"tenantId": "10001", "actionID": "abcd123", "currentPage": "1", "pageSize": "3"}""");
        Assert.Equal(new[] { "10001_1000", "10001_1001", "10001_1002" }, Rows(body, "name"));
        Assert.Equal("1", (string?)body["currentPage"]);
        Assert.Equal("10", (string?)body["totalCount"]);

        (_, body) = await api.PostAsync("/query/queryUsers", """{"tenantId": "10001", "actionID": "abcd123", "currentPage": "4", "pageSize": "3"}""");
        Assert.Equal(new[] { "10001_1009" }, Rows(body, "name"));
        Assert.Equal("4", (string?)body["currentPage"]);
        Assert.Equal("10", (string?)body["totalCount"]);
    }

    [Fact]
    public async Task Agent_list_shows_the_filtered_or_first_acd_and_empty_strings_for_none()
    {
        await EnsureTenant30003Async();
        var api = await ApiClient.ForTenantAsync(app, 30003);
        var (_, body) = await api.PostAsync("/query/queryUsers", """{"tenantId": "30003", "actionID": "abcd123"}""");
        Assert.Equal(
            new[] { "30003_1000=30003_8000", "30003_1001=30003_8000", "30003_1002=30003_8001", "30003_1003=30003_8001", "30003_1004=" },
            Rows(body, "name", "queue"));
        var none = body["data"]![4]!;
        Assert.Equal("", (string?)none["queueId"]);
        Assert.Equal("", (string?)none["extension"]);

        (_, body) = await api.PostAsync("/query/queryUsers", """{"tenantId": "30003", "queueName": "8001", "actionID": "abcd123"}""");
        Assert.Equal(new[] { "30003_1000=30003_8001", "30003_1002=30003_8001", "30003_1003=30003_8001" }, Rows(body, "name", "queue"));
    }

    [Fact]
    public async Task Agent_list_refuses_a_malformed_page()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var (_, body) = await api.PostAsync("/query/queryUsers", """{"tenantId": "10001", "currentPage": "x", "actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "currentPage");
    }

    // ------------------------------------------------------------------ §6.12 agent detail

    [Fact]
    public async Task Agent_detail_answers_the_spec_example()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var (agent, acdId) = await app.WithDbAsync(async db => (
            await db.Agents.SingleAsync(a => a.Id == 1),
            await db.Acds.Where(a => a.TenantId == 10001 && a.Code == "8000").Select(a => a.Id).SingleAsync()));
        // §6.12's example, tenantId 10000 → 10001; record id 1 is the demo's first agent, 10001_1000.
        var (_, body) = await api.PostAsync("/query/queryUser", """{"tenantId": "10001", "id": "1", "actionID": "abcd123"}""");
        AssertAgent1000(EnvelopeAssert.Success(body)!.AsObject(), agent, acdId);
    }

    [Fact]
    public async Task Agent_detail_of_an_unknown_or_foreign_id_is_201_not_found()
    {
        await EnsureTenant30003Async();
        var foreign = await app.WithDbAsync(db => db.Agents.Where(a => a.TenantId == 30003).Select(a => a.Id).FirstAsync());
        var api = await ApiClient.ForTenantAsync(app, null);
        // §6.12's example verbatim: there is no tenant 10000, so no agent 1 in it.
        foreach (var json in new[]
                 {
                     """{"tenantId": "10000", "id": "1", "actionID": "abcd123"}""",
                     """{"tenantId": "10001", "id": "99999", "actionID": "abcd123"}""",
                     $$"""{"tenantId": "10001", "id": "{{foreign}}", "actionID": "abcd123"}""",
                 })
        {
            var (_, body) = await api.PostAsync("/query/queryUser", json);
            EnvelopeAssert.Invalid(body, "id");
            Assert.Equal("not found", (string?)body["errors"]![0]!["reason"]);
        }
        var (_, malformed) = await api.PostAsync("/query/queryUser", """{"tenantId": "10001", "id": "10001_1000", "actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(malformed, "id");
    }

    // ------------------------------------------------------------------ §6.16 IVR flows

    [Fact]
    public async Task Route_list_answers_the_spec_example_under_both_versions()
    {
        var flowId = await app.WithDbAsync(async db =>
        {
            var flow = await db.IvrFlows.FirstOrDefaultAsync(f => f.TenantId == 10001 && f.Name == "直转");
            if (flow is null)
            {
                flow = new IvrFlow { TenantId = 10001, Name = "直转", CreatedTime = DateTime.UtcNow };
                db.IvrFlows.Add(flow);
                await db.SaveChangesAsync();
            }
            return flow.Id;
        });
        var api = await ApiClient.ForTenantAsync(app, null);
        // §6.16's example, tenantId 10000 → 10001 (this test adds the flow "直转" to the demo tenant).
        const string example = """{"tenantId": "10001", "name": "直转", "currentPage": "1", "pageSize": "10", "actionID": "abcd123"}""";
        foreach (var version in new[] { "5.0.x.20210203_release", "2.0.5.20210514_release" })
        {
            var (status, body) = await api.PostAsync("/query/queryRouteInfos", example, version);
            Assert.Equal(200, status);
            var f = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
            AssertFields(f, "id", "name", "tenantId");
            Assert.Equal(flowId.ToString(), (string?)f["id"]);
            Assert.Equal("直转", (string?)f["name"]);
            Assert.Equal("10001", (string?)f["tenantId"]);
            Assert.Equal("1", (string?)body["currentPage"]);
            Assert.Equal("1", (string?)body["totalCount"]);
        }
    }

    [Fact]
    public async Task Route_list_without_tenant_spans_the_keys_tenants_and_takes_ids_sort_and_order()
    {
        await EnsureTenant30003Async();
        var all = await ApiClient.ForTenantAsync(app, null);
        var (_, body) = await all.PostAsync("/query/queryRouteInfos", """{"actionID": "abcd123", "pageSize": "1000"}""");
        var tenants = Rows(body, "tenantId").Distinct().Order().ToList();
        Assert.Equal(new[] { "10001", "30003" }, tenants);

        var own = await ApiClient.ForTenantAsync(app, 30003);
        // Default order: id ascending ("Night service" was created first).
        (_, body) = await own.PostAsync("/query/queryRouteInfos", """{"actionID": "abcd123"}""");
        Assert.Equal(new[] { "Night service", "Day service" }, Rows(body, "name"));
        Assert.Equal("2", (string?)body["totalCount"]);
        (_, body) = await own.PostAsync("/query/queryRouteInfos", """{"actionID": "abcd123", "sort": "name"}""");
        Assert.Equal(new[] { "Day service", "Night service" }, Rows(body, "name"));
        (_, body) = await own.PostAsync("/query/queryRouteInfos", """{"actionID": "abcd123", "order": "desc"}""");
        Assert.Equal(new[] { "Day service", "Night service" }, Rows(body, "name"));
        (_, body) = await own.PostAsync("/query/queryRouteInfos", """{"actionID": "abcd123", "sort": "name", "order": "desc"}""");
        Assert.Equal(new[] { "Night service", "Day service" }, Rows(body, "name"));

        var night = await app.WithDbAsync(db => db.IvrFlows.Where(f => f.TenantId == 30003 && f.Name == "Night service").Select(f => f.Id).SingleAsync());
        (_, body) = await own.PostAsync("/query/queryRouteInfos", $$"""{"actionID": "abcd123", "ids": "{{night}},999999"}""");
        Assert.Equal(new[] { "Night service" }, Rows(body, "name"));
        (_, body) = await own.PostAsync("/query/queryRouteInfos", """{"actionID": "abcd123", "name": "Day"}""");
        Assert.Equal(new[] { "Day service" }, Rows(body, "name"));
    }

    [Fact]
    public async Task Route_list_refuses_an_unknown_order_or_malformed_ids()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var (_, body) = await api.PostAsync("/query/queryRouteInfos", """{"actionID": "abcd123", "order": "up", "ids": "1,a"}""");
        EnvelopeAssert.Invalid(body, "order");
        EnvelopeAssert.Invalid(body, "ids");
    }

    // ------------------------------------------------------------------ tenant scope

    [Theory]
    [InlineData("/binduser/unboundQueues", "")]
    [InlineData("/binduser/unboundUsers", "")]
    [InlineData("/query/queryQueues", "")]
    [InlineData("/query/queryQueue", """, "queue": "10001_8000" """)]
    [InlineData("/query/queryExtension", "")]
    [InlineData("/query/queryUsers", "")]
    [InlineData("/query/queryUser", """, "id": "1" """)]
    [InlineData("/query/queryRouteInfos", "")]
    public async Task A_tenant_key_naming_another_tenant_is_refused_with_403(string path, string extra)
    {
        await EnsureTenant30003Async();
        var api = await ApiClient.ForTenantAsync(app, 30003);
        var (status, body) = await api.PostAsync(path, $$"""{"tenantId": "10001", "actionID": "abcd123"{{extra}}}""");
        Assert.Equal(403, status);
        Assert.Equal(403, (int?)body["code"]);
        Assert.Equal("abcd123", (string?)body["actionID"]);
        Assert.Null(body["data"]);
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>The nine fields of §6.11/§6.12 plus <c>createdTime</c> (A14), for the demo agent 10001_1000.</summary>
    private static void AssertAgent1000(JsonObject a, Agent agent, int acdId)
    {
        AssertFields(a, "id", "nameCn", "name", "tenantId", "status", "queue", "queueId", "createTime", "createdTime", "extension");
        Assert.Equal(agent.Id.ToString(), (string?)a["id"]);
        Assert.Equal("Agent 1000", (string?)a["nameCn"]);
        Assert.Equal("10001_1000", (string?)a["name"]);
        Assert.Equal("10001", (string?)a["tenantId"]);
        Assert.Equal("1", (string?)a["status"]);
        Assert.Equal("10001_8000", (string?)a["queue"]);
        Assert.Equal(acdId.ToString(), (string?)a["queueId"]);
        Assert.Equal("1000", (string?)a["extension"]);
        Assert.Equal(LocalTime(agent.CreatedTime), (string?)a["createTime"]);
        Assert.Equal(LocalTime(agent.CreatedTime), (string?)a["createdTime"]);
    }

    private static void AssertFields(JsonObject o, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), o.Select(p => p.Key).Order(StringComparer.Ordinal));

    /// <summary>Each data row's fields joined by "=" (string values).</summary>
    private static List<string> Rows(JsonObject body, params string[] fields) =>
        EnvelopeAssert.Success(body)!.AsArray().Select(r => string.Join("=", fields.Select(f => (string?)r![f]))).ToList();

    /// <summary>A stored UTC time as the server's local <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    private static string LocalTime(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss");

    /// <summary>
    /// Tenant 30003 (bound): ACD 8000 (unbound, round-robin) with 1000, 1001; ACD 8001 (bound, ring-all) with 1002 (priority 1),
    /// 1000 and 1003 (priority 2); agents 1000–1004 without extensions, 1001 bound, 1004 in no ACD; IVR flows
    /// "Night service" and "Day service". Created once per fixture.
    /// </summary>
    private Task EnsureTenant30003Async() => app.WithDbAsync(async db =>
    {
        if (await db.Tenants.AnyAsync(t => t.Id == 30003)) return 0;
        var now = DateTime.UtcNow;
        db.Tenants.Add(new Tenant { Id = 30003, Name = "Bound tenant", Bound = true, CreatedTime = now });
        await db.SaveChangesAsync();
        var agents = new[] { "1000", "1001", "1002", "1003", "1004" }.Select(code =>
        {
            var agent = new Agent { TenantId = 30003, Code = code, NameCn = $"Person {code}", Bound = code == "1001", CreatedTime = now };
            agent.SetPassword("secret1");
            return agent;
        }).ToList();
        db.Agents.AddRange(agents);
        await db.SaveChangesAsync();
        var byCode = agents.ToDictionary(a => a.Code, a => a.Id);
        db.Acds.Add(new Acd
        {
            TenantId = 30003, Code = "8000", Name = "Unbound group", Strategy = RoutingStrategy.RoundRobin, CreatedTime = now,
            Members = { new AcdMember { AgentId = byCode["1000"] }, new AcdMember { AgentId = byCode["1001"] } },
        });
        await db.SaveChangesAsync();
        db.Acds.Add(new Acd
        {
            TenantId = 30003, Code = "8001", Name = "Bound group", Bound = true, Strategy = RoutingStrategy.RingAll, CreatedTime = now,
            Members =
            {
                new AcdMember { AgentId = byCode["1003"], Priority = 2 },
                new AcdMember { AgentId = byCode["1002"], Priority = 1 },
                new AcdMember { AgentId = byCode["1000"], Priority = 2 },
            },
        });
        db.IvrFlows.Add(new IvrFlow { TenantId = 30003, Name = "Night service", CreatedTime = now });
        db.IvrFlows.Add(new IvrFlow { TenantId = 30003, Name = "Day service", CreatedTime = now });
        return await db.SaveChangesAsync();
    });
}
