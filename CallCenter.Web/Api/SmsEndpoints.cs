using System.Text.Json.Nodes;
using CallCenter.Domain.Sms;
using CallCenter.Infrastructure.Sms;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Web.Api.ApiQuery;

namespace CallCenter.Web.Api;

/// <summary>
/// SMS as the programmer's guide reads and writes it: the list §6.29 (query-api-1.md) and send §7.1, mark read §7.2,
/// delete §7.3 (config-groupcall-trace.md B.1–B.3), the last three at the source's 20 requests per minute (A.4).
/// §6.29's example is captured: numbers for <c>id</c>, <c>tenantId</c>, <c>state</c> and <c>type</c>, strings otherwise.
/// </summary>
public static class SmsEndpoints
{
    public static void MapSmsInterfaces(this RouteGroupBuilder api)
    {
        api.MapInterface("/query/querySmHistories", QuerySmHistories);
        api.MapInterface("/sms/sendSms", SendSms).RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/config/modifySmHistories", ModifySmHistories).RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/config/deleteSmHistories", DeleteSmHistories).RequireRateLimiting(ApiSetup.SpecRateLimit);
    }

    private static readonly string[] States = SmsStates.All.Select(s => s.ToString()).ToArray();
    private static readonly string[] Types = SmsTypes.All.Select(s => s.ToString()).ToArray();

    // ------------------------------------------------------------------ §6.29 SMS records

    private static readonly Sorts<SmsRecord> SmsSorts = new()
    {
        ["id"] = (q, d) => By(q, r => r.Id, d),
        ["agent"] = (q, d) => By(q, r => r.Agent, d),
        ["calleeId"] = (q, d) => By(q, r => r.CalleeId, d),
        ["mobile"] = (q, d) => By(q, r => r.Mobile, d),
        ["sourceMobile"] = (q, d) => By(q, r => r.SourceMobile, d),
        ["createdTime"] = (q, d) => By(q, r => r.CreatedTime, d),
        ["extension"] = (q, d) => By(q, r => r.Extension, d),
        ["state"] = (q, d) => By(q, r => r.State, d),
        ["content"] = (q, d) => By(q, r => r.Content, d),
        ["type"] = (q, d) => By(q, r => r.Type, d),
        ["stateValue"] = (q, d) => By(q, r => r.Read, d),
        ["attr"] = (q, d) => By(q, r => r.Attr, d),
    };

    private static async Task<IResult> QuerySmHistories(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var agents = req.List("agent");
        var start = req.Time("startTime");
        var end = req.Time("endTime");
        var states = Codes(req, "sendState", States);
        var types = Codes(req, "type", Types);
        var sendMobile = req.Optional("sendMobile", 32);
        // An addition (A17: the revision history mentions a receiving-number filter the table lacks).
        var mobile = req.Optional("mobile", 32);
        var content = req.Optional("content", SmsLimits.MaxContentLength);
        // A36: the request's 0 = unread; the response writes unread as "".
        var read = req.OneOf("stateValue", "0", "1");
        var ids = req.Longs("ids");
        var attrs = req.List("attr");
        var order = Sorting(req, SmsSorts, "createdTime");
        var paging = req.Paging();
        if (req.Refusal() is { } refusal) return refusal;

        await using var db = await Db(sp, ct);
        var q = db.SmsRecords.AsNoTracking().Where(r => r.TenantId == tenant);
        if (agents.Count > 0) q = q.Where(r => agents.Contains(r.Agent!));
        if (start is not null) q = q.Where(r => r.CreatedTime >= start);
        if (end is not null) q = q.Where(r => r.CreatedTime <= end);
        if (states.Count > 0) q = q.Where(r => states.Contains(r.State));
        if (types.Count > 0) q = q.Where(r => types.Contains(r.Type));
        if (sendMobile is not null) q = q.Where(r => r.SourceMobile == sendMobile);
        if (mobile is not null) q = q.Where(r => r.Mobile == mobile);
        if (content is not null)
        {
            var like = Infrastructure.QueryableExtensions.LikePattern(content);
            q = q.Where(r => EF.Functions.Like(r.Content, like, "\\"));
        }
        if (read is not null) q = q.Where(r => r.Read == (read == "1"));
        if (ids.Count > 0) q = q.Where(r => ids.Contains(r.Id));
        if (attrs.Count > 0) q = q.Where(r => attrs.Contains(r.Attr!));
        return await PageAsync(req, q, order, paging, Sms, ct);
    }

    /// <summary>An SMS record as §6.29 shows it (its table's 12 fields and the example's <c>tenantId</c>).</summary>
    public static JsonObject Sms(SmsRecord r) => new()
    {
        ["id"] = r.Id,
        ["tenantId"] = r.TenantId,
        ["agent"] = r.Agent ?? "",
        ["calleeId"] = r.CalleeId ?? "",
        ["mobile"] = r.Mobile,
        ["sourceMobile"] = r.SourceMobile ?? "",
        ["createdTime"] = ApiEnvelope.Time(r.CreatedTime),
        ["extension"] = r.Extension ?? "",
        ["state"] = r.State,
        ["content"] = r.Content,
        ["type"] = r.Type,
        ["stateValue"] = r.Read ? "1" : "",
        ["attr"] = r.Attr ?? "",
    };

    /// <summary>A comma list of codes, each one of <paramref name="allowed"/>.</summary>
    private static List<int> Codes(ApiRequest req, string field, string[] allowed)
    {
        var list = req.List(field);
        if (list.FirstOrDefault(c => !allowed.Contains(c)) is not null)
        {
            req.Fail(field, $"must be one or more of {string.Join(", ", allowed)}, comma-separated");
            return new List<int>();
        }
        return list.Select(int.Parse).ToList();
    }

    // ------------------------------------------------------------------ §7.1 send

    /// <summary>
    /// §7.1: sends <c>content</c> from agent <c>thisDN</c> to each of <c>number</c> (comma list) through the gateway and
    /// answers the bare envelope; each number's result is its record's <c>state</c> in §6.29. A refused request (bad
    /// field, unknown agent) sends nothing and writes nothing.
    /// </summary>
    private static async Task<IResult> SendSms(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var content = req.Required("content", SmsLimits.MaxContentLength);
        var thisDn = req.Required("thisDN", 32);
        var numbers = req.Required("number", 4000);
        var gateway = req.Optional("gateway", 64);
        var port = req.Optional("port", 32);
        var type = req.OneOf("type", Types);
        var attr = req.Optional("attr", SmsLimits.MaxAttrLength);
        var calleeId = req.Optional("calleeId", 128);
        if (req.Refusal() is { } refusal) return refusal;

        var send = new SmsSend
        {
            TenantId = tenant!.Value, Agent = thisDn!, Numbers = SmsSend.SplitNumbers(numbers), Content = content!,
            Type = type is null ? SmsTypes.Manual : int.Parse(type), Attr = attr, Gateway = gateway, Port = port, CalleeId = calleeId,
        };
        var outcome = await sp.GetRequiredService<SmsService>().SendAsync(send, req.Caller.Scope, ct);
        if (outcome.Result.Succeeded) return ApiEnvelope.Done(req.ActionId);
        if (outcome.Result.Refusal is { } why) return ApiEnvelope.Error(StatusCodes.Status403Forbidden, req.ActionId, why);
        return ApiEnvelope.Invalid(req.ActionId, outcome.Result.Errors.Select(e => (WireField(e.Field), e.Message)));
    }

    private static string WireField(string property) => property switch
    {
        nameof(SmsSend.Agent) => "thisDN",
        nameof(SmsSend.Numbers) => "number",
        nameof(SmsSend.CalleeId) => "calleeId",
        _ => property.ToLowerInvariant(),
    };

    // ------------------------------------------------------------------ §7.2 mark read, §7.3 delete

    /// <summary>§7.2: <c>id</c> (comma list, required) of the key's tenant's messages are marked read; none found → 201 not found.</summary>
    private static async Task<IResult> ModifySmHistories(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var ids = req.Longs("id");
        if (req.Text("id") is null) req.Fail("id", "required");
        if (req.Refusal() is { } refusal) return refusal;
        var found = await sp.GetRequiredService<SmsService>().MarkReadAsync(ids, req.Caller.Scope, ct);
        return found == 0 ? ApiEnvelope.Invalid(req.ActionId, "id", "not found") : ApiEnvelope.Done(req.ActionId);
    }

    /// <summary>
    /// §7.3: deletes the key's tenant's messages named by <c>id</c> and/or <c>calleeId</c> (comma lists; both given: both
    /// must match; at least one required, B.3); none matched → 201 not found, nothing deleted.
    /// </summary>
    private static async Task<IResult> DeleteSmHistories(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var ids = req.Longs("id");
        var calleeIds = req.List("calleeId");
        if (calleeIds.Any(c => c.Length > 128)) req.Fail("calleeId", "at most 128 characters each");
        if (req.Text("id") is null && req.Text("calleeId") is null) req.Fail("id", "id or calleeId is required");
        if (req.Refusal() is { } refusal) return refusal;
        var deleted = await sp.GetRequiredService<SmsService>().DeleteAsync(ids, calleeIds, req.Caller.Scope, ct);
        return deleted == 0 ? ApiEnvelope.Invalid(req.ActionId, ids.Count > 0 ? "id" : "calleeId", "not found") : ApiEnvelope.Done(req.ActionId);
    }
}
