using CallCenter.Domain.Common;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.ApiKeys;
using CallCenter.Infrastructure.Cti;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Telephony.Simulated;
using CallCenter.Web.Api;

namespace CallCenter.Web.Cti;

/// <summary>
/// Our extension for the simulated switch (not in the source documents): switch simulated inbound traffic per ACD on and
/// off, place one call, and answer or reject the call ringing on a virtual extension (what the softphone page calls in
/// simulation). Authorised for console users (Admin or Supervisor for traffic; Agent too for answering) of the tenant,
/// or an API key of the tenant. JSON in, JSON out.
/// </summary>
public static class SimulationEndpoints
{
    public sealed record InboundRequest(int TenantId, string Acd, double CallsPerMinute);
    public sealed record ExtensionRequest(int TenantId, string Extension);

    public static void MapSimulation(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/cti/simulation").DisableAntiforgery();

        sim.MapGet("/inbound", async (HttpContext http, SimulatedSwitch sw) =>
            await Caller(http, Roles.Admin, Roles.Supervisor) is not { } scope
                ? Unauthorized
                : Results.Ok(sw.InboundRates.Where(r => scope.Allows(r.TenantId))));

        sim.MapPost("/inbound", async (HttpContext http, InboundRequest body, SimulatedSwitch sw, CtiEngineHost host) =>
        {
            if (await Caller(http, Roles.Admin, Roles.Supervisor) is not { } scope) return Unauthorized;
            if (!scope.Allows(body.TenantId)) return Forbidden;
            if (body.CallsPerMinute is < 0 or > 6000) return Results.BadRequest(new { error = "callsPerMinute must be between 0 and 6000" });
            var engine = await host.GetOrCreateAsync(body.TenantId);
            if (engine is null || !engine.Config.AcdsByNumber.ContainsKey(body.Acd))
                return Results.BadRequest(new { error = $"{body.Acd} is not an ACD of tenant {body.TenantId}" });
            if (body.CallsPerMinute == 0) sw.StopInbound(body.TenantId, body.Acd);
            else sw.StartInbound(body.TenantId, body.Acd, body.CallsPerMinute);
            return Results.Ok(new { body.TenantId, body.Acd, body.CallsPerMinute });
        });

        sim.MapPost("/call", async (HttpContext http, InboundRequest body, SimulatedSwitch sw, CtiEngineHost host) =>
        {
            if (await Caller(http, Roles.Admin, Roles.Supervisor) is not { } scope) return Unauthorized;
            if (!scope.Allows(body.TenantId)) return Forbidden;
            var engine = await host.GetOrCreateAsync(body.TenantId);
            if (engine is null || !engine.Config.AcdsByNumber.ContainsKey(body.Acd))
                return Results.BadRequest(new { error = $"{body.Acd} is not an ACD of tenant {body.TenantId}" });
            return Results.Ok(new { channel = sw.PlaceInboundCall(body.TenantId, body.Acd) });
        });

        sim.MapPost("/answer", (HttpContext http, ExtensionRequest body, SimulatedSwitch sw) => Phone(http, body, sw, answer: true));
        sim.MapPost("/reject", (HttpContext http, ExtensionRequest body, SimulatedSwitch sw) => Phone(http, body, sw, answer: false));
    }

    private static async Task<IResult> Phone(HttpContext http, ExtensionRequest body, SimulatedSwitch sw, bool answer)
    {
        if (await Caller(http, Roles.Admin, Roles.Supervisor, Roles.Agent) is not { } scope) return Unauthorized;
        if (!scope.Allows(body.TenantId)) return Forbidden;
        var done = answer ? sw.AnswerExtension(body.TenantId, body.Extension) : sw.RejectExtension(body.TenantId, body.Extension);
        return done ? Results.Ok(new { body.TenantId, body.Extension, answered = answer }) : Results.NotFound(new { error = "nothing is ringing there" });
    }

    private static readonly IResult Unauthorized =
        Results.Json(new { error = "sign in as an Admin or Supervisor of the tenant, or send 'Authorization: Bearer <API key>'" }, statusCode: 401);

    private static readonly IResult Forbidden = Results.Json(new { error = "not allowed for this tenant" }, statusCode: 403);

    /// <summary>The caller's tenant scope: a signed-in console user in one of the roles, or an API key; null otherwise.</summary>
    private static async Task<TenantScope?> Caller(HttpContext http, params string[] roles)
    {
        if (http.User.Identity?.IsAuthenticated == true && roles.Any(http.User.IsInRole)) return http.User.Scope();
        var auth = http.Request.Headers.Authorization.ToString();
        var key = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : http.Request.Headers["X-Api-Key"].ToString();
        if (string.IsNullOrWhiteSpace(key)) return null;
        var caller = await http.RequestServices.GetRequiredService<ApiKeyService>().AuthenticateAsync(key, http.RequestAborted);
        return caller?.Scope;
    }
}
