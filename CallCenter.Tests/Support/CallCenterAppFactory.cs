using System.Net;
using System.Text.RegularExpressions;
using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Support;

/// <summary>
/// The real web host (Program) over a real SQLite database in its own temp folder, environment "Testing",
/// with a known first-Admin password. Use as <c>IClassFixture</c> for a fresh database per test class, or
/// construct directly (e.g. two hosts over one <see cref="DataFolder"/> to test a restart).
/// </summary>
public class CallCenterAppFactory : WebApplicationFactory<Program>
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "Admin#Test2026";
    public const string AuthCookieName = "callcenter.auth";

    private readonly bool _deleteFolderOnDispose;
    private bool _cleanedUp;

    /// <summary>Fresh temp folder, demo data seeded; the folder is deleted on dispose.</summary>
    public CallCenterAppFactory() : this(dataFolder: null) { }

    /// <param name="dataFolder">App:DataFolder; null = a fresh temp folder owned (deleted) by this factory.</param>
    /// <param name="seedDemoData">Database:SeedDemoData.</param>
    /// <param name="deleteFolderOnDispose">Defaults to true for an owned temp folder, false for a given one.</param>
    // Not public: xunit class fixtures must have exactly one public constructor.
    protected internal CallCenterAppFactory(string? dataFolder, bool seedDemoData = true, bool? deleteFolderOnDispose = null)
    {
        DataFolder = dataFolder ?? TestFolders.Create();
        SeedDemoData = seedDemoData;
        _deleteFolderOnDispose = deleteFolderOnDispose ?? dataFolder is null;
    }

    public string DataFolder { get; }
    public bool SeedDemoData { get; }
    public string DatabaseFile => Path.Combine(DataFolder, "callcenter.db");

    /// <summary>Extra configuration applied last (wins over appsettings.json); set before the host starts.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Serve the static web assets of referenced packages (_content/MudBlazor/...) from the build output, as
        // Development does; outside Development they exist only after publish.
        builder.UseStaticWebAssets();
        var settings = new Dictionary<string, string?>
        {
            ["App:DataFolder"] = DataFolder,
            ["Admin:UserName"] = AdminUserName,
            ["Admin:Password"] = AdminPassword,
            ["Database:Provider"] = "Sqlite",
            ["Database:SeedDemoData"] = SeedDemoData ? "true" : "false",
            ["Database:SeedDemoUsers"] = "false", // tests create the users they need
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        };
        foreach (var (k, v) in Settings) settings[k] = v;
        // UseSetting is visible to Program while it registers services (before Build); ConfigureAppConfiguration is
        // not, because the minimal host applies it only when the host is built.
        foreach (var (k, v) in settings) builder.UseSetting(k, v);
    }

    // ---------------------------------------------------------------- clients and sign-in

    /// <summary>A client that keeps cookies and does not follow redirects (so tests can assert them).</summary>
    public HttpClient CreateCookieClient() => KestrelAddress is null
        ? CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })
        // On Kestrel, a plain client over the socket (the factory's client would follow redirects in its inner handler).
        : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(KestrelAddress),
        };

    /// <summary>The Kestrel base address after <see cref="StartKestrelServer"/>; null on the in-memory server.</summary>
    public string? KestrelAddress { get; private set; }

    /// <summary>Signs in through the real form (GET the page, scrape the antiforgery token, POST); throws unless it worked.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName = AdminUserName, string password = AdminPassword)
    {
        var client = CreateCookieClient();
        var response = await PostLoginAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect || !SetsCookie(response, AuthCookieName))
            throw new InvalidOperationException(
                $"Sign-in of '{userName}' failed: {(int)response.StatusCode} → {response.Headers.Location}");
        return client;
    }

    /// <summary>GET /account/login, then POST the form with its antiforgery token; returns the POST response.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var page = await client.GetAsync("/account/login");
        page.EnsureSuccessStatusCode();
        var token = AntiforgeryToken(await page.Content.ReadAsStringAsync());
        var form = new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        };
        if (returnUrl is not null) form["returnUrl"] = returnUrl;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(form));
    }

    /// <summary>The value of the hidden __RequestVerificationToken input of a rendered form.</summary>
    public static string AntiforgeryToken(string html)
    {
        var input = Regex.Match(html, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*>", RegexOptions.IgnoreCase);
        if (!input.Success) throw new InvalidOperationException("No __RequestVerificationToken field in the page.");
        var value = Regex.Match(input.Value, "value=\"([^\"]*)\"", RegexOptions.IgnoreCase);
        if (!value.Success) throw new InvalidOperationException("The antiforgery field has no value.");
        return WebUtility.HtmlDecode(value.Groups[1].Value);
    }

    /// <summary>Signs in through the real form and returns the auth cookie as a Cookie header value ("callcenter.auth=…").</summary>
    public async Task<string> AuthCookieAsync(string userName, string password)
    {
        using var client = CreateCookieClient();
        var response = await PostLoginAsync(client, userName, password);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(AuthCookieName + "=", StringComparison.Ordinal))
            : null;
        return cookie?.Split(';')[0] ?? throw new InvalidOperationException($"Sign-in of '{userName}' set no auth cookie.");
    }

    public static bool SetsCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith(name + "=", StringComparison.Ordinal) && !c.StartsWith(name + "=;", StringComparison.Ordinal));

    // ---------------------------------------------------------------- data helpers

    /// <summary>
    /// Creates a console user with one role and an optional tenant scope (null = all tenants); <paramref name="agentDn"/>
    /// links an Agent user to that agent (e.g. 10001_1000).
    /// </summary>
    public async Task<ApplicationUser> CreateUserAsync(string userName, string password, string role, int? tenantId = null, string? agentDn = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        int? agentId = null;
        if (agentDn is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<CallCenterDbContext>();
            if (!CallCenter.Domain.Common.Dn.TryParse(agentDn, out var agentTenant, out var code))
                throw new ArgumentException($"'{agentDn}' is not an agent DN.", nameof(agentDn));
            agentId = (await db.Agents.SingleAsync(a => a.TenantId == agentTenant && a.Code == code)).Id;
        }
        var user = new ApplicationUser
        {
            UserName = userName, DisplayName = userName, TenantId = tenantId, AgentId = agentId, EmailConfirmed = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded) throw new InvalidOperationException(string.Join(" ", added.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>Runs <paramref name="work"/> against a fresh DbContext of the running host.</summary>
    public async Task<T> WithDbAsync<T>(Func<CallCenterDbContext, Task<T>> work)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync();
        return await work(db);
    }

    /// <summary>Runs <paramref name="work"/> with a service scope of the running host.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    // ---------------------------------------------------------------- real server for browser tests

    /// <summary>
    /// Starts the app on Kestrel at http://127.0.0.1 with a free port (instead of the in-memory TestServer) and returns the
    /// base address, e.g. "http://127.0.0.1:41234". Call before anything else touches the factory (CreateClient, Services).
    /// <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> then talks to the same Kestrel server.
    /// </summary>
    public string StartKestrelServer()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
                      ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        return KestrelAddress = address.TrimEnd('/');
    }

    // ---------------------------------------------------------------- clean-up

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || _cleanedUp) return;
        _cleanedUp = true;
        if (_deleteFolderOnDispose) TestFolders.Delete(DataFolder);
    }
}
