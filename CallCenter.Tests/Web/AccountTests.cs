using System.Net;
using CallCenter.Tests.Support;

namespace CallCenter.Tests.Web;

/// <summary>Sign-in, sign-out and the redirects around them, through the real form post with antiforgery.</summary>
public class AccountTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    private static Uri Resolve(HttpClient client, HttpResponseMessage response) =>
        new(client.BaseAddress!, response.Headers.Location ?? throw new InvalidOperationException("no Location header"));

    [Fact]
    public async Task Login_page_renders_the_form_with_an_antiforgery_token()
    {
        using var client = app.CreateCookieClient();
        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("action=\"/account/login\"", html);
        Assert.Contains("name=\"userName\"", html);
        Assert.Contains("name=\"password\"", html);
        Assert.False(string.IsNullOrWhiteSpace(CallCenterAppFactory.AntiforgeryToken(html)));
    }

    [Fact]
    public async Task Anonymous_request_for_tenants_redirects_to_the_login_page()
    {
        using var client = app.CreateCookieClient();
        var response = await client.GetAsync("/tenants");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = Resolve(client, response);
        Assert.Equal("/account/login", target.AbsolutePath);
        Assert.Contains("tenants", Uri.UnescapeDataString(target.Query), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Wrong_password_redirects_back_with_error_invalid_and_sets_no_auth_cookie()
    {
        using var client = app.CreateCookieClient();
        var response = await CallCenterAppFactory.PostLoginAsync(client, CallCenterAppFactory.AdminUserName, "not-the-password");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = Resolve(client, response);
        Assert.Equal("/account/login", target.AbsolutePath);
        Assert.Contains("error=invalid", target.Query);
        Assert.False(CallCenterAppFactory.SetsCookie(response, CallCenterAppFactory.AuthCookieName));

        // Still anonymous afterwards.
        var tenants = await client.GetAsync("/tenants");
        Assert.Equal(HttpStatusCode.Redirect, tenants.StatusCode);
        Assert.Equal("/account/login", Resolve(client, tenants).AbsolutePath);

        // The login page explains the error.
        var page = await client.GetStringAsync(target.PathAndQuery);
        Assert.Contains("The user name or password is not correct.", page);
    }

    [Fact]
    public async Task Missing_password_redirects_back_with_error_missing()
    {
        using var client = app.CreateCookieClient();
        var response = await CallCenterAppFactory.PostLoginAsync(client, CallCenterAppFactory.AdminUserName, "");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=missing", Resolve(client, response).Query);
        Assert.False(CallCenterAppFactory.SetsCookie(response, CallCenterAppFactory.AuthCookieName));
    }

    [Fact]
    public async Task Login_without_antiforgery_token_is_sent_back_to_the_form_and_not_signed_in()
    {
        using var client = app.CreateCookieClient();
        await client.GetAsync("/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = CallCenterAppFactory.AdminUserName,
            ["password"] = CallCenterAppFactory.AdminPassword,
        }));

        Assert.False(CallCenterAppFactory.SetsCookie(response, CallCenterAppFactory.AuthCookieName));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = Resolve(client, response);
        Assert.Equal("/account/login", target.AbsolutePath);
        Assert.Contains("error=expired", target.Query);
        Assert.Contains("The sign-in form expired.", await client.GetStringAsync(target.PathAndQuery));
    }

    [Fact]
    public async Task Login_with_a_forged_antiforgery_token_is_rejected()
    {
        using var client = app.CreateCookieClient();
        await client.GetAsync("/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = CallCenterAppFactory.AdminUserName,
            ["password"] = CallCenterAppFactory.AdminPassword,
            ["__RequestVerificationToken"] = "CfDJ8forged-token",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=expired", Resolve(client, response).Query);
        Assert.False(CallCenterAppFactory.SetsCookie(response, CallCenterAppFactory.AuthCookieName));
    }

    [Fact]
    public async Task Successful_login_sets_the_auth_cookie_and_redirects_to_a_local_return_url()
    {
        using var client = app.CreateCookieClient();
        var response = await CallCenterAppFactory.PostLoginAsync(client, CallCenterAppFactory.AdminUserName,
            CallCenterAppFactory.AdminPassword, returnUrl: "/tenants");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/tenants", response.Headers.Location!.OriginalString);
        Assert.True(CallCenterAppFactory.SetsCookie(response, CallCenterAppFactory.AuthCookieName));

        var tenants = await client.GetAsync("/tenants");
        Assert.Equal(HttpStatusCode.OK, tenants.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example/path")]
    [InlineData("/\\evil.example")]
    public async Task Login_with_a_foreign_return_url_lands_on_home(string returnUrl)
    {
        using var client = app.CreateCookieClient();
        var response = await CallCenterAppFactory.PostLoginAsync(client, CallCenterAppFactory.AdminUserName,
            CallCenterAppFactory.AdminPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.True(CallCenterAppFactory.SetsCookie(response, CallCenterAppFactory.AuthCookieName));
    }

    [Fact]
    public async Task Logout_clears_the_session()
    {
        using var client = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tenants")).StatusCode);

        // The logout form lives on the (prerendered) console layout; take its antiforgery token from there.
        var home = await client.GetStringAsync("/");
        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = CallCenterAppFactory.AntiforgeryToken(home),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.OriginalString);
        var after = await client.GetAsync("/tenants");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/login", Resolve(client, after).AbsolutePath);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("CfDJ8forged-token")]
    public async Task Logout_without_a_valid_antiforgery_token_does_not_sign_out(string? token)
    {
        using var client = await app.SignedInClientAsync();
        var form = new Dictionary<string, string>();
        if (token is not null) form["__RequestVerificationToken"] = token;

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", Resolve(client, response).AbsolutePath);
        // The auth cookie was not cleared: the session still reaches Admin pages.
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
                     && cookies.Any(c => c.StartsWith(CallCenterAppFactory.AuthCookieName + "=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tenants")).StatusCode);
    }
}
