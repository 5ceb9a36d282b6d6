using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using static CallCenter.Web.Export.ExportEndpoints;

namespace CallCenter.Web.Export;

/// <summary>Excel download of the console users, with the list's search and filters. No password hashes, no security stamps.</summary>
public static class UserExports
{
    public static void MapUserExports(this RouteGroupBuilder group)
    {
        group.MapGet("/users.xlsx", async (HttpContext http, UserService svc, string? search, int? tenantId, string? role,
            CancellationToken ct) =>
        {
            if (!string.IsNullOrWhiteSpace(role) && !Roles.All.Contains(role)) return Results.BadRequest($"Unknown role '{role}'.");
            var rows = await svc.ExportAsync(new UserListQuery { Search = search, TenantId = tenantId, Role = role }, http.User, ct);
            return await Xlsx(http, "users", rows, new ExcelColumn<UserRow>[]
            {
                new("User name", r => r.UserName), new("Display name", r => r.DisplayName), new("Role", r => r.Role),
                new("Scope", r => r.ScopeText), new("Agent", r => r.AgentDn),
                new("Locked out", r => r.LockedUntil is { } until ? $"until {until.ToLocalTime():yyyy-MM-dd HH:mm:ss}" : "no"),
            }, ct);
        });
    }
}
