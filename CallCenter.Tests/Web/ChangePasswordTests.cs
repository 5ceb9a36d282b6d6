using System.Net;
using CallCenter.Infrastructure.Identity;
using CallCenter.Tests.Support;

namespace CallCenter.Tests.Web;

/// <summary>/account/password: the static form and its POST endpoint (antiforgery, Identity's rules, sign-in refresh).</summary>
public class ChangePasswordTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    private const string OldPassword = "Old#Pass2026";
    private const string NewPassword = "New#Pass2026";

    private static Uri Resolve(HttpClient client, HttpResponseMessage response) =>
        new(client.BaseAddress!, response.Headers.Location ?? throw new InvalidOperationException("no Location header"));

    /// <summary>GETs the form (for its antiforgery token) and posts it.</summary>
    private static async Task<HttpResponseMessage> PostChangeAsync(HttpClient client, string current, string next, string? confirm = null)
    {
        var page = await client.GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["currentPassword"] = current,
            ["newPassword"] = next,
            ["confirmPassword"] = confirm ?? next,
            ["__RequestVerificationToken"] = CallCenterAppFactory.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
        }));
    }

    private async Task<bool> CanSignInAsync(string user, string password)
    {
        using var client = app.CreateCookieClient();
        var response = await CallCenterAppFactory.PostLoginAsync(client, user, password);
        return CallCenterAppFactory.SetsCookie(response, CallCenterAppFactory.AuthCookieName);
    }

    [Fact]
    public async Task The_form_is_linked_from_the_console_and_needs_a_signed_in_user()
    {
        using var anonymous = app.CreateCookieClient();
        var denied = await anonymous.GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("/account/login", Resolve(anonymous, denied).AbsolutePath);

        using var client = await app.SignedInClientAsync();
        var home = await client.GetStringAsync("/");
        Assert.Contains("href=\"/account/password\"", home);
        var form = await client.GetStringAsync("/account/password");
        Assert.Contains("action=\"/account/password\"", form);
        Assert.Contains("name=\"currentPassword\"", form);
        Assert.Contains("name=\"newPassword\"", form);
        Assert.Contains("At least 8 characters, with a digit, a lower-case letter, an upper-case letter and a symbol.", form);
    }

    [Fact]
    public async Task A_wrong_current_password_is_reported_and_the_old_password_still_works()
    {
        await app.CreateUserAsync("pw-wrong", OldPassword, Roles.Supervisor);
        using var client = await app.SignedInClientAsync("pw-wrong", OldPassword);

        var response = await PostChangeAsync(client, "Not#ThePassword1", NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = Resolve(client, response);
        Assert.Equal("/account/password", target.AbsolutePath);
        Assert.Equal("?error=wrong", target.Query);
        Assert.Contains("The current password is not correct.", await client.GetStringAsync(target.PathAndQuery));
        Assert.True(await CanSignInAsync("pw-wrong", OldPassword));
        Assert.False(await CanSignInAsync("pw-wrong", NewPassword));
    }

    [Fact]
    public async Task The_right_current_password_changes_it_and_keeps_the_session()
    {
        await app.CreateUserAsync("pw-right", OldPassword, Roles.Supervisor);
        using var client = await app.SignedInClientAsync("pw-right", OldPassword);

        var response = await PostChangeAsync(client, OldPassword, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/password?done=1", Resolve(client, response).PathAndQuery);
        // The sign-in was refreshed with the new security stamp.
        Assert.True(CallCenterAppFactory.SetsCookie(response, CallCenterAppFactory.AuthCookieName));
        var done = await client.GetAsync("/account/password?done=1");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("Your password was changed.", await done.Content.ReadAsStringAsync());

        Assert.True(await CanSignInAsync("pw-right", NewPassword));
        Assert.False(await CanSignInAsync("pw-right", OldPassword));
    }

    [Fact]
    public async Task A_weak_new_password_shows_identitys_rules_and_changes_nothing()
    {
        await app.CreateUserAsync("pw-weak", OldPassword, Roles.Supervisor);
        using var client = await app.SignedInClientAsync("pw-weak", OldPassword);

        var response = await PostChangeAsync(client, OldPassword, "abc");

        var target = Resolve(client, response);
        Assert.Equal("/account/password", target.AbsolutePath);
        Assert.DoesNotContain("abc", target.Query); // never the input itself
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(target.PathAndQuery));
        Assert.Contains("Passwords must be at least 8 characters.", html);
        Assert.Contains("Passwords must have at least one digit ('0'-'9').", html);
        Assert.True(await CanSignInAsync("pw-weak", OldPassword));
    }

    [Fact]
    public async Task A_mismatched_confirmation_or_a_missing_token_changes_nothing()
    {
        await app.CreateUserAsync("pw-confirm", OldPassword, Roles.Supervisor);
        using var client = await app.SignedInClientAsync("pw-confirm", OldPassword);

        var mismatch = await PostChangeAsync(client, OldPassword, NewPassword, confirm: NewPassword + "x");
        Assert.Equal("?error=confirm", Resolve(client, mismatch).Query);

        var noToken = await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["currentPassword"] = OldPassword, ["newPassword"] = NewPassword, ["confirmPassword"] = NewPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, noToken.StatusCode);
        Assert.Equal("?error=expired", Resolve(client, noToken).Query);

        Assert.True(await CanSignInAsync("pw-confirm", OldPassword));
        Assert.False(await CanSignInAsync("pw-confirm", NewPassword));
    }
}
