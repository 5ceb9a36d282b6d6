using System.Globalization;
using System.Text.Json.Nodes;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Common;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Infrastructure.Cti;
using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Records;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Web.Api.ApiQuery;

namespace CallCenter.Web.Api;

/// <summary>
/// The real-time interfaces of the programmer's guide, read live from the tenant's CTI engine (never from the
/// database, except the day's history behind §6.14's counters): §6.8 ACD figures, §6.9 calls in an ACD, §6.13 agent
/// states, §6.14 agent real-time data, §6.15 agent state counts (query-api-1.md) and §6.40 the rest queue
/// (query-api-2.md §3.11). Wire typing follows the captured examples: numbers as JSON numbers, and the empty paging
/// strings of §6.8/§6.15/§6.40.
/// <para>Decisions: an ACD in <c>queueName</c> the tenant does not have is a 201 (§6.8, §6.9, §6.15), also in the
/// agent filters of §6.13/§6.14; <c>agent</c>/<c>extension</c> values that match nobody just match nobody. Giving more
/// than one of <c>agent</c>/<c>extension</c>/<c>queueName</c> (A38) is a 201 naming each one given; none = every
/// agent of the tenant. <c>estimatedWaitingTime</c> is always 0: the engine makes no forecast, and 0 claims none.</para>
/// </summary>
public static class RealtimeEndpoints
{
    public static void MapRealtimeQueries(this RouteGroupBuilder api)
    {
        // §6.8 /callcenter/queryQueueRealtimeData
        api.MapInterface("/callcenter/queryQueueRealtimeData", async (req, sp, ct) =>
        {
            var tenant = req.Tenant();
            var queues = req.List("queueName");
            if (req.Refusal() is { } refusal) return refusal;
            var engine = await Engine(sp, tenant!.Value, ct);
            if (engine is null) return ApiEnvelope.Invalid(req.ActionId, "tenantId", "not found");
            var acds = await engine.QueryAsync(e => e.Acds());
            var wanted = queues.Select(q => QueueNumber(tenant.Value, q)).ToList();
            if (wanted.FirstOrDefault(q => acds.All(a => a.Number != q)) is { } unknown)
                return ApiEnvelope.Invalid(req.ActionId, "queueName", $"unknown ACD {unknown}");
            var now = Now(sp);
            var rows = wanted.Count == 0 ? acds : wanted.Distinct().Select(q => acds.First(a => a.Number == q)).ToList();
            var data = new JsonArray(rows.Select(a =>
            {
                var reasons = new JsonObject();
                foreach (var (code, count) in a.ReasonCounts.OrderBy(r => r.Key)) reasons[Str(code)] = count;
                return (JsonNode)new JsonObject
                {
                    ["thisQueue"] = a.Number,
                    ["queueNum"] = a.Waiting,
                    ["queueSum"] = a.Waiting + a.Connected,
                    ["callingNum"] = a.Connected,
                    ["maxHoldTime"] = a.OldestWaitingSince is DateTime since ? Seconds(now - since) : 0,
                    ["description"] = a.Name,
                    ["logoutNum"] = a.LoggedOut,
                    ["loginNum"] = a.LoggedIn,
                    ["readyNum"] = a.Ready,
                    ["busyNum"] = a.Busy,
                    ["registerNum"] = a.Registered,
                    ["reasonCodeNum"] = reasons,
                    ["estimatedWaitingTime"] = 0,
                    ["inCalls"] = a.OfferedToday,
                    ["inAnswerCalls"] = a.AnsweredToday,
                };
            }).ToArray());
            return ApiEnvelope.Ok(req.ActionId, data, "", "");
        });

        // §6.9 /callcenter/queryQueueRealtimeQueueData — no tenantId: the ACD number carries the tenant.
        api.MapInterface("/callcenter/queryQueueRealtimeQueueData", async (req, sp, ct) =>
        {
            var queue = req.Required("queueName", 64);
            int tenant = 0;
            if (queue is not null)
            {
                if (queue.Contains(',')) req.Fail("queueName", "one ACD number such as 10001_8000");
                else if (!Dn.TryParse(queue, out tenant, out _)) req.Fail("queueName", "must be an ACD number such as 10001_8000");
                else if (!req.Caller.Scope.Allows(tenant)) req.Caller.ForbiddenTenant = tenant;
            }
            if (req.Refusal() is { } refusal) return refusal;
            var engine = await Engine(sp, tenant, ct);
            var found = engine is null ? null : await engine.QueryAsync(e =>
                e.Config.AcdsByNumber.TryGetValue(queue!, out var acd) ? (acd.Name, Calls: e.QueuedCalls(queue!)) : default((string Name, IReadOnlyList<QueuedCallView> Calls)?));
            if (found is not { } q) return ApiEnvelope.Invalid(req.ActionId, "queueName", $"unknown ACD {queue}");
            var now = Now(sp);
            var data = new JsonArray(q.Calls.Select(c => (JsonNode)new JsonObject
            {
                ["callId"] = c.CallId,
                ["thisDN"] = c.AgentDn ?? "",
                ["extension"] = c.Extension ?? "",
                ["thisQueue"] = c.Queue,
                ["description"] = q.Name,
                ["dnis"] = c.Dnis,
                ["ani"] = c.Ani,
                ["holdTime"] = Seconds(now - c.Since),
            }).ToArray());
            return ApiEnvelope.Ok(req.ActionId, data);
        });

        // §6.13 /callcenter/queryAgentStates
        api.MapInterface("/callcenter/queryAgentStates", async (req, sp, ct) =>
        {
            var tenant = req.Tenant();
            var state = req.OneOf("state", "0", "1", "2", "3");
            var reason = req.Int("reasonCode", 0, AgentStateCatalog.MaxReasonCode);
            var filter = AgentFilter.Read(req);
            if (req.Refusal() is { } refusal) return refusal;
            var engine = await Engine(sp, tenant!.Value, ct);
            if (engine is null) return ApiEnvelope.Invalid(req.ActionId, "tenantId", "not found");
            var (agents, config) = await engine.QueryAsync(e => (e.Agents(), e.Config));
            if (filter.Check(req, config) is { } invalid) return invalid;
            var rows = filter.Apply(agents, config)
                .Where(a => state switch
                {
                    null => true,
                    "3" => a.State != AgentState.LoggedOut,
                    _ => (int)a.State == int.Parse(state, CultureInfo.InvariantCulture),
                })
                .Where(a => reason is null || (a.State == AgentState.Busy && a.Reason == reason));
            var data = new JsonArray(rows.Select(a =>
            {
                var o = new JsonObject
                {
                    ["agent"] = a.Dn,
                    ["name"] = a.NameCn,
                    ["extension"] = a.Extension,
                    ["state"] = (int)a.State,
                };
                // A19: the reason only qualifies state 2.
                if (a.State == AgentState.Busy && a.Reason is int r) o["reasonCode"] = r;
                return (JsonNode)o;
            }).ToArray());
            return ApiEnvelope.Ok(req.ActionId, data);
        });

        // §6.14 /callcenter/queryAgentRealtimeData
        api.MapInterface("/callcenter/queryAgentRealtimeData", async (req, sp, ct) =>
        {
            var tenant = req.Tenant();
            var typeCode = req.Optional("typeCode", 64);
            var typeText = req.Optional("typeText", 100);
            var filter = AgentFilter.Read(req);
            if (req.Refusal() is { } refusal) return refusal;
            var engine = await Engine(sp, tenant!.Value, ct);
            if (engine is null) return ApiEnvelope.Invalid(req.ActionId, "tenantId", "not found");
            var (agents, config) = await engine.QueryAsync(e => (e.Agents(), e.Config));
            if (filter.Check(req, config) is { } invalid) return invalid;
            var rows = filter.Apply(agents, config)
                .Where(a => typeCode is null || TypeOf(a, config).Code == typeCode)
                .Where(a => typeText is null || TypeOf(a, config).Text == typeText)
                .ToList();
            var now = Now(sp);
            var today = await AgentDay.LoadAsync(sp, tenant.Value, rows.Where(a => a.State != AgentState.LoggedOut).Select(a => a.Dn).ToList(), now, ct);
            var data = new JsonArray(rows.Select(a => (JsonNode)AgentRealtime(a, config, today, now)).ToArray());
            return ApiEnvelope.Ok(req.ActionId, data);
        });

        // §6.15 /callcenter/queryAgentStateNum
        api.MapInterface("/callcenter/queryAgentStateNum", async (req, sp, ct) =>
        {
            var tenant = req.Tenant();
            var queueName = req.Optional("queueName", 64);
            var typeCode = req.Optional("typeCode", 64);
            var typeText = req.Optional("typeText", 100);
            if (queueName?.Contains(',') == true) req.Fail("queueName", "one ACD number");
            if (req.Refusal() is { } refusal) return refusal;
            var engine = await Engine(sp, tenant!.Value, ct);
            if (engine is null) return ApiEnvelope.Invalid(req.ActionId, "tenantId", "not found");
            var (agents, config) = await engine.QueryAsync(e => (e.Agents(), e.Config));
            var queue = queueName is null ? null : QueueNumber(tenant.Value, queueName);
            if (queue is not null && !config.AcdsByNumber.ContainsKey(queue))
                return ApiEnvelope.Invalid(req.ActionId, "queueName", $"unknown ACD {queue}");
            var rows = agents
                .Where(a => queue is null || InQueue(a, config, queue))
                .Where(a => typeCode is null || TypeOf(a, config).Code == typeCode)
                .Where(a => typeText is null || TypeOf(a, config).Text == typeText)
                .ToList();
            var texts = await ReasonTextsAsync(sp, tenant.Value, ct);
            var perReason = new JsonArray(rows.Where(a => a.State == AgentState.Busy && a.Reason is not null)
                .GroupBy(a => a.Reason!.Value).OrderBy(g => g.Key)
                .Select(g => (JsonNode)new JsonObject
                {
                    ["reasonCodeText"] = texts.GetValueOrDefault(g.Key, Str(g.Key)),
                    ["reasonCodeNum"] = g.Count(),
                    ["reasonCode"] = Str(g.Key),
                }).ToArray());
            var o = new JsonObject
            {
                ["tenantId"] = tenant.Value,
                ["agentNum"] = rows.Count,
                ["logoutNum"] = rows.Count(a => a.State == AgentState.LoggedOut),
                ["loginNum"] = rows.Count(a => a.State != AgentState.LoggedOut),
                ["readyNum"] = rows.Count(a => a.State == AgentState.Ready),
                ["busyNum"] = rows.Count(a => a.State == AgentState.Busy),
                ["registerNum"] = rows.Count(a => a.DeviceState == 1),
                ["agentStateNum"] = perReason,
            };
            if (queue is not null) o["thisQueue"] = queue;
            return ApiEnvelope.Ok(req.ActionId, new JsonArray(o), "", "");
        });

        // §6.40 /callcenter/queryAgentRestQueue — tenantId optional: an all-tenant key without it sees every engine.
        api.MapInterface("/callcenter/queryAgentRestQueue", async (req, sp, ct) =>
        {
            var tenant = req.Tenant(required: false);
            var typeCode = req.Optional("typeCode", 64);
            if (req.Refusal() is { } refusal) return refusal;
            var host = sp.GetRequiredService<CtiEngineHost>();
            List<TenantEngine> engines;
            if (tenant is int t)
            {
                var engine = await host.GetOrCreateAsync(t, ct);
                if (engine is null) return ApiEnvelope.Invalid(req.ActionId, "tenantId", "not found");
                engines = new() { engine };
            }
            else engines = host.Engines.OrderBy(e => e.TenantId).ToList();
            var now = Now(sp);
            var data = new JsonArray();
            foreach (var engine in engines)
            {
                var (resting, queued, agents, restNum) = await engine.QueryAsync(e =>
                {
                    var (r, q) = e.RestQueue();
                    return (r, q, e.Agents(), e.Config.RestNum);
                });
                var byDn = agents.ToDictionary(a => a.Dn, StringComparer.Ordinal);
                var restAgents = resting.Where(a => typeCode is null || a.TypeCode == typeCode).OrderBy(a => a.StateSince).ToList();
                var waiting = queued.Select(dn => byDn.GetValueOrDefault(dn)).OfType<AgentView>()
                    .Where(a => typeCode is null || a.TypeCode == typeCode).ToList();
                var waitingArray = new JsonArray(waiting.Select(a => (JsonNode)new JsonObject
                {
                    ["name"] = a.NameCn,
                    ["agent"] = a.Dn,
                    ["extension"] = a.Extension,
                }).ToArray());
                data.Add(new JsonObject
                {
                    ["tenantId"] = engine.TenantId,
                    ["restNum"] = restNum,
                    ["restAgent"] = new JsonArray(restAgents.Select(a => (JsonNode)new JsonObject
                    {
                        ["name"] = a.NameCn,
                        ["agent"] = a.Dn,
                        ["extension"] = a.Extension,
                        ["stateHoldTime"] = Str(Seconds(now - a.StateSince)),
                    }).ToArray()),
                    ["restAgentNum"] = restAgents.Count,
                    // As the example: a string holding a JSON array (the waiting agents, first in line first).
                    ["restAgentQueue"] = waitingArray.ToJsonString(ApiEnvelope.Json),
                    ["restAgentQueueNum"] = waiting.Count,
                    ["typeCode"] = typeCode ?? "",
                });
            }
            return ApiEnvelope.Ok(req.ActionId, data, "", "");
        });
    }

