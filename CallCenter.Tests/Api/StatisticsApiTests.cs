using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Telephony.Simulated;
using CallCenter.Tests.Cti;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Api;

/// <summary>
/// §6.34 /query/queryConcurrency (live figures from the CTI engines) and §6.44 /query/queryMobileNum (call records
/// matching §6.21's filters), query-api-2.md 3.5 and 3.15, posting the source's own request examples.
/// </summary>
public sealed class StatisticsApiTests : IClassFixture<CtiAppFactory>, IAsyncLifetime
{
    private const int Other = TestData.OtherTenant;
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _seeded;
    private readonly CtiAppFactory _app;

    public StatisticsApiTests(CtiAppFactory app) => _app = app;

    public async Task InitializeAsync()
    {
        if (_app.BaseUrl.Length == 0) _app.Start();
        await Gate.WaitAsync();
        try
        {
            if (_seeded && await _app.WithDbAsync(db => db.CallRecords.AnyAsync())) return;
            await _app.WithDbAsync(async db =>
            {
                CallRecord Cdr(int tenant, string agent, string caller, string dest, int type, string start, int billsec,
                    string cause, string callId) => new()
                {
                    TenantId = tenant, Agent = agent, CallerIdNumber = caller, DestinationNumber = dest, CtiCallType = type,
                    StartStamp = HistoryApiTests.At(start), EndStamp = HistoryApiTests.At(start).AddSeconds(billsec + 5),
                    AnswerStamp = billsec > 0 ? HistoryApiTests.At(start).AddSeconds(5) : null,
                    CtiCallId = callId, Duration = billsec + 5, Billsec = billsec, HangupCause = cause,
                };
                db.CallRecords.AddRange(
                    // The §6.44 example's match: internal, NO_ANSWER, ≥ 30 s, inside 2017-10-10 … 2019-10-10, the number.
                    Cdr(10001, "10001_1000", "10001_1000", "18565485486", 1, "2018-01-01 10:00:00", 40, "NO_ANSWER", "m-1"),
                    Cdr(10001, "10001_1000", "18565485486", "10001_1000", 1, "2018-02-01 10:00:00", 30, "NO_ANSWER", "m-2"),
                    // Each misses one condition: talk time, cause, direction, window.
                    Cdr(10001, "10001_1000", "10001_1000", "18565485486", 1, "2018-03-01 10:00:00", 29, "NO_ANSWER", "m-3"),
                    Cdr(10001, "10001_1000", "10001_1000", "18565485486", 1, "2018-04-01 10:00:00", 60, "send_bye", "m-4"),
                    Cdr(10001, "10001_1001", "18565485486", "4001", 2, "2018-05-01 10:00:00", 60, "NO_ANSWER", "m-5"),
                    Cdr(10001, "10001_1000", "10001_1000", "18565485486", 1, "2020-01-01 10:00:00", 60, "NO_ANSWER", "m-6"),
                    // A second leg of m-5 (a transfer) for repeatCallId, and the other tenant's matching call.
                    Cdr(10001, "10001_1002", "18565485486", "4001", 2, "2018-05-01 10:01:00", 50, "send_bye", "m-5"),
                    Cdr(Other, "20001_1000", "20001_1000", "18565485486", 1, "2018-01-01 10:00:00", 40, "NO_ANSWER", "o-1"));
                await db.Tenants.Where(t => t.Id == 10001).ExecuteUpdateAsync(s => s.SetProperty(t => t.MaxConcurrent, 30));
                return await db.SaveChangesAsync();
            });
            _seeded = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // ------------------------------------------------------------------ §6.44

    [Fact]
    public async Task Mobile_num_answers_the_spec_example_with_the_count_as_a_string()
    {
        var api = await ApiClient.ForTenantAsync(_app, 10001);
        // §6.44's example (S002 3.15) with the demo tenant 10001 instead of 10000.
        var (status, body) = await api.PostAsync("/query/queryMobileNum",
            """{"tenantId":"10001","mobile":"18565485486","startTime":"2017-10-10 11:00:00","endTime":"2019-10-10 11:00:00","second":"30","hangupCause":"NO_ANSWER","callType":"1","actionID":"abcd123"}""");
        Assert.Equal(200, status);
        var data = EnvelopeAssert.Success(body)!;
        Assert.Equal(JsonValueKind.String, data.GetValueKind());
        Assert.Equal("2", (string?)data);
        // A44: the example's placeholder paging fields are not sent.
        Assert.False(body.ContainsKey("currentPage"));
        Assert.False(body.ContainsKey("totalCount"));
    }

    [Theory]
    [InlineData("", "7")]
    [InlineData("""  "mobile":"18565485486", """, "7")]
    [InlineData("""  "callType":"2", """, "2")]
    [InlineData("""  "callType":"4", """, "2")]
    [InlineData("""  "agent":"10001_1001,10001_1002", """, "2")]
    [InlineData("""  "repeatCallId":"1", """, "6")]
    [InlineData("""  "ctiCallId":"m-5","repeatCallId":"1", """, "1")]
    [InlineData("""  "secondMin":"30", """, "2")]
    [InlineData("""  "mobile":"13000000000", """, "0")]
    // Paging and sorting change nothing.
    [InlineData("""  "currentPage":"3","pageSize":"1","sort":"billsec", """, "7")]
    public async Task Mobile_num_counts_with_the_call_record_filters_of_the_own_tenant_only(string filters, string expected)
    {
        var api = await ApiClient.ForTenantAsync(_app, 10001);
        var (_, body) = await api.PostAsync("/query/queryMobileNum", $$"""{"tenantId":"10001",{{filters}}"actionID":"abcd123"}""");
        Assert.Equal(expected, (string?)EnvelopeAssert.Success(body));
    }

    [Theory]
    [InlineData("""{"actionID":"abcd123"}""", "tenantId")]
    [InlineData("""{"tenantId":"10001","callType":"5","actionID":"abcd123"}""", "callType")]
    [InlineData("""{"tenantId":"10001","startTime":"2017/10/10","actionID":"abcd123"}""", "startTime")]
    [InlineData("""{"tenantId":"10001","second":"x","actionID":"abcd123"}""", "second")]
    [InlineData("""{"tenantId":"10001","hangupCause":"BUSY","actionID":"abcd123"}""", "hangupCause")]
    public async Task Mobile_num_with_wrong_fields_gets_201(string json, string field)
    {
        var api = await ApiClient.ForTenantAsync(_app, null, "all tenants");
        var (status, body) = await api.PostAsync("/query/queryMobileNum", json);
        Assert.Equal(200, status);
        EnvelopeAssert.Invalid(body, field);
    }

    // ------------------------------------------------------------------ §6.34

    [Fact]
    public async Task Concurrency_answers_the_spec_example_with_six_integers()
    {
        var api = await ApiClient.ForTenantAsync(_app, 10001);
        // §6.34's example verbatim (S002 3.5): `agent` (undocumented, A25) and no tenantId: the key's tenant.
        var (status, body) = await api.PostAsync("/query/queryConcurrency", """{"agent":"10000_1000","actionID":"abcd123"}""");
        Assert.Equal(200, status);
        var data = EnvelopeAssert.Success(body)!.AsObject();
        Assert.Equal(new[] { "systemCommunicate", "systemMaxConcurrent", "systemOutboundChannel", "tenantCommunicate",
            "tenantMaxConcurrent", "tenantOutboundChannel" }, data.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(data, p => Assert.Equal(JsonValueKind.Number, p.Value!.GetValueKind()));
        Assert.Equal(0, (int)data["systemMaxConcurrent"]!); // Api:SystemMaxConcurrent unset: 0 = unlimited
        Assert.Equal(30, (int)data["tenantMaxConcurrent"]!);
        Assert.False(body.ContainsKey("totalCount"));
        Assert.False(body.ContainsKey("currentPage"));
    }

    [Fact]
    public async Task Concurrency_counts_a_live_inbound_call_in_the_tenant_and_the_system()
    {
        var tenantKey = await ApiClient.ForTenantAsync(_app, 10001);
        var allKey = await ApiClient.ForTenantAsync(_app, null, "all tenants");
        const string request = """{"tenantId":"10001","actionID":"abcd123"}""";
        var (_, before) = await tenantKey.PostAsync("/query/queryConcurrency", request);
        var live = (int)before["data"]!["tenantCommunicate"]!;

        var sim = _app.Services.GetRequiredService<SimulatedSwitch>();
        sim.PlaceInboundCall(10001, "10001_8000", "13912345678");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonObject body;
        while (true)
        {
            (_, body) = await tenantKey.PostAsync("/query/queryConcurrency", request);
            if ((int)body["data"]!["tenantCommunicate"]! > live || DateTime.UtcNow > deadline) break;
            await Task.Delay(100);
        }
        var data = EnvelopeAssert.Success(body)!;
        Assert.Equal(live + 1, (int)data["tenantCommunicate"]!);
        // An inbound call waiting in the ACD: no outbound channel (A26).
        Assert.Equal(0, (int)data["tenantOutboundChannel"]!);
        // A tenant key's system figures cover its own tenant only.
        Assert.Equal((int)data["tenantCommunicate"]!, (int)data["systemCommunicate"]!);
        Assert.Equal((int)data["tenantOutboundChannel"]!, (int)data["systemOutboundChannel"]!);

        // An all-tenant key sees every running engine; without tenantId the tenant fields are 0 (A25).
        var (_, all) = await allKey.PostAsync("/query/queryConcurrency", """{"actionID":"abcd123"}""");
        var a = EnvelopeAssert.Success(all)!;
        Assert.True((int)a["systemCommunicate"]! >= live + 1);
        Assert.Equal((0, 0, 0), ((int)a["tenantMaxConcurrent"]!, (int)a["tenantOutboundChannel"]!, (int)a["tenantCommunicate"]!));
    }

    [Fact]
    public async Task Concurrency_for_an_unknown_tenant_or_a_malformed_id_gets_201()
    {
        var api = await ApiClient.ForTenantAsync(_app, null, "all tenants");
        var (_, body) = await api.PostAsync("/query/queryConcurrency", """{"tenantId":"99999","actionID":"abcd123"}""");
        EnvelopeAssert.Invalid(body, "tenantId");
        (_, body) = await api.PostAsync("/query/queryConcurrency", """{"tenantId":"abc","actionID":"abcd123"}""");
        EnvelopeAssert.Invalid(body, "tenantId");
    }

    [Theory]
    [InlineData("/query/queryConcurrency", """{"tenantId":"10002","actionID":"abcd123"}""")]
    [InlineData("/query/queryMobileNum", """{"tenantId":"10002","mobile":"18565485486","actionID":"abcd123"}""")]
    public async Task A_tenant_key_cannot_read_another_tenant(string path, string json)
    {
        var api = await ApiClient.ForTenantAsync(_app, 10001);
        var (status, body) = await api.PostAsync(path, json);
        Assert.Equal(403, status);
        Assert.Equal(403, (int?)body["code"]);
        Assert.Equal("abcd123", (string?)body["actionID"]);
        Assert.Null(body["data"]);
    }
}
