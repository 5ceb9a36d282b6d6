using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CallCenter.Domain.Common;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Records;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Web.Api.ApiQuery;

namespace CallCenter.Web.Api;

/// <summary>
/// What callers left besides calls, as the programmer's guide reads it (query-api-1.md): blacklist calls §6.25,
/// satisfaction surveys §6.26 and their statistics §6.27, voicemail §6.28. Wire typing follows each section's example:
/// 6.25 is hand-written (every value a string), 6.26 captured (numbers for numeric columns), 6.27 and 6.28 strings.
/// Lists are newest first; <c>sort</c> names a response field, <c>order</c> defaults to <c>desc</c> (H-order).
/// </summary>
public static class FeedbackEndpoints
{
    public static void MapFeedbackInterfaces(this RouteGroupBuilder api)
    {
        api.MapInterface("/query/queryBlacklistHistories", QueryBlacklistHistories);
        api.MapInterface("/query/querySatisfactions", QuerySatisfactions);
        api.MapInterface("/query/querySatisfactionStatistics", QuerySatisfactionStatistics);
        api.MapInterface("/query/queryVoicemailMsgs", QueryVoicemailMsgs);
    }

    // ------------------------------------------------------------------ §6.25 blacklist calls

    private static readonly Sorts<BlacklistCallRecord> BlacklistSorts = new()
    {
        ["id"] = (q, d) => By(q, r => r.Id, d),
        ["agent"] = (q, d) => By(q, r => r.Agent, d),
        ["destinationNumber"] = (q, d) => By(q, r => r.DestinationNumber, d),
        ["callerIdNumber"] = (q, d) => By(q, r => r.CallerIdNumber, d),
        ["ctiCallType"] = (q, d) => By(q, r => r.CtiCallType, d),
        ["startStamp"] = (q, d) => By(q, r => r.StartStamp, d),
        ["endStamp"] = (q, d) => By(q, r => r.EndStamp, d),
        ["ctiCallId"] = (q, d) => By(q, r => r.CtiCallId, d),
        ["extension"] = (q, d) => By(q, r => r.Extension, d),
    };

    private static async Task<IResult> QueryBlacklistHistories(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var agents = req.List("agent");
        var mobile = req.Optional("mobile", 32);
        var start = req.Time("startTime");
        var end = req.Time("endTime");
        var callTypes = CallTypes(req, "callType");
        var ctiCallId = req.Optional("ctiCallId", 128);
        var campaignId = req.Long("campaignId");
        var extension = req.Optional("extension", 32);
        var order = Sorting(req, BlacklistSorts, "startStamp");
        var paging = req.Paging();
        if (req.Refusal() is { } refusal) return refusal;

        await using var db = await Db(sp, ct);
        var q = db.BlacklistCalls.AsNoTracking().Where(r => r.TenantId == tenant);
        if (agents.Count > 0) q = q.Where(r => agents.Contains(r.Agent!));
        if (mobile is not null) q = q.Where(r => r.CallerIdNumber == mobile || r.DestinationNumber == mobile);
        if (start is not null) q = q.Where(r => r.StartStamp >= start);
        if (end is not null) q = q.Where(r => r.StartStamp <= end);
        if (callTypes is not null) q = q.Where(r => callTypes.Contains(r.CtiCallType));
        if (ctiCallId is not null) q = q.Where(r => r.CtiCallId == ctiCallId);
        if (campaignId is not null) q = q.Where(r => r.CampaignId == campaignId);
        if (extension is not null) q = q.Where(r => r.Extension == extension);
        return await PageAsync(req, q, order, paging, BlacklistCall, ct);
    }

    /// <summary>A blacklist call as §6.25 shows it: every value a string, "" when empty (A33b: <c>id</c> is this record's).</summary>
    public static JsonObject BlacklistCall(BlacklistCallRecord r) => new()
    {
        ["id"] = Str(r.Id),
        ["tenantId"] = Str(r.TenantId),
        ["agent"] = r.Agent ?? "",
        ["destinationNumber"] = r.DestinationNumber,
        ["callerIdNumber"] = r.CallerIdNumber,
        ["ctiCallType"] = Str(r.CtiCallType),
        ["startStamp"] = ApiEnvelope.Time(r.StartStamp),
        ["endStamp"] = ApiEnvelope.Time(r.EndStamp),
        ["ctiCallId"] = r.CtiCallId,
        ["extension"] = r.Extension ?? "",
    };

