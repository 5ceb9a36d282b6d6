using System.Text.Json.Nodes;
using CallCenter.Infrastructure.Cti;
using CallCenter.Infrastructure.Telephony.Simulated;
using CallCenter.Tests.Cti;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CallCenter.Tests.Cti.ProtocolClient;

namespace CallCenter.Tests.Api;

/// <summary>
/// §6.8, §6.9, §6.13, §6.14, §6.15 and §6.40, read live from the engine while real WebSocket agents of the demo tenant
/// (10001, ACD 10001_8000) change state. Each test uses its own agents and logs them out again, so the tests of this
/// class (run one after another) each start from "everybody logged out".
/// </summary>
public sealed class RealtimeApiTests : IClassFixture<CtiAppFactory>, IAsyncLifetime
{
    private readonly CtiAppFactory _app;

    public RealtimeApiTests(CtiAppFactory app) => _app = app;

    public Task InitializeAsync()
    {
        if (_app.BaseUrl.Length == 0) _app.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Logs in (state busy 3), then ready or busy with a reason when asked.</summary>
    private async Task<ProtocolClient> LoginAsync(string dn, bool ready = false, int? reason = null)
    {
        var c = await ProtocolClient.ConnectAsync(_app.BaseUrl, dn);
        await c.SendAsync(Inner(100, ("extension", dn.Split('_')[1]), ("thisQueues", new JsonArray("10001_8000"))), "login");
        await c.WaitForAsync(580);
        if (ready)
        {
            await c.SendAsync(Inner(101));
            await c.WaitForAsync(583);
        }
        if (reason is int r)
        {
            await c.SendAsync(Inner(102, ("reasonCode", r)));
            await c.WaitForAsync(582, e => (int?)e["reasonCode"] == r);
        }
        return c;
    }

    /// <summary>Logs out (a closed socket alone keeps the agent logged in for the resume grace) and closes.</summary>
    private static async Task LogoutAsync(ProtocolClient c)
    {
        await c.SendAsync(Inner(103, ("extension", c.Dn.Split('_')[1])));
        await c.WaitForAsync(581);
        await c.DisposeAsync();
    }

    /// <summary>Posts until <paramref name="done"/> holds (bounded); returns the last answer.</summary>
    private static async Task<JsonObject> PollAsync(ApiClient api, string path, string json, Func<JsonObject, bool> done, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var (status, body) = await api.PostAsync(path, json);
            Assert.Equal(200, status);
            if (done(body) || DateTime.UtcNow > deadline) return body;
            await Task.Delay(100);
        }
    }

    private static JsonObject Row(JsonObject body, string agent) =>
        EnvelopeAssert.Success(body)!.AsArray().Single(r => (string?)r!["agent"] == agent)!.AsObject();