    /// <summary>§6.14's row: the 31 fields for a logged-in agent, the example's short form for a logged-out one.</summary>
    private static JsonObject AgentRealtime(AgentView a, TenantConfig config, IReadOnlyDictionary<string, AgentDay> today, DateTime now)
    {
        var deviceState = a.DeviceState == 1 ? 1 : 2;
        if (a.State == AgentState.LoggedOut)
            return new JsonObject
            {
                ["agent"] = a.Dn,
                ["extension"] = null,
                ["busyReason"] = new JsonArray(),
                ["state"] = 0,
                ["deviceState"] = deviceState,
            };
        var day = today.GetValueOrDefault(a.Dn) ?? new AgentDay();
        day.AddOpenInterval(a, now);
        var talk = day.InTalkTime + day.OutTalkTime + day.InternalTalkTime;
        var answered = day.InAnswerCalls + day.OutAnswerCalls + day.InternalAnswerCalls;
        return new JsonObject
        {
            ["agent"] = a.Dn,
            ["name"] = a.NameCn,
            ["extension"] = a.Extension,
            ["state"] = (int)a.State,
            ["reasonCode"] = a.State == AgentState.Busy ? a.Reason : null,
            ["deviceState"] = deviceState,
            ["callID"] = a.CallId,
            ["mobile"] = a.CallId is null ? null : a.OtherParty,
            ["callType"] = a.CallId is null ? null : a.CallType,
            ["readyTime"] = day.ReadyTime,
            ["readyCount"] = day.ReadyCount,
            ["busyTime"] = day.BusyTime,
            ["busyCount"] = day.BusyCount,
            ["logoutCount"] = day.LogoutCount,
            ["loginCount"] = day.LoginCount,
            ["outCalls"] = day.OutCalls,
            ["outTalkTime"] = day.OutTalkTime,
            ["inCalls"] = day.InCalls,
            ["inTalkTime"] = day.InTalkTime,
            ["outAnswerCalls"] = day.OutAnswerCalls,
            ["inAnswerCalls"] = day.InAnswerCalls,
            ["callHoldTime"] = a.CallSince is DateTime since ? Seconds(now - since) : 0,
            ["stateHoldTime"] = Seconds(now - a.StateSince),
            ["typeCode"] = a.TypeCode,
            ["typeType"] = a.TypeText,
            ["busyReason"] = new JsonArray(day.Reasons.OrderBy(r => r.Key).Select(r => (JsonNode)new JsonObject
            {
                ["reasonCode"] = r.Key,
                ["operationCount"] = r.Value.Count,
                ["operationTime"] = r.Value.Seconds,
            }).ToArray()),
            ["thisQueue"] = string.Join(",", a.Queues),
            ["queueName"] = string.Join(",", a.Queues.Select(q => config.AcdsByNumber.TryGetValue(q, out var acd) ? acd.Name : q)),
            ["inNoAnswerCalls"] = day.InCalls - day.InAnswerCalls,
            ["avgTalkTime"] = answered == 0 ? 0 : talk / answered,
            ["talkTime"] = talk,
        };
    }

