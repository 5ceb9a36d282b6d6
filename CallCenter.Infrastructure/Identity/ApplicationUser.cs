using Microsoft.AspNetCore.Identity;

namespace CallCenter.Infrastructure.Identity;

/// <summary>A console user. Scoped to one tenant (<see cref="TenantId"/>) or, when null, to all tenants.</summary>
public class ApplicationUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>The tenant this user may see and change; null = every tenant.</summary>
    public int? TenantId { get; set; }
    /// <summary>For users in the Agent role: the agent record they work as.</summary>
    public int? AgentId { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Supervisor = "Supervisor";
    public const string Agent = "Agent";
    public static readonly string[] All = { Admin, Supervisor, Agent };
    /// <summary>Claim carrying the user's tenant scope; absent for users who span all tenants.</summary>
    public const string TenantClaim = "cc:tenant";
}
