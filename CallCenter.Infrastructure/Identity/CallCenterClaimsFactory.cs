using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CallCenter.Infrastructure.Identity;

/// <summary>Adds the user's tenant scope to the sign-in cookie so every request knows it without a database read.</summary>
public sealed class CallCenterClaimsFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TenantId is int tenant) identity.AddClaim(new Claim(Roles.TenantClaim, tenant.ToString()));
        if (!string.IsNullOrEmpty(user.DisplayName)) identity.AddClaim(new Claim("cc:display", user.DisplayName));
        return identity;
    }
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's scope: its tenant claim, or all tenants when it has none.</summary>
    public static TenantScope Scope(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(Roles.TenantClaim)?.Value, out var t) ? TenantScope.Of(t) : TenantScope.All;
}
