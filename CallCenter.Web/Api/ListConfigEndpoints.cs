using System.Globalization;
using System.Text.Json.Nodes;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Blacklists;
using CallCenter.Domain.Common;
using CallCenter.Domain.RestTemplates;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.AgentStates;
using CallCenter.Infrastructure.Blacklists;
using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Numbers;
using CallCenter.Infrastructure.RestTemplates;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Web.Api.ApiQuery;

namespace CallCenter.Web.Api;

/// <summary>
/// §6.35 number location, §6.36/§6.37 agent states and colours, §6.41 rest-time templates, §6.42/§6.43 blacklist
/// (query-api-2.md), and the configuration calls §7.4–§7.6 rest-time templates and §7.11–§7.13 blacklist
/// (config-groupcall-trace.md Part B). Writes go through the same services as the console, so both keep one set of rules.
/// </summary>
public static class ListConfigEndpoints
{
    public static void MapListAndConfigInterfaces(this RouteGroupBuilder api)
    {
        api.MapInterface("/query/queryMobileAttribution", QueryMobileAttribution);
        api.MapInterface("/query/queryAgentCustomState", (req, sp, ct) => QueryAgentStates(req, sp, ct, colors: false));
        api.MapInterface("/query/queryAgentStateColors", (req, sp, ct) => QueryAgentStates(req, sp, ct, colors: true));
        api.MapInterface("/query/queryRestTimeTemp", QueryRestTimeTemp);
        api.MapInterface("/query/queryBlacklists", QueryBlacklists).RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/query/queryBlacklist", QueryBlacklist).RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/config/addRestTimeTemp", AddRestTimeTemp).RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/config/modifyRestTimeTemp", ModifyRestTimeTemp).RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/config/deleteRestTimeTemp", DeleteRestTimeTemp).RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/config/addBlacklist", AddBlacklist).RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/config/delBlacklist", DelBlacklist).RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/config/modifyBlacklist", ModifyBlacklist).RequireRateLimiting(ApiSetup.SpecRateLimit);
    }

    // ------------------------------------------------------------------ §6.35

    /// <summary>§6.35: <c>data</c> is one string "province city carrier" (no trailing "\n", A27).</summary>
    private static Task<IResult> QueryMobileAttribution(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var mobile = req.Required("mobile", 32);
        if (req.Refusal() is { } refusal) return Task.FromResult(refusal);
        var location = NumberAttribution.Lookup(mobile);
        if (location is null) return Task.FromResult(ApiEnvelope.Invalid(req.ActionId, "mobile", "unknown or invalid number"));
        return Task.FromResult(ApiEnvelope.Ok(req.ActionId, JsonValue.Create(location.Text)));
    }

    // ------------------------------------------------------------------ §6.36 / §6.37

    /// <summary>The built-in reasons in the order both examples list them: 0, 3, 4, 5, 1, 2, 6, 7, 8.</summary>
    private static readonly int[] ExampleReasonOrder = { 0, 3, 4, 5, 1, 2, 6, 7, 8 };

    /// <summary>
    /// §6.36 (<paramref name="colors"/> false) and §6.37 (true). One object per state 0/1/2 with <c>state</c> (int),
    /// <c>id</c> (the state as a string) and <c>pid</c> (""); state 2 carries the reasons: the built-ins, then the
    /// tenant's custom ones (§6.36 only the enabled ones, which agents may pick; §6.37 all, since a disabled reason
    /// still colours past records). Each reason has both <c>reasonText</c>/<c>reasonCode</c> (documented) and
    /// <c>reasontext</c>/<c>reasoncode</c> (the examples); the code is an int in §6.36 and a string in §6.37, as each
    /// example has it. States 0/1 have no <c>reason</c> in §6.36 and <c>reason: []</c> with their <c>color</c> in §6.37.
    /// </summary>
    private static async Task<IResult> QueryAgentStates(ApiRequest req, IServiceProvider sp, CancellationToken ct, bool colors)
    {
        var tenant = req.Tenant();
        var state = req.OneOf("state", "0", "1", "2");
        var reasonCode = req.Int("reasonCode", 0, AgentStateCatalog.MaxReasonCode);
        if (req.Refusal() is { } refusal) return refusal;
        if (!await TenantExistsAsync(sp, tenant!.Value, ct)) return ApiEnvelope.Invalid(req.ActionId, "tenantId", "not found");

        var custom = await sp.GetRequiredService<CustomAgentStateService>()
            .ExportAsync(new CustomAgentStateListQuery { TenantId = tenant }, req.Caller.Scope, ct);
        var byCode = AgentStateCatalog.BuiltInReasons.ToDictionary(r => r.Code);
        var reasons = ExampleReasonOrder.Select(c => (Code: c, byCode[c].Text, byCode[c].Color))
            .Concat(custom.Where(c => colors || c.Enabled).OrderBy(c => c.ReasonCode).Select(c => (Code: c.ReasonCode, Text: c.ReasonText, c.Color)))
            .Where(r => reasonCode is null || r.Code == reasonCode);

        var data = new JsonArray();
        foreach (var s in new[] { AgentState.LoggedOut, AgentState.Ready, AgentState.Busy })
        {
            var n = (int)s;
            if (state is not null && state != n.ToString(CultureInfo.InvariantCulture)) continue;
            if (reasonCode is not null && s != AgentState.Busy) continue;
            var o = new JsonObject
            {
                ["state"] = n,
                ["id"] = n.ToString(CultureInfo.InvariantCulture),
                ["pid"] = "",
            };
            if (colors && s != AgentState.Busy) o["color"] = AgentStateCatalog.StateColor(s);
            if (s == AgentState.Busy)
            {
                var list = new JsonArray();
                foreach (var (code, text, color) in reasons)
                {
                    var r = new JsonObject
                    {
                        ["reasonText"] = text,
                        ["reasonCode"] = colors ? JsonValue.Create(code.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(code),
                        ["reasontext"] = text,
                        ["reasoncode"] = colors ? JsonValue.Create(code.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(code),
                    };
                    if (colors) r["color"] = color;
                    list.Add(r);
                }
                o["reason"] = list;
            }
            else if (colors)
            {
                o["reason"] = new JsonArray();
            }
            data.Add(o);
        }
        return ApiEnvelope.Ok(req.ActionId, data);
    }

    // ------------------------------------------------------------------ §6.41, §7.4–§7.6

    /// <summary>
    /// §6.41. Rows ordered by id: <c>id</c>, <c>restNum</c>, <c>tenantId</c> numbers, <c>startStamp</c>/<c>endStamp</c>
    /// "HH:mm:ss" ("" for a console template without a period), <c>typeCode</c> string. <c>startTime</c>/<c>endTime</c>
    /// select templates whose period overlaps that window (A39; either bound alone leaves the other side open; templates
    /// without a period then never match); <c>id</c> and <c>typeCode</c> match exactly.
    /// </summary>
    private static async Task<IResult> QueryRestTimeTemp(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var from = req.TimeOfDay("startTime");
        var to = req.TimeOfDay("endTime");
        var id = req.Int("id", 1);
        var typeCode = req.Optional("typeCode", 32);
        var (page, size) = req.Paging();
        if (from is not null && to is not null && to < from) req.Fail("endTime", "must not be before startTime");
        if (req.Refusal() is { } refusal) return refusal;
        if (!await TenantExistsAsync(sp, tenant!.Value, ct)) return ApiEnvelope.Invalid(req.ActionId, "tenantId", "not found");

        await using var db = await sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);
        // A tenant has a handful of templates: filter the periods in memory.
        var all = await db.RestTemplates.AsNoTracking().Where(x => x.TenantId == tenant).OrderBy(x => x.Id).ToListAsync(ct);
        var rows = all.Where(x => id is null || x.Id == id)
            .Where(x => typeCode is null || x.TypeCode == typeCode)
            .Where(x => (from is null && to is null)
                        || (x.HasPeriod && (to is null || x.StartStamp <= to) && (from is null || from <= x.EndStamp)))
            .ToList();
        var data = new JsonArray(rows.Skip((page - 1) * size).Take(size).Select(x => (JsonNode)new JsonObject
        {
            ["id"] = x.Id,
            ["startStamp"] = Stamp(x.StartStamp),
            ["endStamp"] = Stamp(x.EndStamp),
            ["restNum"] = x.RestNum,
            ["tenantId"] = x.TenantId,
            ["typeCode"] = x.TypeCode ?? "",
        }).ToArray());
        return ApiEnvelope.Ok(req.ActionId, data, page.ToString(CultureInfo.InvariantCulture), rows.Count.ToString(CultureInfo.InvariantCulture));
    }

    private static readonly Dictionary<string, string> RestTemplateFields = new()
    {
        [nameof(RestTemplate.TenantId)] = "tenantId",
        [nameof(RestTemplate.StartStamp)] = "startTime",
        [nameof(RestTemplate.EndStamp)] = "endTime",
        [nameof(RestTemplate.RestNum)] = "restNum",
        [nameof(RestTemplate.TypeCode)] = "typeCode",
        // The name is made from the period, so a clash of names is a clash of the period.
        [nameof(RestTemplate.Name)] = "startTime",
    };

    /// <summary>§7.4: a template named after its period ("HH:mm:ss-HH:mm:ss") with the default rest length. Envelope only.</summary>
    private static async Task<IResult> AddRestTimeTemp(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var (start, end, restNum, typeCode) = RestTemplateInput(req);
        if (req.Refusal() is { } refusal) return refusal;
        var template = new RestTemplate
        {
            TenantId = tenant!.Value, Name = PeriodName(start, end), TypeCode = typeCode,
            StartStamp = start, EndStamp = end, RestNum = restNum!.Value,
        };
        var result = await sp.GetRequiredService<RestTemplateService>().CreateAsync(template, req.Caller.Scope, ct);
        return result.Succeeded ? ApiEnvelope.Done(req.ActionId) : Failure(req, result, RestTemplateFields);
    }

    /// <summary>
    /// §7.5: changes period, rest limit and type code; a name made by §7.4 follows the new period, a console-given name
    /// stays, and the rest length and department stay. An id of another tenant is "not found". Envelope only.
    /// </summary>
    private static async Task<IResult> ModifyRestTimeTemp(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var id = req.RequiredInt("id", 1);
        var tenant = req.Tenant();
        var (start, end, restNum, typeCode) = RestTemplateInput(req);
        if (req.Refusal() is { } refusal) return refusal;
        var service = sp.GetRequiredService<RestTemplateService>();
        var template = await service.GetAsync(id!.Value, req.Caller.Scope, ct);
        if (template is null || template.TenantId != tenant) return ApiEnvelope.Invalid(req.ActionId, "id", "not found");
        if (template.Name == PeriodName(template.StartStamp, template.EndStamp)) template.Name = PeriodName(start, end);
        template.StartStamp = start;
        template.EndStamp = end;
        template.RestNum = restNum!.Value;
        template.TypeCode = typeCode;
        var result = await service.UpdateAsync(template, req.Caller.Scope, ct);
        return result.Succeeded ? ApiEnvelope.Done(req.ActionId) : Failure(req, result, RestTemplateFields);
    }

    /// <summary>§7.6: one id of the named tenant. Envelope only.</summary>
    private static async Task<IResult> DeleteRestTimeTemp(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var id = req.RequiredInt("id", 1);
        var tenant = req.Tenant();
        if (req.Refusal() is { } refusal) return refusal;
        var service = sp.GetRequiredService<RestTemplateService>();
        var template = await service.GetAsync(id!.Value, req.Caller.Scope, ct);
        if (template is null || template.TenantId != tenant) return ApiEnvelope.Invalid(req.ActionId, "id", "not found");
        var result = await service.DeleteAsync(template.Id, req.Caller.Scope, ct);
        return result.Succeeded ? ApiEnvelope.Done(req.ActionId) : Failure(req, result, RestTemplateFields);
    }

    /// <summary>The fields §7.4 and §7.5 both require.</summary>
    private static (TimeOnly? Start, TimeOnly? End, int? RestNum, string? TypeCode) RestTemplateInput(ApiRequest req)
    {
        var typeCode = req.Required("typeCode", 32);
        var start = req.TimeOfDay("startTime", required: true);
        var end = req.TimeOfDay("endTime", required: true);
        var restNum = req.RequiredInt("restNum");
        return (start, end, restNum, typeCode);
    }

    /// <summary>The name an API-made template gets: "12:00:01-23:59:59".</summary>
    public static string PeriodName(TimeOnly? start, TimeOnly? end) => $"{Stamp(start)}-{Stamp(end)}";

    private static string Stamp(TimeOnly? t) => t?.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    // ------------------------------------------------------------------ §6.42, §6.43, §7.11–§7.13

    /// <summary>
    /// §6.42. <c>thisDN</c>, <c>currentPage</c> and <c>pageSize</c> are accepted but not required (A41: pages default to
    /// 1 and 10); <c>thisDN</c>, when given, must be an agent number of the request's tenant and does not filter.
    /// <c>number</c> matches part of <c>mobile</c>; <c>startTime</c>/<c>endTime</c> bound <c>createdTime</c>
    /// (inclusive); <c>callType</c> 1/2/3 matches exactly. Newest first.
    /// </summary>
    private static async Task<IResult> QueryBlacklists(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var number = req.Optional("number", 32);
        var from = req.Time("startTime");
        var to = req.Time("endTime");
        var callType = req.OneOf("callType", "1", "2", "3");
        var thisDn = req.Optional("thisDN", 64);
        var (page, size) = req.Paging();
        if (from is not null && to is not null && to < from) req.Fail("endTime", "must not be before startTime");
        if (thisDn is not null && tenant is int t && (!Dn.TryParse(thisDn, out var dnTenant, out _) || dnTenant != t))
            req.Fail("thisDN", $"must be an agent number of tenant {t}, such as {Dn.Of(t, "1000")}");
        if (req.Refusal() is { } refusal) return refusal;
        if (!await TenantExistsAsync(sp, tenant!.Value, ct)) return ApiEnvelope.Invalid(req.ActionId, "tenantId", "not found");

        await using var db = await sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);
        var q = db.Blacklist.AsNoTracking().Where(x => x.TenantId == tenant);
        if (number is not null) q = q.Where(x => EF.Functions.Like(x.Mobile, QueryableExtensions.LikePattern(number), "\\"));
        if (from is not null) q = q.Where(x => x.CreatedTime >= from);
        if (to is not null) q = q.Where(x => x.CreatedTime <= to);
        if (callType is not null) q = q.Where(x => x.CallType == (BlacklistDirection)int.Parse(callType, CultureInfo.InvariantCulture));
        return await PageAsync(req, q, q => q.OrderByDescending(x => x.Id), (page, size), BlacklistJson, ct);
    }

    /// <summary>§6.43: one entry of the named tenant as an object; an id of another tenant is "not found".</summary>
    private static async Task<IResult> QueryBlacklist(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var id = req.RequiredInt("id", 1);
        if (req.Refusal() is { } refusal) return refusal;
        var entry = await sp.GetRequiredService<BlacklistService>().GetAsync(id!.Value, req.Caller.Scope, ct);
        if (entry is null || entry.TenantId != tenant) return ApiEnvelope.Invalid(req.ActionId, "id", "not found");
        return ApiEnvelope.Ok(req.ActionId, BlacklistJson(entry));
    }

    private static readonly Dictionary<string, string> BlacklistFields = new()
    {
        [nameof(BlacklistEntry.TenantId)] = "tenantId",
        [nameof(BlacklistEntry.Name)] = "name",
        [nameof(BlacklistEntry.Mobile)] = "mobile",
        [nameof(BlacklistEntry.CallType)] = "type",
        [nameof(BlacklistEntry.Description)] = "description",
        [nameof(BlacklistEntry.Status)] = "status",
    };

    /// <summary>
    /// §7.11: <c>agent</c> must be an agent of the tenant; it becomes the entry's <c>userId</c> (its record id) and
    /// <c>nameCn</c> (its number). <c>type</c> is stored as <c>callType</c>. A number already in the tenant → 201 mobile.
    /// </summary>
    private static async Task<IResult> AddBlacklist(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var name = req.Required("name");
        var tenant = req.Tenant();
        var agent = req.Required("agent", 64);
        var mobile = req.Required("mobile", 32);
        var type = req.RequiredOneOf("type", "1", "2", "3");
        var description = req.Optional("description", 500);
        if (agent is not null && tenant is int t && (!Dn.TryParse(agent, out var agentTenant, out _) || agentTenant != t))
            req.Fail("agent", $"must be an agent number of tenant {t}, such as {Dn.Of(t, "1000")}");
        if (req.Refusal() is { } refusal) return refusal;

        await using var db = await sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);
        Dn.TryParse(agent, out _, out var code);
        var creator = await db.Agents.AsNoTracking().Where(a => a.TenantId == tenant && a.Code == code)
            .Select(a => new { a.Id }).FirstOrDefaultAsync(ct);
        if (creator is null)
            return ApiEnvelope.Invalid(req.ActionId, await TenantExistsAsync(sp, tenant!.Value, ct) ? "agent" : "tenantId", "not found");

        var service = sp.GetRequiredService<BlacklistService>();
        var input = new BlacklistEntry
        {
            TenantId = tenant!.Value, Name = name!, Mobile = mobile!,
            CallType = (BlacklistDirection)int.Parse(type!, CultureInfo.InvariantCulture),
            Description = description, CreatedByAgentId = creator.Id,
        };
        var result = await service.CreateAsync(input, req.Caller.Scope, agent, ct);
        if (!result.Succeeded) return Failure(req, result, BlacklistFields);
        var created = await db.Blacklist.AsNoTracking().FirstAsync(x => x.TenantId == input.TenantId && x.Mobile == input.Mobile.Trim(), ct);
        return ApiEnvelope.Ok(req.ActionId, BlacklistJson(created));
    }

    /// <summary>§7.12: no tenantId; a tenant key reaches only its own entries (another tenant's id is "not found").
    /// <c>data</c> is the deleted entry.</summary>
    private static async Task<IResult> DelBlacklist(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var id = req.RequiredInt("id", 1);
        if (req.Refusal() is { } refusal) return refusal;
        var service = sp.GetRequiredService<BlacklistService>();
        var entry = await service.GetAsync(id!.Value, req.Caller.Scope, ct);
        if (entry is null) return ApiEnvelope.Invalid(req.ActionId, "id", "not found");
        var result = await service.DeleteAsync(entry.Id, req.Caller.Scope, ct);
        return result.Succeeded ? ApiEnvelope.Ok(req.ActionId, BlacklistJson(entry)) : Failure(req, result, BlacklistFields);
    }

    /// <summary>
    /// §7.13: no tenantId, scoped like §7.12. Sets name, mobile, type and — when the field is sent — description
    /// (absent keeps it, "" clears it); tenant, creator, status and validity stay. <c>data</c> is the updated entry.
    /// </summary>
    private static async Task<IResult> ModifyBlacklist(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var id = req.RequiredInt("id", 1);
        var name = req.Required("name");
        var mobile = req.Required("mobile", 32);
        var type = req.RequiredOneOf("type", "1", "2", "3");
        var description = req.Optional("description", 500);
        if (req.Refusal() is { } refusal) return refusal;
        var service = sp.GetRequiredService<BlacklistService>();
        var entry = await service.GetAsync(id!.Value, req.Caller.Scope, ct);
        if (entry is null) return ApiEnvelope.Invalid(req.ActionId, "id", "not found");
        entry.Name = name!;
        entry.Mobile = mobile!;
        entry.CallType = (BlacklistDirection)int.Parse(type!, CultureInfo.InvariantCulture);
        if (req.Has("description")) entry.Description = description;
        var result = await service.UpdateAsync(entry, req.Caller.Scope, ct);
        if (!result.Succeeded) return Failure(req, result, BlacklistFields);
        var updated = await service.GetAsync(entry.Id, req.Caller.Scope, ct);
        return updated is null
            ? ApiEnvelope.Invalid(req.ActionId, "id", "not found")
            : ApiEnvelope.Ok(req.ActionId, BlacklistJson(updated));
    }

    /// <summary>An entry as §6.42/§6.43/§7.11–§7.13 show it: every value a string.</summary>
    public static JsonObject BlacklistJson(BlacklistEntry e) => new()
    {
        ["id"] = e.Id.ToString(CultureInfo.InvariantCulture),
        ["tenantId"] = e.TenantId.ToString(CultureInfo.InvariantCulture),
        ["userId"] = e.CreatedByAgentId?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["nameCn"] = e.CreatedBy ?? "",
        ["name"] = e.Name,
        ["mobile"] = e.Mobile,
        ["callType"] = ((int)e.CallType).ToString(CultureInfo.InvariantCulture),
        ["status"] = e.Status.ToString(CultureInfo.InvariantCulture),
        ["createdTime"] = ApiEnvelope.Time(e.CreatedTime),
        ["description"] = e.Description ?? "",
    };

    // ------------------------------------------------------------------ shared

    private static async Task<bool> TenantExistsAsync(IServiceProvider sp, int tenantId, CancellationToken ct)
    {
        await using var db = await sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);
        return await db.Tenants.AnyAsync(t => t.Id == tenantId, ct);
    }

    /// <summary>A service's refusal as the envelope: field errors under the API's field names; a record gone → "id" not found.</summary>
    private static IResult Failure(ApiRequest req, Result result, IReadOnlyDictionary<string, string> fields)
    {
        if (result.Refusal == TenantScope.OutOfScope)
            return ApiEnvelope.Error(StatusCodes.Status403Forbidden, req.ActionId, "This API key may not access that tenant.");
        if (result.Refusal is not null) return ApiEnvelope.Invalid(req.ActionId, "id", "not found");
        return ApiEnvelope.Invalid(req.ActionId,
            result.Errors.Select(e => (fields.TryGetValue(e.Field, out var f) ? f : e.Field, e.Message)));
    }

    /// <summary>A time of day <c>HH:mm:ss</c> (§6.41, §7.4, §7.5); absent → null (or "required").</summary>
    private static TimeOnly? TimeOfDay(this ApiRequest req, string field, bool required = false)
    {
        var value = req.Text(field);
        if (value is null)
        {
            if (required) req.Fail(field, "required");
            return null;
        }
        if (TimeOnly.TryParseExact(value, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
        req.Fail(field, "must be HH:mm:ss");
        return null;
    }

    /// <summary>A required field with one of the listed values.</summary>
    private static string? RequiredOneOf(this ApiRequest req, string field, params string[] allowed)
    {
        if (req.Text(field) is null)
        {
            req.Fail(field, "required");
            return null;
        }
        return req.OneOf(field, allowed);
    }
}
