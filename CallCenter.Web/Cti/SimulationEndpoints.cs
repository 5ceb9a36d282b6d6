using CallCenter.Domain.Common;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.ApiKeys;
using CallCenter.Infrastructure.Cti;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Softphone;
using CallCenter.Infrastructure.Telephony.Simulated;
using CallCenter.Web.Api;

namespace CallCenter.Web.Cti;

/// <summary>
/// Our extension for the simulated switch (not in the source documents): switch simulated inbound traffic per ACD on and
/// off, place one call, and answer or reject the call ringing on a virtual extension (what the softphone page calls in
/// simulation). Authorised for console users (Admin or Supervisor for traffic; Agent too for answering — its own phone
/// only) of the tenant, or an API key of the tenant. JSON in, JSON out.
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
            // As the console's control: 0 stops; a rate is 0.1–6000 (a tiny one overflowed the switch's schedule: a 500 and a phantom generator).
            if (body.CallsPerMinute is not 0 and (< 0.1 or > 6000))
                return Results.BadRequest(new { error = "callsPerMinute must be 0 (stop) or between 0.1 and 6000" });
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

        sim.MapPost("/answer", (HttpContext http, ExtensionRequest body, SimulatedSwitch sw, CtiEngineHost host) =>
            Phone(http, body, sw, host, answer: true));
        sim.MapPost("/reject", (HttpContext http, ExtensionRequest body, SimulatedSwitch sw, CtiEngineHost host) =>
            Phone(http, body, sw, host, answer: false));
    }

    private static async Task<IResult> Phone(HttpContext http, ExtensionRequest body, SimulatedSwitch sw, CtiEngineHost host, bool answer)
    {
        if (await Caller(http, Roles.Admin, Roles.Supervisor, Roles.Agent) is not { } scope) return Unauthorized;
        if (!scope.Allows(body.TenantId)) return Forbidden;
        if (IsAgentUser(http) && await OwnExtensionAsync(http, host) is var own && own != body.Extension)
            return Results.Json(new { error = own is null ? "your user is not linked to an agent with an extension" : $"an agent answers only its own phone ({own})" },
                statusCode: 403);
        var done = answer ? sw.AnswerExtension(body.TenantId, body.Extension) : sw.RejectExtension(body.TenantId, body.Extension);
        return done ? Results.Ok(new { body.TenantId, body.Extension, answered = answer }) : Results.NotFound(new { error = "nothing is ringing there" });
    }

    /// <summary>A console user whose only role is Agent (the softphone page); API keys and supervisors are not limited.</summary>
    private static bool IsAgentUser(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true && http.User.IsInRole(Roles.Agent)
        && !http.User.IsInRole(Roles.Admin) && !http.User.IsInRole(Roles.Supervisor);

    /// <summary>The extension the user's agent is logged in with, else the one it is bound to; null without a linked agent.</summary>
    private static async Task<string?> OwnExtensionAsync(HttpContext http, CtiEngineHost host)
    {
        var userId = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (userId is null) return null;
        var link = await http.RequestServices.GetRequiredService<SoftphoneProfileService>().LinkOfUserAsync(userId, http.RequestAborted);
        if (link is null) return null;
        var live = host.Find(link.TenantId) is { } engine
            ? await engine.QueryAsync(e => e.Agents().FirstOrDefault(a => a.Dn == link.Dn)?.Extension)
            : null;
        return live ?? link.Extension;
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
