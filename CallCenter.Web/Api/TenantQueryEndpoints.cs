using System.Text.Json.Nodes;
using CallCenter.Domain.Common;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Web.Api.ApiQuery;

namespace CallCenter.Web.Api;

/// <summary>§6.4 tenant list and §6.5 tenant detail (query-api-1.md).</summary>
public static class TenantQueryEndpoints
{
    public static void MapTenantQueries(this RouteGroupBuilder api)
    {
        // §6.4 /query/queryTenantinfos
        api.MapInterface("/query/queryTenantinfos", async (req, sp, ct) =>
        {
            var tenant = req.Tenant(required: false);
            var name = req.Optional("name", 100);
            var status = req.OneOf("status", "0", "1");
            var (page, size) = req.Paging();
            if (req.Refusal() is { } refusal) return refusal;

            await using var db = await sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);
            var q = db.Tenants.AsNoTracking();
            var scope = req.Caller.Scope.Narrow(tenant);
            if (scope is not null) q = q.Where(t => t.Id == scope);
            if (name is not null) q = q.Where(t => t.Name.Contains(name));
            if (status is not null) q = q.Where(t => t.Status == (AccountStatus)int.Parse(status));
            return await PageAsync(req, q, q => q.OrderBy(t => t.Id), (page, size), t => TenantInfo(t, includeRestNum: true), ct);
        });

        // §6.5 /query/queryTenantinfo
        api.MapInterface("/query/queryTenantinfo", async (req, sp, ct) =>
        {
            var tenantId = req.Tenant();
            if (req.Refusal() is { } refusal) return refusal;

            await using var db = await sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);
            var t = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(x => x.Id == tenantId, ct);
            if (t is null) return ApiEnvelope.Invalid(req.ActionId, "tenantId", "not found");
            // Available = enabled agents bound to an extension; the rest cannot take calls. Live states come with the engine.
            var agents = await db.Agents.Where(a => a.TenantId == t.Id)
                .GroupBy(a => a.Status == AccountStatus.Enabled && a.ExtensionId != null)
                .Select(g => new { Available = g.Key, Count = g.Count() }).ToListAsync(ct);
            var available = agents.Where(a => a.Available).Sum(a => a.Count);
            var unavailable = agents.Where(a => !a.Available).Sum(a => a.Count);
            var data = new JsonObject
            {
                ["outAgent"] = unavailable.ToString(),
                ["startAgent"] = available.ToString(),
                ["outboundConfig"] = new JsonObject
                {
                    ["maxRatio"] = Num(t.Outbound.MaxRatio),
                    ["idleTime"] = t.Outbound.IdleTime.ToString(),
                    ["hasVgc"] = t.Outbound.HasVgc ? "1" : "0",
                    ["ivrIdleTime"] = t.Outbound.IvrIdleTime.ToString(),
                    ["ivrRatio"] = Num(t.Outbound.IvrRatio),
                },
                ["tenantFee"] = new JsonObject
                {
                    ["balance"] = Num(t.Fee.Balance),
                    ["campaignRate"] = Num(t.Fee.CampaignRate),
                    ["inboundRate"] = Num(t.Fee.InboundRate),
                    ["limitFee"] = Num(t.Fee.LimitFee),
                    ["monthRate"] = Num(t.Fee.MonthRate),
                    ["outboundRate"] = Num(t.Fee.OutboundRate),
                },
                ["tenantInfo"] = TenantInfo(t, includeRestNum: true),
            };
            return ApiEnvelope.Ok(req.ActionId, data);
        });
    }

    /// <summary>A tenant as §6.4/§6.5 show it: every value a string (the examples' typing).</summary>
    public static JsonObject TenantInfo(Tenant t, bool includeRestNum) 
    {
        var o = new JsonObject
        {
            ["id"] = t.Id.ToString(),
            ["name"] = t.Name,
            ["contact"] = t.Contact ?? "",
            ["gatewayGroup"] = t.GatewayGroup,
            ["gatewayGroupName"] = t.GatewayGroupName ?? "",
            ["recordType"] = t.RecordType == RecordType.Bridge ? "bridge" : "no",
            ["status"] = ((int)t.Status).ToString(),
            ["afterState"] = ((int)t.AfterState).ToString(),
            ["hideNumber"] = t.HideNumber ? "1" : "0",
            ["bridgeAnswerTimeout"] = t.BridgeAnswerTimeout.ToString(),
        };
        if (includeRestNum) o["restNum"] = t.RestNum.ToString();
        return o;
    }

    /// <summary>Decimals as the examples write them: "0.1", "10000", never "10000.0000".</summary>
    public static string Num(decimal d) => d.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
