using System.Security.Claims;
using CallCenter.Domain.Common;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Infrastructure.Identity;
using Microsoft.Extensions.Logging;

namespace CallCenter.Infrastructure.Cti;

/// <summary>
/// The console's way to the engine's supervisor commands (wallboard actions): only a Supervisor or an Admin may send
/// them, and only about agents of a tenant in the user's scope (claim <c>cc:tenant</c>; all-tenant users any tenant).
/// </summary>
public sealed class SupervisorService(CtiEngineHost host, ILogger<SupervisorService> log)
{
    public static bool MaySupervise(ClaimsPrincipal user, int tenantId) =>
        (user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin)) && user.Scope().Allows(tenantId);

    /// <summary>Authorises and carries out <paramref name="command"/>; refusals change nothing and say why.</summary>
    public async Task<SupervisorResult> ExecuteAsync(ClaimsPrincipal user, SupervisorCommand command)
    {
        if (!Dn.TryParse(command.AgentDn, out var tenantId, out _))
            return SupervisorResult.Refused($"'{command.AgentDn}' is not an agent number.");
        if (!MaySupervise(user, tenantId))
            return SupervisorResult.Refused($"Only supervisors and admins of tenant {tenantId} may do this.");
        if (await host.GetOrCreateAsync(tenantId) is not { } engine)
            return SupervisorResult.Refused($"Tenant {tenantId} does not exist.");
        var result = await engine.SuperviseAsync(command);
        log.LogInformation("Supervisor {User}: {Command} → {Outcome}: {Message}", user.Identity?.Name, command, result.Outcome, result.Message);
        return result;
    }
}
