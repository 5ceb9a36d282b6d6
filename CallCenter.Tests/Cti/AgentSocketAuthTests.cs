using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.ApiKeys;
using CallCenter.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Cti;

/// <summary>A host whose agent sockets must be signed in (Cti:RequireSignIn).</summary>
public sealed class SignedInCtiAppFactory : CtiAppFactory
{
    public SignedInCtiAppFactory() => Settings["Cti:RequireSignIn"] = "true";
}

/// <summary>
/// Who may act for which agent over the agent socket (decision P-auth): plain clients as the source documents; a
/// signed-in Agent user only for its own agent; a supervisor or API key for agents of its tenant; sessions resumed only
/// by their owner.
/// </summary>
public sealed class AgentSocketAuthTests(CtiAppFactory app) : IClassFixture<CtiAppFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (app.BaseUrl.Length == 0)
        {
            app.Start();
            await app.CreateUserAsync("agent1000", "Agent#Pass2026", Roles.Agent, 10001, "10001_1000");
            await app.CreateUserAsync("nolink", "Agent#Pass2026", Roles.Agent, 10001);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    internal static JsonObject Login(string dn) =>
        new() { ["messageId"] = 100, ["extension"] = dn.Split('_')[1], ["thisQueues"] = new JsonArray() };

    internal static Action<ClientWebSocketOptions> WithCookie(string cookie, string? origin) => o =>
    {
        o.SetRequestHeader("Cookie", cookie);
        if (origin is not null) o.SetRequestHeader("Origin", origin);
    };

    private static async Task<JsonObject> LoginAsync(ProtocolClient c, string dn)
    {
        var before = c.Received.Count;
        await c.SendRawAsync(new JsonObject { ["thisDN"] = dn, ["type"] = "login", ["message"] = Login(dn).ToJsonString() }.ToJsonString());
        return await c.NextAsync(x => (int?)x["messageId"] is 580 or 9999, "580 or 9999", before);
    }

    internal static async Task LogoutAsync(ProtocolClient c)
    {
        await c.SendAsync(new JsonObject { ["messageId"] = 103 });
        await c.WaitForAsync(581);
    }

    [Fact]
    public async Task An_agent_users_socket_logs_in_its_own_agent_and_no_other()
    {
        var cookie = await app.AuthCookieAsync("agent1000", "Agent#Pass2026");
        await using var c = await ProtocolClient.ConnectAsync(app.BaseUrl, "10001_1000", Guid.NewGuid().ToString("N"),
            configure: WithCookie(cookie, app.BaseUrl));
        var other = await LoginAsync(c, "10001_1001");
        Assert.Equal((9999, 100, 14), ((int?)other["messageId"], (int?)other["errorMessageId"], (int?)other["errorCode"]));
        Assert.Contains("console user 'agent1000' may act only for agent 10001_1000", (string?)other["errorMessage"]);
        Assert.Equal(580, (int?)(await LoginAsync(c, "10001_1000"))["messageId"]);
        await LogoutAsync(c);
    }

    [Fact]
    public async Task A_user_without_an_agent_cannot_act_for_any()
    {
        var cookie = await app.AuthCookieAsync("nolink", "Agent#Pass2026");
        await using var c = await ProtocolClient.ConnectAsync(app.BaseUrl, "10001_1002", configure: WithCookie(cookie, null));
        var refused = await LoginAsync(c, "10001_1002");
        Assert.Equal(14, (int?)refused["errorCode"]);
        Assert.Contains("is not linked to an agent", (string?)refused["errorMessage"]);
    }

    [Fact]
    public async Task A_cookie_sent_from_another_site_does_not_count_and_a_plain_client_acts_as_the_source_documents()
    {
        var cookie = await app.AuthCookieAsync("agent1000", "Agent#Pass2026");
        await using (var c = await ProtocolClient.ConnectAsync(app.BaseUrl, "10001_1003", configure: WithCookie(cookie, "http://evil.example")))
        {
            // Anonymous, as without the cookie: the open protocol of the source (Cti:RequireSignIn is false here).
            Assert.Equal(580, (int?)(await LoginAsync(c, "10001_1003"))["messageId"]);
            await LogoutAsync(c);
        }
        await using var plain = await ProtocolClient.ConnectAsync(app.BaseUrl, "10001_1004");
        Assert.Equal(580, (int?)(await LoginAsync(plain, "10001_1004"))["messageId"]);
        await LogoutAsync(plain);
    }

    [Fact]
    public async Task A_session_is_resumed_only_by_the_user_who_opened_it()
    {
        var cookie = await app.AuthCookieAsync("agent1000", "Agent#Pass2026");
        var session = Guid.NewGuid().ToString("N");
        await using (var c = await ProtocolClient.ConnectAsync(app.BaseUrl, "10001_1000", session, configure: WithCookie(cookie, null)))
            await c.SendRawAsync("""{"thisDN":"10001_1000","message":"ping","type":"ping"}""");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => ProtocolClient.ConnectAsync(app.BaseUrl, "10001_1000", session, 0));
        Assert.Contains("403", refused.Message);
        await using var owner = await ProtocolClient.ConnectAsync(app.BaseUrl, "10001_1000", session, 0, WithCookie(cookie, app.BaseUrl));
        await owner.SendRawAsync("""{"thisDN":"10001_1000","message":"ping","type":"ping"}""");
        await owner.WaitForAsync(3);
    }

    [Fact]
    public async Task An_agent_user_answers_only_its_own_simulated_phone()
    {
        using var client = app.CreateCookieClient();
        var login = await CallCenter.Tests.Support.CallCenterAppFactory.PostLoginAsync(client, "agent1000", "Agent#Pass2026");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var other = await client.PostAsJsonAsync("/cti/simulation/answer", new { tenantId = 10001, extension = "1001" });
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("only its own phone (1000)", await other.Content.ReadAsStringAsync());
        var own = await client.PostAsJsonAsync("/cti/simulation/answer", new { tenantId = 10001, extension = "1000" });
        Assert.Equal(HttpStatusCode.NotFound, own.StatusCode); // allowed; nothing rings there
    }
}

