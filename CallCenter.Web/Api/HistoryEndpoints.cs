using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json.Nodes;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Records;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Web.Api.ApiQuery;

namespace CallCenter.Web.Api;

/// <summary>
/// The history the CTI engine writes, as the programmer's guide reads and deletes it: call records §6.21/§6.22,
/// queue records §6.19/§6.20, agent state records §6.38, recordings §6.23/§6.24, attached data §6.39, IVR records
/// §6.17/§6.18 (query-api-1.md, query-api-2.md) and the deletes §7.7–§7.10, §7.14 (config-groupcall-trace.md B.7–B.14).
/// Wire typing follows each section's example: 6.21–6.24 are hand-written (every value a string), 6.17–6.20 and 6.38
/// are captured (numbers for numeric columns). Times are stored UTC and shown in server-local time.
/// Lists default to newest first; <c>sort</c> names a response field, <c>order</c> defaults to <c>desc</c>.
/// </summary>
public static class HistoryEndpoints
{
    private static readonly string[] HangupCauses =
    {
        "send_bye", "recv_bye", "call_failed", "CALL_REJECTED", "NO_ANSWER", "NO_USER_RESPONSE", "USER_BUSY",
        "UNALLOCATED_NUMBER", "NORMAL_RELEASE", "NORMAL_CLEARING", "NORMAL_TEMPORARY_FAILURE", "TIMEOUT",
        "NO_ROUTE_DESTINATION", "USER_NOT_REGISTERED", "NORMAL_UNSPECIFIED", "RECOVERY_ON_TIMER_EXPIRE",
    };

    private static readonly string[] ChannelAttrs = { "transfer", "conference", "monitor", "makeCall", "holdCall" };
    private static readonly string[] ExecuteContexts = { "inbound_ivr", "satisfaction_ivr", "incall_ivr" };

    public static void MapHistoryInterfaces(this RouteGroupBuilder api)
    {
        api.MapInterface("/query/queryCdrs", QueryCdrs);
        api.MapInterface("/query/queryCdr", QueryCdr);
        api.MapInterface("/query/queryQueueHistories", QueryQueueHistories);
        api.MapInterface("/query/queryQueueHistory", QueryQueueHistory);
        api.MapInterface("/query/queryAgentStateHistories", QueryAgentStateHistories);
        api.MapInterface("/query/queryRecords", QueryRecords);
        api.MapInterface("/query/queryRecord", QueryRecord);
        api.MapInterface("/query/queryAttachDatas", QueryAttachDatas);
        api.MapInterface("/query/queryIvrHistories", QueryIvrHistories);
        api.MapInterface("/query/queryIvrHistory", QueryIvrHistory);

        // §7.7–§7.10: `id` is record ids or call ids; §7.14: record ids only. 20 requests per minute (A.4).
        api.MapInterface("/config/deleteCdrs", (req, sp, ct) => Delete(req, sp, ct, RecordKind.CallRecords))
            .RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/config/deleteRecords", (req, sp, ct) => Delete(req, sp, ct, RecordKind.Recordings))
            .RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/config/deleteQueueHistories", (req, sp, ct) => Delete(req, sp, ct, RecordKind.QueueRecords))
            .RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/config/deleteIvrHistories", (req, sp, ct) => Delete(req, sp, ct, RecordKind.IvrRecords))
            .RequireRateLimiting(ApiSetup.SpecRateLimit);
        api.MapInterface("/config/deleteAgentStateHistories", (req, sp, ct) => Delete(req, sp, ct, RecordKind.AgentStateRecords))
            .RequireRateLimiting(ApiSetup.SpecRateLimit);
    }

    // ------------------------------------------------------------------ §6.21 / §6.22 call records