    /// <summary>The one-of <c>agent</c> / <c>extension</c> / <c>queueName</c> filter of §6.13 and §6.14.</summary>
    private sealed record AgentFilter(List<string> Agents, List<string> Extensions, List<string> Queues)
    {
        public static AgentFilter Read(ApiRequest req)
        {
            var f = new AgentFilter(req.List("agent"), req.List("extension"), req.List("queueName"));
            var given = new[] { ("agent", f.Agents), ("extension", f.Extensions), ("queueName", f.Queues) }
                .Where(x => x.Item2.Count > 0).Select(x => x.Item1).ToList();
            if (given.Count > 1)
                foreach (var field in given) req.Fail(field, "give only one of agent, extension, queueName");
            return f;
        }

        /// <summary>201 when a named ACD is not the tenant's.</summary>
        public IResult? Check(ApiRequest req, TenantConfig config)
        {
            var unknown = Queues.Select(q => QueueNumber(config.TenantId, q)).FirstOrDefault(q => !config.AcdsByNumber.ContainsKey(q));
            return unknown is null ? null : ApiEnvelope.Invalid(req.ActionId, "queueName", $"unknown ACD {unknown}");
        }

        public IEnumerable<AgentView> Apply(IEnumerable<AgentView> agents, TenantConfig config)
        {
            if (Agents.Count > 0) return agents.Where(a => Agents.Contains(a.Dn));
            if (Extensions.Count > 0)
                return agents.Where(a => Extensions.Contains(a.Extension ?? "")
                    || (config.AgentsByDn.TryGetValue(a.Dn, out var c) && c.BoundExtension is { } bound && Extensions.Contains(bound)));
            if (Queues.Count > 0)
            {
                var queues = Queues.Select(q => QueueNumber(config.TenantId, q)).ToList();
                return agents.Where(a => queues.Any(q => InQueue(a, config, q)));
            }
            return agents;
        }
    }