/// <summary>Cti:RequireSignIn: anonymous sockets are refused; a console sign-in or an API key of the tenant connects.</summary>
public sealed class AgentSocketRequireSignInTests(SignedInCtiAppFactory app) : IClassFixture<SignedInCtiAppFactory>, IAsyncLifetime
{
    public Task InitializeAsync()
    {
        if (app.BaseUrl.Length == 0) app.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> KeyAsync(int? tenant) => await app.WithScopeAsync(async sp =>
        (await sp.GetRequiredService<ApiKeyService>().CreateAsync("socket key", tenant, TenantScope.All, "tests")).Key!);

    [Fact]
    public async Task Anonymous_cross_site_and_bad_key_sockets_get_401()
    {
        Assert.Contains("401", (await Assert.ThrowsAsync<WebSocketException>(() => ProtocolClient.ConnectAsync(app.BaseUrl, "10001_1000"))).Message);
        await app.CreateUserAsync("agent1001", "Agent#Pass2026", Roles.Agent, 10001, "10001_1001");
        var cookie = await app.AuthCookieAsync("agent1001", "Agent#Pass2026");
        Assert.Contains("401", (await Assert.ThrowsAsync<WebSocketException>(() =>
            ProtocolClient.ConnectAsync(app.BaseUrl, "10001_1001", configure: AgentSocketAuthTests.WithCookie(cookie, "http://evil.example")))).Message);
        Assert.Contains("401", (await Assert.ThrowsAsync<WebSocketException>(() =>
            ProtocolClient.ConnectAsync(app.BaseUrl, "10001_1001", configure: o => o.SetRequestHeader("Authorization", "Bearer cck_nope")))).Message);
    }

    [Fact]
    public async Task An_api_key_acts_for_agents_of_its_tenant_only()
    {
        var key = await KeyAsync(10001);
        await using var c = await ProtocolClient.ConnectAsync(app.BaseUrl, "10001_1002",
            configure: o => o.SetRequestHeader("Authorization", "Bearer " + key));
        await c.SendAsync(new JsonObject { ["messageId"] = 100, ["extension"] = "1002", ["thisQueues"] = new JsonArray() }, "login");
        await c.WaitForAsync(580);
        var foreign = new JsonObject { ["thisDN"] = "10002_1000", ["type"] = "request",
            ["message"] = new JsonObject { ["messageId"] = 101, ["thisDN"] = "10002_1000" }.ToJsonString() };
        await c.SendRawAsync(foreign.ToJsonString());
        var refused = await c.WaitForAsync(9999);
        Assert.Contains("may act only for agents of tenant 10001", (string?)refused["errorMessage"]);
        await AgentSocketAuthTests.LogoutAsync(c);
    }
}
