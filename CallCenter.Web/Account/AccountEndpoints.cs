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

        // A cross-site form must not be able to sign the user out: without a valid token nothing happens.
        app.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<ApplicationUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.LocalRedirect("/account/login");
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).DisableAntiforgery();

        app.MapPost("/account/password", async ([FromForm] string? currentPassword, [FromForm] string? newPassword,
            [FromForm] string? confirmPassword, HttpContext http, IAntiforgery antiforgery,
            UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) =>
        {
            // Outcomes go back as short codes (see PasswordChangeErrors), never as user input.
            const string page = "/account/password";
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.Redirect($"{page}?error=expired");
            var user = await users.GetUserAsync(http.User);
            if (user is null) return Results.Redirect($"/account/login?returnUrl={Uri.EscapeDataString(page)}");
            if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
                return Results.Redirect($"{page}?error=missing");
            if (newPassword != confirmPassword) return Results.Redirect($"{page}?error=confirm");

            var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
            if (!changed.Succeeded)
            {
                if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
                {
                    // A wrong current password counts as a failed sign-in, so the form cannot be used to guess it.
                    await users.AccessFailedAsync(user);
                    if (await users.IsLockedOutAsync(user))
                    {
                        await signIn.SignOutAsync();
                        return Results.Redirect("/account/login?error=locked");
                    }
                }
                return Results.Redirect($"{page}?error={PasswordChangeErrors.Codes(changed.Errors)}");
            }
            await users.ResetAccessFailedCountAsync(user);
            // The new password renewed the security stamp: issue a fresh cookie so this session stays signed in.
            await signIn.RefreshSignInAsync(user);
            return Results.Redirect($"{page}?done=1");
        }).DisableAntiforgery().RequireAuthorization();
    }

    /// <summary>Only local paths; anything else (absolute URLs, //host) goes home.</summary>
    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
