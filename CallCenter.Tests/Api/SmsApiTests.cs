using System.Text.Json;
using System.Text.Json.Nodes;
using CallCenter.Domain.Agents;
using CallCenter.Domain.Sms;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure.Sms;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CallCenter.Tests.Api.FeedbackApiTests;
using static CallCenter.Tests.Api.HistoryApiTests;

namespace CallCenter.Tests.Api;

/// <summary>
/// SMS: the list §6.29 (query-api-1.md) on the seed's example verbatim (its tenant 10000 exists here), and send §7.1,
/// mark read §7.2, delete §7.3 (config-groupcall-trace.md B.1–B.3) through the simulated gateway, which is set to fail
/// numbers starting 170.
/// </summary>
public sealed class SmsApiTests : IClassFixture<CallCenterAppFactory>
{
    private const int Other = TestData.OtherTenant;
    private readonly CallCenterAppFactory app;

    public SmsApiTests(CallCenterAppFactory app)
    {
        this.app = app;
        app.Settings["Sms:FailNumbers:0"] = "170*"; // before the host starts (the first test's constructor)
    }

    // ------------------------------------------------------------------ §6.29

    [Fact]
    public async Task Sms_histories_answer_the_spec_example_with_the_captured_typing()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10000);
        // §6.29's example (S002:L10323): agent 10000_1000, send state 1, the second 2017-10-10 11:00:00.
        var (status, body) = await api.PostAsync("/query/querySmHistories",
            """{"tenantId": "10000","startTime": "2017-10-10 11:00:00","endTime": "2017-10-10 11:00:00","agent": "10000_1000","sendState": "1","currentPage": "1","pageSize": "10","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var row = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!.AsObject();
        Assert.Equal(("1", "1"), ((string?)body["currentPage"], (string?)body["totalCount"]));
        AssertFields(row, "id", "tenantId", "agent", "calleeId", "mobile", "sourceMobile", "createdTime", "extension", "state", "content",
            "type", "stateValue", "attr");
        foreach (var number in new[] { "id", "tenantId", "state", "type" }) Assert.Equal(JsonValueKind.Number, row[number]!.GetValueKind());
        Assert.All(row.Where(p => p.Key is not ("id" or "tenantId" or "state" or "type")), p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));
        Assert.Equal(f.Example, (long)row["id"]!);
        Assert.Equal(10000, (int)row["tenantId"]!);
        Assert.Equal("10000_1000", (string?)row["agent"]);
        Assert.Equal("", (string?)row["calleeId"]);
        Assert.Equal("17601541941", (string?)row["mobile"]);
        Assert.Equal("106900000000", (string?)row["sourceMobile"]);
        Assert.Equal("2017-10-10 11:00:00", (string?)row["createdTime"]);
        Assert.Equal("400001", (string?)row["extension"]);
        Assert.Equal(1, (int)row["state"]!);
        Assert.StartsWith("【京东金融】", (string?)row["content"]);
        Assert.Equal(2, (int)row["type"]!);
        Assert.Equal("", (string?)row["stateValue"]); // A36: unread is ""
        Assert.Equal("", (string?)row["attr"]);
    }

    [Fact]
    public async Task Sms_histories_filter_by_type_numbers_content_read_flag_ids_and_attr_and_refuse_bad_fields()
    {
        var f = await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10000);
        async Task<List<long>> Ids(string filters)
        {
            var (_, body) = await api.PostAsync("/query/querySmHistories", $$"""{"tenantId": "10000",{{filters}}"actionID": "abcd123"}""");
            return EnvelopeAssert.Success(body)!.AsArray().Select(r => (long)r!["id"]!).ToList();
        }

        Assert.Equal(new[] { f.Read, f.Sent, f.Example }, await Ids(""));
        Assert.Equal(new[] { f.Read, f.Sent }, await Ids(""" "sendState": "0,6", """));
        Assert.Equal(new[] { f.Read }, await Ids(""" "type": "1,3", """));
        Assert.Equal(new[] { f.Read }, await Ids(""" "stateValue": "1", """));
        Assert.Equal(new[] { f.Sent, f.Example }, await Ids(""" "stateValue": "0", """));
        Assert.Equal(new[] { f.Read }, await Ids(""" "sendMobile": "95555", """));
        Assert.Equal(new[] { f.Sent }, await Ids(""" "mobile": "13900000001", """));
        Assert.Equal(new[] { f.Sent }, await Ids(""" "content": "100%_off", """)); // LIKE wildcards are literal
        Assert.Equal(new[] { f.Read }, await Ids(""" "attr": "vip,x", """));
        Assert.Equal(new[] { f.Sent, f.Example }, await Ids($$""" "ids": "{{f.Example}},{{f.Sent}},{{f.Foreign}}", """));
        Assert.Equal(new[] { f.Example, f.Read, f.Sent }, await Ids(""" "sort": "mobile", """)); // 176…, 150…, 139…

        await api.AssertInvalidAsync("/query/querySmHistories",
            ("""{"actionID": "abcd123"}""", "tenantId"),
            ("""{"tenantId": "10000","sendState": "7","actionID": "abcd123"}""", "sendState"),
            ("""{"tenantId": "10000","type": "1,5","actionID": "abcd123"}""", "type"),
            ("""{"tenantId": "10000","stateValue": "read","actionID": "abcd123"}""", "stateValue"),
            ("""{"tenantId": "10000","ids": "x","actionID": "abcd123"}""", "ids"),
            ("""{"tenantId": "10000","sort": "body","actionID": "abcd123"}""", "sort"));
        await AssertForeignTenantRefusedAsync(api, "/query/querySmHistories", $$"""{"tenantId": "{{Other}}","actionID": "abcd123"}""");
    }

    // ------------------------------------------------------------------ §7.1 → §6.29 → §7.2 → §7.3

    [Fact]
    public async Task An_sms_sent_through_7_1_is_listed_by_6_29_marked_read_by_7_2_and_deleted_by_7_3()
    {
        await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var tag = Guid.NewGuid().ToString("N")[..8];

        // §7.1's example (S002:L28419) verbatim names placeholder numbers ("182xxxxxxx"): 201 naming `number`, nothing sent.
        var before = await app.WithDbAsync(db => db.SmsRecords.CountAsync());
        var (_, body) = await (await ApiClient.ForTenantAsync(app, 10000)).PostAsync("/sms/sendSms",
            """{"content": "xxx", "number": "182xxxxxxx,183xxxxxxx", "tenantId": "10000", "thisDN": "10000_1000", "actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "number");
        Assert.Equal(before, await app.WithDbAsync(db => db.SmsRecords.CountAsync()));

        // The example with dialable numbers and the demo tenant: the bare envelope; one record per number.
        var (status, sent) = await api.PostAsync("/sms/sendSms",
            $$"""{"content": "Your order {{tag}} has shipped", "number": "18200000001,17000000002", "tenantId": "10001", "thisDN": "10001_1000", "attr": "{{tag}}", "actionID": "abcd123"}""");
        Assert.Equal(200, status);
        Assert.Null(EnvelopeAssert.Success(sent));
        Assert.Equal(new[] { "code", "message", "actionID" }, sent.Select(p => p.Key));

        var rows = await ListAsync(api, $$""" "attr": "{{tag}}", "order": "asc", """);
        Assert.Equal(new[] { "18200000001", "17000000002" }, rows.Select(r => (string?)r["mobile"]));
        Assert.All(rows, r =>
        {
            Assert.Equal("10001_1000", (string?)r["agent"]);
            Assert.Equal("1000", (string?)r["extension"]); // the demo agent's extension
            Assert.Equal(2, (int)r["type"]!); // default: manual
            Assert.Equal("", (string?)r["stateValue"]);
            Assert.Equal($"Your order {tag} has shipped", (string?)r["content"]);
        });
        // The simulated gateway sends the first (0) and fails the 170 number (-2, Sms:FailNumbers).
        Assert.Equal(new[] { 0, -2 }, rows.Select(r => (int)r["state"]!));
        var gateway = app.Services.GetRequiredService<SimulatedSmsGateway>();
        Assert.Contains(gateway.Outbox, m => m.Message.To == "18200000001" && m.Message.Content.Contains(tag));
        var ids = rows.Select(r => (long)r["id"]!).ToList();

        // §7.2 with both ids: read ("1"); an id of nobody's or of another tenant's message: 201 not found, nothing changed.
        (_, body) = await api.PostAsync("/config/modifySmHistories", $$"""{"id": "{{ids[0]}},{{ids[1]}}", "actionID": "abcd123"}""");
        Assert.Null(EnvelopeAssert.Success(body));
        Assert.All(await ListAsync(api, $$""" "attr": "{{tag}}", """), r => Assert.Equal("1", (string?)r["stateValue"]));
        Assert.Equal(2, (await ListAsync(api, $$""" "attr": "{{tag}}", "stateValue": "1", """)).Count);
        var foreign = (await FixtureAsync()).Example; // tenant 10000's message
        foreach (var json in new[] { """{"id": "999999", "actionID": "abcd123"}""", $$"""{"id": "{{foreign}}", "actionID": "abcd123"}""" })
        {
            (_, body) = await api.PostAsync("/config/modifySmHistories", json);
            EnvelopeAssert.Invalid(body, "id");
            Assert.Equal("not found", (string?)body["errors"]![0]!["reason"]);
        }
        Assert.False(await app.WithDbAsync(db => db.SmsRecords.Where(r => r.Id == foreign).Select(r => r.Read).SingleAsync()));
        (_, body) = await api.PostAsync("/config/modifySmHistories", """{"actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");

        // §7.3 by id (the example's shape), then by calleeId; a message of another tenant is not deleted.
        (_, body) = await api.PostAsync("/config/deleteSmHistories", $$"""{"id": "{{ids[0]}}", "actionID": "abcd123"}""");
        Assert.Null(EnvelopeAssert.Success(body));
        Assert.Equal(new[] { ids[1] }, (await ListAsync(api, $$""" "attr": "{{tag}}", """)).Select(r => (long)r["id"]!));
        (_, body) = await api.PostAsync("/sms/sendSms",
            $$"""{"content": "After the call", "number": "18200000003", "tenantId": "10001", "thisDN": "10001_1001", "type": "1", "calleeId": "call-{{tag}}", "actionID": "abcd123"}""");
        EnvelopeAssert.Success(body);
        var hangUp = Assert.Single(await ListAsync(api, $$""" "agent": "10001_1001", "type": "1", """), r => (string?)r["calleeId"] == $"call-{tag}");
        (_, body) = await api.PostAsync("/config/deleteSmHistories", $$"""{"calleeId": "call-{{tag}}", "actionID": "abcd123"}""");
        EnvelopeAssert.Success(body);
        Assert.DoesNotContain(await ListAsync(api, """ "agent": "10001_1001", """), r => (long)r["id"]! == (long)hangUp["id"]!);
        await api.AssertInvalidAsync("/config/deleteSmHistories",
            ($$"""{"id": "{{foreign}}", "actionID": "abcd123"}""", "id"),
            ("""{"calleeId": "no-such-call", "actionID": "abcd123"}""", "calleeId"),
            ($$"""{"id": "{{ids[1]}}", "calleeId": "call-{{tag}}", "actionID": "abcd123"}""", "id"), // both must match
            ("""{"actionID": "abcd123"}""", "id"));
        Assert.True(await app.WithDbAsync(db => db.SmsRecords.AnyAsync(r => r.Id == foreign || r.Id == ids[1])));
    }

    [Fact]
    public async Task Send_refuses_bad_input_with_the_field_and_another_tenant_with_403_and_writes_nothing()
    {
        await FixtureAsync();
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var before = await app.WithDbAsync(db => db.SmsRecords.CountAsync());
        var longText = new string('x', SmsLimits.MaxContentLength + 1);
        await api.AssertInvalidAsync("/sms/sendSms",
            ("""{"number": "18200000001", "tenantId": "10001", "thisDN": "10001_1000", "actionID": "abcd123"}""", "content"),
            ("""{"content": "hi", "tenantId": "10001", "thisDN": "10001_1000", "actionID": "abcd123"}""", "number"),
            ("""{"content": "hi", "number": "18200000001", "thisDN": "10001_1000", "actionID": "abcd123"}""", "tenantId"),
            ("""{"content": "hi", "number": "18200000001", "tenantId": "10001", "actionID": "abcd123"}""", "thisDN"),
            ("""{"content": "hi", "number": "18200000001,18200000001", "tenantId": "10001", "thisDN": "10001_1000", "actionID": "abcd123"}""", "number"),
            ("""{"content": "hi", "number": "18200000001", "tenantId": "10001", "thisDN": "10002_1000", "actionID": "abcd123"}""", "thisDN"),
            ("""{"content": "hi", "number": "18200000001", "tenantId": "10001", "thisDN": "10001_9999", "actionID": "abcd123"}""", "thisDN"),
            ("""{"content": "hi", "number": "18200000001", "tenantId": "10001", "thisDN": "10001_1000", "type": "9", "actionID": "abcd123"}""", "type"),
            ($$"""{"content": "{{longText}}", "number": "18200000001", "tenantId": "10001", "thisDN": "10001_1000", "actionID": "abcd123"}""", "content"));
        await AssertForeignTenantRefusedAsync(api, "/sms/sendSms",
            $$"""{"content": "hi", "number": "18200000001", "tenantId": "{{Other}}", "thisDN": "{{Other}}_1000", "actionID": "abcd123"}""");
        Assert.Equal(before, await app.WithDbAsync(db => db.SmsRecords.CountAsync()));
    }

    [Fact]
    public async Task Send_mark_read_and_delete_are_limited_to_20_requests_a_minute()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001, "rate limit key");
        for (var i = 0; i < 20; i++)
        {
            var (_, ok) = await api.PostAsync("/config/modifySmHistories", """{"id": "999999", "actionID": "abcd123"}""");
            EnvelopeAssert.Invalid(ok, "id");
        }
        var (status, body) = await api.PostAsync("/config/modifySmHistories", """{"id": "999999", "actionID": "abcd123"}""");
        Assert.Equal(429, status);
        Assert.Equal(429, (int?)body["code"]);
        // Per interface: the delete is still open.
        (status, _) = await api.PostAsync("/config/deleteSmHistories", """{"id": "999999", "actionID": "abcd123"}""");
        Assert.Equal(200, status);
    }

    // ------------------------------------------------------------------ fixture

    private static async Task<List<JsonObject>> ListAsync(ApiClient api, string filters)
    {
        var (_, body) = await api.PostAsync("/query/querySmHistories", $$"""{"tenantId": "10001",{{filters}}"pageSize": "100","actionID": "abcd123"}""");
        return EnvelopeAssert.Success(body)!.AsArray().Select(r => r!.AsObject()).ToList();
    }

    private sealed record Fixture(long Example, long Sent, long Read, long Foreign);

    private static readonly OncePerHost<Fixture> Seeded = new();

    /// <summary>The example tenant 10000 (agent 10000_1000) and its messages, one of tenant 20001.</summary>
    private Task<Fixture> FixtureAsync() => Seeded.GetAsync(app, () => app.WithDbAsync(async db =>
    {
        db.Tenants.Add(new Tenant { Id = 10000, Name = "Example tenant", CreatedTime = DateTime.UtcNow });
        await db.SaveChangesAsync();
        var agent = new Agent { TenantId = 10000, Code = "1000", NameCn = "Alice", CreatedTime = DateTime.UtcNow };
        agent.SetPassword("Secret#2026");
        db.Agents.Add(agent);
        SmsRecord Sms(int tenant, string? agent, string mobile, string at, int state, string content) => new()
        {
            TenantId = tenant, Agent = agent, Mobile = mobile, SourceMobile = "106900000000", CreatedTime = At(at), Extension = "400001",
            State = state, Content = content, Type = SmsTypes.Manual,
        };
        var example = Sms(10000, "10000_1000", "17601541941", "2017-10-10 11:00:00", 1,
            "【京东金融】京东京东2，先生/女士您好！京东PINf703，欠款金额：约5100元，请于接到本信息后24小时之内还清款项。");
        var sent = Sms(10000, "10000_1000", "13900000001", "2017-10-10 11:00:00", 0, "Today only: 100%_off everything");
        var read = Sms(10000, "10000_1001", "15000000002", "2018-01-01 09:00:00", 6, "Flash");
        read.Type = SmsTypes.Flash;
        read.Read = true;
        read.SourceMobile = "95555";
        read.Attr = "vip";
        var foreign = Sms(Other, "20001_1000", "17601541941", "2017-10-10 11:00:00", 1, "Other tenant");
        db.SmsRecords.AddRange(example, sent, read, foreign);
        await db.SaveChangesAsync();
        return new Fixture(example.Id, sent.Id, read.Id, foreign.Id);
    }));
}