    private static readonly Sorts<CallRecord> CdrSorts = new()
    {
        ["id"] = (q, d) => By(q, r => r.Id, d),
        ["agent"] = (q, d) => By(q, r => r.Agent, d),
        ["destinationNumber"] = (q, d) => By(q, r => r.DestinationNumber, d),
        ["callerIdNumber"] = (q, d) => By(q, r => r.CallerIdNumber, d),
        ["campaignId"] = (q, d) => By(q, r => r.CampaignId, d),
        ["ctiCallType"] = (q, d) => By(q, r => r.CtiCallType, d),
        ["startStamp"] = (q, d) => By(q, r => r.StartStamp, d),
        ["answerStamp"] = (q, d) => By(q, r => r.AnswerStamp, d),
        ["endStamp"] = (q, d) => By(q, r => r.EndStamp, d),
        ["ctiCallId"] = (q, d) => By(q, r => r.CtiCallId, d),
        ["duration"] = (q, d) => By(q, r => r.Duration, d),
        ["billsec"] = (q, d) => By(q, r => r.Billsec, d),
        ["hangupCause"] = (q, d) => By(q, r => r.HangupCause, d),
        ["extension"] = (q, d) => By(q, r => r.Extension, d),
        ["queueName"] = (q, d) => By(q, r => r.QueueName, d),
    };

    private static async Task<IResult> QueryCdrs(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var filter = CdrFilter(req, tenant);
        var order = Sorting(req, CdrSorts, "startStamp");
        var (page, size) = req.Paging();
        if (req.Refusal() is { } refusal) return refusal;

        await using var db = await Db(sp, ct);
        var q = filter(db.CallRecords.AsNoTracking());
        return await PageAsync(req, q, order, (page, size), Cdr, ct);
    }

    /// <summary>
    /// The §6.21 filter fields (every one but paging and sorting; §6.44 takes the same), read and checked now, applied to a
    /// call-record query later: the tenant's rows that match. Errors are recorded on <paramref name="req"/>.
    /// </summary>
    internal static Func<IQueryable<CallRecord>, IQueryable<CallRecord>> CdrFilter(ApiRequest req, int? tenant)
    {
        var agents = req.List("agent");
        var mobile = req.Optional("mobile", 32);
        var start = req.Time("startTime");
        var end = req.Time("endTime");
        var second = req.Int("second", 0);
        var secondMin = req.Int("secondMin", 0);
        var hangupCause = req.OneOf("hangupCause", HangupCauses);
        var callTypes = CallTypes(req, "callType");
        var ctiCallId = req.Optional("ctiCallId", 128);
        var campaignId = req.Long("campaignId");
        var ids = req.Longs("ids");
        var inboundFail = req.OneOf("isCdrInboundFail", "1", "2", "3", "4", "5");
        var outboundFail = req.OneOf("isCdrOutboundFail", "1", "2");
        var channelAttr = req.OneOf("channelAttr", ChannelAttrs);
        var extension = req.Optional("extension", 32);
        var ivrDigitType = req.Optional("ivrDigitType", 16);
        var queues = req.List("queue");
        var ivrId = req.Int("ivrID");
        var ivrDtmfDigit = req.Optional("ivrDtmfDigit", 32);
        var repeat = req.OneOf("repeatCallId", "1");
        return source =>
        {
            var q = source.Where(r => r.TenantId == tenant);
            if (agents.Count > 0) q = q.Where(r => agents.Contains(r.Agent!));
            if (mobile is not null) q = q.Where(r => r.CallerIdNumber == mobile || r.DestinationNumber == mobile);
            if (start is not null) q = q.Where(r => r.StartStamp >= start);
            if (end is not null) q = q.Where(r => r.StartStamp <= end);
            // A30: `second` is the lower bound of the talk time, `secondMin` the upper one.
            if (second is not null) q = q.Where(r => r.Billsec >= second);
            if (secondMin is not null) q = q.Where(r => r.Billsec <= secondMin);
            if (hangupCause is not null) q = q.Where(r => r.HangupCause == hangupCause);
            if (callTypes is not null) q = q.Where(r => callTypes.Contains(r.CtiCallType));
            if (ctiCallId is not null) q = q.Where(r => r.CtiCallId == ctiCallId);
            if (campaignId is not null) q = q.Where(r => r.CampaignId == campaignId);
            if (ids.Count > 0) q = q.Where(r => ids.Contains(r.Id));
            // A missed inbound call: inbound with no answer time (6.21 note), split by where it ended.
            q = inboundFail switch
            {
                "1" => q.Where(r => r.CtiCallType == 2 && r.AnswerStamp == null && r.EndedAt == "agent"),
                "2" => q.Where(r => r.CtiCallType == 2 && r.AnswerStamp == null && r.EndedAt == "ivr"),
                "3" => q.Where(r => r.CtiCallType == 2 && r.AnswerStamp == null && r.EndedAt == "acd"),
                "4" => q.Where(r => !(r.CtiCallType == 2 && r.AnswerStamp == null)),
                "5" => q.Where(r => r.CtiCallType == 2 && r.AnswerStamp == null),
                _ => q,
            };
            q = outboundFail switch
            {
                "1" => q.Where(r => r.CtiCallType == 3 && r.AnswerStamp == null),
                "2" => q.Where(r => r.CtiCallType == 3 && r.AnswerStamp != null),
                _ => q,
            };
            if (channelAttr is not null) q = q.Where(r => r.ChannelAttr == channelAttr);
            if (extension is not null) q = q.Where(r => r.Extension == extension);
            if (ivrDigitType is not null) q = q.Where(r => r.IvrDigitType == ivrDigitType);
            if (queues.Count > 0)
            {
                var full = QueueNumbers(tenant!.Value, queues);
                q = q.Where(r => full.Contains(r.QueueName!));
            }
            if (ivrId is not null) q = q.Where(r => r.IvrId == ivrId);
            if (ivrDtmfDigit is not null) q = q.Where(r => r.IvrDtmfDigit == ivrDtmfDigit);
            if (repeat == "1")
            {
                // One row per call: its first leg among the matching ones.
                var matching = q;
                q = q.Where(r => !matching.Any(o => o.CtiCallId == r.CtiCallId && o.Id < r.Id));
            }
            return q;
        };
    }

