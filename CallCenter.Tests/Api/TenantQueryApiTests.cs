using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using CallCenter.Tests.Support;

namespace CallCenter.Tests.Api;

/// <summary>§6.4 and §6.5, and the API's common rules (key, version, envelope, tenant scope), on the demo data.</summary>
public sealed class TenantQueryApiTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    [Fact]
    public async Task Tenant_list_answers_the_spec_example()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        // §6.4's example (query-api-1.md), fixed only where it is not valid JSON.
        var (status, body) = await api.PostAsync("/query/queryTenantinfos",
            """{"tenantId":"10001","name":"","status":"1","actionID":"abcd123","currentPage":"1","pageSize":"10"}""");
        Assert.Equal(200, status);
        var data = EnvelopeAssert.Success(body)!.AsArray();
        var t = Assert.Single(data)!.AsObject();
        Assert.Equal("10001", (string?)t["id"]);
        Assert.Equal("Demo Call Center", (string?)t["name"]);
        Assert.Equal("Demo Admin", (string?)t["contact"]);
        Assert.Equal("-1", (string?)t["gatewayGroup"]);
        Assert.Equal("bridge", (string?)t["recordType"]);
        Assert.Equal("1", (string?)t["status"]);
        Assert.Equal("1", (string?)t["afterState"]);
        Assert.Equal("2", (string?)t["restNum"]);
        Assert.Equal("1", (string?)body["currentPage"]);
        Assert.Equal("1", (string?)body["totalCount"]);
    }

    [Fact]
    public async Task Tenant_detail_answers_the_spec_example_with_outbound_and_fee_settings()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var (_, body) = await api.PostAsync("/query/queryTenantinfo", """{"tenantId":"10001","actionID":"abcd123"}""");
        var data = EnvelopeAssert.Success(body)!.AsObject();
        Assert.Equal("10", (string?)data["startAgent"]);
        Assert.Equal("0", (string?)data["outAgent"]);
        Assert.Equal("3", (string?)data["outboundConfig"]!["maxRatio"]);
        Assert.Equal("2000", (string?)data["outboundConfig"]!["idleTime"]);
        Assert.Equal("0", (string?)data["outboundConfig"]!["hasVgc"]);
        Assert.Equal("10000", (string?)data["tenantFee"]!["balance"]);
        Assert.Equal("0.04", (string?)data["tenantFee"]!["outboundRate"]);
        Assert.Equal("10001", (string?)data["tenantInfo"]!["id"]);
    }

    [Fact]
    public async Task Missing_or_malformed_fields_get_201_with_the_field_and_the_echoed_actionID()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var (status, body) = await api.PostAsync("/query/queryTenantinfo", """{"actionID":"abcd123"}""");
        Assert.Equal(200, status);
        EnvelopeAssert.Invalid(body, "tenantId");

        (_, body) = await api.PostAsync("/query/queryTenantinfos", """{"actionID":"abcd123","status":"7","currentPage":"x"}""");
        EnvelopeAssert.Invalid(body, "status");
        EnvelopeAssert.Invalid(body, "currentPage");

        (_, body) = await api.PostAsync("/query/queryTenantinfo", """{"tenantId":"99999","actionID":"abcd123"}""");
        Assert.Equal("not found", (string?)body["errors"]![0]!["reason"]);

        (_, body) = await api.PostAsync("/query/queryTenantinfo", "this is not json");
        Assert.Equal(201, (int?)body["code"]);
        (_, body) = await api.PostAsync("/query/queryTenantinfo", "[1,2,3]");
        Assert.Equal(201, (int?)body["code"]);
    }

    [Fact]
    public async Task Numbers_are_accepted_where_the_spec_sends_strings()
    {
        var api = await ApiClient.ForTenantAsync(app, null);
        var (_, body) = await api.PostAsync("/query/queryTenantinfo", """{"tenantId":10001,"actionID":"abcd123"}""");
        Assert.Equal("10001", (string?)EnvelopeAssert.Success(body)!["tenantInfo"]!["id"]);
    }

    [Fact]
    public async Task A_tenant_key_cannot_read_another_tenant_and_sees_only_its_own_in_lists()
    {
        await app.WithDbAsync(async db =>
        {
            db.Tenants.Add(new CallCenter.Domain.Tenants.Tenant { Id = 20002, Name = "Other" });
            return await db.SaveChangesAsync();
        });
        var api = await ApiClient.ForTenantAsync(app, 20002);
        var (status, body) = await api.PostAsync("/query/queryTenantinfo", """{"tenantId":"10001","actionID":"abcd123"}""");
        Assert.Equal(403, status);
        Assert.Equal(403, (int?)body["code"]);
        Assert.Equal("abcd123", (string?)body["actionID"]);

        (_, body) = await api.PostAsync("/query/queryTenantinfos", """{"actionID":"abcd123"}""");
        var ids = EnvelopeAssert.Success(body)!.AsArray().Select(t => (string?)t!["id"]).ToList();
        Assert.Equal(new[] { "20002" }, ids);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_or_with_an_unknown_version_are_refused_in_the_envelope()
    {
        var anonymous = new ApiClient(app.CreateClient());
        var (status, body) = await anonymous.PostAsync("/query/queryTenantinfos", """{"actionID":"abcd123"}""");
        Assert.Equal(401, status);
        Assert.Equal(401, (int?)body["code"]);

        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "cck_abcdefgh_" + new string('x', 32));
        (status, _) = await new ApiClient(forged).PostAsync("/query/queryTenantinfos", """{"actionID":"abcd123"}""");
        Assert.Equal(401, status);

        var api = await ApiClient.ForTenantAsync(app, null);
        (status, body) = await api.PostAsync("/query/queryTenantinfos", """{"actionID":"abcd123"}""", version: "9.9.x.20990101_release");
        Assert.Equal(404, status);
        Assert.Contains("5.0.x.20210203_release", (string?)body["message"]);
    }

    [Fact]
    public async Task A_revoked_key_stops_working()
    {
        var api = await ApiClient.ForTenantAsync(app, null, "to revoke");
        var (status, _) = await api.PostAsync("/query/queryTenantinfos", """{"actionID":"abcd123"}""");
        Assert.Equal(200, status);
        await app.WithScopeAsync(async sp =>
        {
            var keys = sp.GetRequiredService<CallCenter.Infrastructure.ApiKeys.ApiKeyService>();
            var row = (await keys.ListAsync(new CallCenter.Domain.Common.ListQuery { Search = "to revoke" }, CallCenter.Infrastructure.TenantScope.All)).Items.Single();
            return (await keys.RevokeAsync(row.Id, CallCenter.Infrastructure.TenantScope.All)).Succeeded;
        });
        (status, _) = await api.PostAsync("/query/queryTenantinfos", """{"actionID":"abcd123"}""");
        Assert.Equal(401, status);
    }
}