    // ------------------------------------------------------------------ §6.26 satisfaction surveys

    private static readonly Sorts<SatisfactionRecord> SatisfactionSorts = new()
    {
        ["id"] = (q, d) => By(q, r => r.Id, d),
        ["callId"] = (q, d) => By(q, r => r.CallId, d),
        ["startTime"] = (q, d) => By(q, r => r.StartTime, d),
        ["endTime"] = (q, d) => By(q, r => r.EndTime, d),
        ["ani"] = (q, d) => By(q, r => r.Ani, d),
        ["dnis"] = (q, d) => By(q, r => r.Dnis, d),
        ["callType"] = (q, d) => By(q, r => r.CallType, d),
        ["ivrDtmfDigit"] = (q, d) => By(q, r => r.IvrDtmfDigit, d),
        ["ivrDigitType"] = (q, d) => By(q, r => r.IvrDigitType, d),
        ["stopCause"] = (q, d) => By(q, r => r.StopCause, d),
    };

    private static async Task<IResult> QuerySatisfactions(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var start = req.Time("startTime");
        var end = req.Time("endTime");
        var number = req.Optional("number", 32);
        var digit = req.Optional("ivrDtmfDigit", 32);
        // A34b: `ivrResult` (satisfaction result) is the key pressed too; `routeType` (component type) is ivrDigitType.
        var result = req.Optional("ivrResult", 32);
        var routeType = req.Optional("routeType", 16);
        var ids = req.Longs("ids");
        var callId = req.Optional("callId", 128);
        var ivrId = req.Int("ivrID");
        var callTypes = CallTypes(req, "callType");
        var order = Sorting(req, SatisfactionSorts, "startTime");
        var paging = req.Paging();
        if (req.Refusal() is { } refusal) return refusal;

        await using var db = await Db(sp, ct);
        var q = db.SatisfactionRecords.AsNoTracking().Where(r => r.TenantId == tenant);
        if (start is not null) q = q.Where(r => r.StartTime >= start);
        if (end is not null) q = q.Where(r => r.StartTime <= end);
        if (number is not null) q = q.Where(r => r.Ani == number || r.Dnis == number);
        if (digit is not null) q = q.Where(r => r.IvrDtmfDigit == digit);
        if (result is not null) q = q.Where(r => r.IvrDtmfDigit == result);
        if (routeType is not null) q = q.Where(r => r.IvrDigitType == routeType);
        if (ids.Count > 0) q = q.Where(r => ids.Contains(r.Id));
        if (callId is not null) q = q.Where(r => r.CallId == callId);
        if (ivrId is not null) q = q.Where(r => r.IvrId == ivrId);
        if (callTypes is not null) q = q.Where(r => callTypes.Contains(r.CallType));
        return await PageAsync(req, q, order, paging, r => new JsonObject
        {
            ["id"] = r.Id,
            ["callId"] = r.CallId,
            ["tenantId"] = r.TenantId,
            ["startTime"] = ApiEnvelope.Time(r.StartTime),
            ["endTime"] = ApiEnvelope.Time(r.EndTime),
            ["ani"] = r.Ani,
            ["dnis"] = r.Dnis,
            ["callType"] = r.CallType,
            ["ivrDtmfDigit"] = r.IvrDtmfDigit ?? "",
            ["ivrDigitType"] = r.IvrDigitType ?? "",
            ["stopCause"] = r.StopCause,
        }, ct);
    }

    // ------------------------------------------------------------------ §6.27 satisfaction statistics

    /// <summary>One row of §6.27: a tenant, ACD, agent, sum of agents or department, and the surveys it counts.</summary>
    private sealed record StatRow(int TenantId, string Name, string? Agent, Func<SurveyCount, bool> Counts);