    /// <summary>
    /// The detail look-up of §6.20/§6.22/§6.24 (A32): a number is a record id first; otherwise (or when no row has that
    /// id) the earliest row, by <paramref name="time"/>, of the call <paramref name="ofCall"/> selects.
    /// </summary>
    private static async Task<T?> ByIdOrCallIdAsync<T>(IQueryable<T> own, string id, Expression<Func<T, bool>> ofCall,
        Expression<Func<T, DateTime>> time, CancellationToken ct) where T : CallCenterRecord
    {
        T? row = null;
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
            row = await own.FirstOrDefaultAsync(r => r.Id == key, ct);
        return row ?? await own.Where(ofCall).OrderBy(time).ThenBy(r => r.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>§6.22: <c>id</c> is the record id or the call's ctiCallId (A32); a call id answers its first leg.</summary>
    private static async Task<IResult> QueryCdr(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var id = req.Required("id", 128);
        if (req.Refusal() is { } refusal) return refusal;
        await using var db = await Db(sp, ct);
        var own = db.CallRecords.AsNoTracking().Where(r => r.TenantId == tenant);
        var row = await ByIdOrCallIdAsync(own, id!, r => r.CtiCallId == id, r => r.StartStamp, ct);
        if (row is null) return ApiEnvelope.Invalid(req.ActionId, "id", "not found");
        return ApiEnvelope.Ok(req.ActionId, Cdr(row));
    }

    /// <summary>A call record as §6.21/§6.22 show it: the union of both tables (3.14), every value a string, "" when empty.</summary>
    public static JsonObject Cdr(CallRecord r) => new()
    {
        ["id"] = Str(r.Id),
        ["tenantId"] = Str(r.TenantId),
        ["agent"] = r.Agent ?? "",
        ["destinationNumber"] = r.DestinationNumber,
        ["callerIdNumber"] = r.CallerIdNumber,
        ["campaignId"] = r.CampaignId is long c ? Str(c) : "",
        ["ctiCallType"] = Str(r.CtiCallType),
        ["billRate"] = r.BillRate.ToString("0.####", CultureInfo.InvariantCulture),
        ["startStamp"] = ApiEnvelope.Time(r.StartStamp),
        ["answerStamp"] = ApiEnvelope.Time(r.AnswerStamp) ?? "",
        ["endStamp"] = ApiEnvelope.Time(r.EndStamp),
        ["ctiCallId"] = r.CtiCallId,
        ["filename"] = r.Filename ?? "",
        ["duration"] = Str(r.Duration),
        ["billsec"] = Str(r.Billsec),
        ["hangupCause"] = r.HangupCause,
        ["ivrID"] = r.IvrId is int i ? Str(i) : "",
        ["ivrName"] = r.IvrName ?? "",
        ["ivrDtmfDigit"] = r.IvrDtmfDigit ?? "",
        ["channelAttr"] = r.ChannelAttr ?? "",
        ["extension"] = r.Extension ?? "",
        ["queueName"] = r.QueueName ?? "",
        ["target"] = r.Target ?? "",
        ["ivrDigitType"] = r.IvrDigitType ?? "",
        ["ituCode"] = r.ItuCode ?? "",
        ["sipCode"] = r.SipCode ?? "",
        ["enumeration"] = r.Enumeration ?? "",
    };

    // ------------------------------------------------------------------ §6.19 / §6.20 queue records

    private static readonly Sorts<QueueRecord> QueueSorts = new()
    {
        ["id"] = (q, d) => By(q, r => r.Id, d),
        ["callId"] = (q, d) => By(q, r => r.CallId, d),
        ["startTime"] = (q, d) => By(q, r => r.StartTime, d),
        ["endTime"] = (q, d) => By(q, r => r.EndTime, d),
        ["callerId"] = (q, d) => By(q, r => r.CallerId, d),
        ["thisQueue"] = (q, d) => By(q, r => r.ThisQueue, d),
        ["queueName"] = (q, d) => By(q, r => r.QueueName, d),
        ["callType"] = (q, d) => By(q, r => r.CallType, d),
        ["extension"] = (q, d) => By(q, r => r.Extension, d),
        ["holdTime"] = (q, d) => By(q, r => r.HoldTime, d),
        ["agent"] = (q, d) => By(q, r => r.Agent, d),
    };

    private static async Task<IResult> QueryQueueHistories(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var start = req.Time("startTime");
        var end = req.Time("endTime");
        var number = req.Optional("number", 32);
        var ids = req.Longs("ids");
        var callId = req.Optional("callId", 128);
        var queueNames = req.List("queueName");
        var queues = req.List("queue");
        var callTypes = CallTypes(req, "callType");
        var agents = req.List("agent");
        var holdTime = req.Int("holdTime", 0);
        var holdTimeMin = req.Int("holdTimeMin", 0);
        var order = Sorting(req, QueueSorts, "startTime");
        var (page, size) = req.Paging();
        if (req.Refusal() is { } refusal) return refusal;

        await using var db = await Db(sp, ct);
        var q = db.QueueRecords.AsNoTracking().Where(r => r.TenantId == tenant);
        if (start is not null) q = q.Where(r => r.StartTime >= start);
        if (end is not null) q = q.Where(r => r.StartTime <= end);
        if (number is not null) q = q.Where(r => r.CallerId == number);
        if (ids.Count > 0) q = q.Where(r => ids.Contains(r.Id));
        if (callId is not null) q = q.Where(r => r.CallId == callId);
        // A29: `queueName` matches the ACD's name, `queue` its number (full 10001_8000 or bare 8000).
        if (queueNames.Count > 0) q = q.Where(r => queueNames.Contains(r.QueueName));
        if (queues.Count > 0)
        {
            var full = QueueNumbers(tenant!.Value, queues);
            q = q.Where(r => full.Contains(r.ThisQueue));
        }
        if (callTypes is not null) q = q.Where(r => callTypes.Contains(r.CallType));
        if (agents.Count > 0) q = q.Where(r => agents.Contains(r.Agent!));
        // A30: `holdTime` is the lower bound, `holdTimeMin` the upper one.
        if (holdTime is not null) q = q.Where(r => r.HoldTime >= holdTime);
        if (holdTimeMin is not null) q = q.Where(r => r.HoldTime <= holdTimeMin);

        return await PageAsync(req, q, order, (page, size), r => new JsonObject
        {
            ["id"] = r.Id,
            ["callId"] = r.CallId,
            ["tenantId"] = r.TenantId,
            ["startTime"] = ApiEnvelope.Time(r.StartTime),
            ["endTime"] = ApiEnvelope.Time(r.EndTime) ?? "",
            ["callerId"] = r.CallerId,
            ["thisQueue"] = r.ThisQueue,
            ["callType"] = r.CallType,
            ["extension"] = r.Extension ?? "",
            ["holdTime"] = r.HoldTime,
            ["agent"] = r.Agent ?? "",
            ["queueName"] = r.QueueName,
        }, ct);
    }

    /// <summary>§6.20: <c>id</c> is the queue record's id or its callId (the call's first queue record); no tenantId.</summary>
    private static async Task<IResult> QueryQueueHistory(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var id = req.Required("id", 128);
        if (req.Refusal() is { } refusal) return refusal;
        await using var db = await Db(sp, ct);
        var own = db.QueueRecords.AsNoTracking();
        if (req.Caller.Scope.Narrow(null) is int t) own = own.Where(r => r.TenantId == t);
        var record = await ByIdOrCallIdAsync(own, id!, r => r.CallId == id, r => r.StartTime, ct);
        if (record is null) return ApiEnvelope.Invalid(req.ActionId, "id", "not found");
        var steps = await db.QueueSteps.AsNoTracking().Where(s => s.QueueRecordId == record.Id)
            .OrderBy(s => s.Sequence).ThenBy(s => s.Id).ToListAsync(ct);
        var data = new JsonArray(steps.Select(s => (JsonNode)new JsonObject
        {
            ["startTime"] = ApiEnvelope.Time(s.StartTime),
            ["extension"] = s.Extension ?? "",
            ["queueStatus"] = s.QueueStatus,
            ["nodeStatus"] = s.NodeStatus,
            ["sequence"] = Str(s.Sequence),
            ["callerId"] = s.CallerId,
            ["agent"] = s.Agent ?? "",
        }).ToArray());
        // A28: the example's totalCount "1" beside three rows; this counts the rows.
        return ApiEnvelope.Ok(req.ActionId, data, "1", Str(steps.Count));
    }

    // ------------------------------------------------------------------ §6.38 agent state records

    private static readonly Sorts<AgentStateRecord> StateSorts = new()
    {
        ["id"] = (q, d) => By(q, r => r.Id, d),
        ["agent"] = (q, d) => By(q, r => r.Agent, d),
        ["extension"] = (q, d) => By(q, r => r.Extension, d),
        ["startTime"] = (q, d) => By(q, r => r.StartTime, d),
        ["endTime"] = (q, d) => By(q, r => r.EndTime, d),
        ["state"] = (q, d) => By(q, r => r.State, d),
        ["reasonCode"] = (q, d) => By(q, r => r.ReasonCode, d),
        ["holdTime"] = (q, d) => By(q, r => r.HoldTime, d),
        ["createTime"] = (q, d) => By(q, r => r.CreateTime, d),
    };

    private static async Task<IResult> QueryAgentStateHistories(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var start = req.Time("startTime");
        var end = req.Time("endTime");
        var agents = req.List("agent");
        var extension = req.Optional("extension", 32);
        var ids = req.Longs("ids");
        var holdTime = req.Int("holdTime", 0);
        var holdTimeMin = req.Int("holdTimeMin", 0);
        var state = req.Int("state", 0, 2);
        var reasonCode = req.Int("reasonCode", -1, AgentStateCatalog.MaxReasonCode);
        var order = Sorting(req, StateSorts, "startTime");
        var (page, size) = req.Paging();
        if (req.Refusal() is { } refusal) return refusal;

        await using var db = await Db(sp, ct);
        var q = db.AgentStateRecords.AsNoTracking().Where(r => r.TenantId == tenant);
        if (start is not null) q = q.Where(r => r.StartTime >= start);
        if (end is not null) q = q.Where(r => r.StartTime <= end);
        if (agents.Count > 0) q = q.Where(r => agents.Contains(r.Agent));
        if (extension is not null) q = q.Where(r => r.Extension == extension);
        if (ids.Count > 0) q = q.Where(r => ids.Contains(r.Id));
        // A33 (part 2): `holdTime` is the lower bound of the duration, `holdTimeMin` the upper one.
        if (holdTime is not null) q = q.Where(r => r.HoldTime >= holdTime);
        if (holdTimeMin is not null) q = q.Where(r => r.HoldTime <= holdTimeMin);
        if (state is not null) q = q.Where(r => r.State == state);
        if (reasonCode is not null) q = q.Where(r => r.ReasonCode == reasonCode);

        var texts = await AgentStateRecordService.CustomTextsAsync(db, tenant!.Value, ct);
        return await PageAsync(req, q, order, (page, size), r => new JsonObject
        {
            ["id"] = r.Id,
            ["agent"] = r.Agent,
            ["extension"] = r.Extension ?? "",
            ["tenantId"] = r.TenantId,
            ["startTime"] = ApiEnvelope.Time(r.StartTime),
            ["endTime"] = ApiEnvelope.Time(r.EndTime),
            ["state"] = r.State,
            ["reasonCode"] = r.ReasonCode,
            ["stateText"] = AgentStateRecordService.WireText(r.State, r.ReasonCode, texts),
            ["holdTime"] = r.HoldTime,
            ["createTime"] = ApiEnvelope.Time(r.CreateTime),
        }, ct);
    }

    // ------------------------------------------------------------------ §6.23 / §6.24 recordings

    private static readonly Sorts<RecordingRecord> RecordingSorts = new()
    {
        ["id"] = (q, d) => By(q, r => r.Id, d),
        ["mobile"] = (q, d) => By(q, r => r.Mobile, d),
        ["agent"] = (q, d) => By(q, r => r.Agent, d),
        ["callType"] = (q, d) => By(q, r => r.CallType, d),
        ["duration"] = (q, d) => By(q, r => r.Duration, d),
        ["createTime"] = (q, d) => By(q, r => r.CreateTime, d),
        ["campaignId"] = (q, d) => By(q, r => r.CampaignId, d),
        ["filename"] = (q, d) => By(q, r => r.Filename, d),
        ["extension"] = (q, d) => By(q, r => r.Extension, d),
        ["callId"] = (q, d) => By(q, r => r.CallId, d),
    };

    private static async Task<IResult> QueryRecords(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var mobile = req.Optional("mobile", 32);
        var start = req.Time("startTime");
        var end = req.Time("endTime");
        var second = req.Int("second", 0);
        var campaignId = req.Long("campaignId");
        var agents = req.List("agent");
        var callTypes = CallTypes(req, "callType");
        var extension = req.Optional("extension", 32);
        var ids = req.Longs("ids");
        var order = Sorting(req, RecordingSorts, "createTime");
        var (page, size) = req.Paging();
        if (req.Refusal() is { } refusal) return refusal;

        await using var db = await Db(sp, ct);
        var q = db.Recordings.AsNoTracking().Where(r => r.TenantId == tenant);
        if (mobile is not null) q = q.Where(r => r.Mobile == mobile);
        if (start is not null) q = q.Where(r => r.CreateTime >= start);
        if (end is not null) q = q.Where(r => r.CreateTime <= end);
        // A30: 6.23's `second` states no comparison; read as 6.21's, a lower bound of the duration.
        if (second is not null) q = q.Where(r => r.Duration >= second);
        if (campaignId is not null) q = q.Where(r => r.CampaignId == campaignId);
        if (agents.Count > 0) q = q.Where(r => agents.Contains(r.Agent!));
        if (callTypes is not null) q = q.Where(r => callTypes.Contains(r.CallType));
        if (extension is not null) q = q.Where(r => r.Extension == extension);
        if (ids.Count > 0) q = q.Where(r => ids.Contains(r.Id));

        return await PageAsync(req, q, order, (page, size), Recording, ct);
    }

    /// <summary>§6.24: <c>id</c> is the recording id or its callId (the call's first recording).</summary>
    private static async Task<IResult> QueryRecord(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var id = req.Required("id", 128);
        if (req.Refusal() is { } refusal) return refusal;
        await using var db = await Db(sp, ct);
        var own = db.Recordings.AsNoTracking().Where(r => r.TenantId == tenant);
        var row = await ByIdOrCallIdAsync(own, id!, r => r.CallId == id, r => r.CreateTime, ct);
        if (row is null) return ApiEnvelope.Invalid(req.ActionId, "id", "not found");
        return ApiEnvelope.Ok(req.ActionId, Recording(row));
    }

    /// <summary>A recording as §6.23/§6.24 show it, every value a string (A33: no quality-check fields — none are kept).</summary>
    public static JsonObject Recording(RecordingRecord r) => new()
    {
        ["id"] = Str(r.Id),
        ["tenantId"] = Str(r.TenantId),
        ["mobile"] = r.Mobile ?? "",
        ["agent"] = r.Agent ?? "",
        ["callType"] = Str(r.CallType),
        ["duration"] = Str(r.Duration),
        ["createTime"] = ApiEnvelope.Time(r.CreateTime),
        ["campaignId"] = Str(r.CampaignId),
        ["filename"] = r.Filename,
        ["callId"] = r.CallId,
        ["extension"] = r.Extension ?? "",
    };

    // ------------------------------------------------------------------ §6.39 attached data

    /// <summary>§6.39: <c>data</c> is one object of <c>"&lt;callID&gt;_&lt;key&gt;": value</c> (A36), <c>[{}]</c> when nothing is attached.</summary>
    private static async Task<IResult> QueryAttachDatas(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var callId = req.Text("callID", "callId");
        if (callId is null) req.Fail("callID", "required");
        else if (callId.Length > 128) req.Fail("callID", "at most 128 characters");
        var tenant = req.Tenant(required: false);
        var type = req.Optional("type", 32);
        var key = req.Optional("key", 64);
        if (req.Refusal() is { } refusal) return refusal;
        await using var db = await Db(sp, ct);
        var q = db.AttachedData.AsNoTracking().Where(a => a.CallId == callId);
        if (tenant is not null) q = q.Where(a => a.TenantId == tenant);
        if (type is not null) q = q.Where(a => a.Type == type);
        if (key is not null) q = q.Where(a => a.Key == key);
        var rows = await q.OrderBy(a => a.CreateTime).ThenBy(a => a.Id).ToListAsync(ct);
        var map = new JsonObject();
        foreach (var a in rows) map[$"{a.CallId}_{a.Key}"] = a.Value; // a key attached again: the latest value
        return ApiEnvelope.Ok(req.ActionId, new JsonArray(map));
    }

    // ------------------------------------------------------------------ §6.17 / §6.18 IVR records

    private static readonly Sorts<IvrRecord> IvrSorts = new()
    {
        ["id"] = (q, d) => By(q, r => r.Id, d),
        ["callId"] = (q, d) => By(q, r => r.CallId, d),
        ["startTime"] = (q, d) => By(q, r => r.StartTime, d),
        ["endTime"] = (q, d) => By(q, r => r.EndTime, d),
        ["ani"] = (q, d) => By(q, r => r.Ani, d),
        ["dnis"] = (q, d) => By(q, r => r.Dnis, d),
        ["callType"] = (q, d) => By(q, r => r.CallType, d),
        ["thisQueue"] = (q, d) => By(q, r => r.ThisQueue, d),
        ["executeContext"] = (q, d) => By(q, r => r.ExecuteContext, d),
        ["ivrID"] = (q, d) => By(q, r => r.IvrId, d),
        ["ivrName"] = (q, d) => By(q, r => r.IvrName, d),
        ["ivrSessionId"] = (q, d) => By(q, r => r.IvrSessionId, d),
        ["holdTime"] = (q, d) => By(q, r => r.HoldTime, d),
    };

    private static async Task<IResult> QueryIvrHistories(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var start = req.Time("startTime");
        var end = req.Time("endTime");
        var number = req.Optional("number", 32);
        var context = req.OneOf("executeContext", ExecuteContexts);
        var callTypes = CallTypes(req, "callType");
        var callId = req.Optional("callId", 128);
        var ivrName = req.Optional("ivrName", 64);
        var ids = req.Longs("ids");
        var ivrId = req.Int("ivrID");
        var order = Sorting(req, IvrSorts, "startTime");
        var (page, size) = req.Paging();
        if (req.Refusal() is { } refusal) return refusal;

        await using var db = await Db(sp, ct);
        var q = db.IvrRecords.AsNoTracking().Where(r => r.TenantId == tenant);
        if (start is not null) q = q.Where(r => r.StartTime >= start);
        if (end is not null) q = q.Where(r => r.StartTime <= end);
        if (number is not null) q = q.Where(r => r.Ani == number || r.Dnis == number);
        if (context is not null) q = q.Where(r => r.ExecuteContext == context);
        if (callTypes is not null) q = q.Where(r => callTypes.Contains(r.CallType));
        if (callId is not null) q = q.Where(r => r.CallId == callId);
        if (ivrName is not null) q = q.Where(r => r.IvrName == ivrName);
        if (ids.Count > 0) q = q.Where(r => ids.Contains(r.Id));
        if (ivrId is not null) q = q.Where(r => r.IvrId == ivrId);

        return await PageAsync(req, q, order, (page, size), r => new JsonObject
        {
            ["id"] = r.Id,
            ["callId"] = r.CallId,
            ["tenantId"] = r.TenantId,
            ["startTime"] = ApiEnvelope.Time(r.StartTime),
            ["endTime"] = ApiEnvelope.Time(r.EndTime) ?? "",
            ["ani"] = r.Ani,
            ["dnis"] = r.Dnis,
            ["callType"] = r.CallType,
            ["thisQueue"] = r.ThisQueue ?? "",
            ["executeContext"] = r.ExecuteContext,
            ["ivrID"] = r.IvrId,
            ["ivrName"] = r.IvrName,
            ["ivrSessionId"] = r.IvrSessionId,
            ["holdTime"] = r.HoldTime,
        }, ct);
    }

    /// <summary>§6.18: the events of one IVR session (<c>ivrSessionId</c>, required); <c>callId</c>/<c>executeContext</c> narrow.</summary>
    private static async Task<IResult> QueryIvrHistory(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var session = req.Required("ivrSessionId", 128);
        var callId = req.Optional("callId", 128);
        var context = req.OneOf("executeContext", ExecuteContexts);
        if (req.Refusal() is { } refusal) return refusal;
        await using var db = await Db(sp, ct);
        var q = db.IvrRecords.AsNoTracking().Where(r => r.IvrSessionId == session);
        if (req.Caller.Scope.Narrow(null) is int t) q = q.Where(r => r.TenantId == t);
        if (callId is not null) q = q.Where(r => r.CallId == callId);
        if (context is not null) q = q.Where(r => r.ExecuteContext == context);
        var record = await q.OrderBy(r => r.StartTime).ThenBy(r => r.Id).FirstOrDefaultAsync(ct);
        if (record is null) return ApiEnvelope.Invalid(req.ActionId, "ivrSessionId", "not found");
        var steps = await db.IvrSteps.AsNoTracking().Where(s => s.IvrRecordId == record.Id)
            .OrderBy(s => s.EventSequence).ThenBy(s => s.Id).ToListAsync(ct);
        var data = new JsonArray(steps.Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Id,
            ["callId"] = record.CallId,
            ["tenantId"] = record.TenantId,
            ["startTime"] = ApiEnvelope.Time(s.StartTime),
            ["endTime"] = ApiEnvelope.Time(s.EndTime) ?? "",
            ["ani"] = record.Ani,
            ["dnis"] = record.Dnis,
            ["callType"] = record.CallType,
            ["thisQueue"] = record.ThisQueue ?? "",
            ["ivrStatus"] = s.IvrStatus,
            ["ivrNode"] = s.IvrNode,
            ["name"] = s.Name ?? "",
            ["eventSequence"] = Str(s.EventSequence),
            ["target"] = s.Target ?? "",
            ["executeContext"] = record.ExecuteContext,
            ["ivrID"] = record.IvrId,
            ["ivrName"] = record.IvrName,
            ["ivrDigitType"] = s.IvrDigitType ?? "",
            ["ivrDtmfDigit"] = s.IvrDtmfDigit ?? "",
            ["componentName"] = s.ComponentName ?? "",
            ["stopCause"] = s.StopCause ?? "",
        }).ToArray());
        return ApiEnvelope.Ok(req.ActionId, data, "1", Str(steps.Count));
    }

