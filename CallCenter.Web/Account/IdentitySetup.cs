using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace CallCenter.Web.Account;

public static class IdentitySetup
{
    /// <summary>Cookie sign-in with ASP.NET Core Identity; roles Admin, Supervisor, Agent.</summary>
    public static IServiceCollection AddConsoleIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthorization();
        services.AddConsoleIdentityCore().AddSignInManager();
        // Role, scope or password changes reach signed-in users within a minute (Identity's default is 30).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "callcenter.auth";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        return services;
    }

    /// <summary>
    /// The user and role stores with the console's password and lockout policy (length 8 plus Identity's defaults), without
    /// any sign-in: what <see cref="UserService"/> needs, also outside a web host (e.g. component tests).
    /// </summary>
    public static IdentityBuilder AddConsoleIdentityCore(this IServiceCollection services)
    {
        services.AddDataProtection(); // password-reset tokens
        return services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CallCenterDbContext>()
            .AddClaimsPrincipalFactory<CallCenterClaimsFactory>()
            .AddDefaultTokenProviders();
    }
}