    [Fact]
    public async Task Agent_states_counts_and_acd_figures_follow_ready_busy_away_and_resting_agents()
    {
        var api = await ApiClient.ForTenantAsync(_app, 10001);
        var ready = await LoginAsync("10001_1000", ready: true);
        var away = await LoginAsync("10001_1001", reason: 4);
        var resting = await LoginAsync("10001_1002", reason: 5);
        try
        {
            // §6.13 with the seed's example, adapted to tenant 10001.
            var (_, body) = await api.PostAsync("/callcenter/queryAgentStates",
                """{"tenantId": "10001","agent":"10001_1000,10001_1001,10001_1002,10001_1003,10001_1004,10001_1005","actionID": "abcd123"}""");
            var rows = EnvelopeAssert.Success(body)!.AsArray();
            Assert.Equal(6, rows.Count);
            var r1000 = Row(body, "10001_1000");
            Assert.Equal(1, (int?)r1000["state"]);
            Assert.Equal("1000", (string?)r1000["extension"]);
            Assert.Equal("Agent 1000", (string?)r1000["name"]);
            Assert.False(r1000.ContainsKey("reasonCode")); // A19: only with state 2
            Assert.Equal((2, 4), ((int)Row(body, "10001_1001")["state"]!, (int)Row(body, "10001_1001")["reasonCode"]!));
            Assert.Equal((2, 5), ((int)Row(body, "10001_1002")["state"]!, (int)Row(body, "10001_1002")["reasonCode"]!));
            var r1003 = Row(body, "10001_1003");
            Assert.Equal(0, (int?)r1003["state"]);
            Assert.True(r1003.ContainsKey("extension"));
            Assert.Null(r1003["extension"]);
            Assert.False(r1003.ContainsKey("reasonCode"));

            // A38: no agent/extension/queueName = every agent of the tenant; state 3 = online; reasonCode filter.
            (_, body) = await api.PostAsync("/callcenter/queryAgentStates", """{"tenantId":"10001","actionID":"abcd123"}""");
            Assert.Equal(10, EnvelopeAssert.Success(body)!.AsArray().Count);
            (_, body) = await api.PostAsync("/callcenter/queryAgentStates", """{"tenantId":"10001","state":"3","actionID":"abcd123"}""");
            Assert.Equal(new[] { "10001_1000", "10001_1001", "10001_1002" },
                EnvelopeAssert.Success(body)!.AsArray().Select(r => (string)r!["agent"]!));
            (_, body) = await api.PostAsync("/callcenter/queryAgentStates", """{"tenantId":"10001","state":"2","reasonCode":"4","actionID":"abcd123"}""");
            Assert.Equal("10001_1001", (string?)Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!["agent"]);
            (_, body) = await api.PostAsync("/callcenter/queryAgentStates", """{"tenantId":"10001","extension":"1002,1003","actionID":"abcd123"}""");
            Assert.Equal(new[] { "10001_1002", "10001_1003" }, EnvelopeAssert.Success(body)!.AsArray().Select(r => (string)r!["agent"]!));
            (_, body) = await api.PostAsync("/callcenter/queryAgentStates", """{"tenantId":"10001","queueName":"10001_8000","state":"0","actionID":"abcd123"}""");
            Assert.Equal(7, EnvelopeAssert.Success(body)!.AsArray().Count);

            // §6.15 with the seed's example.
            (_, body) = await api.PostAsync("/callcenter/queryAgentStateNum", """{"tenantId": "10001","actionID": "abcd123"}""");
            var counts = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
            Assert.Equal("", (string?)body["currentPage"]);
            Assert.Equal("", (string?)body["totalCount"]);
            Assert.Equal(System.Text.Json.JsonValueKind.Number, counts["tenantId"]!.GetValueKind());
            Assert.Equal(10001, (int?)counts["tenantId"]);
            Assert.Equal((10, 7, 3, 1, 2, 3), ((int)counts["agentNum"]!, (int)counts["logoutNum"]!, (int)counts["loginNum"]!,
                (int)counts["readyNum"]!, (int)counts["busyNum"]!, (int)counts["registerNum"]!));
            var perReason = counts["agentStateNum"]!.AsArray()
                .Select(x => ((string)x!["reasonCode"]!, (int)x["reasonCodeNum"]!, (string)x["reasonCodeText"]!)).ToList();
            Assert.Equal(new[] { ("4", 1, "离开"), ("5", 1, "休息") }, perReason);
            (_, body) = await api.PostAsync("/callcenter/queryAgentStateNum", """{"tenantId":"10001","queueName":"10001_8000","actionID":"abcd123"}""");
            counts = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
            Assert.Equal("10001_8000", (string?)counts["thisQueue"]);
            Assert.Equal(3, (int?)counts["loginNum"]);

            // §6.8 with the seed's example, adapted to tenant 10001 (no queueName = every ACD of the tenant).
            (_, body) = await api.PostAsync("/callcenter/queryQueueRealtimeData", """{"tenantId": "10001","actionID": "abcd123"}""");
            var acd = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
            Assert.Equal("", (string?)body["currentPage"]);
            Assert.Equal("", (string?)body["totalCount"]);
            Assert.Equal("10001_8000", (string?)acd["thisQueue"]);
            Assert.Equal("Default group", (string?)acd["description"]);
            Assert.Equal((0, 0, 0, 0), ((int)acd["queueNum"]!, (int)acd["queueSum"]!, (int)acd["callingNum"]!, (int)acd["maxHoldTime"]!));
            Assert.Equal((7, 3, 1, 2, 3), ((int)acd["logoutNum"]!, (int)acd["loginNum"]!, (int)acd["readyNum"]!, (int)acd["busyNum"]!,
                (int)acd["registerNum"]!));
            Assert.Equal("""{"4":1,"5":1}""", acd["reasonCodeNum"]!.ToJsonString());
            Assert.Equal(0, (int?)acd["estimatedWaitingTime"]);

            // §6.14: the 31 fields for a logged-in agent (today's intervals from the state records), the short form otherwise.
            const string realtime = """{"tenantId": "10001","agent":"10001_1001,10001_1003","actionID": "abcd123"}""";
            body = await PollAsync(api, "/callcenter/queryAgentRealtimeData", realtime,
                b => Row(b, "10001_1001")["busyReason"]!.AsArray().Count == 2);
            var full = Row(body, "10001_1001");
            Assert.Equal(31, full.Count);
            Assert.True(full.ContainsKey("callID"));
            Assert.Null(full["callID"]);
            Assert.Equal((2, 4, 1), ((int)full["state"]!, (int)full["reasonCode"]!, (int)full["deviceState"]!));
            Assert.Equal("1001", (string?)full["extension"]);
            Assert.Equal((1, 0, 0, 2), ((int)full["loginCount"]!, (int)full["logoutCount"]!, (int)full["readyCount"]!, (int)full["busyCount"]!));
            Assert.Equal(new[] { (3, 1), (4, 1) },
                full["busyReason"]!.AsArray().Select(x => ((int)x!["reasonCode"]!, (int)x["operationCount"]!)));
            Assert.Equal("10001_8000", (string?)full["thisQueue"]);
            Assert.Equal("Default group", (string?)full["queueName"]);
            Assert.Equal(("1", "Service"), ((string?)full["typeCode"], (string?)full["typeType"]));
            Assert.Equal(0, (int?)full["inCalls"]);
            var brief = Row(body, "10001_1003");
            Assert.Equal(new[] { "agent", "extension", "busyReason", "state", "deviceState" }, brief.Select(p => p.Key));
            Assert.Equal((0, 0), ((int)brief["state"]!, brief["busyReason"]!.AsArray().Count));
            Assert.Null(brief["extension"]);

            (_, body) = await api.PostAsync("/callcenter/queryAgentRealtimeData", """{"tenantId":"10001","queueName":"8000","typeCode":"1","actionID":"abcd123"}""");
            Assert.Equal(10, EnvelopeAssert.Success(body)!.AsArray().Count);
            (_, body) = await api.PostAsync("/callcenter/queryAgentRealtimeData", """{"tenantId":"10001","typeCode":"none","actionID":"abcd123"}""");
            Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
        }
        finally
        {
            await LogoutAsync(ready);
            await LogoutAsync(away);
            await LogoutAsync(resting);
        }
    }