    /// <summary>The agent's business code and type: the one it logged in with, else its configured one.</summary>
    private static (string? Code, string? Text) TypeOf(AgentView a, TenantConfig config) =>
        a.State != AgentState.LoggedOut || !config.AgentsByDn.TryGetValue(a.Dn, out var c) ? (a.TypeCode, a.TypeText) : (c.TypeCode, c.TypeText);

    /// <summary>A member of the ACD (configured) or logged into it now.</summary>
    private static bool InQueue(AgentView a, TenantConfig config, string queue) =>
        a.Queues.Contains(queue) || (config.AgentsByDn.TryGetValue(a.Dn, out var c) && c.AcdPriorities.ContainsKey(queue));

    /// <summary>"10001_8000" as it is, "8000" as the tenant's ACD 8000.</summary>
    private static string QueueNumber(int tenant, string queue) => queue.Contains('_') ? queue : Dn.Of(tenant, queue);

    private static Task<TenantEngine?> Engine(IServiceProvider sp, int tenant, CancellationToken ct) =>
        sp.GetRequiredService<CtiEngineHost>().GetOrCreateAsync(tenant, ct);

    private static DateTime Now(IServiceProvider sp) => sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private static int Seconds(TimeSpan t) => (int)Math.Max(0, t.TotalSeconds);

