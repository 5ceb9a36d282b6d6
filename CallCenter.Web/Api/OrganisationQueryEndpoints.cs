using System.Globalization;
using System.Text.Json.Nodes;
using CallCenter.Domain.Acds;
using CallCenter.Domain.Agents;
using CallCenter.Domain.Common;
using CallCenter.Domain.Extensions;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Web.Api.ApiQuery;

namespace CallCenter.Web.Api;

/// <summary>
/// The organisation's configuration as the programmer's guide reads it (query-api-1.md): the unbound lists §6.1–§6.3,
/// ACDs §6.6/§6.7, extensions §6.10, agents §6.11/§6.12 and IVR flows §6.16.
/// Wire typing follows each section's own example: 6.1–6.3 send ids as numbers, every other value is a string.
/// </summary>
public static class OrganisationQueryEndpoints
{
    public static void MapOrganisationQueries(this RouteGroupBuilder api)
    {
        // §6.1 /binduser/unboundTenants — no tenantId; a tenant key sees only its own tenant.
        api.MapInterface("/binduser/unboundTenants", async (req, sp, ct) =>
        {
            if (req.Refusal() is { } refusal) return refusal;
            await using var db = await Db(sp, ct);
            var q = db.Tenants.AsNoTracking().Where(t => !t.Bound);
            if (req.Caller.Scope.Narrow(null) is int own) q = q.Where(t => t.Id == own);
            var rows = await q.OrderBy(t => t.Id)
                .Select(t => new { t.Id, t.Name, Count = db.Acds.Count(a => a.TenantId == t.Id) })
                .ToListAsync(ct);
            var data = new JsonArray(rows.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id,
                ["name"] = t.Name,
                ["count"] = t.Count.ToString(CultureInfo.InvariantCulture),
            }).ToArray());
            return ApiEnvelope.Ok(req.ActionId, data);
        });

        // §6.2 /binduser/unboundQueues
        api.MapInterface("/binduser/unboundQueues", async (req, sp, ct) =>
        {
            var tenant = req.Tenant();
            if (req.Refusal() is { } refusal) return refusal;
            await using var db = await Db(sp, ct);
            var rows = await db.Acds.AsNoTracking().Where(a => a.TenantId == tenant && !a.Bound).OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.TenantId, a.Code, a.Name, Count = a.Members.Count })
                .ToListAsync(ct);
            var data = new JsonArray(rows.Select(a => (JsonNode)new JsonObject
            {
                ["id"] = a.Id,
                ["name"] = a.Name,
                ["queueName"] = Dn.Of(a.TenantId, a.Code),
                ["count"] = a.Count.ToString(CultureInfo.InvariantCulture),
            }).ToArray());
            return ApiEnvelope.Ok(req.ActionId, data);
        });

        // §6.3 /binduser/unboundUsers
        api.MapInterface("/binduser/unboundUsers", async (req, sp, ct) =>
        {
            var tenant = req.Tenant();
            var queueId = req.Int("queueId", 1);
            var queueName = req.Optional("queueName", 64);
            if (req.Refusal() is { } refusal) return refusal;
            await using var db = await Db(sp, ct);
            var (matched, acd) = await FilterQueueAsync(db, tenant!.Value, queueId, queueName, ct);
            if (!matched) return ApiEnvelope.Ok(req.ActionId, new JsonArray());
            var q = db.Agents.AsNoTracking().Where(a => a.TenantId == tenant && !a.Bound);
            if (acd is not null) q = q.Where(a => db.AcdMembers.Any(m => m.AgentId == a.Id && m.AcdId == acd.Id));
            var agents = await q.OrderBy(a => a.Id).ToListAsync(ct);
            var queues = await QueuesOfAsync(db, agents, acd, ct);
            var data = new JsonArray(agents.Select(a => (JsonNode)new JsonObject
            {
                ["id"] = a.Id,
                ["nameCn"] = a.NameCn,
                ["userName"] = a.Dn,
                ["queueName"] = queues.TryGetValue(a.Id, out var queue) ? queue.QueueName : "",
            }).ToArray());
            return ApiEnvelope.Ok(req.ActionId, data);
        });

        // §6.6 /query/queryQueues
        api.MapInterface("/query/queryQueues", async (req, sp, ct) =>
        {
            var tenant = req.Tenant();
            var name = req.Optional("name", 100);
            var (page, size) = req.Paging();
            if (req.Refusal() is { } refusal) return refusal;
            await using var db = await Db(sp, ct);
            var q = db.Acds.AsNoTracking().Where(a => a.TenantId == tenant);
            if (name is not null) q = q.Where(a => a.Code == name || a.Name.Contains(name));
            var total = await q.CountAsync(ct);
            var rows = await q.OrderBy(a => a.Id).Skip((page - 1) * size).Take(size)
                .Select(a => new { Acd = a, Count = a.Members.Count }).ToListAsync(ct);
            var data = new JsonArray(rows.Select(r =>
            {
                var o = QueueInfo(r.Acd);
                o["count"] = r.Count.ToString(CultureInfo.InvariantCulture);
                return (JsonNode)o;
            }).ToArray());
            return ApiEnvelope.Ok(req.ActionId, data, Str(page), Str(total));
        });

        // §6.7 /query/queryQueue — `queue` is the full number 10001_8000 or the bare code 8000.
        api.MapInterface("/query/queryQueue", async (req, sp, ct) =>
        {
            var tenant = req.Tenant();
            var queue = req.Required("queue", 64);
            if (req.Refusal() is { } refusal) return refusal;
            await using var db = await Db(sp, ct);
            var acd = await FindQueueAsync(db, tenant!.Value, queue!, ct);
            if (acd is null) return ApiEnvelope.Invalid(req.ActionId, "queue", "not found");
            var members = await db.AcdMembers.Where(m => m.AcdId == acd.Id)
                .Join(db.Agents, m => m.AgentId, a => a.Id, (m, a) => new { m.Priority, a.TenantId, a.Code })
                .ToListAsync(ct);
            var o = QueueInfo(acd);
            o["agent"] = new JsonArray(members
                .Select(m => (m.Priority, Dn: Dn.Of(m.TenantId, m.Code)))
                .OrderBy(m => m.Priority).ThenBy(m => m.Dn, StringComparer.Ordinal)
                .Select(m => (JsonNode)JsonValue.Create(m.Dn)).ToArray());
            return ApiEnvelope.Ok(req.ActionId, o);
        });

        // §6.10 /query/queryExtension
        api.MapInterface("/query/queryExtension", async (req, sp, ct) =>
        {
            var tenant = req.Tenant();
            var status = req.OneOf("status", "0", "1");
            var (page, size) = req.Paging();
            if (req.Refusal() is { } refusal) return refusal;
            await using var db = await Db(sp, ct);
            var q = db.Extensions.AsNoTracking().Where(x => x.TenantId == tenant);
            if (status is not null) q = q.Where(x => x.Status == (AccountStatus)int.Parse(status, CultureInfo.InvariantCulture));
            var total = await q.CountAsync(ct);
            var rows = await q.OrderBy(x => x.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
            var ids = rows.Select(x => (int?)x.Id).ToList();
            var agents = await db.Agents.AsNoTracking().Where(a => ids.Contains(a.ExtensionId))
                .ToDictionaryAsync(a => a.ExtensionId!.Value, ct);
            var data = new JsonArray(rows.Select(x => (JsonNode)ExtensionInfo(x, agents.GetValueOrDefault(x.Id))).ToArray());
            return ApiEnvelope.Ok(req.ActionId, data, Str(page), Str(total));
        });

        // §6.11 /query/queryUsers
        api.MapInterface("/query/queryUsers", async (req, sp, ct) =>
        {
            var tenant = req.Tenant();
            var queueName = req.Optional("queueName", 64);
            var name = req.Optional("name", 64);
            var nameCn = req.Optional("nameCn", 100);
            var (page, size) = req.Paging();
            if (req.Refusal() is { } refusal) return refusal;
            await using var db = await Db(sp, ct);
            var (matched, acd) = await FilterQueueAsync(db, tenant!.Value, null, queueName, ct);
            if (!matched) return ApiEnvelope.Ok(req.ActionId, new JsonArray(), Str(page), "0");
            var q = db.Agents.AsNoTracking().Where(a => a.TenantId == tenant);
            if (acd is not null) q = q.Where(a => db.AcdMembers.Any(m => m.AgentId == a.Id && m.AcdId == acd.Id));
            if (name is not null)
            {
                // The agent number 10001_1000, or its code 1000 alone.
                var code = Dn.TryParse(name, out var t, out var c) ? (t == tenant ? c : null) : name;
                q = code is null ? q.Where(a => false) : q.Where(a => a.Code == code);
            }
            if (nameCn is not null) q = q.Where(a => a.NameCn.Contains(nameCn));
            var total = await q.CountAsync(ct);
            var agents = await q.OrderBy(a => a.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
            var queues = await QueuesOfAsync(db, agents, acd, ct);
            var extensions = await ExtensionsOfAsync(db, agents, ct);
            var data = new JsonArray(agents.Select(a => (JsonNode)AgentInfo(a, queues, extensions)).ToArray());
            return ApiEnvelope.Ok(req.ActionId, data, Str(page), Str(total));
        });

        // §6.12 /query/queryUser — `id` is the agent's record id.
        api.MapInterface("/query/queryUser", async (req, sp, ct) =>
        {
            var tenant = req.Tenant();
            var id = req.RequiredInt("id", 1);
            if (req.Refusal() is { } refusal) return refusal;
            await using var db = await Db(sp, ct);
            var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.TenantId == tenant, ct);
            if (agent is null) return ApiEnvelope.Invalid(req.ActionId, "id", "not found");
            var agents = new[] { agent };
            var queues = await QueuesOfAsync(db, agents, null, ct);
            var extensions = await ExtensionsOfAsync(db, agents, ct);
            return ApiEnvelope.Ok(req.ActionId, AgentInfo(agent, queues, extensions));
        });

        // §6.16 /query/queryRouteInfos — tenantId optional (a tenant key is held to its tenant).
        api.MapInterface("/query/queryRouteInfos", async (req, sp, ct) =>
        {
            var tenant = req.Tenant(required: false);
            var name = req.Optional("name", 64);
            var ids = new List<int>();
            foreach (var text in req.List("ids"))
            {
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) ids.Add(n);
                else { req.Fail("ids", "must be comma-separated whole numbers"); break; }
            }
            var sort = req.OneOf("sort", "id", "name", "tenantId") ?? "id";
            var descending = req.OneOf("order", "asc", "desc") == "desc";
            var (page, size) = req.Paging();
            if (req.Refusal() is { } refusal) return refusal;
            await using var db = await Db(sp, ct);
            var q = db.IvrFlows.AsNoTracking();
            if (req.Caller.Scope.Narrow(tenant) is int only) q = q.Where(f => f.TenantId == only);
            if (name is not null) q = q.Where(f => f.Name.Contains(name));
            if (ids.Count > 0) q = q.Where(f => ids.Contains(f.Id));
            return await PageAsync(req, q, q => (sort, descending) switch
            {
                ("name", false) => q.OrderBy(f => f.Name).ThenBy(f => f.Id),
                ("name", true) => q.OrderByDescending(f => f.Name).ThenByDescending(f => f.Id),
                ("tenantId", false) => q.OrderBy(f => f.TenantId).ThenBy(f => f.Id),
                ("tenantId", true) => q.OrderByDescending(f => f.TenantId).ThenByDescending(f => f.Id),
                (_, true) => q.OrderByDescending(f => f.Id),
                _ => q.OrderBy(f => f.Id),
            }, (page, size), f => new JsonObject
            {
                ["id"] = Str(f.Id),
                ["name"] = f.Name,
                ["tenantId"] = Str(f.TenantId),
            }, ct);
        });
    }

    private static Task<CallCenterDbContext> Db(IServiceProvider sp, CancellationToken ct) =>
        sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);

    /// <summary>An ACD as §6.6/§6.7 show it (with the examples' <c>tenantId</c>), every value a string.</summary>
    public static JsonObject QueueInfo(Acd a) => new()
    {
        ["id"] = Str(a.Id),
        ["tenantId"] = Str(a.TenantId),
        ["name"] = a.Name,
        ["code"] = a.Code,
        ["queueName"] = a.QueueName,
        ["strategy"] = a.Strategy.ToWire(),
        ["outboundNumber"] = a.OutboundNumber ?? "",
        ["maxWaitTimeWithNoAgent"] = Str(a.MaxWaitTimeWithNoAgent),
    };

    /// <summary>
    /// An extension as §6.10 lists it, plus the example's <c>name</c>/<c>nameCn</c> (the agent bound to it, "" when none)
    /// and <c>createdTime</c>.
    /// </summary>
    public static JsonObject ExtensionInfo(Extension x, Agent? boundAgent) => new()
    {
        ["id"] = Str(x.Id),
        ["tenantId"] = Str(x.TenantId),
        ["name"] = boundAgent?.Dn ?? "",
        ["nameCn"] = boundAgent?.NameCn ?? "",
        ["status"] = Str((int)x.Status),
        ["extension"] = x.Number,
        ["password"] = x.Password,
        ["createdTime"] = ApiEnvelope.Time(x.CreatedTime),
    };

    /// <summary>An agent as §6.11/§6.12 show it: the table's nine fields, the time under both spellings (A14).</summary>
    private static JsonObject AgentInfo(Agent a, IReadOnlyDictionary<int, Acd> queues, IReadOnlyDictionary<int, string> extensions)
    {
        var queue = queues.GetValueOrDefault(a.Id);
        var created = ApiEnvelope.Time(a.CreatedTime);
        return new JsonObject
        {
            ["id"] = Str(a.Id),
            ["nameCn"] = a.NameCn,
            ["name"] = a.Dn,
            ["tenantId"] = Str(a.TenantId),
            ["status"] = Str((int)a.Status),
            ["queue"] = queue?.QueueName ?? "",
            ["queueId"] = queue is null ? "" : Str(queue.Id),
            ["extension"] = a.ExtensionId is int e && extensions.TryGetValue(e, out var number) ? number : "",
            ["createTime"] = created,
            ["createdTime"] = created,
        };
    }

    /// <summary>
    /// The ACD named by <c>10001_8000</c> or by its code <c>8000</c> in <paramref name="tenant"/>; null when there is
    /// none (a full number of another tenant finds nothing).
    /// </summary>
    private static async Task<Acd?> FindQueueAsync(CallCenterDbContext db, int tenant, string queue, CancellationToken ct)
    {
        var code = queue;
        if (Dn.TryParse(queue, out var t, out var c))
        {
            if (t != tenant) return null;
            code = c;
        }
        return await db.Acds.AsNoTracking().FirstOrDefaultAsync(a => a.TenantId == tenant && a.Code == code, ct);
    }

    /// <summary>
    /// Resolves the optional ACD filters of a list (<c>queueId</c>, <c>queueName</c>; both must name the same ACD).
    /// Matched is false when a filter names no ACD of the tenant, so the list is empty.
    /// </summary>
    private static async Task<(bool Matched, Acd? Acd)> FilterQueueAsync(
        CallCenterDbContext db, int tenant, int? queueId, string? queueName, CancellationToken ct)
    {
        Acd? acd = null;
        if (queueName is not null)
        {
            acd = await FindQueueAsync(db, tenant, queueName, ct);
            if (acd is null) return (false, null);
        }
        if (queueId is int id)
        {
            if (acd is not null) return (acd.Id == id, acd);
            acd = await db.Acds.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.TenantId == tenant, ct);
            if (acd is null) return (false, null);
        }
        return (true, acd);
    }

    /// <summary>
    /// The ACD each agent's row shows: the ACD the request filtered on, else the agent's first ACD (lowest ACD id).
    /// Agents in no ACD are absent from the map.
    /// </summary>
    private static async Task<Dictionary<int, Acd>> QueuesOfAsync(
        CallCenterDbContext db, IReadOnlyCollection<Agent> agents, Acd? filtered, CancellationToken ct)
    {
        if (filtered is not null) return agents.ToDictionary(a => a.Id, _ => filtered);
        var ids = agents.Select(a => a.Id).ToList();
        var rows = await db.AcdMembers.Where(m => ids.Contains(m.AgentId))
            .Join(db.Acds, m => m.AcdId, a => a.Id, (m, a) => new { m.AgentId, Acd = a })
            .AsNoTracking().ToListAsync(ct);
        return rows.GroupBy(r => r.AgentId).ToDictionary(g => g.Key, g => g.MinBy(r => r.Acd.Id)!.Acd);
    }

    /// <summary>Extension numbers by extension id, for the agents' bound extensions.</summary>
    private static async Task<Dictionary<int, string>> ExtensionsOfAsync(
        CallCenterDbContext db, IReadOnlyCollection<Agent> agents, CancellationToken ct)
    {
        var ids = agents.Where(a => a.ExtensionId is not null).Select(a => a.ExtensionId!.Value).ToList();
        return await db.Extensions.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Number, ct);
    }
}