    [Fact]
    public async Task A_waiting_inbound_call_shows_in_the_acd_figures_and_the_queued_calls_then_with_the_agent_that_took_it()
    {
        var api = await ApiClient.ForTenantAsync(_app, 10001);
        var sim = _app.Services.GetRequiredService<SimulatedSwitch>();
        var callId = sim.PlaceInboundCall(10001, "10001_8000", "13912345678");

        const string figures = """{"tenantId": "10001","queueName":"10001_8000","actionID": "abcd123"}""";
        var body = await PollAsync(api, "/callcenter/queryQueueRealtimeData", figures,
            b => (int?)b["data"]![0]!["queueNum"] == 1);
        var acd = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!;
        Assert.Equal((1, 1, 0), ((int)acd["queueNum"]!, (int)acd["queueSum"]!, (int)acd["callingNum"]!));
        Assert.True((int)acd["maxHoldTime"]! >= 0);
        Assert.True((int)acd["inCalls"]! >= 1);

        // §6.9 with the seed's example, adapted to 10001.
        const string queued = """{"queueName": "10001_8000","actionID": "abcd123"}""";
        var (_, q) = await api.PostAsync("/callcenter/queryQueueRealtimeQueueData", queued);
        var row = Assert.Single(EnvelopeAssert.Success(q)!.AsArray())!.AsObject();
        Assert.False(q.ContainsKey("currentPage"));
        Assert.Equal("13912345678", (string?)row["ani"]);
        Assert.Equal("10001_8000", (string?)row["thisQueue"]);
        Assert.Equal("Default group", (string?)row["description"]);
        Assert.Equal("", (string?)row["thisDN"]);
        Assert.Equal("", (string?)row["extension"]);
        Assert.False(string.IsNullOrEmpty((string?)row["callId"]));
        Assert.True((int)row["holdTime"]! >= 0);

        // An agent becomes ready and takes it: the call is now connected, with the agent.
        var agent = await LoginAsync("10001_1009", ready: true);
        try
        {
            var offered = await agent.WaitForAsync(503);
            Assert.Equal("13912345678", (string?)offered["ANI"]);
            await agent.WaitForAsync(506);
            q = await PollAsync(api, "/callcenter/queryQueueRealtimeQueueData", queued,
                b => (string?)b["data"]!.AsArray().FirstOrDefault()?["thisDN"] == "10001_1009");
            row = Assert.Single(EnvelopeAssert.Success(q)!.AsArray())!.AsObject();
            Assert.Equal(("10001_1009", "1009"), ((string?)row["thisDN"], (string?)row["extension"]));
            body = await PollAsync(api, "/callcenter/queryQueueRealtimeData", figures, b => (int?)b["data"]![0]!["callingNum"] == 1);
            acd = EnvelopeAssert.Success(body)!.AsArray()[0]!;
            Assert.Equal((0, 1, 1), ((int)acd["queueNum"]!, (int)acd["callingNum"]!, (int)acd["queueSum"]!));
            Assert.True((int)acd["inAnswerCalls"]! >= 1);

            // §6.14 shows the call (callID spelled so) on the agent.
            var (_, rt) = await api.PostAsync("/callcenter/queryAgentRealtimeData", """{"tenantId":"10001","agent":"10001_1009","actionID":"abcd123"}""");
            var me = Row(rt, "10001_1009");
            Assert.Equal((string?)offered["callID"], (string?)me["callID"]);
            Assert.Equal(2, (int?)me["callType"]);
            Assert.Equal("13912345678", (string?)me["mobile"]);

            await agent.SendAsync(Inner(203, ("callID", (string)offered["callID"]!), ("otherDN", "13912345678")));
            await agent.WaitForAsync(515);
            q = await PollAsync(api, "/callcenter/queryQueueRealtimeQueueData", queued, b => b["data"]!.AsArray().Count == 0);
            Assert.Empty(EnvelopeAssert.Success(q)!.AsArray());
        }
        finally
        {
            await LogoutAsync(agent);
        }
        Assert.False(string.IsNullOrEmpty(callId));
    }

