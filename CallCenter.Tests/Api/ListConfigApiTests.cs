using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CallCenter.Domain.Blacklists;
using CallCenter.Domain.RestTemplates;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.RestTemplates;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Api;

/// <summary>
/// §7.4–§7.6 rest-time templates and §7.11–§7.13 blacklist (config-groupcall-trace.md Part B), posting the source's
/// own request examples. Every test sets up what it changes, so the order the tests run in does not matter.
/// </summary>
public sealed class ListConfigApiTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    /// <summary>§7.4's example (S002:L28696), verbatim: tenant 10005, 12:00:01–23:59:59.</summary>
    private const string AddExample =
        """{"tenantId": "10005","typeCode":"12","startTime":"12:00:01","endTime":"23:59:59","restNum":"1","actionID": "abcd123"}""";

    // ------------------------------------------------------------------ §7.4

    [Fact]
    public async Task Add_rest_time_template_takes_the_spec_example_and_answers_the_bare_envelope()
    {
        // The example's own tenant 10005 (the demo tenant's "Lunch" 11:30–13:30 would overlap its period).
        await EnsureTenantAsync(10005);
        await ClearTemplatesAsync(10005);
        var api = await ApiClient.ForTenantAsync(app, null);
        var (status, body) = await api.PostAsync("/config/addRestTimeTemp", AddExample);
        Assert.Equal(200, status);
        Assert.Null(EnvelopeAssert.Success(body)); // envelope only: no data, no id
        Assert.Equal(new[] { "code", "message", "actionID" }, body.Select(p => p.Key));

        var saved = await app.WithDbAsync(db => db.RestTemplates.AsNoTracking().SingleAsync(x => x.TenantId == 10005));
        // No name in the request: named after its period; the default rest length.
        Assert.Equal("12:00:01-23:59:59", saved.Name);
        Assert.Equal(new RestTemplate().Duration, saved.Duration);
        Assert.Equal("12", saved.TypeCode);
        Assert.Equal(new TimeOnly(12, 0, 1), saved.StartStamp);
        Assert.Equal(new TimeOnly(23, 59, 59), saved.EndStamp);
        Assert.Equal(1, saved.RestNum);

        // §6.41 now lists it as its example shows (S002:L14456 ff.): the same values and typing.
        (_, body) = await api.PostAsync("/query/queryRestTimeTemp", """{"tenantId": "10005","actionID": "abcd123"}""");
        var row = Assert.Single(EnvelopeAssert.Success(body)!.AsArray())!;
        Assert.Equal(saved.Id, (int)row["id"]!);
        Assert.Equal("12:00:01", (string?)row["startStamp"]);
        Assert.Equal("23:59:59", (string?)row["endStamp"]);
        Assert.Equal(1, (int)row["restNum"]!);
        Assert.Equal(10005, (int)row["tenantId"]!);
        Assert.Equal("12", (string?)row["typeCode"]);
        Assert.Equal("1", (string?)body["totalCount"]);
    }

    [Fact]
    public async Task Add_rest_time_template_refuses_overlaps_and_bad_fields_with_201_writing_nothing()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var before = await TemplateCountAsync();
        // The example moved to 10001 overlaps "Lunch" (11:30–13:30): periods of a tenant must not overlap (§7.4).
        var (status, body) = await api.PostAsync("/config/addRestTimeTemp", AddExample.Replace("10005", "10001"));
        Assert.Equal(200, status);
        EnvelopeAssert.Invalid(body, "startTime");
        Assert.Contains("Lunch", (string?)body["errors"]![0]!["reason"]);

        (_, body) = await api.PostAsync("/config/addRestTimeTemp",
            """{"tenantId": "10001","typeCode":"12","startTime":"18:00:00","endTime":"17:00:00","restNum":"1","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "endTime");
        (_, body) = await api.PostAsync("/config/addRestTimeTemp",
            """{"tenantId": "10001","startTime":"18:00","endTime":"19:00:00","restNum":"-1","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "typeCode");
        EnvelopeAssert.Invalid(body, "startTime");
        (_, body) = await api.PostAsync("/config/addRestTimeTemp",
            """{"tenantId": "10001","typeCode":"12","startTime":"18:00:00","endTime":"19:00:00","restNum":"-1","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "restNum");
        (_, body) = await api.PostAsync("/config/addRestTimeTemp", """{"actionID": "abcd123"}""");
        foreach (var field in new[] { "tenantId", "typeCode", "startTime", "endTime", "restNum" }) EnvelopeAssert.Invalid(body, field);

        Assert.Equal(before, await TemplateCountAsync());
    }

    // ------------------------------------------------------------------ §7.5

    [Fact]
    public async Task Modify_rest_time_template_takes_the_spec_example_with_its_missing_id()
    {
        // §7.5's example (S002:L28835) is §7.4's body and lacks the required id (H.1 #4): the id is added. Its tenant
        // 10005 is kept, with a template of its own made first.
        await EnsureTenantAsync(10005);
        await ClearTemplatesAsync(10005);
        var api = await ApiClient.ForTenantAsync(app, null);
        var id = await CreateTemplateAsync(new RestTemplate
        {
            TenantId = 10005, Name = "07:00:00-08:00:00", StartStamp = new TimeOnly(7, 0), EndStamp = new TimeOnly(8, 0), RestNum = 4, TypeCode = "3",
        });
        var (status, body) = await api.PostAsync("/config/modifyRestTimeTemp",
            $$"""{"id": "{{id}}","tenantId": "10005","typeCode":"12","startTime":"12:00:01","endTime":"23:59:59","restNum":"1","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        Assert.Null(EnvelopeAssert.Success(body));
        var saved = await app.WithDbAsync(db => db.RestTemplates.AsNoTracking().SingleAsync(x => x.Id == id));
        Assert.Equal((new TimeOnly(12, 0, 1), new TimeOnly(23, 59, 59), 1, "12"), (saved.StartStamp!.Value, saved.EndStamp!.Value, saved.RestNum, saved.TypeCode));
        // A name made from the period follows the period.
        Assert.Equal("12:00:01-23:59:59", saved.Name);

        // A name given in the console stays, and so do the rest length and department.
        var named = await CreateTemplateAsync(new RestTemplate
        {
            TenantId = 10005, Name = "Early", Duration = 1200, StartStamp = new TimeOnly(6, 0), EndStamp = new TimeOnly(7, 0), TypeCode = "3",
        });
        (_, body) = await api.PostAsync("/config/modifyRestTimeTemp",
            $$"""{"id": "{{named}}","tenantId": "10005","typeCode":"3","startTime":"05:00:00","endTime":"06:30:00","restNum":"2","actionID": "abcd123"}""");
        EnvelopeAssert.Success(body);
        var early = await app.WithDbAsync(db => db.RestTemplates.AsNoTracking().SingleAsync(x => x.Id == named));
        Assert.Equal(("Early", 1200, new TimeOnly(5, 0), 2), (early.Name, early.Duration, early.StartStamp!.Value, early.RestNum));
    }

    [Fact]
    public async Task Modify_rest_time_template_answers_201_for_unknown_ids_other_tenants_ids_and_overlaps()
    {
        await EnsureTenantAsync(10005);
        var api = await ApiClient.ForTenantAsync(app, null);
        var lunch = await app.WithDbAsync(db => db.RestTemplates.AsNoTracking().SingleAsync(x => x.TenantId == 10001 && x.Name == "Lunch"));
        var shortBreak = await app.WithDbAsync(db => db.RestTemplates.AsNoTracking().SingleAsync(x => x.TenantId == 10001 && x.Name == "Short break"));

        var (_, body) = await api.PostAsync("/config/modifyRestTimeTemp", AddExample.Replace("\"tenantId\"", "\"id\": \"999\",\"tenantId\""));
        EnvelopeAssert.Invalid(body, "id");
        Assert.Equal("not found", (string?)body["errors"]![0]!["reason"]);
        // The example without an id (as printed): 201 on id.
        (_, body) = await api.PostAsync("/config/modifyRestTimeTemp", AddExample);
        EnvelopeAssert.Invalid(body, "id");
        // Lunch's id under tenant 10005: not that tenant's template.
        (_, body) = await api.PostAsync("/config/modifyRestTimeTemp", AddExample.Replace("\"tenantId\"", $"\"id\": \"{lunch.Id}\",\"tenantId\""));
        EnvelopeAssert.Invalid(body, "id");
        // Giving "Short break" a period over Lunch's.
        (_, body) = await api.PostAsync("/config/modifyRestTimeTemp",
            $$"""{"id": "{{shortBreak.Id}}","tenantId": "10001","typeCode":"1","startTime":"13:00:00","endTime":"14:00:00","restNum":"1","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "startTime");

        var after = await app.WithDbAsync(db => db.RestTemplates.AsNoTracking().Where(x => x.TenantId == 10001).OrderBy(x => x.Id).ToListAsync());
        var lunchAfter = after.Single(x => x.Id == lunch.Id);
        Assert.Equal((lunch.StartStamp, lunch.EndStamp, lunch.RestNum, lunch.TypeCode), (lunchAfter.StartStamp, lunchAfter.EndStamp, lunchAfter.RestNum, lunchAfter.TypeCode));
        Assert.Null(after.Single(x => x.Id == shortBreak.Id).StartStamp);
    }

    // ------------------------------------------------------------------ §7.6

    [Fact]
    public async Task Delete_rest_time_template_takes_the_spec_example_and_refuses_other_tenants_ids()
    {
        await EnsureTenantAsync(10005);
        await ClearTemplatesAsync(10005);
        var api = await ApiClient.ForTenantAsync(app, null);
        // §7.6's example (S002:L28928) names id 1 in tenant 10005. On this database id 1 is 10001's "Lunch": the
        // example, verbatim, is refused as "not found" and Lunch stays.
        var lunchId = await app.WithDbAsync(db => db.RestTemplates.Where(x => x.Name == "Lunch").Select(x => x.Id).SingleAsync());
        Assert.Equal(1, lunchId);
        var (status, body) = await api.PostAsync("/config/deleteRestTimeTemp", """{"id": "1","tenantId": "10005","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        EnvelopeAssert.Invalid(body, "id");
        Assert.True(await app.WithDbAsync(db => db.RestTemplates.AnyAsync(x => x.Id == 1)));

        // With the id of 10005's own template it is deleted.
        var id = await CreateTemplateAsync(new RestTemplate
        {
            TenantId = 10005, Name = "to delete", StartStamp = new TimeOnly(1, 0), EndStamp = new TimeOnly(2, 0), TypeCode = "12",
        });
        (_, body) = await api.PostAsync("/config/deleteRestTimeTemp", $$"""{"id": "{{id}}","tenantId": "10005","actionID": "abcd123"}""");
        Assert.Null(EnvelopeAssert.Success(body));
        Assert.False(await app.WithDbAsync(db => db.RestTemplates.AnyAsync(x => x.Id == id)));
        // Again: gone.
        (_, body) = await api.PostAsync("/config/deleteRestTimeTemp", $$"""{"id": "{{id}}","tenantId": "10005","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        (_, body) = await api.PostAsync("/config/deleteRestTimeTemp", """{"id": "x","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        EnvelopeAssert.Invalid(body, "tenantId");
    }

    // ------------------------------------------------------------------ §7.11

    /// <summary>§7.11's example (S002:L29405) with tenant 10000 → 10001 and agent 10000_1000 → 10001_1000 (the demo's).</summary>
    private const string AddBlacklistExample =
        """{"name": "xxx","tenantId": "10001","mobile": "185554454654","agent": "10001_1000","type": "1","description": "xxxx","actionID": "abcd123"}""";

    [Fact]
    public async Task Add_blacklist_takes_the_spec_example_and_returns_the_entry()
    {
        await RemoveBlacklistedAsync(10001, "185554454654");
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var (status, body) = await api.PostAsync("/config/addBlacklist", AddBlacklistExample);
        Assert.Equal(200, status);
        var data = EnvelopeAssert.Success(body)!.AsObject();
        var saved = await app.WithDbAsync(db => db.Blacklist.AsNoTracking().SingleAsync(x => x.TenantId == 10001 && x.Mobile == "185554454654"));
        var agentId = await app.WithDbAsync(db => db.Agents.Where(a => a.TenantId == 10001 && a.Code == "1000").Select(a => a.Id).SingleAsync());
        // The agent who added it: its record id and its number.
        Assert.Equal(agentId, saved.CreatedByAgentId);
        Assert.Equal("10001_1000", saved.CreatedBy);
        Assert.Equal(BlacklistDirection.Both, saved.CallType);

        Assert.Equal(new[] { "id", "tenantId", "userId", "nameCn", "name", "mobile", "callType", "status", "createdTime", "description" },
            data.Select(p => p.Key));
        Assert.All(data, p => Assert.Equal(System.Text.Json.JsonValueKind.String, p.Value!.GetValueKind()));
        Assert.Equal(saved.Id.ToString(), (string?)data["id"]);
        Assert.Equal("10001", (string?)data["tenantId"]);
        Assert.Equal(agentId.ToString(), (string?)data["userId"]);
        Assert.Equal("10001_1000", (string?)data["nameCn"]);
        Assert.Equal("xxx", (string?)data["name"]);
        Assert.Equal("185554454654", (string?)data["mobile"]);
        Assert.Equal("1", (string?)data["callType"]);
        Assert.Equal("1", (string?)data["status"]);
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"), (string?)data["createdTime"]);
        Assert.Equal("xxxx", (string?)data["description"]);
    }

    [Fact]
    public async Task Add_blacklist_answers_201_for_a_duplicate_number_an_unknown_agent_and_bad_fields_writing_nothing()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var before = await BlacklistCountAsync();
        // 13800000000 is already blacklisted in 10001.
        var (status, body) = await api.PostAsync("/config/addBlacklist", AddBlacklistExample.Replace("185554454654", "13800000000"));
        Assert.Equal(200, status);
        EnvelopeAssert.Invalid(body, "mobile");
        (_, body) = await api.PostAsync("/config/addBlacklist", AddBlacklistExample.Replace("10001_1000", "10001_9999"));
        EnvelopeAssert.Invalid(body, "agent");
        Assert.Equal("not found", (string?)body["errors"]![0]!["reason"]);
        (_, body) = await api.PostAsync("/config/addBlacklist", AddBlacklistExample.Replace("10001_1000", "10000_1000"));
        EnvelopeAssert.Invalid(body, "agent");
        (_, body) = await api.PostAsync("/config/addBlacklist", AddBlacklistExample.Replace("\"type\": \"1\"", "\"type\": \"4\""));
        EnvelopeAssert.Invalid(body, "type");
        (_, body) = await api.PostAsync("/config/addBlacklist", AddBlacklistExample.Replace("185554454654", "12a"));
        EnvelopeAssert.Invalid(body, "mobile");
        (_, body) = await api.PostAsync("/config/addBlacklist", """{"actionID": "abcd123"}""");
        foreach (var field in new[] { "name", "tenantId", "agent", "mobile", "type" }) EnvelopeAssert.Invalid(body, field);
        Assert.Equal(before, await BlacklistCountAsync());
    }

    // ------------------------------------------------------------------ §7.12

    [Fact]
    public async Task Delete_blacklist_returns_the_deleted_entry()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var id = await AddEntryAsync(10001, "13911112222");
        // §7.12's example (S002:L29572) names id 1, the demo entry the other tests rely on: this entry's id instead.
        var (status, body) = await api.PostAsync("/config/delBlacklist", $$"""{"id": "{{id}}","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var data = EnvelopeAssert.Success(body)!.AsObject();
        Assert.Equal(id.ToString(), (string?)data["id"]);
        Assert.Equal("13911112222", (string?)data["mobile"]);
        Assert.Equal("10001", (string?)data["tenantId"]);
        Assert.Equal(10, data.Count);
        Assert.False(await app.WithDbAsync(db => db.Blacklist.AnyAsync(x => x.Id == id)));

        (_, body) = await api.PostAsync("/config/delBlacklist", $$"""{"id": "{{id}}","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        Assert.Equal("not found", (string?)body["errors"]![0]!["reason"]);
        (_, body) = await api.PostAsync("/config/delBlacklist", """{"actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
    }

    // ------------------------------------------------------------------ §7.13

    [Fact]
    public async Task Modify_blacklist_takes_the_spec_example_and_returns_the_updated_entry()
    {
        await RemoveBlacklistedAsync(10001, "185554454654");
        var id = await AddEntryAsync(10001, "13922223333", BlacklistDirection.Inbound);
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §7.13's example (S002:L29771) with its id "1" → this entry's id.
        var (status, body) = await api.PostAsync("/config/modifyBlacklist",
            $$"""{"id": "{{id}}","name": "xxx","mobile": "185554454654","type": "1","description": "xxxx","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        var data = EnvelopeAssert.Success(body)!.AsObject();
        Assert.Equal(id.ToString(), (string?)data["id"]);
        Assert.Equal("xxx", (string?)data["name"]);
        Assert.Equal("185554454654", (string?)data["mobile"]);
        Assert.Equal("1", (string?)data["callType"]);
        Assert.Equal("xxxx", (string?)data["description"]);
        // The owner and creator stay.
        Assert.Equal("10001", (string?)data["tenantId"]);
        Assert.Equal("tests", (string?)data["nameCn"]);
        var saved = await app.WithDbAsync(db => db.Blacklist.AsNoTracking().SingleAsync(x => x.Id == id));
        Assert.Equal(("185554454654", BlacklistDirection.Both, "xxxx"), (saved.Mobile, saved.CallType, saved.Description));

        // description absent keeps it; "" clears it.
        (_, body) = await api.PostAsync("/config/modifyBlacklist", $$"""{"id": "{{id}}","name": "yyy","mobile": "185554454654","type": "3","actionID": "abcd123"}""");
        Assert.Equal("xxxx", (string?)EnvelopeAssert.Success(body)!["description"]);
        Assert.Equal("3", (string?)body["data"]!["callType"]);
        (_, body) = await api.PostAsync("/config/modifyBlacklist", $$"""{"id": "{{id}}","name": "yyy","mobile": "185554454654","type": "3","description": "","actionID": "abcd123"}""");
        Assert.Equal("", (string?)EnvelopeAssert.Success(body)!["description"]);
    }

    [Fact]
    public async Task Modify_blacklist_answers_201_for_a_duplicate_number_and_bad_fields_changing_nothing()
    {
        var id = await AddEntryAsync(10001, "13933334444");
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var (_, body) = await api.PostAsync("/config/modifyBlacklist",
            $$"""{"id": "{{id}}","name": "xxx","mobile": "13800000000","type": "1","description": "xxxx","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "mobile");
        (_, body) = await api.PostAsync("/config/modifyBlacklist",
            """{"id": "999","name": "xxx","mobile": "185554454654","type": "1","description": "xxxx","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        Assert.Equal("not found", (string?)body["errors"]![0]!["reason"]);
        (_, body) = await api.PostAsync("/config/modifyBlacklist", $$"""{"id": "{{id}}","name": "","mobile": "x","type": "0","actionID": "abcd123"}""");
        foreach (var field in new[] { "name", "type" }) EnvelopeAssert.Invalid(body, field);
        var saved = await app.WithDbAsync(db => db.Blacklist.AsNoTracking().SingleAsync(x => x.Id == id));
        Assert.Equal(("13933334444", "Test entry"), (saved.Mobile, saved.Name));
    }

    // ------------------------------------------------------------------ tenant scope

    [Fact]
    public async Task Another_tenants_key_is_refused_and_cannot_probe_entry_ids()
    {
        await EnsureTenantAsync(20002);
        var other = await ApiClient.ForTenantAsync(app, 20002);
        var templates = await TemplateCountAsync();
        var entries = await BlacklistCountAsync();

        // Naming tenant 10001: 403.
        var (status, body) = await other.PostAsync("/config/addRestTimeTemp", AddExample.Replace("10005", "10001"));
        Assert.Equal(403, status);
        Assert.Equal(403, (int?)body["code"]);
        (status, _) = await other.PostAsync("/config/addBlacklist", AddBlacklistExample);
        Assert.Equal(403, status);
        var lunchId = await app.WithDbAsync(db => db.RestTemplates.Where(x => x.Name == "Lunch").Select(x => x.Id).SingleAsync());
        (status, _) = await other.PostAsync("/config/deleteRestTimeTemp", $$"""{"id": "{{lunchId}}","tenantId": "10001","actionID": "abcd123"}""");
        Assert.Equal(403, status);

        // §7.12/§7.13 name no tenant: 10001's entry answers exactly as an id that does not exist.
        var id = await AddEntryAsync(10001, "13944445555");
        var (_, foreign) = await other.PostAsync("/config/delBlacklist", $$"""{"id": "{{id}}","actionID": "abcd123"}""");
        var (_, unknown) = await other.PostAsync("/config/delBlacklist", """{"id": "99999","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(foreign, "id");
        Assert.Equal(unknown.ToJsonString(), foreign.ToJsonString());
        (_, foreign) = await other.PostAsync("/config/modifyBlacklist",
            $$"""{"id": "{{id}}","name": "xxx","mobile": "185554454000","type": "1","actionID": "abcd123"}""");
        (_, unknown) = await other.PostAsync("/config/modifyBlacklist",
            """{"id": "99999","name": "xxx","mobile": "185554454000","type": "1","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(foreign, "id");
        Assert.Equal(unknown.ToJsonString(), foreign.ToJsonString());

        var saved = await app.WithDbAsync(db => db.Blacklist.AsNoTracking().SingleAsync(x => x.Id == id));
        Assert.Equal("13944445555", saved.Mobile);
        Assert.Equal(templates, await TemplateCountAsync());
        Assert.Equal(entries + 1, await BlacklistCountAsync());

        // 10001's own key does reach it.
        var own = await ApiClient.ForTenantAsync(app, 10001);
        (_, body) = await own.PostAsync("/config/delBlacklist", $$"""{"id": "{{id}}","actionID": "abcd123"}""");
        EnvelopeAssert.Success(body);
    }

    // ------------------------------------------------------------------ helpers

    private Task<int> EnsureTenantAsync(int id) => app.WithDbAsync(async db =>
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == id)) db.Tenants.Add(new Tenant { Id = id, Name = $"Tenant {id}" });
        return await db.SaveChangesAsync();
    });

    private Task<int> ClearTemplatesAsync(int tenantId) =>
        app.WithDbAsync(db => db.RestTemplates.Where(x => x.TenantId == tenantId).ExecuteDeleteAsync());

    private Task<int> RemoveBlacklistedAsync(int tenantId, string mobile) =>
        app.WithDbAsync(db => db.Blacklist.Where(x => x.TenantId == tenantId && x.Mobile == mobile).ExecuteDeleteAsync());

    private Task<int> TemplateCountAsync() => app.WithDbAsync(db => db.RestTemplates.CountAsync());

    private Task<int> BlacklistCountAsync() => app.WithDbAsync(db => db.Blacklist.CountAsync());

    /// <summary>A template made through the console's service; returns its id.</summary>
    private Task<int> CreateTemplateAsync(RestTemplate template) => app.WithScopeAsync(async sp =>
    {
        var result = await sp.GetRequiredService<RestTemplateService>().CreateAsync(template, TenantScope.All);
        Assert.True(result.Succeeded, result.Describe());
        await using var db = await sp.GetRequiredService<IDbContextFactory<CallCenter.Infrastructure.Data.CallCenterDbContext>>().CreateDbContextAsync();
        return await db.RestTemplates.Where(x => x.TenantId == template.TenantId && x.Name == template.Name).Select(x => x.Id).SingleAsync();
    });

    /// <summary>An entry made through the console's service by "tests"; returns its id.</summary>
    private Task<int> AddEntryAsync(int tenantId, string mobile, BlacklistDirection direction = BlacklistDirection.Both) => app.WithScopeAsync(async sp =>
    {
        var result = await sp.GetRequiredService<CallCenter.Infrastructure.Blacklists.BlacklistService>().CreateAsync(
            new BlacklistEntry { TenantId = tenantId, Name = "Test entry", Mobile = mobile, CallType = direction, Description = "made by a test" },
            TenantScope.All, "tests");
        Assert.True(result.Succeeded, result.Describe());
        await using var db = await sp.GetRequiredService<IDbContextFactory<CallCenter.Infrastructure.Data.CallCenterDbContext>>().CreateDbContextAsync();
        return await db.Blacklist.Where(x => x.TenantId == tenantId && x.Mobile == mobile).Select(x => x.Id).SingleAsync();
    });
}