    /// <summary>
    /// §6.27: the count of each requested key (<c>ivrDtmfDigits</c>) over the surveys of the tenants in <c>tenantId</c>
    /// (comma list), one row per tenant (type 1), ACD (2), agent of a tenant (3) or of an ACD (4), agent (5), the listed
    /// agents summed (6) or department of the type-7 map. Filter values are comma lists for 1–6 (A34). Rows carry
    /// <c>name</c> and <c>tenantId</c>; agent-level rows also <c>agent</c>; every count is a string (the example).
    /// </summary>
    private static async Task<IResult> QuerySatisfactionStatistics(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenants = Tenants(req);
        var start = req.Time("startTime");
        var end = req.Time("endTime");
        var digits = Digits(req);
        var type = req.RequiredInt("type", 1, 7);
        var filter = req.Node("filter");
        if (filter is null || (filter is JsonValue && req.Text("filter") is null)) req.Fail("filter", "required");
        var sort = req.Text("sort");
        var order = req.OneOf("order", "asc", "desc");
        var paging = req.Paging();
        if (sort is not null && sort is not ("agent" or "name" or "tenantId") && !digits.Contains(sort))
            req.Fail("sort", "must be agent, name, tenantId or one of the requested ivrDtmfDigits");
        if (req.Refusal() is { } refused) return refused;

        await using var db = await Db(sp, ct);
        var counts = await sp.GetRequiredService<SatisfactionService>().CountAsync(tenants, start, end, digits, ct);
        var rows = await StatRowsAsync(req, db, type!.Value, filter!, tenants, counts, ct);
        if (req.Refusal() is { } refusal) return refusal;

        var built = rows.Select(row =>
        {
            var mine = counts.Where(row.Counts).ToList();
            var o = new JsonObject();
            if (row.Agent is not null) o["agent"] = row.Agent;
            foreach (var d in digits) o[d] = Str(mine.Where(c => c.Digit == d).Sum(c => c.Count));
            o["tenantId"] = Str(row.TenantId);
            o["name"] = row.Name;
            return o;
        }).ToList();
        if (sort is not null)
        {
            Func<JsonObject, IComparable> key = sort is "agent" or "name"
                ? o => (string?)o[sort] ?? ""
                : o => long.Parse((string)o[sort]!, CultureInfo.InvariantCulture);
            built = order == "asc" ? built.OrderBy(key).ToList() : built.OrderByDescending(key).ToList();
        }
        var page = built.Skip((paging.Page - 1) * paging.Size).Take(paging.Size).Select(o => (JsonNode)o).ToArray();
        return ApiEnvelope.Ok(req.ActionId, new JsonArray(page), Str(paging.Page), Str(built.Count));
    }