    [Fact]
    public async Task The_rest_queue_shows_the_resting_agent_and_the_one_waiting_behind_the_tenants_cap()
    {
        var host = _app.Services.GetRequiredService<CtiEngineHost>();
        await SetRestNumAsync(host, 1);
        ProtocolClient? first = null, second = null;
        try
        {
            first = await LoginAsync("10001_1004", reason: 5);
            second = await LoginAsync("10001_1005");
            await second.SendAsync(Inner(102, ("reasonCode", 5)));
            Assert.Equal(1, (int?)(await second.WaitForAsync(8888))["referenceID"]); // rest queuing prompt

            // §6.40 with the seed's example: a tenant key without tenantId reads its own tenant.
            var api = await ApiClient.ForTenantAsync(_app, 10001);
            var (_, body) = await api.PostAsync("/callcenter/queryAgentRestQueue", """{"actionID": "abcd123"}""");
            var row = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
            Assert.Equal("", (string?)body["currentPage"]);
            Assert.Equal(10001, (int?)row["tenantId"]);
            Assert.Equal(1, (int?)row["restNum"]);
            var resting = Assert.Single(row["restAgent"]!.AsArray())!;
            Assert.Equal(("10001_1004", "Agent 1004", "1004"), ((string?)resting["agent"], (string?)resting["name"], (string?)resting["extension"]));
            Assert.Equal(System.Text.Json.JsonValueKind.String, resting["stateHoldTime"]!.GetValueKind());
            Assert.True(int.Parse((string)resting["stateHoldTime"]!) >= 0);
            Assert.Equal(1, (int?)row["restAgentNum"]);
            Assert.Equal(System.Text.Json.JsonValueKind.String, row["restAgentQueue"]!.GetValueKind());
            var waiting = JsonNode.Parse((string)row["restAgentQueue"]!)!.AsArray();
            Assert.Equal("10001_1005", (string?)Assert.Single(waiting)!["agent"]);
            Assert.Equal(1, (int?)row["restAgentQueueNum"]);

            // An all-tenant key without tenantId: every tenant with an engine; with tenantId, that tenant.
            var all = await ApiClient.ForTenantAsync(_app, null, "all tenants");
            (_, body) = await all.PostAsync("/callcenter/queryAgentRestQueue", """{"actionID": "abcd123"}""");
            Assert.Contains(EnvelopeAssert.Success(body)!.AsArray(), r => (int?)r!["tenantId"] == 10001 && (int?)r["restAgentNum"] == 1);
            (_, body) = await all.PostAsync("/callcenter/queryAgentRestQueue", """{"tenantId":"10001","typeCode":"2","actionID": "abcd123"}""");
            row = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
            Assert.Equal((0, 0, "2"), ((int)row["restAgentNum"]!, (int)row["restAgentQueueNum"]!, (string?)row["typeCode"]));
        }
        finally
        {
            if (first is not null) await LogoutAsync(first);
            if (second is not null) await LogoutAsync(second);
            await SetRestNumAsync(host, 2);
        }
    }

