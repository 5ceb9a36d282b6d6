using System.Net;
using CallCenter.Tests.Support;

namespace CallCenter.Tests.Web;

/// <summary>The factory can run the app on a real Kestrel socket, as browser tests will need.</summary>
public class KestrelHostTests
{
    [Fact]
    public async Task App_serves_on_a_real_loopback_port()
    {
        using var app = new CallCenterAppFactory();
        var baseAddress = app.StartKestrelServer();

        var uri = new Uri(baseAddress);
        Assert.Equal("127.0.0.1", uri.Host);
        Assert.NotEqual(0, uri.Port);

        // A plain socket client, not the factory's in-memory handler.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = uri };
        var login = await http.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Sign in", await login.Content.ReadAsStringAsync());

        // The MudBlazor assets the browser will load are served.
        var css = await http.GetAsync("/_content/MudBlazor/MudBlazor.min.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);

        // Sign-in works end to end over the socket too.
        using var cookies = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = uri };
        var response = await CallCenterAppFactory.PostLoginAsync(cookies, CallCenterAppFactory.AdminUserName, CallCenterAppFactory.AdminPassword, "/tenants");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookies.GetAsync("/tenants")).StatusCode);
    }
}
