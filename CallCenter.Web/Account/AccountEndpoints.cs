using CallCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CallCenter.Web.Account;

public static class AccountEndpoints
{
    /// <summary>Form posts from the static sign-in page; cookies can only be set outside the interactive circuit.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", async ([FromForm] string? userName, [FromForm] string? password,
            [FromForm] string? returnUrl, HttpContext http, IAntiforgery antiforgery, SignInManager<ApplicationUser> signIn) =>
        {
            var back = SafeReturnUrl(returnUrl);
            // Validated here rather than by the antiforgery middleware: a stale form (e.g. opened before a restart)
            // goes back to the form with a message. Left to the middleware, the 400 is re-executed by
            // UseStatusCodePagesWithReExecute, which reads the rejected form again and fails with a 500.
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Redirect($"/account/login?error=expired&returnUrl={Uri.EscapeDataString(back)}");
            if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
                return Results.Redirect($"/account/login?error=missing&returnUrl={Uri.EscapeDataString(back)}");
            var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: true, lockoutOnFailure: true);
            if (result.Succeeded) return Results.LocalRedirect(back);
            var error = result.IsLockedOut ? "locked" : "invalid";
            return Results.Redirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
        }).DisableAntiforgery();

        app.MapPost("/account/logout", async (SignInManager<ApplicationUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
    }

    /// <summary>Only local paths; anything else (absolute URLs, //host) goes home.</summary>
    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