    private async Task SetRestNumAsync(CtiEngineHost host, int restNum)
    {
        await _app.WithDbAsync(async db =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Id == 10001);
            tenant.RestNum = restNum;
            return await db.SaveChangesAsync();
        });
        await host.ReloadAsync(new[] { 10001 });
        var engine = host.Find(10001)!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await engine.QueryAsync(e => e.Config.RestNum) != restNum && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(restNum, await engine.QueryAsync(e => e.Config.RestNum));
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "/callcenter/queryQueueRealtimeData", """{"actionID":"abcd123"}""", "tenantId" },
        { "/callcenter/queryQueueRealtimeData", """{"tenantId":"10001","queueName":"10001_9999","actionID":"abcd123"}""", "queueName" },
        { "/callcenter/queryQueueRealtimeQueueData", """{"actionID":"abcd123"}""", "queueName" },
        { "/callcenter/queryQueueRealtimeQueueData", """{"queueName":"8000","actionID":"abcd123"}""", "queueName" },
        { "/callcenter/queryQueueRealtimeQueueData", """{"queueName":"10001_9999","actionID":"abcd123"}""", "queueName" },
        { "/callcenter/queryAgentStates", """{"tenantId":"10001","state":"4","actionID":"abcd123"}""", "state" },
        // A38: the one-of rule is enforced — more than one of agent/extension/queueName is a 201 naming each.
        { "/callcenter/queryAgentStates", """{"tenantId":"10001","agent":"10001_1000","extension":"1000","actionID":"abcd123"}""", "agent" },
        { "/callcenter/queryAgentStates", """{"tenantId":"10001","agent":"10001_1000","extension":"1000","actionID":"abcd123"}""", "extension" },
        { "/callcenter/queryAgentRealtimeData", """{"tenantId":"10001","agent":"10001_1000","queueName":"10001_8000","actionID":"abcd123"}""", "queueName" },
        { "/callcenter/queryAgentRealtimeData", """{"tenantId":"10001","queueName":"10001_9999","actionID":"abcd123"}""", "queueName" },
        { "/callcenter/queryAgentStateNum", """{"actionID":"abcd123"}""", "tenantId" },
        { "/callcenter/queryAgentStateNum", """{"tenantId":"10001","queueName":"9999","actionID":"abcd123"}""", "queueName" },
        { "/callcenter/queryAgentRestQueue", """{"tenantId":"abc","actionID":"abcd123"}""", "tenantId" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Missing_or_wrong_fields_get_201(string path, string json, string field)
    {
        var api = await ApiClient.ForTenantAsync(_app, null, "all tenants");
        var (status, body) = await api.PostAsync(path, json);
        Assert.Equal(200, status);
        EnvelopeAssert.Invalid(body, field);
    }

    [Theory]
    [InlineData("/callcenter/queryQueueRealtimeData", """{"tenantId":"10002","actionID":"abcd123"}""")]
    [InlineData("/callcenter/queryQueueRealtimeQueueData", """{"queueName":"10002_8000","actionID":"abcd123"}""")]
    [InlineData("/callcenter/queryAgentStates", """{"tenantId":"10002","actionID":"abcd123"}""")]
    [InlineData("/callcenter/queryAgentRealtimeData", """{"tenantId":"10002","agent":"10002_1000","actionID":"abcd123"}""")]
    [InlineData("/callcenter/queryAgentStateNum", """{"tenantId":"10002","actionID":"abcd123"}""")]
    [InlineData("/callcenter/queryAgentRestQueue", """{"tenantId":"10002","actionID":"abcd123"}""")]
    public async Task A_tenant_key_cannot_read_another_tenants_live_data(string path, string json)
    {
        var api = await ApiClient.ForTenantAsync(_app, 10001);
        var (status, body) = await api.PostAsync(path, json);
        Assert.Equal(403, status);
        Assert.Equal(403, (int?)body["code"]);
        Assert.Equal("abcd123", (string?)body["actionID"]);
        Assert.Null(body["data"]);
    }
}