    /// <summary>The rows the type and filter ask for; an unusable filter is recorded as the <c>filter</c> field's error.</summary>
    private static async Task<List<StatRow>> StatRowsAsync(ApiRequest req, Infrastructure.Data.CallCenterDbContext db, int type,
        JsonNode filter, List<int> tenants, List<SurveyCount> counts, CancellationToken ct)
    {
        var rows = new List<StatRow>();
        var agentNames = (await db.Agents.AsNoTracking().Where(a => tenants.Contains(a.TenantId))
                .Select(a => new { a.TenantId, a.Code, a.NameCn }).ToListAsync(ct))
            .ToDictionary(a => Dn.Of(a.TenantId, a.Code), a => a.NameCn, StringComparer.Ordinal);
        string AgentName(string dn) => agentNames.GetValueOrDefault(dn) ?? dn;
        StatRow AgentRow(int tenant, string dn, Func<SurveyCount, bool> scope) => new(tenant, AgentName(dn), dn, c => c.Agent == dn && scope(c));
        IEnumerable<string> Ordered(IEnumerable<string> dns) => dns.Distinct(StringComparer.Ordinal).OrderBy(d => d.Length).ThenBy(d => d, StringComparer.Ordinal);

        if (type == 7)
        {
            foreach (var (department, members) in Departments(req, filter))
            {
                var memberTenants = new List<int>();
                foreach (var member in members)
                {
                    if (AgentOf(req, member, tenants) is not int t) return rows;
                    memberTenants.Add(t);
                }
                var set = members.ToHashSet(StringComparer.Ordinal);
                rows.Add(new StatRow(memberTenants[0], department, string.Join(",", members), c => c.Agent is not null && set.Contains(c.Agent)));
            }
            return rows;
        }

        var items = req.List("filter").Distinct(StringComparer.Ordinal).ToList();
        if (items.Count == 0) { if (req.Valid) req.Fail("filter", "required"); return rows; }
        switch (type)
        {
            case 1 or 3:
                foreach (var item in items)
                {
                    if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var t) || !tenants.Contains(t))
                    {
                        req.Fail("filter", $"'{item}' is not one of the tenants in tenantId ({string.Join(",", tenants)})");
                        return rows;
                    }
                    if (type == 1)
                    {
                        var name = await db.Tenants.AsNoTracking().Where(x => x.Id == t).Select(x => x.Name).FirstOrDefaultAsync(ct);
                        rows.Add(new StatRow(t, name ?? Str(t), null, c => c.TenantId == t));
                        continue;
                    }
                    var dns = agentNames.Keys.Where(dn => dn.StartsWith($"{t}_", StringComparison.Ordinal))
                        .Concat(counts.Where(c => c.TenantId == t && c.Agent is not null).Select(c => c.Agent!));
                    rows.AddRange(Ordered(dns).Select(dn => AgentRow(t, dn, c => c.TenantId == t)));
                }
                break;
            case 2 or 4:
                foreach (var item in items)
                {
                    var acd = item.Contains('_') || tenants.Count != 1 ? item : Dn.Of(tenants[0], item);
                    if (!Dn.TryParse(acd, out var t, out var code) || !tenants.Contains(t))
                    {
                        req.Fail("filter", $"'{item}' is not an ACD number of the tenants in tenantId ({string.Join(",", tenants)})");
                        return rows;
                    }
                    if (type == 2)
                    {
                        rows.Add(new StatRow(t, acd, null, c => c.Queue == acd));
                        continue;
                    }
                    var members = await (from m in db.AcdMembers.AsNoTracking()
                                         join a in db.Acds.AsNoTracking() on m.AcdId equals a.Id
                                         join g in db.Agents.AsNoTracking() on m.AgentId equals g.Id
                                         where a.TenantId == t && a.Code == code
                                         select g.Code).ToListAsync(ct);
                    var dns = members.Select(m => Dn.Of(t, m)).Concat(counts.Where(c => c.Queue == acd && c.Agent is not null).Select(c => c.Agent!));
                    rows.AddRange(Ordered(dns).Select(dn => AgentRow(t, dn, c => c.Queue == acd)));
                }
                break;
            case 5 or 6:
                var agents = new List<(int Tenant, string Dn)>();
                foreach (var item in items)
                {
                    if (AgentOf(req, item, tenants) is not int t) return rows;
                    agents.Add((t, item));
                }
                if (type == 5)
                {
                    rows.AddRange(agents.Select(a => AgentRow(a.Tenant, a.Dn, _ => true)));
                    break;
                }
                var set = agents.Select(a => a.Dn).ToHashSet(StringComparer.Ordinal);
                rows.Add(new StatRow(agents[0].Tenant, string.Join(",", agents.Select(a => AgentName(a.Dn))), string.Join(",", set),
                    c => c.Agent is not null && set.Contains(c.Agent)));
                break;
        }
        return rows;
    }

    /// <summary>The tenant of an agent number when it is one of <paramref name="tenants"/>; otherwise the filter's error and null.</summary>
    private static int? AgentOf(ApiRequest req, string dn, List<int> tenants)
    {
        if (Dn.TryParse(dn, out var t, out _) && tenants.Contains(t)) return t;
        req.Fail("filter", $"'{dn}' is not an agent number of the tenants in tenantId ({string.Join(",", tenants)})");
        return null;
    }

    /// <summary>
    /// Type 7's department map, as the source writes it: a JSON object (usually inside a string) whose values are
    /// "[a,b,c]" strings; JSON arrays of strings are accepted too.
    /// </summary>
    private static List<(string Department, List<string> Members)> Departments(ApiRequest req, JsonNode filter)
    {
        var list = new List<(string, List<string>)>();
        JsonObject? map = filter as JsonObject;
        if (map is null && req.Text("filter") is { } text)
        {
            try { map = JsonNode.Parse(text, documentOptions: ApiRequest.NoDuplicates) as JsonObject; }
            catch (JsonException) { map = null; }
        }
        if (map is null || map.Count == 0)
        {
            req.Fail("filter", "type 7 takes a JSON object of department name to agent list, e.g. {\"Sales\": \"[10001_1000,10001_1001]\"}");
            return list;
        }
        foreach (var (department, value) in map)
        {
            var members = value switch
            {
                JsonArray array => array.Select(x => x?.ToString() ?? "").ToList(),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Trim().TrimStart('[').TrimEnd(']').Split(',').ToList(),
                _ => null,
            };
            members = members?.Select(m => m.Trim().Trim('"')).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (members is null || members.Count == 0)
            {
                req.Fail("filter", $"department '{department}' lists no agents");
                return list;
            }
            list.Add((department, members));
        }
        return list;
    }

    /// <summary>§6.27 <c>tenantId</c>: one or more tenant numbers, each one the key may use.</summary>
    private static List<int> Tenants(ApiRequest req)
    {
        var list = new List<int>();
        if (req.Text("tenantId") is null) { req.Fail("tenantId", "required"); return list; }
        foreach (var token in req.List("tenantId"))
        {
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                req.Fail("tenantId", "must be tenant numbers such as 10001, comma-separated");
                return new List<int>();
            }
            if (!req.Caller.Scope.Allows(t)) req.Caller.ForbiddenTenant = t;
            if (!list.Contains(t)) list.Add(t);
        }
        return list;
    }

    /// <summary>§6.27 <c>ivrDtmfDigits</c>: the keys to count (required; each 0–9, *, # or A–D, up to 8 characters).</summary>
    private static List<string> Digits(ApiRequest req)
    {
        var digits = req.List("ivrDtmfDigits").Distinct(StringComparer.Ordinal).ToList();
        if (req.Text("ivrDtmfDigits") is null) req.Fail("ivrDtmfDigits", "required");
        else if (digits.Count == 0 || digits.Count > 20
                 || digits.Any(d => d.Length > 8 || !d.All(c => char.IsAsciiDigit(c) || c is '*' or '#' or 'A' or 'B' or 'C' or 'D')))
            req.Fail("ivrDtmfDigits", "must be 1 to 20 keys (0-9, *, #, A-D), comma-separated");
        return digits;
    }

    // ------------------------------------------------------------------ §6.28 voicemail

    private static readonly Sorts<VoicemailRecord> VoicemailSorts = new()
    {
        ["callId"] = (q, d) => By(q, r => r.CallId, d),
        ["cidNumber"] = (q, d) => By(q, r => r.CidNumber, d),
        ["createTime"] = (q, d) => By(q, r => r.CreateTime, d),
        ["userName"] = (q, d) => By(q, r => r.UserName, d),
        ["filePath"] = (q, d) => By(q, r => r.FilePath, d),
    };

    /// <summary>
    /// §6.28 has no <c>tenantId</c> (A35): a tenant key reads its own tenant; an all-tenant key every tenant, or the one an
    /// optional <c>tenantId</c> names. An <c>agent</c> of a tenant the key may not use is refused like a tenant.
    /// </summary>
    private static async Task<IResult> QueryVoicemailMsgs(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant(required: false);
        var agents = req.List("agent");
        foreach (var dn in agents)
            if (Dn.TryParse(dn, out var t, out _) && !req.Caller.Scope.Allows(t)) req.Caller.ForbiddenTenant = t;
        var mobile = req.Optional("mobile", 32);
        var start = req.Time("startTime");
        var end = req.Time("endTime");
        var order = Sorting(req, VoicemailSorts, "createTime");
        var paging = req.Paging();
        if (req.Refusal() is { } refusal) return refusal;

        await using var db = await Db(sp, ct);
        var q = db.VoicemailMessages.AsNoTracking();
        if (req.Caller.Scope.Narrow(tenant) is int only) q = q.Where(r => r.TenantId == only);
        if (agents.Count > 0) q = q.Where(r => agents.Contains(r.UserName!));
        if (mobile is not null) q = q.Where(r => r.CidNumber == mobile);
        if (start is not null) q = q.Where(r => r.CreateTime >= start);
        if (end is not null) q = q.Where(r => r.CreateTime <= end);
        return await PageAsync(req, q, order, paging, r => new JsonObject
        {
            ["callId"] = r.CallId,
            ["cidNumber"] = r.CidNumber,
            ["createTime"] = ApiEnvelope.Time(r.CreateTime),
            ["userName"] = r.UserName ?? "",
            ["filePath"] = r.FilePath,
        }, ct);
    }
}
