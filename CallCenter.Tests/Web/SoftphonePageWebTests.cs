using System.Net;
using CallCenter.Infrastructure.Identity;
using CallCenter.Tests.Support;

namespace CallCenter.Tests.Web;

/// <summary>/softphone: for Agent users; one without a linked agent is told so; other roles are refused.</summary>
public class SoftphonePageWebTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    private const string Password = "Phone#Test2026";

    [Fact]
    public async Task An_agent_user_gets_its_softphone_and_one_without_an_agent_a_clear_message()
    {
        await app.CreateUserAsync("phone-agent", Password, Roles.Agent, 10001, "10001_1002");
        var linked = await (await app.SignedInClientAsync("phone-agent", Password)).GetStringAsync("/softphone");
        Assert.Contains("data-testid=\"softphone\"", linked);
        Assert.Contains("10001_1002", linked);

        await app.CreateUserAsync("phone-nolink", Password, Roles.Agent, 10001);
        var unlinked = await (await app.SignedInClientAsync("phone-nolink", Password)).GetStringAsync("/softphone");
        Assert.Contains("data-testid=\"no-agent\"", unlinked);
        Assert.Contains("Your user is not linked to an agent", unlinked);
        Assert.DoesNotContain("data-testid=\"softphone\"", unlinked);
    }

    [Fact]
    public async Task A_supervisor_is_refused_the_softphone()
    {
        await app.CreateUserAsync("phone-supervisor", Password, Roles.Supervisor, 10001);
        var client = await app.SignedInClientAsync("phone-supervisor", Password);
        var response = await client.GetAsync("/softphone");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/denied", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
    }
}
