using System.Globalization;
using System.Text.Json.Nodes;
using CallCenter.Domain.Cti.Calls;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Infrastructure.Cti;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Web.Api;

/// <summary>
/// Statistics interfaces of query-api-2.md: §6.34 system concurrency (live, from the CTI engines) and §6.44 the number
/// contact count (the call records matching §6.21's filters).
/// </summary>
public static class StatisticsEndpoints
{
    public static void MapStatisticsInterfaces(this RouteGroupBuilder api)
    {
        api.MapInterface("/query/queryConcurrency", QueryConcurrency);
        api.MapInterface("/query/queryMobileNum", QueryMobileNum);
    }

    /// <summary>
    /// §6.34. <c>data</c> is one object of six integers (3.5):
    /// <list type="bullet">
    /// <item><c>systemMaxConcurrent</c>: <c>Api:SystemMaxConcurrent</c>; 0 = unlimited, answered as 0 (as a tenant's 0).</item>
    /// <item>A26: <c>*OutboundChannel</c> = live outbound calls (call type 3), <c>*Communicate</c> = all live calls.</item>
    /// <item><c>system*</c> counts the engines the key may see: every running tenant for an all-tenant key, its own
    /// tenant only for a tenant key (another tenant's traffic is not its business).</item>
    /// <item><c>tenant*</c>: the tenant of <c>tenantId</c> (optional; a tenant key's own tenant when absent);
    /// <c>tenantMaxConcurrent</c> is <c>Tenant.MaxConcurrent</c> (0 = unlimited).</item>
    /// <item>A25: the example's <c>agent</c> is not a documented field and is ignored. An all-tenant key without
    /// <c>tenantId</c> gets the system figures and 0 in every <c>tenant*</c> field.</item>
    /// </list>
    /// No <c>totalCount</c>/<c>currentPage</c>: the section has none.
    /// </summary>
    private static async Task<IResult> QueryConcurrency(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant(required: false);
        if (req.Refusal() is { } refusal) return refusal;

        var host = sp.GetRequiredService<CtiEngineHost>();
        int tenantMax = 0, tenantOutbound = 0, tenantLive = 0;
        if (tenant is int t)
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);
            var max = await db.Tenants.AsNoTracking().Where(x => x.Id == t).Select(x => (int?)x.MaxConcurrent).FirstOrDefaultAsync(ct);
            if (max is null) return ApiEnvelope.Invalid(req.ActionId, "tenantId", "not found");
            tenantMax = max.Value;
            var engine = await host.GetOrCreateAsync(t, ct);
            if (engine is not null) (tenantOutbound, tenantLive) = await Live(engine);
        }

        var own = req.Caller.Scope.Narrow(null);
        int systemOutbound = 0, systemLive = 0;
        foreach (var engine in host.Engines.Where(e => own is null || e.TenantId == own))
        {
            var (outbound, live) = await Live(engine);
            systemOutbound += outbound;
            systemLive += live;
        }

        return ApiEnvelope.Ok(req.ActionId, new JsonObject
        {
            ["systemMaxConcurrent"] = Math.Max(0, sp.GetRequiredService<ApiOptions>().SystemMaxConcurrent),
            ["systemOutboundChannel"] = systemOutbound,
            ["systemCommunicate"] = systemLive,
            ["tenantMaxConcurrent"] = tenantMax,
            ["tenantOutboundChannel"] = tenantOutbound,
            ["tenantCommunicate"] = tenantLive,
        });
    }

    private static async Task<(int Outbound, int Live)> Live(TenantEngine engine)
    {
        try
        {
            return await engine.QueryAsync(e => (e.LiveCallsOfType(CallTypes.Outbound), e.LiveCalls));
        }
        catch (ObjectDisposedException)
        {
            return (0, 0); // reloaded or stopped meanwhile: no calls of its own any more
        }
    }

    /// <summary>
    /// §6.44: <c>data</c> is the number of the tenant's call records matching §6.21's filters, as a string ("12");
    /// with <c>repeatCallId</c> = 1 the number of calls (one row per ctiCallId). <c>sort</c>/<c>order</c>/paging change
    /// nothing. A44: the example's <c>currentPage</c>/<c>totalCount</c> hold the placeholder "abcd123" and are not
    /// documented, so they are not sent. A45: <c>callType</c> is the call-record enumeration (1 internal, 2 in, 3 out, 4 both).
    /// </summary>
    private static async Task<IResult> QueryMobileNum(ApiRequest req, IServiceProvider sp, CancellationToken ct)
    {
        var tenant = req.Tenant();
        var filter = HistoryEndpoints.CdrFilter(req, tenant);
        if (req.Refusal() is { } refusal) return refusal;
        await using var db = await sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);
        var count = await filter(db.CallRecords.AsNoTracking()).CountAsync(ct);
        return ApiEnvelope.Ok(req.ActionId, JsonValue.Create(count.ToString(CultureInfo.InvariantCulture)));
    }
}