    /// <summary>Built-in reason texts (AgentStateCatalog), then the tenant's custom ones.</summary>
    private static async Task<Dictionary<int, string>> ReasonTextsAsync(IServiceProvider sp, int tenant, CancellationToken ct)
    {
        var texts = AgentStateCatalog.BuiltInReasons.ToDictionary(r => r.Code, r => r.Text);
        await using var db = await sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);
        foreach (var (code, text) in await AgentStateRecordService.CustomTextsAsync(db, tenant, ct)) texts.TryAdd(code, text);
        return texts;
    }

    /// <summary>
    /// One agent's figures for today (server-local day) for §6.14: the state intervals the engine has written to
    /// AgentStateRecords since midnight (clipped to it), plus the open interval from the live view; call counters from
    /// today's call records (CDRs) of the agent. Records are written in batches, so a change is seen once flushed.
    /// </summary>
    private sealed class AgentDay
    {
        private readonly List<(int State, int Reason, DateTime Start, DateTime End)> _intervals = new();
        private DateTime _dayStart;
        private bool _closed;

        public int ReadyTime, ReadyCount, BusyTime, BusyCount, LoginCount, LogoutCount;
        public int InCalls, InAnswerCalls, InTalkTime, OutCalls, OutAnswerCalls, OutTalkTime, InternalAnswerCalls, InternalTalkTime;
        public Dictionary<int, (int Count, int Seconds)> Reasons { get; } = new();

        public static async Task<Dictionary<string, AgentDay>> LoadAsync(IServiceProvider sp, int tenant, List<string> dns, DateTime now, CancellationToken ct)
        {
            var result = new Dictionary<string, AgentDay>(StringComparer.Ordinal);
            if (dns.Count == 0) return result;
            var localNow = DateTime.SpecifyKind(now, DateTimeKind.Utc).ToLocalTime();
            var dayStart = DateTime.SpecifyKind(localNow.Date, DateTimeKind.Local).ToUniversalTime();
            await using var db = await sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);
            var states = await db.AgentStateRecords.AsNoTracking()
                .Where(r => r.TenantId == tenant && dns.Contains(r.Agent) && r.EndTime > dayStart)
                .Select(r => new { r.Agent, r.State, r.ReasonCode, r.StartTime, r.EndTime })
                .ToListAsync(ct);
            var calls = await db.CallRecords.AsNoTracking()
                .Where(c => c.TenantId == tenant && c.Agent != null && dns.Contains(c.Agent) && c.StartStamp >= dayStart)
                .Select(c => new { c.Agent, c.CtiCallType, c.AnswerStamp, c.Billsec })
                .ToListAsync(ct);
            foreach (var dn in dns) result[dn] = new AgentDay { _dayStart = dayStart };
            foreach (var r in states.OrderBy(r => r.StartTime)) result[r.Agent]._intervals.Add((r.State, r.ReasonCode, r.StartTime, r.EndTime));
            foreach (var c in calls)
            {
                var d = result[c.Agent!];
                var answered = c.AnswerStamp is not null;
                switch (c.CtiCallType)
                {
                    case 2:
                        d.InCalls++;
                        if (answered) { d.InAnswerCalls++; d.InTalkTime += c.Billsec; }
                        break;
                    case 3:
                        d.OutCalls++;
                        if (answered) { d.OutAnswerCalls++; d.OutTalkTime += c.Billsec; }
                        break;
                    default:
                        if (answered) { d.InternalAnswerCalls++; d.InternalTalkTime += c.Billsec; }
                        break;
                }
            }
            return result;
        }

        /// <summary>Adds the live interval and sums everything (once).</summary>
        public void AddOpenInterval(AgentView a, DateTime now)
        {
            if (_closed) return;
            _closed = true;
            if (_dayStart == default)
            {
                var localNow = DateTime.SpecifyKind(now, DateTimeKind.Utc).ToLocalTime();
                _dayStart = DateTime.SpecifyKind(localNow.Date, DateTimeKind.Local).ToUniversalTime();
            }
            // A record may already cover the live interval's start (never twice), or not be flushed yet (a gap).
            if (_intervals.Count == 0 || _intervals[^1].Start < a.StateSince)
                _intervals.Add(((int)a.State, a.State == AgentState.Busy ? a.Reason ?? -1 : -1, a.StateSince, now));
            (int State, int Reason, DateTime Start, DateTime End)? previous = null;
            foreach (var i in _intervals)
            {
                var entered = i.Start >= _dayStart;
                var start = i.Start < _dayStart ? _dayStart : i.Start;
                var seconds = (int)Math.Max(0, (i.End - start).TotalSeconds);
                switch (i.State)
                {
                    case (int)AgentState.Ready:
                        ReadyTime += seconds;
                        if (entered) ReadyCount++;
                        break;
                    case (int)AgentState.Busy:
                        BusyTime += seconds;
                        if (entered) BusyCount++;
                        var (count, total) = Reasons.GetValueOrDefault(i.Reason);
                        Reasons[i.Reason] = (count + (entered ? 1 : 0), total + seconds);
                        break;
                }
                if (entered && i.State != 0 && (previous is null || previous.Value.State == 0)) LoginCount++;
                if (entered && i.State == 0 && previous is not null && previous.Value.State != 0) LogoutCount++;
                previous = i;
            }
        }
    }
}