    // ------------------------------------------------------------------ §7.7–§7.10, §7.14 deletes

    /// <summary>
    /// Deletes the caller's tenant's rows named by <c>id</c> (comma list): a numeric token is a record id, any other a
    /// call id (B.7; §7.14 takes ids only), through <see cref="RecordDeletion"/> (the console's record pages use it too).
    /// 201 "id" "not found" when no row matched, writing nothing; otherwise the matched rows go and the bare envelope answers.
    /// </summary>
    private static async Task<IResult> Delete(ApiRequest req, IServiceProvider sp, CancellationToken ct, RecordKind kind)
    {
        var tokens = req.List("id");
        if (req.Text("id") is null) req.Fail("id", "required");
        var byCall = RecordDeletion.TakesCallIds(kind);
        var ids = new List<long>();
        var callIds = new List<string>();
        foreach (var token in tokens)
        {
            if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) ids.Add(n);
            else if (byCall && token.Length <= 128) callIds.Add(token);
            else { req.Fail("id", byCall ? $"'{token}' is neither an id nor a call id" : "must be record ids, comma-separated"); break; }
        }
        if (req.Refusal() is { } refusal) return refusal;

        var deleted = await sp.GetRequiredService<RecordDeletion>().DeleteAsync(kind, ids, callIds, req.Caller.Scope.Narrow(null), ct);
        return deleted == 0 ? ApiEnvelope.Invalid(req.ActionId, "id", "not found") : ApiEnvelope.Done(req.ActionId);
    }
}
