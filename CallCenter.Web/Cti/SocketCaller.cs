using CallCenter.Domain.Common;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.ApiKeys;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Softphone;

namespace CallCenter.Web.Cti;

/// <summary>
/// Who is behind an agent socket and which agents it may act for (decision P-auth). The source's protocol carries no
/// credentials, so an anonymous socket may act for any agent, as a client written from the document expects — unless
/// <c>Cti:RequireSignIn</c> is set. A socket that does present credentials is held to them:
/// <list type="bullet">
/// <item>the console cookie of an <b>Agent</b> user (the softphone page): only the agent linked to that user;</item>
/// <item>the console cookie of an Admin or Supervisor, or an API key (<c>Authorization: Bearer</c> / <c>X-Api-Key</c>):
/// agents of its tenant scope.</item>
/// </list>
/// The cookie counts only on a same-origin request (or one without <c>Origin</c>, i.e. not from a browser page), so a
/// page on another site cannot borrow a signed-in agent's cookie (cross-site WebSocket hijacking).
/// </summary>
public sealed record SocketCaller(string Key, string Description, string? OnlyDn, TenantScope? Scope)
{
    public static readonly SocketCaller Anonymous = new("", "an anonymous connection", null, null);

    /// <summary>An API key was presented but is unknown or revoked: the upgrade is refused (401).</summary>
    public static readonly SocketCaller InvalidKey = new("key:invalid", "an unknown or revoked API key", "", null);

    public bool IsAnonymous => Key.Length == 0;

    /// <summary>Null when this caller may act for <paramref name="thisDn"/>; otherwise why not.</summary>
    public string? Refuses(string thisDn)
    {
        if (IsAnonymous) return null;
        if (OnlyDn is not null)
            return OnlyDn.Length == 0 ? $"{Description} is not linked to an agent"
                : thisDn == OnlyDn ? null
                : $"{Description} may act only for agent {OnlyDn}";
        if (Scope is { } scope && !(Dn.TryParse(thisDn, out var tenant, out _) && scope.Allows(tenant)))
            return $"{Description} may act only for agents of tenant {scope.TenantId}";
        return null;
    }

    /// <summary>The caller of a socket request: a same-origin console user, else an API key, else anonymous.</summary>
    public static async Task<SocketCaller> IdentifyAsync(HttpContext http)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true && IsSameOrigin(http.Request))
        {
            var id = user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "";
            var name = $"console user '{user.Identity.Name}'";
            if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor)) return new SocketCaller("user:" + id, name, null, user.Scope());
            if (!user.IsInRole(Roles.Agent) || id.Length == 0) return new SocketCaller("user:" + id, name, "", null);
            var link = await http.RequestServices.GetRequiredService<SoftphoneProfileService>().LinkOfUserAsync(id, http.RequestAborted);
            return new SocketCaller("user:" + id, name, link?.Dn ?? "", null);
        }
        var auth = http.Request.Headers.Authorization.ToString();
        var key = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : http.Request.Headers["X-Api-Key"].ToString();
        if (string.IsNullOrWhiteSpace(key)) return Anonymous;
        var caller = await http.RequestServices.GetRequiredService<ApiKeyService>().AuthenticateAsync(key, http.RequestAborted);
        // A key that is presented but not valid is not silently downgraded to anonymous.
        return caller is null
            ? InvalidKey
            : new SocketCaller("key:" + caller.KeyId, $"API key '{caller.KeyName}'", null, caller.Scope);
    }

    /// <summary>True without an Origin header (not a browser page) or when Origin names this host.</summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin)) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
               && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
